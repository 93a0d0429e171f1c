import { existsSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * SQLite for the archive, through one of two drivers behind the same small API (this file is the
 * only one that knows them):
 * - `node:sqlite` (DatabaseSync), Node's own SQLite, when the running Node has it (22.13 and later
 *   without a flag). The packaged helper ships Node 22 and uses it: no addon, so nothing on Windows
 *   needs the Visual C++ runtime that libsql's Windows build imports.
 * - libsql, a better-sqlite3-compatible binding with prebuilt per-platform binaries on npm, for the
 *   developer path on Node 20. Loaded only when used, and left out of the package's bundle.
 * Both give what better-sqlite3 gave: BLOBs as Buffers (libsql's `all`/`iterate` give ArrayBuffers,
 * node:sqlite gives Uint8Arrays), rows without libsql's `_metadata`, parameters always bound by
 * position (libsql reads one object argument, such as a lone Buffer or null, as named parameters),
 * `pragma(…, { simple })`, `readonly` as PRAGMA query_only (libsql ignores the option), a busy
 * timeout on every connection, transactions (node:sqlite has no helper: BEGIN [IMMEDIATE] / COMMIT /
 * ROLLBACK here, savepoints when nested) and `backup` as VACUUM INTO (neither has a backup API).
 */

declare const HOCBA_PACKAGED: boolean | undefined;

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement of either driver, parameters given by position. */
interface DriverStatement {
  run(params: unknown[]): RunResult;
  get(params: unknown[]): unknown;
  all(params: unknown[]): unknown[];
  iterate(params: unknown[]): Iterable<unknown>;
}

interface DriverDatabase {
  prepare(sql: string): DriverStatement;
  exec(sql: string): void;
  close(): void;
}

export type SqliteDriverName = "node:sqlite" | "libsql";

interface Driver {
  name: SqliteDriverName;
  open(file: string): DriverDatabase;
}

/** What is used of node:sqlite (typed here: @types/node 20 does not know the module). */
interface NodeSqliteStatement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): Iterable<unknown>;
}
interface NodeSqliteModule {
  DatabaseSync: new (file: string) => {
    prepare(sql: string): NodeSqliteStatement;
    exec(sql: string): void;
    close(): void;
  };
}

/** What is used of libsql (statements take an array of positional parameters). */
interface LibsqlStatement {
  run(params: unknown[]): RunResult;
  get(params: unknown[]): unknown;
  all(params: unknown[]): unknown[];
  iterate(params: unknown[]): Iterable<unknown>;
}
type LibsqlConstructor = new (file: string) => {
  prepare(sql: string): LibsqlStatement;
  exec(sql: string): void;
  close(): void;
};

const SQLITE_EXPERIMENTAL = /^SQLite is an experimental feature/;

/**
 * Node 22 warns on stderr once, when node:sqlite is first loaded, that SQLite is experimental: a
 * line IT and teachers would take for an error. Only that warning is dropped, and only while the
 * module loads (Node emits it synchronously from there); every other warning goes through.
 */
function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const original = Object.getOwnPropertyDescriptor(process, "emitWarning");
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === "string" ? warning : warning.message;
    const first = rest[0];
    const type =
      typeof first === "string"
        ? first
        : ((first as { type?: string } | undefined)?.type ??
          (typeof warning === "string" ? undefined : warning.name));
    if (type === "ExperimentalWarning" && SQLITE_EXPERIMENTAL.test(message)) return;
    emitWarning(warning, ...rest);
  };
  try {
    return load();
  } finally {
    if (original) Object.defineProperty(process, "emitWarning", original);
  }
}

function nodeSqliteDriver(): Driver | null {
  // Node 20 answers undefined (no such built-in); 22.5-22.12 only behind --experimental-sqlite.
  const sqlite = withoutSqliteWarning(
    () => process.getBuiltinModule("node:sqlite") as NodeSqliteModule | undefined,
  );
  if (!sqlite?.DatabaseSync) return null;
  return {
    name: "node:sqlite",
    open(file) {
      const db = new sqlite.DatabaseSync(file);
      return {
        prepare(sql) {
          const st = db.prepare(sql);
          return {
            run: (params) => st.run(...params),
            get: (params) => st.get(...params),
            all: (params) => st.all(...params),
            iterate: (params) => st.iterate(...params),
          };
        },
        exec: (sql) => db.exec(sql),
        close: () => db.close(),
      };
    },
  };
}

function libsqlDriver(): Driver {
  // The package's bundle defines HOCBA_PACKAGED, so esbuild drops this require and ships no libsql.
  const Libsql =
    typeof HOCBA_PACKAGED !== "undefined" && HOCBA_PACKAGED
      ? null
      : (createRequire(import.meta.url)("libsql") as LibsqlConstructor);
  if (!Libsql) {
    throw new Error(`this Node (${process.version}) has no node:sqlite; Node 22.13 or later is needed`);
  }
  return { name: "libsql", open: (file) => new Libsql(file) };
}

let chosen: Driver | undefined;

function driver(): Driver {
  return (chosen ??= nodeSqliteDriver() ?? libsqlDriver());
}

/** The driver openSqlite uses in this process: node:sqlite when Node has it, else libsql. */
export function sqliteDriverName(): SqliteDriverName {
  return driver().name;
}

/** A BLOB as a Buffer (libsql: ArrayBuffer from `all`/`iterate`; node:sqlite: Uint8Array), no copy. */
function asBuffer(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return value;
}

/** A row as better-sqlite3 gave it: BLOBs as Buffers, without libsql's `_metadata`. */
function cleanRow<R>(row: unknown): R {
  if (row === null || typeof row !== "object") return row as R;
  const fields = row as Record<string, unknown>;
  delete fields._metadata;
  for (const key of Object.keys(fields)) fields[key] = asBuffer(fields[key]);
  return row as R;
}

/** A prepared statement: `P` its positional parameters, `R` the shape of its rows. */
export class SqliteStatement<P extends unknown[] = unknown[], R = unknown> {
  constructor(private readonly st: DriverStatement) {}

  run(...params: P): RunResult {
    return this.st.run(params);
  }

  get(...params: P): R | undefined {
    const row: unknown = this.st.get(params);
    return row === undefined || row === null ? undefined : cleanRow<R>(row);
  }

  all(...params: P): R[] {
    return this.st.all(params).map((row) => cleanRow<R>(row));
  }

  *iterate(...params: P): Generator<R> {
    for (const row of this.st.iterate(params)) yield cleanRow<R>(row);
  }
}

/** A transaction around `fn`; `immediate` takes the write lock at BEGIN (no upgrade deadlock). */
export interface SqliteTransaction<T> {
  (): T;
  immediate(): T;
}

export class SqliteDatabase {
  private isOpen = true;
  /** Transactions under way on this connection: an inner one is a savepoint. */
  private depth = 0;

  constructor(
    private readonly db: DriverDatabase,
    /** Which binding this connection goes through. */
    readonly driver: SqliteDriverName,
  ) {}

  get open(): boolean {
    return this.isOpen;
  }

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqliteStatement<P, R> {
    return new SqliteStatement<P, R>(this.db.prepare(sql));
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** PRAGMA `source`: its rows, or with `simple` the first column of the first row. */
  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const st = this.prepare<[], Record<string, unknown>>(`PRAGMA ${source}`);
    if (!options.simple) return st.all().map((row) => ({ ...row }));
    const row = st.get();
    return row === undefined ? undefined : Object.values(row)[0];
  }

  /**
   * `fn` in a transaction, as better-sqlite3's helper ran it: committed when it returns, rolled
   * back when it throws (or when COMMIT fails), a savepoint inside another transaction.
   */
  transaction<T>(fn: () => T): SqliteTransaction<T> {
    const run = (begin: string) => (): T => {
      const nested = this.depth > 0;
      const savepoint = `hocba_tx_${this.depth}`;
      this.db.exec(nested ? `SAVEPOINT ${savepoint}` : begin);
      this.depth++;
      try {
        const result = fn();
        this.db.exec(nested ? `RELEASE ${savepoint}` : "COMMIT");
        return result;
      } catch (err) {
        try {
          this.db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : "ROLLBACK");
        } catch {
          // SQLite already rolled the transaction back (some errors end it): nothing to undo.
        }
        throw err;
      } finally {
        this.depth--;
      }
    };
    return Object.assign(run("BEGIN"), { immediate: run("BEGIN IMMEDIATE") });
  }

  /** A consistent copy of the database in a new file. */
  backup(file: string): void {
    this.prepare<[string]>("VACUUM INTO ?").run(file);
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    if (this.driver === "libsql") this.checkpointBeforeClose();
    this.db.close();
  }

  /**
   * libsql's close does not finalise the connection's prepared statements (each goes only when
   * the garbage collector takes it, or at exit), so SQLite keeps the connection open behind them
   * and skips what its last close does: copy the WAL into the database file and delete the WAL.
   * The archive file alone would then lack the latest documents (the WAL holds up to ~4 MB of
   * them, more after a big transaction) for as long as this process runs. So, before closing: a
   * checkpoint that copies every frame and truncates the WAL to nothing, as that close would.
   * Without waiting for anyone (busy timeout 0): when another connection is reading or writing, it
   * copies what it can and leaves the rest, as SQLite leaves the WAL when it is not the last
   * connection. Best effort: the WAL stays valid if it fails, and the close goes on.
   * (node:sqlite's close finalises its statements, and SQLite's own close does all this.)
   */
  private checkpointBeforeClose(): void {
    try {
      this.db.exec("PRAGMA busy_timeout = 0");
      this.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch {
      // Inside a transaction, an I/O error: the WAL is left for the next opening, as before.
    }
  }
}

/** How long a connection waits for another process's lock before "database is locked". */
export const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the SQLite file; `readonly` opens an existing file and refuses every
 * write on this connection. */
export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (options.readonly && !existsSync(file)) throw new Error(`unable to open database file: ${file}`);
  const d = driver();
  const db = new SqliteDatabase(d.open(file), d.name);
  try {
    // First, before any statement that locks: better-sqlite3 waited 5 s for another process's lock
    // on every connection it opened, libsql and node:sqlite wait not at all, so a helper opening the
    // archive while another process wrote (or switched it to WAL) failed at once ("database is locked").
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (options.readonly) db.exec("PRAGMA query_only = ON");
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
