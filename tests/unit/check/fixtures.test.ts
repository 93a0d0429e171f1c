import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { parseGradebook } from "../../../shared/model/parse-gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";

const TODAY = "2026-05-25";
function load(name: string) {
  const file = new URL(`../../fixtures/${name}`, import.meta.url);
  const gb = parseGradebook(JSON.parse(readFileSync(file, "utf8")), name);
  return { gb, report: checkGradebook(gb, loadProfile(gb.profile), { today: TODAY }) };
}

describe("sample gradebooks", () => {
  it("gradebook-gdtx-10.json: a GDTX class of 42 with every case, 0 errors and 0 warnings", () => {
    const { gb, report } = load("gradebook-gdtx-10.json");
    expect(report.items).toEqual([]);
    expect(gb.learners).toHaveLength(42);
    expect(gb.school.capHoc).toBe("05");
    expect(gb.thuTruong.chucVu).toBe("Giám đốc");
    const decisions = gb.learners.map((l) => l.ketQuaXet);
    expect(decisions.filter((d) => d === "KiemTraLai")).toHaveLength(1);
    expect(decisions.filter((d) => d === "RenLuyenHe")).toHaveLength(1);
    expect(decisions.filter((d) => d === "OLai")).toHaveLength(1);
    const absent = gb.learners.find((l) => l.ketQuaXet === "OLai");
    expect(absent?.soBuoiNghi).toBeGreaterThan(45);
    const retest = gb.learners.find((l) => l.ketQuaXet === "KiemTraLai");
    expect(retest?.ketQua.some((k) => k.ktLai !== null)).toBe(true);
    expect(retest?.ketQuaXetLai).toBe("LenLop");
    const summer = gb.learners.find((l) => l.ketQuaXet === "RenLuyenHe");
    expect(summer?.renLuyen.sauRenLuyenHe).not.toBeNull();
    expect(gb.learners.filter((l) => l.danhHieu === "XuatSac").length).toBeGreaterThanOrEqual(1);
    expect(gb.learners.filter((l) => l.danhHieu === "Gioi").length).toBeGreaterThanOrEqual(1);
    expect(gb.learners.some((l) => l.hocTap.hk1 === "CĐ")).toBe(true);
    expect(gb.learners.filter((l) => l.banGhi !== undefined).length).toBeGreaterThan(0);
    expect(gb.subjects.filter((s) => s.hinhThuc === "NhanXet").map((s) => s.ma)).toEqual([
      "HDTNHN",
      "NDGDDP",
    ]);
  });

  it("gradebook-thpt-11.json: a THPT class of 35, 0 errors and 0 warnings", () => {
    const { gb, report } = load("gradebook-thpt-11.json");
    expect(report.items).toEqual([]);
    expect(gb.learners).toHaveLength(35);
    expect(gb.profile).toBe("thpt-tt22");
    expect(gb.school.capHoc).toBe("04"); // manhomcaphoc THPT
    expect(gb.subjects.filter((s) => s.hinhThuc === "NhanXet").map((s) => s.ma)).toEqual(
      expect.arrayContaining(["GDTC", "AN"]),
    );
  });

  it("gradebook-errors.json: exactly the planted errors, with their codes and paths", () => {
    const { gb, report } = load("gradebook-errors.json");
    const got = report.items.map((i) => ({
      severity: i.severity,
      code: i.code,
      learnerIndex: i.path.learnerIndex,
      maMon: i.path.maMon,
      field: i.path.field,
    }));
    const e = (code: string, learnerIndex: number, field: string, maMon?: string) => ({
      severity: "error",
      code,
      learnerIndex,
      maMon,
      field,
    });
    expect(got).toEqual([
      // duplicates are reported first (a whole-class check), on both rows
      e("CHECK_DUPLICATE_MA_HOC_VIEN", 10, "hocVien.maHocVien"),
      e("CHECK_DUPLICATE_MA_HOC_VIEN", 11, "hocVien.maHocVien"),
      e("CHECK_DUPLICATE_SO_DINH_DANH", 10, "hocVien.soDinhDanh"),
      e("CHECK_DUPLICATE_SO_DINH_DANH", 11, "hocVien.soDinhDanh"),
      e("CHECK_SCORE_RANGE", 0, "hk1.tx[1]", "TO"),
      e("CHECK_SCORE_DECIMALS", 1, "hk2.tbm", "NV"),
      e("CHECK_SCORE_MISSING", 2, "hk1.ck", "LS"),
      e("CHECK_TX_COUNT", 3, "hk2.tx", "NV"),
      e("CHECK_TBM_MISMATCH", 4, "cn.tbm", "TO"),
      e("CHECK_HOCTAP_MISMATCH", 5, "hocTap.cn"),
      e("CHECK_DECISION_INCONSISTENT", 6, "ketQuaXet"),
      e("CHECK_SO_DINH_DANH", 7, "hocVien.soDinhDanh"),
      e("CHECK_DATE_INVALID", 8, "hocVien.ngaySinh"),
    ]);
    expect(report.errorCount).toBe(13);
    expect(report.warningCount).toBe(0);
    const codeOf = (i: number) => gb.learners[i]?.hocVien.maHocVien;
    expect(report.blockedLearners.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10].map(codeOf).sort());
    // Messages name the learner and the subject, with Vietnamese decimals.
    const range = report.items.find((i) => i.code === "CHECK_SCORE_RANGE");
    expect(range?.message).toContain(gb.learners[0]?.hocVien.hoTen);
    expect(range?.message).toMatch(
      /môn Toán: điểm đánh giá thường xuyên thứ 2 học kỳ I là 11, ngoài thang điểm 0–10/,
    );
    expect(report.items.find((i) => i.code === "CHECK_SCORE_DECIMALS")?.message).toContain("7,55");
  });
});
