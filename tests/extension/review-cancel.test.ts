import { createHash } from "node:crypto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { runSignBatch, type PagePort } from "../../extension/background/actions/sign-batch.ts";
import type { SignPortEvent } from "../../extension/models/wire.ts";
import { cancelDocumentOf } from "../../extension/services/cancel-document.ts";
import { classKeyOf, documentIdOf, HocBaDb } from "../../extension/services/hocba-db.ts";
import { loadReview } from "../../extension/services/load-review.ts";
import { canSign, currentDocument, type LearnerRow } from "../../extension/services/review-model.ts";
import { canCancel } from "../../extension/ui/review/cancel-record.tsx";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { testDeps } from "./support/background-deps.ts";
import { fixture } from "./support/portal.ts";

/*
 * The director's «Hủy bản ghi…»: the CANCEL of a signed record is built in the page with the
 * shared builder (the CLI's), signed by the head alone through the sign-batch path, stored as the
 * next version beside the signed one; read again, the learner shows «Đã hủy (phiên bản N)».
 */

const NOW = "2026-08-10T08:00:00+07:00";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const ROLES = ["GVCN", "ThuTruong", "DonVi"] as const;

const withSignatures = (xml: string, roles: readonly string[]) =>
  xml.replace(
    "<DSCKS/>",
    `<DSCKS>${roles.map((r) => `<${r}><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></${r}>`).join("")}</DSCKS>`,
  );

async function signedClass() {
  const gradebook: Gradebook = fixture("gradebook-gdtx-10.json");
  const classKey = classKeyOf(gradebook);
  const db = await HocBaDb.open(new IDBFactory());
  await db.putGradebook({ classKey, gradebook, sourceOrigin: "x", extractedAt: "2026-05-30T00:00:00Z" });
  const [row] = (await loadReview(db, [classKey], { now: NOW })).rows as [LearnerRow];
  const unsigned = currentDocument(row)?.xml ?? "";
  await db.putDocument({
    id: documentIdOf(classKey, row.maHocVien),
    classKey,
    maHocVien: row.maHocVien,
    hoTen: row.hoTen,
    fileName: row.built?.fileName ?? "",
    xml: withSignatures(unsigned.replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>"), ["GVCN", "ThuTruong"]),
    signedRoles: ["GVCN", "ThuTruong"],
    updatedAt: "2026-05-30T10:00:00+07:00",
  });
  const [signedRow] = (await loadReview(db, [classKey], { now: NOW })).rows as [LearnerRow];
  return { db, classKey, row: signedRow };
}

describe("«Hủy bản ghi…» on the review page", () => {
  beforeEach(() => fakeBrowser.reset());

  it("builds the CANCEL of the signed version with the shared builder: next version, hash, NFC reason", async () => {
    const { db, row } = await signedClass();
    expect(canCancel(row)).toBe(true);
    const v1 = row.stored?.xml ?? "";
    const doc = await cancelDocumentOf(
      row.stored ?? (undefined as never),
      "  Lập nhầm: học viên đã chuyển trường  ".normalize("NFD"),
      NOW,
    );
    expect(doc).toMatchObject({
      fileName: `${row.maHocVien}_2025-2026_v2.xml`,
      phienBan: 2,
      phienBanTruoc: 1,
      idBanGhi: readHocBa(v1).ttChung.idBanGhi,
      lyDo: "Lập nhầm: học viên đã chuyển trường",
    });
    const tt = readHocBa(doc.xml).ttChung;
    expect(tt).toMatchObject({
      suKien: "CANCEL",
      phienBanBanGhi: 2,
      idBanGhi: readHocBa(v1).ttChung.idBanGhi,
      thoiGianLap: NOW,
      thayThe: {
        phienBanTruoc: 1,
        sha256BanTruoc: sha(v1.replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>")),
        lyDo: "Lập nhầm: học viên đã chuyển trường",
      },
    });
    expect(doc.xml.normalize("NFC")).toBe(doc.xml);
    expect(doc.xml).toContain("<DSCKS/>");
    db.close();
  });

  it("refuses a blank reason with the builder's typed error", async () => {
    const { db, row } = await signedClass();
    await expect(cancelDocumentOf(row.stored ?? (undefined as never), " \n ", NOW)).rejects.toMatchObject({
      code: "VERSION_CANCEL_REASON",
    });
    db.close();
  });

  it("signed by the head through sign-batch, it is stored as version 2 and the learner shows cancelled", async () => {
    const { db, classKey, row } = await signedClass();
    const v1 = row.stored?.xml ?? "";
    const doc = await cancelDocumentOf(row.stored ?? (undefined as never), "Lập nhầm", NOW);
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
        role: "ThuTruong",
        tokenLabel: "TestToken",
        certId: "02",
        pin: "123456",
        documents: [
          {
            id: row.id,
            classKey,
            maHocVien: row.maHocVien,
            hoTen: row.hoTen,
            fileName: doc.fileName,
            xml: doc.xml,
          },
        ],
      });
    }
    await finished;
    expect(events.at(-1)).toMatchObject({ type: "done", signed: 1 });
    const stored = (await db.listDocuments(classKey)).filter((d) => d.maHocVien === row.maHocVien);
    expect(stored.map((d) => [d.id, d.phienBan ?? 1, d.signedRoles])).toEqual([
      [documentIdOf(classKey, row.maHocVien), 1, ["GVCN", "ThuTruong"]],
      [documentIdOf(classKey, row.maHocVien, 2), 2, ["ThuTruong"]],
    ]);
    expect(stored[0]?.xml).toBe(v1); // the withdrawn version is kept as signed

    const [after] = (await loadReview(db, [classKey], { now: NOW })).rows as [LearnerRow];
    expect(after.cancelledVersion).toBe(2);
    expect(ROLES.some((r) => canSign(after, r))).toBe(false);
    expect(canCancel(after)).toBe(false);
    db.close();
  });
});
