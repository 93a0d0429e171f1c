import {
  accessSync,
  chmodSync,
  constants,
  closeSync,
  existsSync,
  fsync,
  fsyncSync,
  openSync,
  readSync,
  statSync,
} from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "../fs/fs-error-detail.ts";
import { makeFolder } from "../fs/make-folder.ts";
import { SIGNING_ROLES } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { ArchiveStore, SqlValue } from "./archive-store.ts";
import { openSqlite, type SqliteDatabase, type SqliteStatement } from "./open-sqlite.ts";

/**
 * The archive in one SQLite file (WAL) on this PC: the default engine. Write transactions are
 * BEGIN IMMEDIATE, so the writer lock is taken before the chain head is read.
 */

/** 2: (input SHA-256, role) no longer unique (an unusable archived copy is signed anew). */
export const SCHEMA_VERSION = 2;

/** The guards that make the tables append-only for anything going through SQLite's triggers. */
export const GUARD_TRIGGERS = [
  "documents_no_update",
  "documents_no_delete",
  "audit_no_update",
  "audit_no_delete",
];

/** The documents table, its indexes and guards (also what version 1 is rebuilt into). */
const DOCUMENTS_SCHEMA = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  ma_hoc_vien TEXT NOT NULL,
  nam_hoc TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN (${SIGNING_ROLES.map((r) => `'${r}'`).join(", ")})),
  input_sha256 TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BLOB NOT NULL,
  signer_cert BLOB NOT NULL,
  signer_subject TEXT NOT NULL,
  signing_time TEXT NOT NULL,
  archived_at TEXT NOT NULL
);
CREATE INDEX documents_learner ON documents (nam_hoc, ma_hoc_vien);
CREATE INDEX documents_input ON documents (input_sha256, role);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents BEGIN SELECT RAISE(ABORT, 'archive is append-only'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN SELECT RAISE(ABORT, 'archive is append-only'); END;
`;

const DOCUMENT_COLUMNS =
  "id, batch_id, file_name, ma_hoc_vien, nam_hoc, role, input_sha256, sha256, bytes, signer_cert, " +
  "signer_subject, signing_time, archived_at";

/**
 * Version 1 to 2: the documents table is rebuilt without UNIQUE (input_sha256, role) (SQLite cannot
 * drop a constraint), rows and ids unchanged, so the audit entries still match. Runs in the caller's
 * transaction: the guards are never missing outside it.
 */
const MIGRATE_1_TO_2 = `
DROP TRIGGER documents_no_update;
DROP TRIGGER documents_no_delete;
DROP INDEX documents_learner;
ALTER TABLE documents RENAME TO documents_v1;
${DOCUMENTS_SCHEMA}
INSERT INTO documents (${DOCUMENT_COLUMNS}) SELECT ${DOCUMENT_COLUMNS} FROM documents_v1 ORDER BY id;
DROP TABLE documents_v1;
`;

const SCHEMA = `
${DOCUMENTS_SCHEMA}
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  batch_id TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

const fsyncAsync = promisify(fsync);

/** The size a restarting WAL is cut back to (PRAGMA journal_size_limit): the automatic checkpoint's. */
export const WAL_SIZE_LIMIT = 4 * 1024 * 1024;

/** The archives open in this process, closed by closeAtExit's listener. */
const openAtExit = new Set<WeakRef<SqliteArchiveStore>>();
let listeningForExit = false;

/**
 * Closes `store` at process.exit if it is still open then: hocba sign stopped by Ctrl-C exits 130
 * from its signal handler (write-file-atomic.ts), the helper 70 on an uncaught exception. SQLite
 * then copies its WAL into the archive file and deletes it, as at a clean close, instead of leaving
 * the latest documents beside the file (600 files stopped after 192: a 4 KB .sqlite and a 3.6 MB
 * WAL). Nothing it does is needed for durability: what was reported is in the WAL already.
 */
function closeAtExit(store: SqliteArchiveStore): void {
  openAtExit.add(store.exitRef);
  if (listeningForExit) return;
  listeningForExit = true;
  process.on("exit", () => {
    for (const ref of openAtExit) {
      try {
        ref.deref()?.close();
      } catch {
        // The WAL stays, valid: the next opening reads it.
      }
    }
  });
}

/** Once, after the WAL's first sync (best effort: not supported everywhere, e.g. Windows). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // as writeFileAtomic's folder sync
  }
}

export class SqliteArchiveStore implements ArchiveStore {
  readonly engine = "sqlite";
  /**
   * Statements prepared once: a batch runs the per-document ones for every document, and each
   * fresh statement holds native memory until the garbage collector finalises it.
   */
  private readonly statements = new Map<string, SqliteStatement>();
  /** The WAL file, open for deferSync's fsyncs. */
  private walFd: number | undefined;
  /** This store among those closed at process.exit (weakly: a forgotten store is still collected). */
  readonly exitRef = new WeakRef<SqliteArchiveStore>(this);

  private constructor(
    readonly location: string,
    private readonly db: SqliteDatabase,
  ) {}

  /** Opens (creating if needed, with its folder, readable by the user only) the archive at `file`. */
  static open(file: string): SqliteArchiveStore {
    const fresh = !existsSync(file);
    let db: SqliteDatabase;
    try {
      refuseNonSqliteFile(file);
      makeFolder(path.dirname(file), { mode: 0o700 });
      db = openSqlite(file);
    } catch (err) {
      throw new HocBaError(
        "ARCHIVE_OPEN_FAILED",
        { file, detail: openFailureDetail(file, err) },
        { cause: err },
      );
    }
    try {
      if (fresh && process.platform !== "win32") chmodSync(file, 0o600);
      db.pragma("journal_mode = WAL");
      // FULL: a document whose `signed` reply left the helper must survive a power cut.
      db.pragma("synchronous = FULL");
      // A 2 MB page cache, whatever the build's default (better-sqlite3's was 16 MB): documents are
      // only appended and looked up by index, and the helper must stay small signing a whole centre.
      db.pragma("cache_size = -2000");
      // SQLite reuses its WAL from the start after each automatic checkpoint (every 1,000 pages,
      // ~4 MB) without shrinking it: a WAL grown by one big transaction (the version 1 migration)
      // or while another process's reader held it would stay that big as long as the helper runs.
      // Cut back to this size when it restarts: a batch's own WAL is about this size (a cut of
      // ~100 KB once per checkpoint, nothing measurable in the signing loop).
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new HocBaError("ARCHIVE_NEWER_SCHEMA", { file, version });
      if (version < SCHEMA_VERSION) {
        db.transaction(() => {
          // Read again inside the transaction: another process may have just created or migrated it.
          const now = db.pragma("user_version", { simple: true }) as number;
          if (now === 0) db.exec(SCHEMA);
          else if (now === 1) db.exec(MIGRATE_1_TO_2);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }).immediate();
      }
    } catch (err) {
      db.close();
      if (err instanceof HocBaError) throw err;
      throw new HocBaError(
        "ARCHIVE_OPEN_FAILED",
        { file, detail: openFailureDetail(file, err) },
        { cause: err },
      );
    }
    const store = new SqliteArchiveStore(file, db);
    closeAtExit(store);
    return store;
  }

  get open(): boolean {
    return this.db.open;
  }

  private statement<R>(sql: string): SqliteStatement<SqlValue[], R> {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st as unknown as SqliteStatement<SqlValue[], R>;
  }

  get<R>(sql: string, params: SqlValue[] = []): R | undefined {
    return this.use(sql, () => this.statement<R>(sql).get(...params));
  }

  all<R>(sql: string, params: SqlValue[] = []): R[] {
    return this.use(sql, () => this.statement<R>(sql).all(...params));
  }

  run(sql: string, params: SqlValue[] = []): void {
    this.use(sql, () => this.statement(sql).run(...params));
  }

  /**
   * A libsql statement that failed once (a CHECK constraint, say) fails again with the same error
   * on every later call: it is dropped, and prepared afresh next time, so that one refused row
   * does not refuse every row after it.
   */
  private use<T>(sql: string, call: () => T): T {
    try {
      return call();
    } catch (err) {
      this.statements.delete(sql);
      throw err;
    }
  }

  writeTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Group durability for one writer's run (hocba sign): synchronous = NORMAL on this connection,
   * so a commit only writes the WAL, and the returned sync fsyncs the WAL file on libuv's pool
   * (off the main thread, beside the output files' fsyncs) before the caller reports the group.
   * As durable as FULL for what is reported: FULL's commit does exactly that fsync of the WAL,
   * only at once and on the main thread. fsync is per file, not per descriptor, so our own
   * descriptor flushes the frames SQLite wrote through its own; the WAL keeps its inode while this
   * connection is open (SQLite deletes it only when the last connection closes, and a checkpoint
   * resets it in place); a checkpoint in NORMAL fsyncs the WAL before and the database after it
   * copies frames, and the header of a reset WAL is fsynced before frames follow it, so frames
   * that a later sync makes durable are never behind a stale header. The folder is fsynced at the
   * first sync (a WAL created by this run has a new name, as SQLite does under FULL). The
   * connection's other commits (audit entries) become durable with the next sync or at close
   * (the last connection's checkpoint). Undefined, staying FULL, when the WAL cannot be opened.
   */
  deferSync(): (() => Promise<void>) | undefined {
    const wal = `${this.location}-wal`;
    if (this.walFd === undefined) {
      try {
        this.walFd = openSync(wal, "r+");
      } catch {
        return undefined;
      }
    }
    this.db.pragma("synchronous = NORMAL");
    let folderSynced = false;
    return async () => {
      const fd = this.walFd;
      try {
        if (fd === undefined) throw new Error("archive closed");
        await fsyncAsync(fd);
        if (!folderSynced) {
          syncFolder(path.dirname(wal));
          folderSynced = true;
        }
      } catch (err) {
        // The reported documents must be on disk: back to commits that sync, and this sync fails.
        if (this.db.open) this.db.pragma("synchronous = FULL");
        throw new HocBaError(
          "ARCHIVE_WRITE_FAILED",
          { file: wal, detail: (err as Error).message },
          { cause: err },
        );
      }
    };
  }

  missingGuards(): string[] {
    const present = new Set(
      this.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .all()
        .map((r) => r.name),
    );
    return GUARD_TRIGGERS.filter((name) => !present.has(name));
  }

  close(): void {
    openAtExit.delete(this.exitRef);
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
    if (this.db.open) this.db.close();
    // Under libsql the connection ends (its -shm and empty WAL deleted) only once the garbage
    // collector has finalised these statements: let it, even while this store stays referenced.
    this.statements.clear();
  }
}

/** Why SQLite could not open `file`, in Vietnamese: its own text («…: 14», «file is not a database») is not. */
function openFailureDetail(file: string, err: unknown): string {
  if (isHocBaError(err) && err.code === "CLI_FOLDER_UNCREATABLE") {
    return `không tạo được thư mục ${err.params.dir}: ${err.params.detail}`;
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    // Not there (yet): the reason is SQLite's or the file system's.
  }
  if (isDirectory) return "đây là thư mục, không phải tệp kho";
  const code = (err as { code?: unknown }).code;
  if (code === "SQLITE_NOTADB") return "tệp này không phải kho lưu học bạ (không phải cơ sở dữ liệu SQLite)";
  if (code === "SQLITE_CORRUPT") return "tệp kho bị hỏng; hãy khôi phục từ bản sao lưu";
  if (code === "SQLITE_READONLY" || code === "SQLITE_PERM") return "không có quyền ghi vào tệp kho";
  if (code === "SQLITE_FULL") return "ổ đĩa đã đầy";
  // libsql: «ConnectionFailed("Unable to open connection to local database …: 14")», 14 being
  // SQLITE_CANTOPEN, with an empty code: most often a folder the user may not write in.
  const cantOpen =
    code === "SQLITE_CANTOPEN" || /Unable to open connection.*: 14\b/.test(String((err as Error)?.message));
  if (cantOpen) {
    try {
      accessSync(path.dirname(file), constants.W_OK);
    } catch (dirErr) {
      return `không tạo được tệp kho trong thư mục ${path.dirname(file)}: ${fsErrorDetail(dirErr)}`;
    }
    return "không mở được tệp kho (không có quyền đọc hoặc ghi?)";
  }
  if (typeof code === "string" && code !== "" && !code.startsWith("SQLITE_")) return fsErrorDetail(err);
  return (err as Error)?.message ?? String(err);
}

/**
 * SQLite takes a file too short to hold its header for a new, empty database and overwrites it: an
 * --archive naming some other small file by mistake would lose it. Any non-empty file must start
 * with SQLite's header; an empty one is a new archive.
 */
function refuseNonSqliteFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return; // not there (a new archive) or unreadable: SQLite says which
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n > 0 && !head.equals(Buffer.from("SQLite format 3\0", "latin1"))) {
      throw Object.assign(new Error("file is not a database"), { code: "SQLITE_NOTADB" });
    }
  } finally {
    closeSync(fd);
  }
}
