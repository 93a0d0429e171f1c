import { existsSync } from "node:fs";
import Libsql from "libsql";

/**
 * SQLite for the archive, through libsql: a better-sqlite3-compatible binding whose per-platform
 * binaries are npm optional dependencies (@libsql/<os>-<cpu>), so nothing is compiled or
 * downloaded from elsewhere at install. This file is the only one that knows it, and smooths what
 * libsql 0.5 does differently from better-sqlite3:
 * - `pragma(…, { simple: true })` gives the first column's value (libsql gives the row);
 * - `readonly` is kept with PRAGMA query_only (libsql ignores the option);
 * - BLOBs come back as Buffers from every call (libsql's `all` and `iterate` give ArrayBuffers),
 *   and rows lose the `_metadata` timing libsql adds to `get`'s;
 * - parameters are always bound by position (libsql reads one object argument, such as a lone
 *   Buffer or null, as named parameters);
 * - `backup` is VACUUM INTO (libsql has no backup API).
 */

type LibsqlDatabase = InstanceType<typeof Libsql>;
type LibsqlStatement = ReturnType<LibsqlDatabase["prepare"]>;

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A row as better-sqlite3 gives it: BLOBs as Buffers (libsql's `all` and `iterate` give
 * ArrayBuffers), without libsql's `_metadata`. */
function cleanRow<R>(row: unknown): R {
  if (row === null || typeof row !== "object") return row as R;
  const fields = row as Record<string, unknown>;
  delete fields._metadata;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof ArrayBuffer) fields[key] = Buffer.from(value);
  }
  return row as R;
}

/** A prepared statement: `P` its positional parameters, `R` the shape of its rows. */
export class SqliteStatement<P extends unknown[] = unknown[], R = unknown> {
  constructor(private readonly st: LibsqlStatement) {}

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
  constructor(private readonly db: LibsqlDatabase) {}

  get open(): boolean {
    return this.db.open;
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
    if (!options.simple) return st.all();
    const row = st.get();
    return row === undefined ? undefined : Object.values(row)[0];
  }

  transaction<T>(fn: () => T): SqliteTransaction<T> {
    return this.db.transaction(fn);
  }

  /** A consistent copy of the database in a new file. */
  backup(file: string): void {
    this.prepare<[string]>("VACUUM INTO ?").run(file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** How long a connection waits for another process's lock before "database is locked". */
export const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the SQLite file; `readonly` opens an existing file and refuses every
 * write on this connection. */
export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (options.readonly && !existsSync(file)) throw new Error(`unable to open database file: ${file}`);
  const db = new SqliteDatabase(new Libsql(file));
  // First, before any statement that locks: better-sqlite3 waited 5 s for another process's lock
  // on every connection it opened, libsql waits not at all, so a helper opening the archive while
  // another process wrote (or switched it to WAL) failed at once with "database is locked".
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (options.readonly) db.exec("PRAGMA query_only = ON");
  return db;
}
