import { createHash } from "node:crypto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { runSignBatch, type PagePort } from "../../extension/background/actions/sign-batch.ts";
import type { SignPortEvent } from "../../extension/models/wire.ts";
import { summarizeClasses, waitingForThuTruong } from "../../extension/services/class-summary.ts";
import { classKeyOf, documentIdOf, HocBaDb } from "../../extension/services/hocba-db.ts";
import { loadReview } from "../../extension/services/load-review.ts";
import { canSign, currentDocument, type LearnerRow } from "../../extension/services/review-model.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { testDeps } from "./support/background-deps.ts";
import { fixture } from "./support/portal.ts";

/*
 * The review page after signing: a class read again whose signed records changed shows, per
 * learner, what changed since the signed version; one reason for the batch builds the next
 * versions; signing stores them beside the signed ones (never over them); the popup counts them.
 */

const NOW = "2026-08-10T08:00:00+07:00";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** What the helper returns for a GVCN signature, as the fake helper writes it. */
const signed = (xml: string, roles: string[]) =>
  xml.replace(
    "<DSCKS/>",
    `<DSCKS>${roles.map((r) => `<${r}><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></${r}>`).join("")}</DSCKS>`,
  );

async function storeSigned(
  db: HocBaDb,
  row: LearnerRow,
  roles: ("GVCN" | "ThuTruong" | "DonVi")[],
  phienBan = 1,
) {
  const doc = currentDocument(row);
  if (!doc) throw new Error(`nothing to sign for ${row.maHocVien}`);
  await db.putDocument({
    id: documentIdOf(row.classKey, row.maHocVien, phienBan),
    ...(phienBan > 1 ? { phienBan } : {}),
    classKey: row.classKey,
    maHocVien: row.maHocVien,
    hoTen: row.hoTen,
    fileName: doc.fileName,
    xml: signed(doc.xml.replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>"), roles),
    signedRoles: roles,
    updatedAt: "2026-05-30T10:00:00+07:00",
  });
}

describe("a class read again after its records were signed", () => {
  beforeEach(() => fakeBrowser.reset());

  it("shows what changed, builds the next versions with one reason, keeps the signed ones", async () => {
    const may: Gradebook = fixture("gradebook-gdtx-10.json");
    const classKey = classKeyOf(may);
    const db = await HocBaDb.open(new IDBFactory());
    await db.putGradebook({
      classKey,
      gradebook: may,
      sourceOrigin: "x",
      extractedAt: "2026-05-30T00:00:00Z",
    });
    const first = await loadReview(db, [classKey], { now: NOW });
    const [changed, same, full] = first.rows as [LearnerRow, LearnerRow, LearnerRow];
    await storeSigned(db, changed, ["GVCN"]);
    await storeSigned(db, same, ["GVCN"]);
    await storeSigned(db, full, ["GVCN", "ThuTruong", "DonVi"]);
    const v1 = (await db.getDocument(changed.id))?.xml ?? "";

    // August: one comment corrected on the portal, the class read again.
    const august = structuredClone(may);
    const learner = august.learners[0];
    if (!learner) throw new Error("learner");
    learner.nhanXetGVCN = "Chăm chỉ, tiến bộ rõ trong học kỳ II.";
    await db.putGradebook({
      classKey,
      gradebook: august,
      sourceOrigin: "x",
      extractedAt: "2026-08-10T00:00:00Z",
    });

    const pending = await loadReview(db, [classKey], { now: NOW });
    const [p0, p1, p2] = pending.rows as [LearnerRow, LearnerRow, LearnerRow];
    expect(p0.change).toMatchObject({
      signedVersion: 1,
      needsReason: true,
      changes: [
        {
          truong: "NhanXetGVCN",
          cu: may.learners[0]?.nhanXetGVCN,
          moi: "Chăm chỉ, tiến bộ rõ trong học kỳ II.",
        },
      ],
    });
    expect(["GVCN", "ThuTruong", "DonVi"].some((r) => canSign(p0, r as "GVCN"))).toBe(false);
    expect(p0.built).toBeUndefined();
    // Unchanged learners keep their signed version and go on through the roles.
    expect(p1.change).toBeUndefined();
    expect(canSign(p1, "ThuTruong")).toBe(true);
    expect(canSign(p2, "GVCN") || canSign(p2, "ThuTruong") || canSign(p2, "DonVi")).toBe(false);

    const withReason = await loadReview(db, [classKey], { lyDo: "Sửa nhận xét", now: NOW });
    const r0 = withReason.rows[0] as LearnerRow;
    expect(r0.change?.needsReason).toBe(false);
    expect(r0.version).toBe(2);
    expect(r0.stored).toBeUndefined();
    expect(canSign(r0, "GVCN")).toBe(true);
    expect(canSign(r0, "ThuTruong")).toBe(false);
    expect(r0.built?.fileName).toBe(`${r0.maHocVien}_2025-2026_v2.xml`);
    const tt = readHocBa(r0.built?.xml ?? "").ttChung;
    const v1Unsigned = v1.replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>");
    expect(tt).toMatchObject({
      suKien: "UPDATE",
      phienBanBanGhi: 2,
      idBanGhi: readHocBa(v1).ttChung.idBanGhi,
      thayThe: { phienBanTruoc: 1, sha256BanTruoc: sha(v1Unsigned), lyDo: "Sửa nhận xét" },
    });

    // The background stores version 2 beside version 1.
    const deps = { ...testDeps(fakeHelper({ pin: "123456" })), db: () => Promise.resolve(db) };
    const events: SignPortEvent[] = [];
    const listeners = new Set<(m: unknown) => void>();
    const port: PagePort = {
      postMessage: (e) => void events.push(e),
      disconnect: () => undefined,
      onMessage: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
      onDisconnect: { addListener: () => undefined, removeListener: () => undefined },
    };
    const finished = runSignBatch(port, deps);
    for (const l of listeners) {
      l({
        type: "start",
        role: "GVCN",
        tokenLabel: "TestToken",
        certId: "02",
        pin: "123456",
        documents: [
          {
            id: r0.id,
            classKey,
            maHocVien: r0.maHocVien,
            hoTen: r0.hoTen,
            ...(r0.built ?? { fileName: "", xml: "" }),
          },
        ],
      });
    }
    await finished;
    expect(events.at(-1)).toMatchObject({ type: "done", signed: 1 });
    const stored = (await db.listDocuments(classKey)).filter((d) => d.maHocVien === r0.maHocVien);
    expect(stored.map((d) => [d.id, d.phienBan ?? 1, d.signedRoles])).toEqual([
      [documentIdOf(classKey, r0.maHocVien), 1, ["GVCN"]],
      [documentIdOf(classKey, r0.maHocVien, 2), 2, ["GVCN"]],
    ]);
    expect(stored[0]?.xml).toBe(v1); // version 1 untouched

    // Read again: version 2 is the current one, waiting for the head; the popup counts it.
    const after = await loadReview(db, [classKey], { now: NOW });
    const a0 = after.rows[0] as LearnerRow;
    expect(a0.change).toBeUndefined();
    expect(a0.version).toBe(2);
    expect(canSign(a0, "ThuTruong")).toBe(true);
    const [summary] = await summarizeClasses(db);
    expect(summary?.signedBy).toEqual({ GVCN: 3, ThuTruong: 1, DonVi: 1 });
    expect(summary?.laterVersions).toBe(1);
    expect(summary && waitingForThuTruong(summary)).toBe(2);
    db.close();
  });

  it("counts versions from the helper's archive first: a class signed on another PC is not version 1 again", async () => {
    const may: Gradebook = fixture("gradebook-gdtx-10.json");
    const classKey = classKeyOf(may);
    const db = await HocBaDb.open(new IDBFactory());
    const put = (gradebook: Gradebook) =>
      db.putGradebook({ classKey, gradebook, sourceOrigin: "x", extractedAt: "2026-08-10T00:00:00Z" });
    await put(may);
    const built = (await loadReview(db, [classKey], { now: NOW })).rows;
    const [r0, r1] = built as [LearnerRow, LearnerRow];
    // The other PC signed version 1 of two learners (the head too for the second): only the
    // helper's archive knows; this browser's store is empty.
    const archived = new Map(
      [
        [r0, ["GVCN"]],
        [r1, ["GVCN", "ThuTruong"]],
      ].map(([row, roles]) => {
        const r = row as LearnerRow;
        const doc = currentDocument(r);
        const unsigned = doc?.xml ?? "";
        const view = readHocBa(unsigned);
        return [
          r.maHocVien,
          {
            idBanGhi: view.ttChung.idBanGhi,
            phienBan: 1,
            suKien: "NEW" as const,
            sha256: sha(unsigned),
            roles: roles as ("GVCN" | "ThuTruong")[],
            versions: 1,
            fileName: doc?.fileName ?? "",
            xml: signed(unsigned, roles as string[]),
          },
        ];
      }),
    );
    const asked: { namHoc: string; maTruong?: string; maHocVien: string[] }[] = [];
    const archivedVersions = (request: { namHoc: string; maTruong?: string; maHocVien: string[] }) => {
      asked.push(request);
      return Promise.resolve(
        request.maHocVien.map((m) => {
          const latest = archived.get(m);
          return latest ? { maHocVien: m, latest } : { maHocVien: m };
        }),
      );
    };

    // August on this PC: the first learner's comment corrected.
    const august = structuredClone(may);
    const learner = august.learners[0];
    if (!learner) throw new Error("learner");
    learner.nhanXetGVCN = "Chăm chỉ, tiến bộ rõ trong học kỳ II.";
    await put(august);
    const review = await loadReview(db, [classKey], { now: NOW, lyDo: "Sửa nhận xét", archivedVersions });
    expect(asked).toEqual([
      {
        namHoc: may.namHoc,
        maTruong: may.school.maTruong,
        maHocVien: may.learners.map((l) => l.hocVien.maHocVien),
      },
    ]);
    expect(review.archiveError).toBeUndefined();
    const [a0, a1, a2] = review.rows as [LearnerRow, LearnerRow, LearnerRow];
    expect(a0.change).toMatchObject({ signedVersion: 1, needsReason: false });
    expect(a0.version).toBe(2);
    const tt = readHocBa(a0.built?.xml ?? "").ttChung;
    expect(tt).toMatchObject({
      suKien: "UPDATE",
      phienBanBanGhi: 2,
      idBanGhi: archived.get(a0.maHocVien)?.idBanGhi,
      thayThe: { phienBanTruoc: 1, sha256BanTruoc: archived.get(a0.maHocVien)?.sha256 },
    });
    // Unchanged, signed by GVCN and the head elsewhere: the seal is next, nothing is rebuilt.
    expect(a1.change).toBeUndefined();
    expect(canSign(a1, "GVCN")).toBe(false);
    expect(canSign(a1, "DonVi")).toBe(true);
    // Nothing archived: version 1 as before.
    expect(a2.version).toBe(1);
    expect(canSign(a2, "GVCN")).toBe(true);
    // The archive's copies are kept in this browser's store (ZIP, popup), exactly as signed.
    const kept = await db.listDocuments(classKey);
    expect(kept.map((d) => [d.maHocVien, d.signedRoles]).sort()).toEqual(
      [
        [a0.maHocVien, ["GVCN"]],
        [a1.maHocVien, ["GVCN", "ThuTruong"]],
      ].sort(),
    );
    expect(kept.find((d) => d.maHocVien === a1.maHocVien)?.xml).toBe(archived.get(a1.maHocVien)?.xml);
    expect(review.signedDocuments).toHaveLength(2);

    // A copy signed further in this browser is never replaced by the archive's shorter one.
    const further = { ...(kept.find((d) => d.maHocVien === a1.maHocVien) as (typeof kept)[number]) };
    further.xml = signed(further.xml.replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>"), [
      "GVCN",
      "ThuTruong",
      "DonVi",
    ]);
    further.signedRoles = ["GVCN", "ThuTruong", "DonVi"];
    await db.putDocument(further);
    await loadReview(db, [classKey], { now: NOW, archivedVersions });
    expect((await db.getDocument(further.id))?.signedRoles).toEqual(["GVCN", "ThuTruong", "DonVi"]);

    // The helper cannot answer: the store is used, and the page says so.
    const offline = await loadReview(db, [classKey], {
      now: NOW,
      archivedVersions: () => Promise.reject(new Error("helper not installed")),
    });
    expect(offline.archiveError?.message).toBeTruthy();
    expect((offline.rows[0] as LearnerRow).change).toMatchObject({ signedVersion: 1, needsReason: true });
    db.close();
  });
});
