import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SigningRole } from "../../../shared/protocol/common.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive, type SignedDocumentRecord } from "../../../native-host/archive/hocba-archive.ts";
import {
  signArchivedBatch,
  type BatchEvent,
  type BatchSigner,
} from "../../../native-host/archive/sign-archived-batch.ts";
import { hocBaXml, makeCertificateDer } from "./archive-fixtures.ts";
import { scratchDir } from "../host/scratch-dir.ts";

/*
 * Group commits (issue #14): documents the token signed while the one before them was being stored
 * are stored together, in one transaction (one fsync of SQLite's log), and the guarantee stays: a
 * document handed back is in the archive, and one that cannot be stored fails alone.
 */

let cert: Buffer;
beforeAll(() => {
  cert = makeCertificateDer("Lê Thị Hoa");
});

let archive: HocBaArchive;
beforeEach(() => {
  archive = HocBaArchive.open(path.join(scratchDir("hocba-groups"), "archive.sqlite"));
  return () => archive.close();
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `HV${String(i + 1).padStart(4, "0")}`);

/**
 * Signs by appending a tag. The first document of every `slowEvery` takes 30 ms, the others 1 ms,
 * so that the documents behind a slow one are signed by the time it is: they form a group.
 * `broken`: learners whose signed output is not a học bạ (the archive cannot index it).
 */
function signer(options: { slowEvery: number; broken?: string[]; oneAtATime?: boolean }): BatchSigner {
  let n = 0;
  // oneAtATime: as a token, one signature after the other.
  let turn: Promise<unknown> = Promise.resolve();
  return {
    certificateDer: cert,
    signer: {
      commonName: "Lê Thị Hoa",
      subject: "CN=Lê Thị Hoa, C=VN",
      issuer: "CN=Lê Thị Hoa, C=VN",
      serialNumber: "01",
      certSha256: "ab".repeat(32),
    },
    async sign(bytes: Uint8Array, role: SigningRole) {
      const text = Buffer.from(bytes).toString("utf8");
      const maHocVien = /<MaHocVien>([^<]+)</.exec(text)?.[1] ?? "?";
      const wait = () => new Promise((r) => setTimeout(r, n++ % options.slowEvery === 0 ? 30 : 1));
      if (options.oneAtATime) await (turn = turn.then(wait));
      else await wait();
      if (options.broken?.includes(maHocVien)) {
        return { bytes: Buffer.from("không phải học bạ"), signingTime: "2026-05-20T09:00:00+07:00" };
      }
      return {
        bytes: Buffer.from(text.replace("<DSCKS></DSCKS>", `<DSCKS><${role}>ký</${role}></DSCKS>`)),
        signingTime: "2026-05-20T09:00:00+07:00",
        ids: { maHocVien, namHoc: "2025-2026" },
      };
    },
    close: () => Promise.resolve(),
  };
}

async function signAll(
  learners: string[],
  batchSigner: BatchSigner,
  flow: { window: number; gather?: number } = { window: 4 },
) {
  const groups: number[] = [];
  const record = archive.recordSignedGroup.bind(archive);
  vi.spyOn(archive, "recordSignedGroup").mockImplementation((items) => {
    groups.push(items.length);
    return record(items);
  });
  const events: BatchEvent[] = [];
  const inArchiveWhenHandedBack: boolean[] = [];
  const outcome = await signArchivedBatch({
    archive,
    batchId: "groups",
    role: "GVCN",
    documents: learners.map((id, index) => ({ index, fileName: `${id}.xml`, read: () => hocBaXml(id) })),
    openSigner: () => Promise.resolve(batchSigner),
    expectedCertificate: () => Promise.resolve(cert),
    checkResume: () => Promise.resolve(null),
    ...flow,
    onEvent: (event) => {
      events.push(event);
      if (event.type === "signed") {
        const stored = archive.findSigned(event.document.inputSha256, "GVCN");
        inArchiveWhenHandedBack.push(
          stored?.id === event.document.id && stored.bytes.equals(event.document.bytes),
        );
      }
    },
  });
  return { outcome, events, groups, inArchiveWhenHandedBack };
}

describe("signArchivedBatch stores documents signed meanwhile as one group", () => {
  it("one transaction for several documents; each is in the archive when it is handed back, in order", async () => {
    const learners = ids(12);
    const { outcome, events, groups, inArchiveWhenHandedBack } = await signAll(
      learners,
      signer({ slowEvery: 4 }),
    );
    expect(outcome).toMatchObject({ signed: 12, failed: 0 });
    expect(groups.reduce((a, b) => a + b, 0)).toBe(12);
    // Fewer transactions than documents: the ones behind each slow signature came together.
    expect(Math.max(...groups)).toBeGreaterThan(1);
    expect(groups.length).toBeLessThan(12);
    expect(inArchiveWhenHandedBack).toEqual(Array<boolean>(12).fill(true));
    // Every document still has its progress event before its signed event, in document order.
    expect(events.map((e) => e.type)).toEqual(Array<string[]>(12).fill(["progress", "signed"]).flat());
    expect(events.filter((e) => e.type === "signed").map((e) => e.index)).toEqual(learners.map((_, i) => i));
    const log = [...archive.auditLog()].map((e) => e.event);
    expect(log.filter((e) => e === "document-signed")).toHaveLength(12);
    expect(checkArchive(archive)).toEqual([]);
  });

  it("a document of a group that cannot be stored fails alone; the rest of its group is stored", async () => {
    const learners = ids(8);
    const { outcome, events, groups } = await signAll(learners, signer({ slowEvery: 4, broken: ["HV0003"] }));
    expect(Math.max(...groups)).toBeGreaterThan(1);
    expect(outcome).toMatchObject({ signed: 7, failed: 1 });
    const failed = events.filter((e) => e.type === "failed");
    expect(failed.map((e) => e.index)).toEqual([2]);
    expect(failed[0]?.type === "failed" && (failed[0].error as { code?: string }).code).toBe(
      "ARCHIVE_NOT_HOCBA",
    );
    expect(archive.count()).toBe(7);
    expect(checkArchive(archive)).toEqual([]);
  });
});

describe("HocBaArchive.recordSignedGroup", () => {
  const record = (maHocVien: string, role = "GVCN"): SignedDocumentRecord => ({
    batchId: "g",
    fileName: `${maHocVien}.xml`,
    maHocVien,
    namHoc: "2025-2026",
    role: role as SigningRole,
    inputSha256: maHocVien.padEnd(64, "0"),
    bytes: hocBaXml(maHocVien, "2025-2026", "<GVCN>ký</GVCN>"),
    signerCertDer: cert,
    signerSubject: "CN=Lê Thị Hoa, C=VN",
    signingTime: "2026-05-20T09:00:00+07:00",
  });

  it("stores a group in one go, the audit chain intact", () => {
    const results = archive.recordSignedGroup(["A1", "A2", "A3"].map((m) => ({ record: record(m) })));
    expect(results.map((r) => !(r instanceof Error) && r.alreadyArchived)).toEqual([false, false, false]);
    expect(archive.count()).toBe(3);
    expect(checkArchive(archive)).toEqual([]);
  });

  it("when one row is refused, stores the others each on its own and returns that one's error", () => {
    // A role the table does not allow: the group's transaction fails, then each is tried alone.
    const results = archive.recordSignedGroup([
      { record: record("B1") },
      { record: record("B2", "HieuPho") },
      { record: record("B3") },
    ]);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect(results[1]).toMatchObject({ code: "ARCHIVE_WRITE_FAILED" });
    expect(results[2]).not.toBeInstanceOf(Error);
    expect(
      archive
        .list()
        .entries.map((e) => e.maHocVien)
        .sort(),
    ).toEqual(["B1", "B3"]);
    expect(checkArchive(archive)).toEqual([]);
  });

  it("a refused row does not refuse the rows stored after it (the failed statement is prepared anew)", () => {
    expect(() => archive.recordSigned(record("C1", "HieuPho"))).toThrow();
    expect(archive.recordSigned(record("C2")).alreadyArchived).toBe(false);
    expect(archive.count()).toBe(1);
  });
});

describe("signArchivedBatch with gather", () => {
  it("waits for the documents already on their way to the token, and stores them as one group", async () => {
    // One signature after the other, each as slow as the next: without gather, each document
    // would be stored alone.
    const learners = ids(12);
    const { outcome, events, groups, inArchiveWhenHandedBack } = await signAll(
      learners,
      signer({ slowEvery: 1, oneAtATime: true }),
      { window: 8, gather: 4 },
    );
    expect(outcome).toMatchObject({ signed: 12, failed: 0 });
    expect(groups).toEqual([4, 4, 4]);
    expect(inArchiveWhenHandedBack).toEqual(Array<boolean>(12).fill(true));
    expect(events.filter((e) => e.type === "signed").map((e) => e.index)).toEqual(learners.map((_, i) => i));
    expect(checkArchive(archive)).toEqual([]);
    // The same signer without gather: one transaction per document.
    archive.close();
    archive = HocBaArchive.open(path.join(scratchDir("hocba-groups"), "archive.sqlite"));
    vi.restoreAllMocks();
    const alone = await signAll(learners, signer({ slowEvery: 1, oneAtATime: true }), { window: 8 });
    expect(alone.groups).toEqual(Array<number>(12).fill(1));
  });

  it("does not wait for a second copy of a document of its group (it waits for the first)", async () => {
    const learners = ["HV0001", "HV0002", "HV0001", "HV0003", "HV0004", "HV0002"];
    const { outcome, events, groups } = await signAll(learners, signer({ slowEvery: 1, oneAtATime: true }), {
      window: 8,
      gather: 4,
    });
    expect(outcome).toMatchObject({ signed: 4, resumed: 2, failed: 0 });
    expect(groups.reduce((a, b) => a + b, 0)).toBe(4);
    const signed = events.filter((e) => e.type === "signed");
    expect(signed.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(archive.count()).toBe(4);
  });
});
