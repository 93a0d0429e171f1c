import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import type { CheckReport } from "../../../shared/check/check-report.ts";
import type { Gradebook, KetQuaMon, Learner } from "../../../shared/model/gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import { comment, fillPortalValues, flat, gradebook, learner, scored } from "../rules/helpers.ts";

const TODAY = "2026-05-25";
const GDTX = loadProfile("gdtx-tt43");
const THPT = loadProfile("thpt-tt22");

function fixture(name: string): Gradebook {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8")) as Gradebook;
}
const codes = (r: CheckReport) =>
  r.items.map((i) => `${i.severity}:${i.code}:${i.path.maMon ?? ""}:${i.path.field ?? ""}`);
const check = (gb: Gradebook) => checkGradebook(gb, loadProfile(gb.profile), { today: TODAY });

function mon(l: Learner | undefined, ma: string): KetQuaMon {
  const k = l?.ketQua.find((x) => x.maMon === ma);
  if (!k) throw new Error(`no ${ma}`);
  return k;
}

/** A learner whose every scored entry is `x` (8 subjects) with comment subjects Đ, portal values filled in. */
function one(x: number) {
  const subjects = [...["NV", "TO", "LS", "GDQPAN", "VL", "HH", "SH", "DL"].map(scored), comment("HDTNHN")];
  const l = learner(subjects.map((s) => flat(s, s.hinhThuc === "DiemSo" ? x : "Đ")));
  return { gb: gradebook(subjects, [l]), l };
}

describe("checkGradebook: scores and averages", () => {
  it("accepts a consistent learner", () => {
    const { gb, l } = one(7);
    Object.assign(l, { hocTap: { hk1: "K", hk2: "K", cn: "K", sauKiemTraLai: null }, ketQuaXet: "LenLop" });
    expect(codes(checkGradebook(gb, GDTX, { today: TODAY }))).toEqual([]);
  });

  it("reports a wrongly rounded average, 2 decimals and a real difference as errors", () => {
    const { gb, l } = one(7.25); // every average is exactly 7,25 → 7,3
    Object.assign(l, { hocTap: { hk1: "K", hk2: "K", cn: "K", sauKiemTraLai: null }, ketQuaXet: "LenLop" });
    for (const k of l.ketQua.filter((k) => k.cn.tbm !== null)) {
      k.hk1.tbm = k.hk2.tbm = k.cn.tbm = 7.3;
    }
    expect(codes(checkGradebook(gb, GDTX, { today: TODAY }))).toEqual([]);
    mon(l, "NV").hk1.tbm = 7.2; // truncated or rounded half-down: not the number TT22 defines
    mon(l, "TO").hk1.tbm = 7.25; // not rounded: an average carries 1 decimal
    mon(l, "LS").hk1.tbm = 7.5; // just wrong
    mon(l, "GDQPAN").hk1.tbm = 10.5; // off the scale
    const r = checkGradebook(gb, GDTX, { today: TODAY });
    expect(codes(r)).toEqual([
      "error:CHECK_TBM_ROUNDING:NV:hk1.tbm",
      "error:CHECK_SCORE_DECIMALS:TO:hk1.tbm",
      "error:CHECK_TBM_MISMATCH:LS:hk1.tbm",
      "error:CHECK_SCORE_RANGE:GDQPAN:hk1.tbm",
    ]);
    expect(r.items[0]?.message).toBe(
      "Học viên Nguyễn Văn An (HV0001), môn Môn NV: ĐTB môn học kỳ I trên cổng là 7,2, nhưng giá trị " +
        "chính xác 7,25 làm tròn đến 1 chữ số thập phân phải là 7,3 (Thông tư 22/2021/TT-BGDĐT Điều 9).",
    );
    expect(r.items[2]?.message).toContain("trên cổng là 7,5, tính lại được 7,3 (giá trị chính xác 7,25)");
    expect(r.blockedLearners).toEqual(["HV0001"]);
  });

  // TT22 Điều 9: half-up to one decimal. HK II of a 105-period subject (4 ĐĐGtx, divisor 9):
  // tx 8, 8, 8, t; gk 8; ck 8 → (31.55 + 16 + 24)/9 = 71.55/9 = 7,95 exactly when t = 7.55.
  it.each([
    { t: 7.55, exact: "7,95", right: 8, wrong: 7.9 }, // exactly x,x5: up
    { t: 7.54, exact: "7,949…", right: 7.9, wrong: 8 }, // 71.54/9 = 7,9488…: just below, down
    { t: 7.56, exact: "7,951…", right: 8, wrong: 7.9 }, // 71.56/9 = 7,9511…: just above, up
  ])("HK II exact $exact: $right is right, $wrong blocks the learner", ({ t, exact, right, wrong }) => {
    const subjects = [
      { ma: "NV", ten: "Ngữ văn", hinhThuc: "DiemSo" as const, soTietNam: 105 },
      ...["TO", "LS", "GDQPAN", "VL", "HH", "SH"].map(scored),
      comment("HDTNHN"),
    ];
    const l = learner(subjects.map((s) => flat(s, s.hinhThuc === "DiemSo" ? 8 : "Đ")));
    const nv = mon(l, "NV");
    nv.hk1.tx = [8, 8, 8, 8];
    nv.hk2 = { tx: [8, 8, 8, t], gk: 8, ck: 8, tbm: null, mucDanhGia: null };
    const gb = gradebook(subjects, [l]);
    fillPortalValues(gb, l, GDTX);
    expect(nv.hk2.tbm).toBe(right);
    expect(codes(checkGradebook(gb, GDTX, { today: TODAY }))).toEqual([]);

    nv.hk2.tbm = wrong; // the year and the levels stay as the rules give them
    const r = checkGradebook(gb, GDTX, { today: TODAY });
    expect(codes(r)).toEqual(["error:CHECK_TBM_ROUNDING:NV:hk2.tbm"]);
    const show = (x: number) => x.toFixed(1).replace(".", ",");
    expect(r.items[0]?.message).toContain(
      `ĐTB môn học kỳ II trên cổng là ${show(wrong)}, nhưng giá trị chính xác ${exact} làm tròn đến 1 chữ số thập phân phải là ${show(right)}`,
    );
    expect(r.blockedLearners).toEqual([l.hocVien.maHocVien]);
  });

  it("a year average computed from the unrounded semester averages is an error", () => {
    const { gb, l } = one(7);
    Object.assign(l, { hocTap: { hk1: "K", hk2: "K", cn: "K", sauKiemTraLai: null }, ketQuaXet: "LenLop" });
    const to = mon(l, "TO");
    // HK I: (6 + 6 + 6.5 + 2·6.5 + 3·6.5)/8 = 51/8 = 6,375 → 6,4; HK II: all 6.45 → 6,45 → 6,5
    // ĐTBmcn from rounded: (6.4 + 2·6.5)/3 = 6,4666… → 6,5; from exact: (6.375 + 12.9)/3 = 6,425 → 6,4
    to.hk1 = { tx: [6, 6, 6.5], gk: 6.5, ck: 6.5, tbm: 6.4, mucDanhGia: null };
    to.hk2 = { tx: [6.45, 6.45, 6.45], gk: 6.45, ck: 6.45, tbm: 6.5, mucDanhGia: null };
    to.cn.tbm = 6.5;
    expect(codes(checkGradebook(gb, GDTX, { today: TODAY }))).toEqual([]);
    to.cn.tbm = 6.4;
    const r = checkGradebook(gb, GDTX, { today: TODAY });
    expect(codes(r)).toEqual(["error:CHECK_TBM_YEAR_UNROUNDED:TO:cn.tbm"]);
    expect(r.items[0]?.message).toBe(
      "Học viên Nguyễn Văn An (HV0001), môn Môn TO: ĐTB môn cả năm trên cổng là 6,4, tính từ ĐTB học kỳ " +
        "chưa làm tròn (6,375 và 6,45). ĐTB môn cả năm tính từ ĐTB học kỳ đã làm tròn (6,4 và 6,5): " +
        "giá trị chính xác 6,467…, làm tròn phải là 6,5 (Thông tư 22/2021/TT-BGDĐT Điều 9).",
    );
    expect(r.blockedLearners).toEqual(["HV0001"]);
    // 6,6 is more than one unit away from the exact 6,466…: a plain mismatch.
    to.cn.tbm = 6.6;
    expect(codes(checkGradebook(gb, GDTX, { today: TODAY }))).toEqual(["error:CHECK_TBM_MISMATCH:TO:cn.tbm"]);
  });

  it("reports wrong kinds, extra and missing ĐĐGtx, a result of the wrong kind", () => {
    const { gb, l } = one(7);
    Object.assign(l, { hocTap: { hk1: "K", hk2: "K", cn: "K", sauKiemTraLai: null }, ketQuaXet: "LenLop" });
    mon(l, "NV").hk1.tx[0] = "Đ";
    mon(l, "TO").hk1.tx.push(7); // 4 ĐĐGtx where 3 are required: the average changes? no, all 7
    mon(l, "LS").hk2.mucDanhGia = "Đ";
    mon(l, "HDTNHN").hk1.tx[1] = 8;
    mon(l, "HDTNHN").hk2.tbm = 8;
    mon(l, "VL").hk1.tx[2] = 8.125;
    expect(codes(checkGradebook(gb, GDTX, { today: TODAY }))).toEqual([
      "error:CHECK_SCORE_KIND:NV:hk1.tx[0]",
      "warning:CHECK_TX_EXTRA:TO:hk1.tx",
      "error:CHECK_RESULT_KIND:LS:hk2.mucDanhGia",
      "error:CHECK_SCORE_DECIMALS:VL:hk1.tx[2]",
      "error:CHECK_SCORE_KIND:HDTNHN:hk1.tx[1]",
      "error:CHECK_RESULT_KIND:HDTNHN:hk2.tbm",
    ]);
  });

  it("a missing comment check is a warning when the portal already says Chưa đạt, else an error", () => {
    const gb = fixture("gradebook-gdtx-10.json");
    const l0 = gb.learners[0];
    const l1 = gb.learners[1];
    mon(l0, "NDGDDP").hk1.tx[0] = null; // portal says Đ
    const hn = mon(l1, "HDTNHN");
    hn.hk1.tx[0] = null;
    hn.hk1.mucDanhGia = "CĐ"; // the rules: not all checks done → CĐ; học tập HK I may then change
    const r = check(gb);
    expect(r.items.find((i) => i.path.learnerIndex === 0)?.code).toBe("CHECK_SCORE_MISSING");
    expect(r.items.find((i) => i.path.learnerIndex === 0)?.severity).toBe("error");
    const l1Items = r.items.filter((i) => i.path.learnerIndex === 1);
    expect(l1Items[0]).toMatchObject({
      severity: "warning",
      code: "CHECK_SCORE_MISSING",
      path: { field: "hk1.tx[0]" },
    });
  });
});

describe("checkGradebook: learners", () => {
  it("reports identity problems with the learner's name and index", () => {
    const gb = fixture("gradebook-thpt-11.json");
    const [a, b, c, d, e] = gb.learners;
    if (!a || !b || !c || !d || !e) throw new Error("fixture too small");
    a.hocVien.ngaySinh = "2027-01-01";
    b.hocVien.ngaySinh = "2000-01-01"; // 25 at the start of grade 11 in a THPT
    c.hocVien.soDinhDanh = "";
    c.hocVien.danToc = "";
    d.hocVien.ngaySinh = "01/02/2009";
    e.hocVien.soDinhDanh = "00121012345a";
    const r = check(gb);
    expect(codes(r)).toEqual([
      // a's and b's số định danh still say 2009: the new birth year disagrees with it
      "warning:CHECK_SO_DINH_DANH_YEAR::hocVien.soDinhDanh",
      "error:CHECK_DATE_FUTURE::hocVien.ngaySinh",
      "warning:CHECK_SO_DINH_DANH_YEAR::hocVien.soDinhDanh",
      "warning:CHECK_AGE_IMPLAUSIBLE::hocVien.ngaySinh",
      "error:CHECK_MISSING_FIELD::hocVien.soDinhDanh",
      "warning:CHECK_EMPTY_OPTIONAL_FIELD::hocVien.danToc",
      "error:CHECK_DATE_INVALID::hocVien.ngaySinh",
      "error:CHECK_SO_DINH_DANH::hocVien.soDinhDanh",
    ]);
    expect(r.items[3]?.message).toMatch(
      /^Học sinh .+: 25 tuổi khi vào năm học, khác xa tuổi thường gặp ở khối 11 \(16 tuổi\)/,
    );
    expect(r.items.map((i) => i.path.learnerIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
    // warnings do not block
    expect(r.blockedLearners).toEqual([a, c, d, e].map((l) => l.hocVien.maHocVien));
  });

  it("reports subjects unknown, missing or repeated for a learner", () => {
    const gb = fixture("gradebook-gdtx-10.json");
    const l = gb.learners[2];
    if (!l) throw new Error("no learner");
    const nv = mon(l, "NV");
    l.ketQua = l.ketQua.filter((k) => k.maMon !== "TO");
    l.ketQua.push({ ...structuredClone(nv), maMon: "XYZ" }, structuredClone(nv));
    const r = check(gb);
    expect(codes(r)).toEqual([
      "error:CHECK_SUBJECT_UNKNOWN::",
      "error:CHECK_SUBJECT_REPEATED:NV:",
      "error:CHECK_SUBJECT_MISSING:TO:",
    ]);
    expect(r.items[0]?.message).toContain("«XYZ»");
  });

  it("reports levels, decisions and awards that the rules contradict", () => {
    const gb = fixture("gradebook-gdtx-10.json");
    const xs = gb.learners.findIndex((l) => l.danhHieu === "XuatSac");
    const kha = gb.learners.findIndex((l) => l.hocTap.cn === "K" && l.renLuyen.cn === "T");
    const ok = gb.learners.findIndex((l, i) => i !== kha && l.ketQuaXet === "LenLop" && l.danhHieu === null);
    const [lxs, lkha, lok] = [gb.learners[xs], gb.learners[kha], gb.learners[ok]];
    if (!lxs || !lkha || !lok) throw new Error("fixture lacks a case");
    lxs.danhHieu = "Gioi";
    // The portal rates học tập CĐ and holds back for re-test: consistent with itself, not with the scores.
    lkha.hocTap.cn = "CĐ";
    lkha.ketQuaXet = "KiemTraLai";
    lok.ketQuaXetLai = "LenLop";
    lok.renLuyen.cn = lok.renLuyen.cn === "CĐ" ? "T" : "CĐ";
    const r = check(gb);
    const by = (i: number) => codes({ ...r, items: r.items.filter((x) => x.path.learnerIndex === i) });
    expect(by(xs)).toEqual(["error:CHECK_AWARD_MISMATCH::danhHieu"]);
    expect(by(kha)).toEqual([
      "error:CHECK_HOCTAP_MISMATCH::hocTap.cn",
      "error:CHECK_DECISION_MISMATCH::ketQuaXet",
      "warning:CHECK_AFTER_PENDING::ketQuaXetLai",
    ]);
    expect(by(ok)).toEqual([
      "error:CHECK_RENLUYEN_MISMATCH::renLuyen.cn",
      "error:CHECK_DECISION_INCONSISTENT::ketQuaXet",
      "error:CHECK_AFTER_UNEXPECTED::ketQuaXetLai",
    ]);
    expect(r.items.find((i) => i.code === "CHECK_AWARD_MISMATCH")?.message).toMatch(
      /danh hiệu trên cổng là «Học viên Giỏi», theo quy định phải là «Học viên Xuất sắc»/,
    );
  });

  it("reports re-test results that are missing or not expected", () => {
    const gb = fixture("gradebook-gdtx-10.json");
    const rt = gb.learners.find((l) => l.ketQuaXet === "KiemTraLai");
    const good = gb.learners.find((l) => l.danhHieu === "XuatSac");
    if (!rt || !good) throw new Error("fixture lacks a case");
    const tested = rt.ketQua.find((k) => k.ktLai !== null);
    if (!tested) throw new Error("no re-tested subject");
    tested.ktLai = null;
    mon(good, "NV").ktLai = { tbm: 9, mucDanhGia: null };
    const r = check(gb);
    expect(r.items.map((i) => i.code)).toEqual(
      expect.arrayContaining(["CHECK_RETEST_MISSING", "CHECK_RETEST_UNEXPECTED"]),
    );
    expect(r.items.find((i) => i.code === "CHECK_RETEST_MISSING")?.path.maMon).toBe(tested.maMon);
  });
});

describe("checkGradebook: the class", () => {
  it("reports class-level problems without a learner path", () => {
    const gb = fixture("gradebook-gdtx-10.json");
    gb.profile = "thpt-tt22";
    gb.thuTruong = { hoTen: "", chucVu: "Hiệu trưởng" };
    gb.thoiGianLap = "25/05/2026 08:00";
    const hn = gb.subjects.find((s) => s.ma === "HDTNHN");
    if (hn) hn.hinhThuc = "NhanXet";
    gb.subjects.push({ ma: "NV", ten: "Ngữ văn", hinhThuc: "DiemSo", soTietNam: 105 });
    const r = checkGradebook(gb, GDTX, { today: TODAY });
    const general = r.items.filter((i) => i.path.learnerIndex === undefined);
    expect(general.map((i) => `${i.severity}:${i.code}`)).toEqual([
      "warning:CHECK_PROFILE_MISMATCH",
      "error:CHECK_GRADEBOOK_FIELD_MISSING",
      "warning:CHECK_HEAD_TITLE",
      "error:CHECK_BAD_DATETIME",
      "error:CHECK_SUBJECT_DUPLICATE",
    ]);
    expect(general.find((i) => i.code === "CHECK_HEAD_TITLE")?.message).toContain("Giám đốc / Phó Giám đốc");
  });

  it("checks a THPT class with the TT22 profile", () => {
    const gb = fixture("gradebook-thpt-11.json");
    expect(checkGradebook(gb, THPT, { today: TODAY }).errorCount).toBe(0);
    // The same class judged by the GDTX profile: subjects and labels differ, so warnings appear.
    const r = checkGradebook(gb, GDTX, { today: TODAY });
    expect(r.items.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        "CHECK_PROFILE_MISMATCH",
        "CHECK_CAPHOC_MISMATCH",
        "CHECK_SUBJECT_NOT_IN_PROGRAMME",
      ]),
    );
  });
});
