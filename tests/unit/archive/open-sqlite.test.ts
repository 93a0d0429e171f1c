import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { BUSY_TIMEOUT_MS, openSqlite, sqliteDriverName } from "../../../native-host/archive/open-sqlite.ts";
import { scratchDir } from "../host/scratch-dir.ts";

/**
 * What the archive relies on from SQLite, where libsql 0.5 and node:sqlite differ from
 * better-sqlite3. These run with libsql on Node 20 and with node:sqlite on Node 22
 * (node-sqlite.test.ts runs them again under the Node 22 the package ships).
 */
describe(`openSqlite (${sqliteDriverName()}, as better-sqlite3 behaved)`, () => {
  it("uses node:sqlite when this Node has it, libsql otherwise", () => {
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
    const hasNodeSqlite = major > 22 || (major === 22 && minor >= 13);
    expect(sqliteDriverName()).toBe(hasNodeSqlite ? "node:sqlite" : "libsql");
    const db = openSqlite(path.join(scratchDir("hocba-sqlite-driver"), "d.sqlite"));
    expect(db.driver).toBe(sqliteDriverName());
    db.close();
  });

  const fresh = () => {
    const file = path.join(scratchDir("hocba-sqlite"), "t.sqlite");
    const db = openSqlite(file);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB, s TEXT)");
    return { file, db };
  };

  it("gives a pragma's value with `simple`, and its rows without", () => {
    const { db } = fresh();
    expect(db.pragma("journal_mode = WAL", { simple: true })).toBe("wal");
    db.pragma("synchronous = FULL");
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    db.pragma("busy_timeout = 10000");
    expect(db.pragma("busy_timeout", { simple: true })).toBe(10000);
    db.pragma("user_version = 7");
    expect(db.pragma("user_version", { simple: true })).toBe(7);
    expect(db.pragma("user_version")).toEqual([{ user_version: 7 }]);
    db.close();
  });

  it("returns BLOBs as Buffers and rows without libsql's _metadata, from get, all and iterate", () => {
    const { db } = fresh();
    db.prepare<[Buffer, string]>("INSERT INTO t (b, s) VALUES (?, ?)").run(Buffer.from([1, 2, 3]), "Hằng");
    const select = () => db.prepare<[], { id: number; b: Buffer; s: string }>("SELECT * FROM t");
    const expected = { id: 1, b: Buffer.from([1, 2, 3]), s: "Hằng" };
    for (const row of [select().get(), select().all()[0], [...select().iterate()][0]]) {
      expect(row).toEqual(expected);
      expect(Buffer.isBuffer(row?.b)).toBe(true);
    }
    expect(db.prepare<[number]>("SELECT * FROM t WHERE id = ?").get(99)).toBeUndefined();
    db.close();
  });

  it("binds a lone Buffer or null by position (libsql reads one object as named parameters)", () => {
    const { db } = fresh();
    const insert = db.prepare<[Buffer | null]>("INSERT INTO t (b) VALUES (?)");
    expect(insert.run(Buffer.from("xyz")).lastInsertRowid).toBe(1);
    expect(insert.run(null).lastInsertRowid).toBe(2);
    const byBlob = db.prepare<[Buffer], { id: number }>("SELECT id FROM t WHERE b = ?");
    expect(byBlob.get(Buffer.from("xyz"))?.id).toBe(1);
    db.close();
  });

  it("nests a transaction as a savepoint: the inner one's failure undoes only its own writes", () => {
    const { db } = fresh();
    const insert = db.prepare<[string]>("INSERT INTO t (s) VALUES (?)");
    const count = () => db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM t").get()?.n;
    db.transaction(() => {
      insert.run("outer");
      expect(() =>
        db.transaction(() => {
          insert.run("inner");
          throw new Error("inner boom");
        })(),
      ).toThrow("inner boom");
      db.transaction(() => insert.run("inner kept"))();
    }).immediate();
    expect(
      db
        .prepare<[], { s: string }>("SELECT s FROM t ORDER BY id")
        .all()
        .map((r) => r.s),
    ).toEqual(["outer", "inner kept"]);
    expect(count()).toBe(2);
    // A failing COMMIT-less statement inside leaves no transaction open behind it.
    expect(() => db.transaction(() => db.exec("INSERT INTO t (id) VALUES (1)")).immediate()).toThrow(
      /UNIQUE|constraint/i,
    );
    expect(db.transaction(() => insert.run("after").changes)()).toBe(1);
    db.close();
  });

  it("rolls an immediate transaction back when its function throws", () => {
    const { db } = fresh();
    const insert = db.prepare<[string]>("INSERT INTO t (s) VALUES (?)");
    expect(() =>
      db
        .transaction(() => {
          insert.run("a");
          throw new Error("boom");
        })
        .immediate(),
    ).toThrow("boom");
    expect(db.transaction(() => insert.run("b").changes).immediate()).toBe(1);
    expect(db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM t").get()?.n).toBe(1);
    db.close();
    expect(db.open).toBe(false);
  });

  it("a read-only connection refuses writes; a missing file is not created", () => {
    const { file, db } = fresh();
    db.close();
    const ro = openSqlite(file, { readonly: true });
    expect(() => ro.exec("INSERT INTO t (s) VALUES ('x')")).toThrow(/readonly/i);
    ro.close();
    expect(() => openSqlite(`${file}.khong-co`, { readonly: true })).toThrow(/unable to open/);
  });

  it("backs up to a consistent copy", () => {
    const { file, db } = fresh();
    db.prepare<[string]>("INSERT INTO t (s) VALUES (?)").run("giữ lại");
    db.backup(`${file}.copy`);
    db.close();
    const copy = openSqlite(`${file}.copy`, { readonly: true });
    expect(copy.prepare<[], { s: string }>("SELECT s FROM t").get()?.s).toBe("giữ lại");
    copy.close();
  });

  it("waits for another process's lock when it opens the archive, as better-sqlite3 did", async () => {
    const file = path.join(scratchDir("hocba-sqlite-lock"), "archive.sqlite");
    // Another process (a second helper starting at the same moment) holds the file's exclusive lock
    // for 800 ms while it creates it, through the same driver as this one.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const s = process.getBuiltinModule("node:sqlite");
         const db = ${JSON.stringify(sqliteDriverName())} === "node:sqlite"
           ? new s.DatabaseSync(${JSON.stringify(file)}) : new (require("libsql"))(${JSON.stringify(file)});
         db.exec("BEGIN EXCLUSIVE"); db.exec("CREATE TABLE autre (a)"); console.log("locked");
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
         db.exec("COMMIT"); db.close();`,
      ],
      { cwd: path.resolve(import.meta.dirname, "../../..") },
    );
    await once(holder.stdout, "data");
    expect(BUSY_TIMEOUT_MS).toBeGreaterThan(800);
    // Before: ARCHIVE_OPEN_FAILED "database is locked" at once (journal_mode ran before busy_timeout).
    const archive = HocBaArchive.open(file);
    expect(archive.count()).toBe(0);
    archive.close();
    await once(holder, "exit");
    expect(holder.exitCode).toBe(0);
  });
});
