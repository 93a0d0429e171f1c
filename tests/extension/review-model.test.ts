import { IDBFactory } from "fake-indexeddb";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { classKeyOf, documentIdOf, HocBaDb } from "../../extension/services/hocba-db.ts";
import { loadReview } from "../../extension/services/load-review.ts";
import { classFolderName } from "../../extension/services/class-folder-name.ts";
import { makeZip } from "../../extension/services/make-zip.ts";
import { readSignatureBlocks, subjectCommonName } from "../../extension/services/read-signature-blocks.ts";
import {
  canSign,
  currentDocument,
  suggestedRole,
  type LearnerRow,
} from "../../extension/services/review-model.ts";
import { parseReviewQuery, reviewPath } from "../../extension/services/review-url.ts";
import { nextRoleOf, signedRolesOf } from "../../extension/services/signed-roles.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { makeSelfSignedCertificate } from "../support/self-signed-certificate.ts";
import { fixture } from "./support/portal.ts";

async function dbWith(classes: ReturnType<typeof fixture>[]) {
  const db = await HocBaDb.open(new IDBFactory());
  for (const gradebook of classes) {
    await db.putGradebook({
      classKey: classKeyOf(gradebook),
      gradebook,
      sourceOrigin: "x",
      extractedAt: "2026-05-30T00:00:00Z",
    });
  }
  return db;
}

const signedXml = (xml: string, roles: string[]) =>
  xml.replace(
    "<DSCKS/>",
    `<DSCKS>${roles.map((r) => `<${r}><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></${r}>`).join("")}</DSCKS>`,
  );

describe("review page model", () => {
  it("checks each class and builds every clean learner's document once, readable by readHocBa", async () => {
    const good = fixture("gradebook-gdtx-10.json");
    const bad = fixture("gradebook-errors.json");
    const db = await dbWith([good, bad]);
    const data = await loadReview(db, [classKeyOf(good), classKeyOf(bad), "missing/2025-2026/X"]);
    expect(data.missing).toEqual(["missing/2025-2026/X"]);
    expect(data.classes.map((c) => c.report.learnerCount)).toEqual([42, bad.learners.length]);
    expect(data.classes[0]?.report.errorCount).toBe(0);
    expect(data.classes[1]?.report.errorCount).toBeGreaterThan(0);

    const goodRows = data.rows.filter((r) => r.classKey === classKeyOf(good));
    expect(goodRows).toHaveLength(42);
    expect(goodRows.every((r) => r.built && canSign(r, "GVCN") && !canSign(r, "ThuTruong"))).toBe(true);
    const first = goodRows[0] as LearnerRow;
    const view = readHocBa(first.built?.xml ?? "");
    expect(view.hocVien).toEqual(good.learners[0]?.hocVien);
    expect(first.built?.fileName).toBe(`${first.maHocVien}_2025-2026.xml`);

    // A learner with a check error is not built and cannot be signed.
    const blocked = data.rows.filter((r) => r.errors.length > 0);
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((r) => !r.built && !canSign(r, "GVCN"))).toBe(true);
    db.close();
  });

  it("signing order: ThuTruong only after GVCN, DonVi only after ThuTruong, never twice", async () => {
    const good = fixture("gradebook-gdtx-10.json");
    const db = await dbWith([good]);
    const classKey = classKeyOf(good);
    const base = await loadReview(db, [classKey]);
    const row = base.rows[0] as LearnerRow;
    const xml = row.built?.xml ?? "";
    await db.putDocument({
      id: documentIdOf(classKey, row.maHocVien),
      classKey,
      maHocVien: row.maHocVien,
      hoTen: row.hoTen,
      fileName: row.built?.fileName ?? "",
      xml: signedXml(xml, ["GVCN"]),
      signedRoles: ["GVCN"],
      updatedAt: "2026-05-30T10:00:00+07:00",
    });
    const data = await loadReview(db, [classKey]);
    const signed = data.rows[0] as LearnerRow;
    expect(currentDocument(signed)?.xml).toContain("<GVCN>");
    expect([canSign(signed, "GVCN"), canSign(signed, "ThuTruong"), canSign(signed, "DonVi")]).toEqual([
      false,
      true,
      false,
    ]);
    expect(suggestedRole(data.rows)).toBe("GVCN");
    expect(suggestedRole(data.rows.slice(0, 1))).toBe("ThuTruong");
    db.close();
  });

  it.each([
    ["<HocBaSo><DLHocBa/><DSCKS/></HocBaSo>", [], "GVCN"],
    [signedXml("<HocBaSo><DLHocBa/><DSCKS/></HocBaSo>", ["GVCN"]), ["GVCN"], "ThuTruong"],
    [
      signedXml("<HocBaSo><DLHocBa/><DSCKS/></HocBaSo>", ["GVCN", "ThuTruong", "DonVi"]),
      ["GVCN", "ThuTruong", "DonVi"],
      undefined,
    ],
  ])("signedRolesOf / nextRoleOf %#", (xml, roles, next) => {
    expect(signedRolesOf(xml)).toEqual(roles);
    expect(nextRoleOf(signedRolesOf(xml))).toBe(next);
  });

  it("review URLs round-trip classes and role", () => {
    const path = reviewPath(["25000751/2025-2026/10A1", "x/y/Z&1"], "ThuTruong");
    expect(parseReviewQuery(path.slice(path.indexOf("?")))).toEqual({
      classKeys: ["25000751/2025-2026/10A1", "x/y/Z&1"],
      role: "ThuTruong",
      archived: [],
    });
    expect(parseReviewQuery("?lop=a&vaiTro=Admin")).toEqual({
      classKeys: ["a"],
      role: undefined,
      archived: [],
    });
  });

  it("review URLs carry the classes known only from the helper's archive (another PC's package)", () => {
    const path = reviewPath([], "DonVi", [
      { namHoc: "2025-2026", lop: "10A1", maTruong: "79000701" },
      { namHoc: "2025-2026", lop: "Lớp 11/2" },
    ]);
    expect(parseReviewQuery(path.slice(path.indexOf("?")))).toEqual({
      classKeys: [],
      role: "DonVi",
      archived: [
        { namHoc: "2025-2026", lop: "10A1", maTruong: "79000701" },
        { namHoc: "2025-2026", lop: "Lớp 11/2" },
      ],
    });
  });
});

describe("signature blocks for the preview", () => {
  it("reads the signer's CN (UTF-8, Vietnamese) and signing time from the role's certificate", () => {
    const { certPem, certDer: der } = makeSelfSignedCertificate({
      subject: "/CN=Trần Thị Thu Hằng/O=Trung tâm GDTX/C=VN",
    });
    const b64 = certPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    expect(subjectCommonName(der)).toBe("Trần Thị Thu Hằng");
    const xml = `<HocBaSo><DLHocBa/><DSCKS><GVCN><ds:Signature><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\n${b64}\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo><ds:Object><xades:SigningTime>2026-05-30T10:07:00+07:00</xades:SigningTime></ds:Object></ds:Signature></GVCN></DSCKS></HocBaSo>`;
    expect(readSignatureBlocks(xml)).toEqual([
      {
        role: "GVCN",
        commonName: "Trần Thị Thu Hằng",
        signingTime: "2026-05-30T10:07:00+07:00",
        serialNumber: expect.stringMatching(/^[0-9A-F]+$/),
        level: "B-B",
      },
    ]);
  });

  it("garbage certificates give an empty name, never a crash", () => {
    expect(subjectCommonName(new Uint8Array([0x30, 0x82, 0xff]))).toBe("");
    expect(readSignatureBlocks("<HocBaSo/>")).toEqual([]);
  });
});

describe("ZIP of signed files", () => {
  it("one folder per class, exact bytes, stored", () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<HocBaSo>Nguyễn Thị Ánh</HocBaSo>\n';
    const zip = makeZip([
      { folder: classFolderName("10A1", "2025-2026"), fileName: "HV1_2025-2026.xml", xml },
      { folder: classFolderName("11/A2", "2025-2026"), fileName: "HV2_2025-2026.xml", xml },
    ]);
    const files = unzipSync(zip);
    expect(
      Object.keys(files)
        .filter((f) => !f.endsWith("/"))
        .sort(),
    ).toEqual(["10A1_2025-2026/HV1_2025-2026.xml", "11-A2_2025-2026/HV2_2025-2026.xml"]);
    expect(new TextDecoder().decode(files["10A1_2025-2026/HV1_2025-2026.xml"])).toBe(xml);
  });
});
