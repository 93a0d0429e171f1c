import path from "node:path";
import { PgSyncClient } from "../../../native-host/archive/pg/pg-sync-client.ts";
import { openSqlite } from "../../../native-host/archive/open-sqlite.ts";
import { startPgCluster, type PgCluster } from "../../support/pg-cluster.ts";

/**
 * The archive's two engines as the tests drive them: the same tests run on an SQLite file and on a
 * database of a real PostgreSQL server (tests/support/pg-cluster.ts, one per test file). Raw SQL is
 * written for SQLite; `X'…'` blobs become bytea for PostgreSQL.
 */
export interface ArchiveEngineUnderTest {
  name: "sqlite" | "postgres";
  /** Before the file's tests (starts the server). */
  start(): void;
  /** After them (stops and removes it). */
  stop(): void;
  /** A new, empty archive location (a file in `dir`, or a new database). */
  fresh(dir: string): string;
  /** Runs SQL as it is, guards in place, with the engine's own tools. */
  exec(location: string, sql: string): void;
  /** Runs SQL as an attacker with the owner's rights would: guards dropped first. */
  tamper(location: string, sql: string): void;
  /** Marks the archive as written by a newer version (schema `version`). */
  setSchemaVersion(location: string, version: number): void;
  /** The running server (postgres only). */
  cluster(): PgCluster;
}

let databases = 0;

export const sqliteEngine: ArchiveEngineUnderTest = {
  name: "sqlite",
  start() {},
  stop() {},
  fresh(dir) {
    return path.join(dir, `kho-${++databases}`, "archive.sqlite");
  },
  exec(file, sql) {
    const db = openSqlite(file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
  tamper(file, sql) {
    this.exec(
      file,
      "DROP TRIGGER IF EXISTS documents_no_update; DROP TRIGGER IF EXISTS documents_no_delete; " +
        `DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; ${sql}`,
    );
  },
  setSchemaVersion(file, version) {
    this.exec(file, `PRAGMA user_version = ${version}`);
  },
  cluster() {
    throw new Error("no server for SQLite");
  },
};

/** `X'3c61'` (SQLite blob literal) as PostgreSQL's bytea. */
function forPostgres(sql: string): string {
  return sql.replace(/X'([0-9a-fA-F]*)'/g, "'\\x$1'::bytea");
}

export function postgresEngine(): ArchiveEngineUnderTest {
  let running: PgCluster | null = null;
  const cluster = (): PgCluster => {
    if (!running) throw new Error("the PostgreSQL test server is not started");
    return running;
  };
  const exec = (url: string, sql: string): void => {
    const db = new PgSyncClient(url);
    try {
      db.query(forPostgres(sql));
    } finally {
      db.close();
    }
  };
  return {
    name: "postgres",
    start() {
      running = startPgCluster();
    },
    stop() {
      running?.destroy();
      running = null;
    },
    fresh() {
      return cluster().createDatabase(`kho_${process.pid}_${++databases}`);
    },
    exec,
    tamper(url, sql) {
      exec(
        url,
        [
          "DROP TRIGGER IF EXISTS documents_no_update ON documents",
          "DROP TRIGGER IF EXISTS documents_no_delete ON documents",
          "DROP TRIGGER IF EXISTS audit_no_update ON audit_log",
          "DROP TRIGGER IF EXISTS audit_no_delete ON audit_log",
          sql,
        ].join(";\n"),
      );
    },
    setSchemaVersion(url, version) {
      exec(url, `INSERT INTO hocba_schema (version, name) VALUES (${version}, 'future')`);
    },
    cluster,
  };
}

/** Both engines, for describe.each (PostgreSQL is never skipped: missing binaries fail the file). */
export function archiveEngines(): [string, ArchiveEngineUnderTest][] {
  return [
    ["sqlite", sqliteEngine],
    ["postgres", postgresEngine()],
  ];
}
