import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { ArchiveStore, SqlValue } from "../archive-store.ts";
import { archiveServerLabel, archiveUrlWithPassword, redactArchiveUrl } from "./archive-url.ts";
import { PG_GUARD_TRIGGERS, PG_MIGRATIONS, PG_SCHEMA_VERSION } from "./pg-migrations.ts";
import { PgQueryError, PgSyncClient } from "./pg-sync-client.ts";

/**
 * The archive in a PostgreSQL database shared by a centre's PCs. Every write transaction first
 * takes one advisory lock (pg_advisory_xact_lock, released at COMMIT or ROLLBACK, or when the
 * connection drops): writers from every PC run one after another, as BEGIN IMMEDIATE does on
 * SQLite, so the audit chain stays linear and "is this input already archived in this role?" and
 * the insert are one step.
 */

/** Advisory lock keys (the two-int form, first int "hocb"): one for writes, one for migrations. */
const LOCK_CLASS = 0x686f6362;
const WRITE_LOCK = 1;
const MIGRATE_LOCK = 2;

export class PgArchiveStore implements ArchiveStore {
  readonly engine = "postgres";
  private inTransaction = false;

  private constructor(
    readonly location: string,
    /** host:port/database (user): what error messages name (never the password). */
    private readonly server: string,
    private readonly client: PgSyncClient,
  ) {}

  /** Connects and brings the schema up to date (creating it in an empty database). */
  static open(
    given: string,
    options: { connectTimeoutMs?: number; lockTimeoutMs?: number } = {},
  ): PgArchiveStore {
    const url = archiveUrlWithPassword(given);
    const location = redactArchiveUrl(url);
    let client: PgSyncClient;
    try {
      client = new PgSyncClient(url, options);
    } catch (err) {
      throw new HocBaError(
        "ARCHIVE_OPEN_FAILED",
        { file: location, detail: (err as Error).message },
        { cause: err },
      );
    }
    const store = new PgArchiveStore(location, archiveServerLabel(url), client);
    try {
      store.migrate();
    } catch (err) {
      client.close();
      if (err instanceof HocBaError) throw err;
      throw (
        unreachable(err, store.server, client.connectTimeoutMs) ??
        archiveError(err, store.server, "ARCHIVE_OPEN_FAILED", { file: location })
      );
    }
    return store;
  }

  private migrate(): void {
    this.transaction(MIGRATE_LOCK, () => {
      this.client.query(
        "CREATE TABLE IF NOT EXISTS hocba_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
      );
      const current =
        this.client.query<{ v: number | null }>("SELECT MAX(version) AS v FROM hocba_schema").rows[0]?.v ?? 0;
      if (current > PG_SCHEMA_VERSION) {
        throw new HocBaError("ARCHIVE_NEWER_SCHEMA", { file: this.location, version: current });
      }
      for (const m of PG_MIGRATIONS) {
        if (m.version <= current) continue;
        this.client.query(m.sql);
        this.client.query("INSERT INTO hocba_schema (version, name) VALUES ($1, $2)", [m.version, m.name]);
      }
    });
  }

  get open(): boolean {
    return this.client.open;
  }

  get<R>(sql: string, params: SqlValue[] = []): R | undefined {
    return this.all<R>(sql, params)[0];
  }

  all<R>(sql: string, params: SqlValue[] = []): R[] {
    try {
      return this.client.query<R>(numbered(sql), params, { retryable: !this.inTransaction }).rows;
    } catch (err) {
      throw this.inTransaction
        ? err
        : archiveError(err, this.server, "ARCHIVE_OPEN_FAILED", { file: this.location });
    }
  }

  run(sql: string, params: SqlValue[] = []): void {
    this.all(sql, params);
  }

  writeTransaction<T>(fn: () => T): T {
    try {
      return this.transaction(WRITE_LOCK, fn);
    } catch (err) {
      if (isConnectionLost(err)) throw archiveError(err, this.server, "ARCHIVE_OPEN_FAILED", {});
      throw err;
    }
  }

  private transaction<T>(lock: number, fn: () => T): T {
    if (this.inTransaction) return fn();
    this.client.query("BEGIN", [], { retryable: true });
    this.inTransaction = true;
    try {
      this.lockFor(lock);
      const result = fn();
      this.client.query("COMMIT");
      return result;
    } catch (err) {
      try {
        this.client.query("ROLLBACK");
      } catch {
        // The connection is gone: the server rolled the transaction back itself.
      }
      throw err;
    } finally {
      this.inTransaction = false;
    }
  }

  /** Takes the write (or migration) lock; another PC holding it past lock_timeout: ARCHIVE_BUSY. */
  private lockFor(lock: number): void {
    try {
      this.client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_CLASS, lock]);
    } catch (err) {
      // 55P03 lock_not_available: the wait ran past lock_timeout.
      if (!(err instanceof PgQueryError) || err.code !== "55P03") throw err;
      throw new HocBaError(
        "ARCHIVE_BUSY",
        { server: this.server, seconds: Math.round(this.client.lockTimeoutMs / 1000) },
        { cause: err },
      );
    }
  }

  missingGuards(): string[] {
    const present = new Set(
      this.all<{ name: string }>(
        "SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid " +
          "WHERE c.relname IN ('documents', 'audit_log') AND c.relnamespace = current_schema()::regnamespace " +
          "AND NOT t.tgisinternal AND t.tgenabled <> 'D'",
      ).map((r) => r.name),
    );
    return PG_GUARD_TRIGGERS.filter((name) => !present.has(name));
  }

  close(): void {
    this.client.close();
  }
}

/** `?` parameters (the SQL HocBaArchive shares with SQLite) as PostgreSQL's `$1`, `$2`… */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function isConnectionLost(err: unknown): boolean {
  return err instanceof PgQueryError && err.connectionLost;
}

/**
 * At open, a server that could not be reached (refused, unknown host, no route:
 * ARCHIVE_SERVER_UNREACHABLE) or did not answer within the connect timeout (ARCHIVE_CONNECT_TIMEOUT):
 * nothing was read or written, and the message says what to check. A refused login or a TLS
 * certificate not trusted stays ARCHIVE_OPEN_FAILED.
 */
function unreachable(err: unknown, server: string, timeoutMs: number): HocBaError | null {
  if (!(err instanceof PgQueryError) || !err.connect.failed) return null;
  if (err.connect.timedOut) {
    return new HocBaError(
      "ARCHIVE_CONNECT_TIMEOUT",
      { server, seconds: Math.round(timeoutMs / 1000) },
      { cause: err },
    );
  }
  if (!err.connectionLost) return null;
  return new HocBaError("ARCHIVE_SERVER_UNREACHABLE", { server, detail: err.message }, { cause: err });
}

/**
 * A lost connection as ARCHIVE_CONNECTION_LOST (the same for every call: the batch says it for each
 * remaining document); anything else as `code`.
 */
function archiveError(
  err: unknown,
  server: string,
  code: "ARCHIVE_OPEN_FAILED",
  params: Record<string, string>,
): HocBaError {
  if (err instanceof HocBaError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (isConnectionLost(err)) {
    return new HocBaError("ARCHIVE_CONNECTION_LOST", { server, detail }, { cause: err });
  }
  return new HocBaError(code, { file: server, detail, ...params }, { cause: err });
}
