import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { archiveSigned, archiveSignedGroup } from "../../../native-host/archive/archive-signed.ts";
import { canonicalJson } from "../../../native-host/archive/audit-chain.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { exportArchive } from "../../../native-host/archive/export-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { hocBaXml, makeCertificateDer } from "./archive-fixtures.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { openSqlite } from "../../../native-host/archive/open-sqlite.ts";
import { WAL_SIZE_LIMIT } from "../../../native-host/archive/sqlite-archive-store.ts";
import { archiveEngines, sqliteEngine, type ArchiveEngineUnderTest } from "./archive-engines.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

let cert: Buffer;
beforeAll(() => {
  cert = makeCertificateDer();
});

let dir: string;
/** The archive under test: an SQLite file, or a PostgreSQL URL. */
let file: string;
let engine: ArchiveEngineUnderTest = sqliteEngine;
beforeEach(() => {
  dir = scratchDir("hocba-archive");
  file = path.join(dir, "data", "archive.sqlite");
});

/** Archives `n` documents signed as GVCN in batch b1 and returns the archive (open). */
function fill(n: number): HocBaArchive {
  const archive = HocBaArchive.open(file);
  archive.appendAudit("batch-started", "b1", { role: "GVCN", documents: n });
  for (let i = 1; i <= n; i++) {
    const id = `HV${String(i).padStart(4, "0")}`;
    archiveSigned(archive, {
      batchId: "b1",
      fileName: `${id}_2025-2026.xml`,
      role: "GVCN",
      input: hocBaXml(id),
      signed: hocBaXml(id, "2025-2026", "<GVCN>sig</GVCN>"),
      signerCertDer: cert,
      signingTime: "2026-05-20T09:00:00+07:00",
    });
  }
  archive.appendAudit("batch-finished", "b1", { signed: n });
  return archive;
}

/** Runs SQL as an attacker would: with the engine's own client, guards dropped first. */
function tamper(sql: string): void {
  engine.tamper(file, sql);
}

function codesOf(archive: HocBaArchive): string[] {
  return checkArchive(archive).map((p) => `${p.code}${JSON.stringify(p.params)}`);
}

describe.each(archiveEngines())("archive on %s", (_name, under) => {
  beforeAll(() => {
    engine = under;
    engine.start();
  });
  afterAll(() => {
    engine.stop();
    engine = sqliteEngine;
  });
  beforeEach(() => {
    file = engine.fresh(dir);
  });

  it("stores documents with learner, year, signer and hashes (SQLite: in WAL mode, readable by the owner only)", () => {
    const archive = fill(3);
    const { total, entries } = archive.list();
    expect(total).toBe(3);
    expect(entries.map((e) => e.maHocVien)).toEqual(["HV0003", "HV0002", "HV0001"]);
    const first = entries[2];
    expect(first).toMatchObject({
      namHoc: "2025-2026",
      role: "GVCN",
      batchId: "b1",
      fileName: "HV0001_2025-2026.xml",
    });
    expect(first?.signerSubject).toContain("CN=Trần Thị B");
    expect(first?.sha256).toBe(sha(hocBaXml("HV0001", "2025-2026", "<GVCN>sig</GVCN>")));
    expect(archive.list({ maHocVien: "HV0002" }).entries).toHaveLength(1);
    expect(archive.list({ namHoc: "2024-2025" }).total).toBe(0);
    expect(archive.list({ limit: 1, offset: 1 }).entries.map((e) => e.id)).toEqual([2]);
    archive.close();
    if (engine.name !== "sqlite") return;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const db = openSqlite(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("stores an input once per role and certificate, but does in another role", () => {
    const archive = fill(1);
    const again = archiveSigned(archive, {
      batchId: "b2",
      fileName: "HV0001_2025-2026.xml",
      role: "GVCN",
      input: hocBaXml("HV0001"),
      signed: hocBaXml("HV0001", "2025-2026", "<GVCN>other</GVCN>"),
      signerCertDer: cert,
      signingTime: "2026-05-21T09:00:00+07:00",
    });
    expect(again.alreadyArchived).toBe(true);
    expect(again.document.batchId).toBe("b1");
    expect(archive.findSigned(sha(hocBaXml("HV0001")), "GVCN")?.id).toBe(again.document.id);
    expect(archive.findSigned(sha(hocBaXml("HV0001")), "ThuTruong")).toBeNull();
    const head = archiveSigned(archive, {
      batchId: "b3",
      fileName: "HV0001_2025-2026.xml",
      role: "ThuTruong",
      input: { sha256: again.document.sha256 },
      signed: hocBaXml("HV0001", "2025-2026", "<GVCN>sig</GVCN><ThuTruong>sig</ThuTruong>"),
      signerCertDer: cert,
      signingTime: "2026-05-22T09:00:00+07:00",
    });
    expect(head.alreadyArchived).toBe(false);
    expect(archive.count()).toBe(2);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();
  });

  it("keeps a new copy of an archived input signed anew (another certificate, or replacing an unusable copy); the latest counts", () => {
    const archive = fill(1);
    const input = hocBaXml("HV0001");
    const first = archive.findSigned(sha(input), "GVCN");
    if (!first) throw new Error("fill");
    const other = makeCertificateDer("Trần Thị B");
    const byOther = archiveSigned(archive, {
      batchId: "b2",
      fileName: "HV0001_2025-2026.xml",
      role: "GVCN",
      input,
      signed: hocBaXml("HV0001", "2025-2026", "<GVCN>other</GVCN>"),
      signerCertDer: other,
      signingTime: "2026-05-21T09:00:00+07:00",
      replaces: first.id,
    });
    expect(byOther.alreadyArchived).toBe(false);
    expect(archive.findSigned(sha(input), "GVCN")?.id).toBe(byOther.document.id);
    // The same certificate again, replacing the copy it looked at: stored too.
    const renewed = archiveSigned(archive, {
      batchId: "b3",
      fileName: "HV0001_2025-2026.xml",
      role: "GVCN",
      input,
      signed: hocBaXml("HV0001", "2025-2026", "<GVCN>again</GVCN>"),
      signerCertDer: other,
      signingTime: "2026-05-22T09:00:00+07:00",
      replaces: byOther.document.id,
    });
    expect(renewed.alreadyArchived).toBe(false);
    expect(archive.findSigned(sha(input), "GVCN")?.batchId).toBe("b3");
    expect(archive.count()).toBe(3);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();
  });

  it("refuses a document without learner code or school year", () => {
    const archive = HocBaArchive.open(file);
    expect(() =>
      archiveSigned(archive, {
        batchId: "b1",
        fileName: "x.xml",
        role: "GVCN",
        input: Buffer.from("<a/>"),
        signed: Buffer.from("<a/>"),
        signerCertDer: cert,
        signingTime: "2026-05-20T09:00:00+07:00",
      }),
    ).toThrow(expect.objectContaining({ code: "ARCHIVE_NOT_HOCBA" }) as Error);
    expect(archive.count()).toBe(0);
    archive.close();
  });

  it("rejects UPDATE and DELETE through the engine's own client while the guards are in place", () => {
    fill(1).close();
    expect(() => engine.exec(file, "UPDATE documents SET ma_hoc_vien = 'X'")).toThrow(/append-only/);
    expect(() => engine.exec(file, "DELETE FROM audit_log")).toThrow(/append-only/);
    expect(() => engine.exec(file, "DELETE FROM documents")).toThrow(/append-only/);
    const archive = HocBaArchive.open(file);
    expect(archive.count()).toBe(1);
    expect(archive.missingGuards()).toEqual([]);
    archive.close();
  });

  it("passes check when intact, with a chain over every event", () => {
    const archive = fill(3);
    expect(checkArchive(archive)).toEqual([]);
    const log = [...archive.auditLog()];
    expect(log.map((e) => e.event)).toEqual([
      "batch-started",
      "document-signed",
      "document-signed",
      "document-signed",
      "batch-finished",
    ]);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < log.length; i++) expect(log[i]?.prevHash).toBe(log[i - 1]?.hash);
    archive.close();
  });

  it.each([
    [
      "document bytes modified",
      "UPDATE documents SET bytes = X'3c612f3e' WHERE id = 2",
      ["ARCHIVE_DOCUMENT_MODIFIED", '"id":2'],
    ],
    [
      "document field modified",
      "UPDATE documents SET ma_hoc_vien = 'HV9999' WHERE id = 1",
      ["ARCHIVE_DOCUMENT_MODIFIED", '"id":1'],
    ],
    [
      "document hash and bytes modified together",
      "UPDATE documents SET bytes = X'00', sha256 = '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d' WHERE id = 3",
      ["ARCHIVE_DOCUMENT_MODIFIED", '"id":3'],
    ],
    ["document deleted", "DELETE FROM documents WHERE id = 2", ["ARCHIVE_DOCUMENT_DELETED", '"id":2']],
    [
      "document added outside",
      "INSERT INTO documents SELECT 99, batch_id, file_name, ma_hoc_vien, nam_hoc, 'DonVi', input_sha256, sha256, bytes, signer_cert, signer_subject, signing_time, archived_at FROM documents WHERE id = 1",
      ["ARCHIVE_DOCUMENT_UNLOGGED", '"id":99'],
    ],
    [
      "audit entry modified",
      "UPDATE audit_log SET details = replace(details, 'GVCN', 'DonVi') WHERE seq = 1",
      ["ARCHIVE_LOG_ENTRY_MODIFIED", '"seq":1'],
    ],
    [
      "audit entry deleted in the middle",
      "DELETE FROM audit_log WHERE seq = 3",
      ["ARCHIVE_LOG_ENTRY_MISSING", '"from":3,"to":3'],
    ],
    [
      "last audit entry deleted",
      "DELETE FROM audit_log WHERE seq = 5",
      ["ARCHIVE_LOG_ENTRY_MISSING", '"from":5,"to":5'],
    ],
    [
      "audit entry replaced with a re-hashed one",
      "UPDATE audit_log SET prev_hash = hash WHERE seq = 4",
      ["ARCHIVE_LOG_CHAIN_BROKEN", '"seq":4'],
    ],
  ])("check names it: %s", (_name, sql, [code, where]) => {
    fill(3).close();
    tamper(sql);
    const archive = HocBaArchive.open(file);
    const problems = codesOf(archive);
    archive.close();
    expect(problems.some((p) => p.startsWith(code ?? "?") && p.includes(where ?? "?"))).toBe(true);
    expect(problems.some((p) => p.startsWith("ARCHIVE_GUARDS_REMOVED"))).toBe(true);
  });

  it("exports the latest version of each learner atomically, with SHA256SUMS, and audits it", () => {
    const archive = fill(2);
    archiveSigned(archive, {
      batchId: "b2",
      fileName: "HV0001_2025-2026.xml",
      role: "ThuTruong",
      input: hocBaXml("HV0001", "2025-2026", "<GVCN>sig</GVCN>"),
      signed: hocBaXml("HV0001", "2025-2026", "<GVCN>sig</GVCN><ThuTruong>s</ThuTruong>"),
      signerCertDer: cert,
      signingTime: "2026-05-22T09:00:00+07:00",
    });
    const out = path.join(dir, "out");
    const result = exportArchive(archive, out);
    expect(result.written).toEqual(["HV0002_2025-2026.xml", "HV0001_2025-2026.xml"]);
    expect(readFileSync(path.join(out, "HV0001_2025-2026.xml"), "utf8")).toContain(
      "<ThuTruong>s</ThuTruong>",
    );
    expect(readdirSync(out).sort()).toEqual(["HV0001_2025-2026.xml", "HV0002_2025-2026.xml", "SHA256SUMS"]);
    const sums = readFileSync(path.join(out, "SHA256SUMS"), "utf8").trim().split("\n");
    for (const line of sums) {
      const [hash, name] = line.split("  ");
      expect(sha(readFileSync(path.join(out, name ?? "")))).toBe(hash);
    }
    const all = exportArchive(archive, path.join(dir, "all"), { all: true });
    expect(all.written).toEqual([
      "HV0001_2025-2026.1.GVCN.xml",
      "HV0002_2025-2026.2.GVCN.xml",
      "HV0001_2025-2026.3.ThuTruong.xml",
    ]);
    expect([...archive.auditLog()].filter((e) => e.event === "export")).toHaveLength(2);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();
  });

  it("refuses to export a document whose bytes were changed", () => {
    fill(2).close();
    tamper("UPDATE documents SET bytes = X'3c612f3e' WHERE id = 1");
    const archive = HocBaArchive.open(file);
    const result = exportArchive(archive, path.join(dir, "out"));
    archive.close();
    expect(result.written).toEqual(["HV0002_2025-2026.xml"]);
    expect(result.refused.map((e) => e.code)).toEqual(["ARCHIVE_EXPORT_TAMPERED"]);
  });

  it("refuses an archive from a newer version", () => {
    fill(1).close();
    engine.setSchemaVersion(file, 99);
    expect(() => HocBaArchive.open(file)).toThrow(
      expect.objectContaining({ code: "ARCHIVE_NEWER_SCHEMA" }) as Error,
    );
  });
});

describe("archive on sqlite only", () => {
  it("migrates a version 1 archive (input unique per role): rows, ids and the audit chain unchanged, guards back", () => {
    // A version 1 archive as the helper wrote it, with one document.
    const v1 = fill(1);
    v1.close();
    const db = openSqlite(file);
    db.exec(`
      DROP TRIGGER documents_no_update; DROP TRIGGER documents_no_delete;
      DROP INDEX documents_learner; DROP INDEX documents_input;
      ALTER TABLE documents RENAME TO documents_new;
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY, batch_id TEXT NOT NULL, file_name TEXT NOT NULL,
        ma_hoc_vien TEXT NOT NULL, nam_hoc TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('GVCN', 'ThuTruong', 'DonVi')),
        input_sha256 TEXT NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL, signer_cert BLOB NOT NULL,
        signer_subject TEXT NOT NULL, signing_time TEXT NOT NULL, archived_at TEXT NOT NULL,
        UNIQUE (input_sha256, role));
      INSERT INTO documents SELECT * FROM documents_new;
      DROP TABLE documents_new;
      CREATE INDEX documents_learner ON documents (nam_hoc, ma_hoc_vien);
      CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents BEGIN SELECT RAISE(ABORT, 'archive is append-only'); END;
      CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN SELECT RAISE(ABORT, 'archive is append-only'); END;
    `);
    db.pragma("user_version = 1");
    db.close();

    const archive = HocBaArchive.open(file);
    expect(archive.count()).toBe(1);
    expect(checkArchive(archive)).toEqual([]);
    const again = archiveSigned(archive, {
      batchId: "b2",
      fileName: "HV0001_2025-2026.xml",
      role: "GVCN",
      input: hocBaXml("HV0001"),
      signed: hocBaXml("HV0001", "2025-2026", "<GVCN>other</GVCN>"),
      signerCertDer: makeCertificateDer("Trần Thị B"),
      signingTime: "2026-05-21T09:00:00+07:00",
    });
    expect(again.alreadyArchived).toBe(false);
    expect(archive.count()).toBe(2);
    expect(archive.missingGuards()).toEqual([]);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();
    const after = openSqlite(file, { readonly: true });
    expect(after.pragma("user_version", { simple: true })).toBe(2);
    after.close();
    const writer = openSqlite(file);
    try {
      expect(() => writer.prepare("DELETE FROM documents").run()).toThrow(/append-only/);
    } finally {
      writer.close();
    }
  });

  it("leaves nothing behind after close: no WAL, the archive file alone holds every document", async () => {
    // As hocba sign writes: commits synced together per group of 8 (deferDurability), several MB of
    // documents, so SQLite's log has checkpointed into the file once and holds more when closing.
    const archive = HocBaArchive.open(file);
    expect(archive.deferDurability()).toBe(true);
    const n = 240;
    const padding = "x".repeat(20_000);
    for (let i = 0; i < n; i += 8) {
      const group = Array.from({ length: 8 }, (_, j) => {
        const id = `HV${String(i + j).padStart(4, "0")}`;
        return {
          batchId: "b1",
          fileName: `${id}_2025-2026.xml`,
          role: "GVCN" as const,
          input: hocBaXml(id),
          signed: hocBaXml(id, "2025-2026", `<GVCN>${padding}</GVCN>`),
          signerCertDer: cert,
          signingTime: "2026-05-20T09:00:00+07:00",
        };
      });
      expect(archiveSignedGroup(archive, group).filter((r) => r instanceof Error)).toEqual([]);
      await archive.durable();
    }
    archive.appendAudit("batch-finished", "b1", { signed: n });
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    archive.close();

    // libsql kept its connection (and so the WAL) open behind the statements until they were
    // garbage collected; SQLite deletes the WAL at the last close, or it is empty.
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    const alone = path.join(scratchDir("hocba-archive-copy"), "archive.sqlite");
    copyFileSync(file, alone);
    const copy = HocBaArchive.open(alone);
    try {
      expect(copy.count()).toBe(n);
      expect(copy.documentsOf("2025-2026", `HV${String(n - 1).padStart(4, "0")}`)).toHaveLength(1);
      expect(copy.auditHead().seq).toBe(n + 1);
      expect(checkArchive(copy)).toEqual([]);
    } finally {
      copy.close();
    }
  });

  it("cuts a WAL grown while a reader held it back to WAL_SIZE_LIMIT once it restarts", () => {
    const archive = HocBaArchive.open(file);
    const padding = "x".repeat(20_000);
    let next = 0;
    const store = (count: number): void => {
      for (const end = next + count; next < end; next++) {
        const id = `HV${String(next).padStart(4, "0")}`;
        archiveSigned(archive, {
          batchId: "b1",
          fileName: `${id}_2025-2026.xml`,
          role: "GVCN",
          input: hocBaXml(id),
          signed: hocBaXml(id, "2025-2026", `<GVCN>${padding}</GVCN>`),
          signerCertDer: cert,
          signingTime: "2026-05-20T09:00:00+07:00",
        });
      }
    };
    store(1);
    // Another process reading (hocba archive export, say): no checkpoint can pass its snapshot.
    const reader = openSqlite(file, { readonly: true });
    try {
      reader.exec("BEGIN");
      reader.prepare("SELECT count(*) FROM documents").get();
      store(250);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(WAL_SIZE_LIMIT + 1024 * 1024);
      reader.exec("COMMIT");
      // The next commits checkpoint everything and start the WAL again from its beginning.
      store(3);
      expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT);
    } finally {
      reader.close();
      archive.close();
    }
  });

  it("leaves no WAL either when the process exits without closing it (hocba sign's Ctrl-C: process.exit(130))", () => {
    const script = path.join(dir, "exit.mjs");
    const archiveUrl = pathToFileURL(path.join(ROOT, "native-host/archive/hocba-archive.ts")).href;
    writeFileSync(
      script,
      [
        `const { HocBaArchive } = await import(${JSON.stringify(archiveUrl)});`,
        `const archive = HocBaArchive.open(${JSON.stringify(file)});`,
        `for (let i = 0; i < 100; i++) {`,
        `  archive.recordSigned({ batchId: "b1", fileName: "HV" + i + ".xml", maHocVien: "HV" + i,`,
        `    namHoc: "2025-2026", role: "GVCN", inputSha256: String(i).padStart(64, "0"),`,
        `    bytes: Buffer.alloc(20000, i), signerCertDer: Buffer.alloc(900, 1), signerSubject: "CN=B",`,
        `    signingTime: "2026-05-20T09:00:00+07:00" });`,
        `}`,
        `process.exit(130);`,
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["--import", path.join(ROOT, "bin/register-ts.mjs"), script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(130);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    const alone = path.join(scratchDir("hocba-archive-copy"), "archive.sqlite");
    copyFileSync(file, alone);
    const copy = HocBaArchive.open(alone);
    try {
      expect(copy.count()).toBe(100);
    } finally {
      copy.close();
    }
  });
});

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: [{ d: null, c: "x" }] }, '{"a":[{"c":"x","d":null}],"b":1}'],
    [{ s: 'Nguyễn\n"q"' }, '{"s":"Nguyễn\\n\\"q\\""}'],
    [[], "[]"],
  ])("%j -> %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
