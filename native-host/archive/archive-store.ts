/**
 * Where the archive's rows live: an SQLite file on this PC (sqlite-archive-store.ts) or a
 * PostgreSQL database shared by a centre's PCs (pg/pg-archive-store.ts). HocBaArchive writes one
 * SQL for both (`?` parameters, RETURNING, ON CONFLICT); each store opens and migrates its own
 * schema, runs write transactions its way and knows its own append-only guards.
 */

export type SqlValue = string | number | Buffer | null;

export type ArchiveEngine = "sqlite" | "postgres";

export interface ArchiveStore {
  readonly engine: ArchiveEngine;
  /** What to show for it: the file, or the server URL without its password. */
  readonly location: string;
  readonly open: boolean;
  get<R>(sql: string, params?: SqlValue[]): R | undefined;
  all<R>(sql: string, params?: SqlValue[]): R[];
  run(sql: string, params?: SqlValue[]): void;
  /**
   * `fn` in one write transaction that no other writer (process or PC) runs beside: the audit
   * chain's head read inside it stays the head until it commits.
   */
  writeTransaction<T>(fn: () => T): T;
  /** Append-only guards (triggers) that are missing. */
  missingGuards(): string[];
  /**
   * Switches this connection to group durability when the store can (SQLite: see
   * SqliteArchiveStore.deferSync): commits stop waiting for the disk each, and the function
   * returned makes everything committed so far durable. Absent or undefined: every commit is
   * durable on its own (PostgreSQL).
   */
  deferSync?(): (() => Promise<void>) | undefined;
  close(): void;
}
