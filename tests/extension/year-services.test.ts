import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { documentsForStep, buildHandoffPackages } from "../../extension/services/handoff-packages.ts";
import type { StoredDocument } from "../../extension/services/hocba-db.ts";
import { PROFILE_LABELS, profileLabels } from "../../extension/services/profile-labels.ts";
import { PROFILE_IDS, builtInProfile } from "../../extension/services/built-in-profiles.ts";
import { classStats } from "../../extension/services/subject-stats.ts";
import { checkConfirmationOf } from "../../extension/services/check-confirmation-of.ts";
import { loadArchiveReview } from "../../extension/services/load-archive-review.ts";
import { canSign } from "../../extension/services/review-model.ts";
import { runCheck } from "../../extension/services/run-check.ts";
import { readHandoffPackage } from "../../shared/handoff/read-handoff-package.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { buildHocBaXml } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { makeSelfSignedCertificate } from "../support/self-signed-certificate.ts";
import { fixture } from "./support/portal.ts";

/** A learner's document with signature containers for `roles` (display-only: nothing here verifies). */
function storedDoc(gb: Gradebook, index: number, roles: ("GVCN" | "ThuTruong" | "DonVi")[]): StoredDocument {
  const learner = gb.learners[index];
  if (!learner) throw new Error("no learner");
  const built = buildHocBaXml(gb, learner, { thoiGianLap: "2026-05-25T08:00:00+07:00" });
  const b64 = Buffer.from(
    makeSelfSignedCertificate({ subject: "/C=VN/CN=Trần Thị Thu Hằng" }).certDer,
  ).toString("base64");
  const sig = (role: string) =>
    `<${role}><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Object xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"><xades:SigningTime>2026-05-26T09:00:00+07:00</xades:SigningTime></ds:Object><ds:KeyInfo><ds:X509Data>` +
    `<ds:X509Certificate>${b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></${role}>`;
  const xml = new TextDecoder()
    .decode(built.bytes)
    .replace("<DSCKS/>", `<DSCKS>${roles.map(sig).join("")}</DSCKS>`);
  return {
    id: `k|${learner.hocVien.maHocVien}`,
    classKey: "k",
    maHocVien: learner.hocVien.maHocVien,
    hoTen: learner.hocVien.hoTen,
    fileName: built.fileName,
    xml,
    signedRoles: roles,
    updatedAt: "2026-05-26T09:00:00+07:00",
    phienBan: 1,
  };
}

describe("hand-off packages from the review page", () => {
  const gb = fixture("gradebook-gdtx-10.json");

  it("«Gửi Giám đốc» takes the records the GVCN signed and the head did not; «Gửi đóng dấu» the head's", () => {
    const docs = [storedDoc(gb, 0, ["GVCN"]), storedDoc(gb, 1, ["GVCN", "ThuTruong"]), storedDoc(gb, 2, [])];
    expect(documentsForStep(docs, "gvcn").map((d) => d.maHocVien)).toEqual([docs[0]?.maHocVien]);
    expect(documentsForStep(docs, "thu-truong").map((d) => d.maHocVien)).toEqual([docs[1]?.maHocVien]);
  });

  it("builds <Lop>_<NamHoc>_gvcn.hocba.zip with the exact bytes, who signed and when; it reads back clean", async () => {
    const docs = [storedDoc(gb, 0, ["GVCN"]), storedDoc(gb, 1, ["GVCN"])];
    const [pkg, ...more] = await buildHandoffPackages(docs, "gvcn", new Date("2026-05-26T03:00:00Z"));
    expect(more).toEqual([]);
    if (!pkg) throw new Error("no package");
    expect(pkg.fileName).toBe(`${gb.lop}_${gb.namHoc}_gvcn.hocba.zip`);
    expect(pkg.manifest.documents.map((d) => [d.maHocVien, d.roles])).toEqual(
      docs.map((d) => [
        d.maHocVien,
        [{ role: "GVCN", signer: "Trần Thị Thu Hằng", signingTime: "2026-05-26T09:00:00+07:00" }],
      ]),
    );
    const files = unzipSync(pkg.bytes);
    for (const d of docs) expect(new TextDecoder().decode(files[d.fileName])).toBe(d.xml);
    const read = readHandoffPackage(pkg.bytes);
    expect(read.problems).toEqual([]);
    expect([...read.documentProblems.values()].flat()).toEqual([]);
  });
});

describe("a class known only from the helper's archive", () => {
  const gb = fixture("gradebook-gdtx-10.json");

  it("becomes rows whose current document is the archived bytes, signable by the role asked, with the record's named signers", async () => {
    const docs = [storedDoc(gb, 0, ["GVCN"]), storedDoc(gb, 1, ["GVCN"])];
    const asked: string[] = [];
    const review = await loadArchiveReview(
      [{ namHoc: gb.namHoc, lop: gb.lop, maTruong: gb.school.maTruong }],
      "ThuTruong",
      (ref, forRole) => {
        asked.push(`${ref.lop}:${forRole}`);
        return Promise.resolve(
          docs.map((d) => ({
            fileName: d.fileName,
            xml: d.xml,
            sha256: "",
            maHocVien: d.maHocVien,
            hoTen: d.hoTen,
            idBanGhi: "",
            phienBan: 1,
            roles: [
              {
                role: "GVCN" as const,
                signer: "Trần Thị Thu Hằng",
                signingTime: "2026-05-26T09:00:00+07:00",
              },
            ],
          })),
        );
      },
    );
    expect(asked).toEqual([`${gb.lop}:ThuTruong`]);
    const classKey = `${gb.school.maTruong}/${gb.namHoc}/${gb.lop}`;
    expect(review.classes).toEqual([
      expect.objectContaining({ classKey, tenTruong: gb.school.tenTruong, count: 2 }),
    ]);
    expect(review.classes[0]?.namedSigners?.thuTruong.hoTen).toBe(gb.thuTruong.hoTen);
    expect(review.rows.map((r) => [r.id, r.stored?.xml === docs[r.stt - 1]?.xml])).toEqual(
      docs.map((d) => [`${classKey}|${d.maHocVien}`, true]),
    );
    expect(review.rows.every((r) => canSign(r, "ThuTruong") && !canSign(r, "GVCN"))).toBe(true);
  });
});

describe("the Tổ chuyên môn's figures", () => {
  it("bands the year averages, averages them and counts levels; a missing result is counted apart", () => {
    const gb = structuredClone(fixture("gradebook-gdtx-10.json"));
    const subject = gb.subjects.find((s) => s.hinhThuc === "DiemSo");
    if (!subject) throw new Error("no scored subject");
    const scores = [3, 5, 8];
    gb.learners.forEach((l, i) => {
      const kq = l.ketQua.find((k) => k.maMon === subject.ma);
      if (kq) kq.cn = { ...kq.cn, tbm: scores[i] ?? null };
    });
    const stats = classStats(gb, runCheck(gb));
    const s = stats.subjects.find((x) => x.ma === subject.ma);
    expect(s?.bands).toEqual([1, 0, 1, 0, 1]);
    expect(s?.average).toBe(5.3);
    expect(s?.missing).toBe(gb.learners.length - 3);
    const levels = Object.values(stats.hocTap).reduce((a, b) => a + b, 0);
    expect(levels).toBe(gb.learners.length);
    expect(stats.hocTap.T).toBe(gb.learners.filter((l) => l.hocTap.cn === "T").length);
  });

  it("the class's confirmation is its latest whole-class one, not a subject's", () => {
    const base = { namHoc: "2025-2026", lop: "10A1", at: "2026-05-20T02:00:00Z" };
    const list = [
      { ...base, nguoiKiemTra: "A", seq: 1 },
      { ...base, nguoiKiemTra: "B", seq: 2, monHoc: "TOAN" },
      { ...base, lop: "10A2", nguoiKiemTra: "C", seq: 3 },
    ];
    expect(checkConfirmationOf(list, "2025-2026", "10A1")?.nguoiKiemTra).toBe("A");
    expect(checkConfirmationOf(list, "2024-2025", "10A1")).toBeUndefined();
  });

  it("labels follow the profile: Giám đốc / học viên (GDTX), Hiệu trưởng / học sinh (THPT), English words in English", () => {
    expect(profileLabels("gdtx-tt43")).toEqual({ learner: "học viên", head: "Giám đốc" });
    expect(profileLabels("thpt-tt22")).toEqual({ learner: "học sinh", head: "Hiệu trưởng" });
    expect(profileLabels("thpt-tt22", "en")).toEqual({ learner: "students", head: "Principal" });
    // The popup's copy of the labels is the profiles' own.
    for (const id of PROFILE_IDS) {
      const { learner, head } = builtInProfile(id).labels.value;
      expect(PROFILE_LABELS[id]).toEqual({ learner, head });
    }
  });
});
