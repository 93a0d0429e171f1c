import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveSigned } from "../../../native-host/archive/archive-signed.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { openSqlite } from "../../../native-host/archive/open-sqlite.ts";
import { hocBaXml, makeCertificateDer } from "./archive-fixtures.ts";
import { scratchDir } from "../host/scratch-dir.ts";

// hocba sign's group durability (HocBaArchive.deferDurability): commits of its connection no
// longer fsync each (synchronous NORMAL), and durable() fsyncs the WAL before a group is reported.

let cert: Buffer;
beforeAll(() => {
  cert = makeCertificateDer();
});

function archiveOne(archive: HocBaArchive, i: number): void {
  const id = `HV${String(i).padStart(4, "0")}`;
  archiveSigned(archive, {
    batchId: "b1",
    fileName: `${id}_2025-2026.xml`,
    role: "GVCN",
    input: hocBaXml(id, "2025-2026", "in"),
    signed: hocBaXml(id),
    signerCertDer: cert,
    signingTime: "2025-12-01T08:00:00+07:00",
  });
}

/** synchronous of the archive's connection: 1 NORMAL, 2 FULL. */
function synchronousOf(archive: HocBaArchive): number {
  const store = (archive as unknown as { store: { db: { pragma(s: string, o: object): unknown } } }).store;
  return store.db.pragma("synchronous", { simple: true }) as number;
}

describe("deferDurability (SQLite)", () => {
  it("commits without their own fsync; durable() resolves and every commit is there after reopening", async () => {
    const file = path.join(scratchDir("hocba-defer"), "archive.sqlite");
    const archive = HocBaArchive.open(file);
    expect(synchronousOf(archive)).toBe(2);
    expect(archive.deferDurability()).toBe(true);
    expect(synchronousOf(archive)).toBe(1);
    archive.appendAudit("batch-started", "b1", { role: "GVCN", documents: 3 });
    for (let i = 1; i <= 3; i++) archiveOne(archive, i);
    await archive.durable();
    await archive.durable();
    archive.close();

    const again = HocBaArchive.open(file);
    expect(again.count()).toBe(3);
    expect(synchronousOf(again)).toBe(2); // another connection is not affected
    expect(checkArchive(again)).toEqual([]);
    again.close();
    // Read by SQLite itself too, from another connection.
    const db = openSqlite(file, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM documents").get()).toEqual({ n: 3 });
    db.close();
  });

  it("without deferDurability, durable() resolves at once and commits stay FULL", async () => {
    const file = path.join(scratchDir("hocba-defer"), "archive.sqlite");
    const archive = HocBaArchive.open(file);
    archiveOne(archive, 1);
    await archive.durable();
    expect(synchronousOf(archive)).toBe(2);
    archive.close();
  });

  it("a sync after the archive is closed fails (ARCHIVE_WRITE_FAILED), not silently", async () => {
    const file = path.join(scratchDir("hocba-defer"), "archive.sqlite");
    const archive = HocBaArchive.open(file);
    archive.deferDurability();
    archiveOne(archive, 1);
    archive.close();
    await expect(archive.durable()).rejects.toMatchObject({ code: "ARCHIVE_WRITE_FAILED" });
  });
});
