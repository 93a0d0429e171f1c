import { describe, expect, it } from "vitest";
import provinces from "../../../shared/check/birth-province-codes.json" with { type: "json" };
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { decodeSoDinhDanh } from "../../../shared/check/decode-so-dinh-danh.ts";
import type { HocVien } from "../../../shared/model/gradebook.ts";
import { fillPortalValues, flat, gradebook, learner, scored, TT43 } from "../rules/helpers.ts";

/** The số định danh findings for one learner with this number, birth date and sex. */
function findings(soDinhDanh: string, ngaySinh: string, gioiTinh: HocVien["gioiTinh"]) {
  const l = learner([flat(scored("TO"), 7)]);
  Object.assign(l.hocVien, { soDinhDanh, ngaySinh, gioiTinh });
  const report = checkGradebook(gradebook([scored("TO")], [l]), TT43, { today: "2026-05-25" });
  return report.items.filter((i) => i.path.field === "hocVien.soDinhDanh");
}
const codes = (items: ReturnType<typeof findings>) => items.map((i) => `${i.severity}:${i.code}`);

describe("decodeSoDinhDanh", () => {
  it("reads province, century and sex, birth year", () => {
    expect(decodeSoDinhDanh("025210123456")).toEqual({
      maTinh: "025",
      tenTinh: "Phú Thọ",
      maTheKyGioiTinh: "2",
      gioiTinh: "Nam",
      namSinh: 2010,
    });
    expect(decodeSoDinhDanh("079199000001")).toMatchObject({
      tenTinh: "Hồ Chí Minh",
      gioiTinh: "Nữ",
      namSinh: 1999,
    });
    expect(decodeSoDinhDanh("096300000001")).toMatchObject({
      tenTinh: "Cà Mau",
      gioiTinh: "Nữ",
      namSinh: 2000,
    });
    expect(decodeSoDinhDanh("001400000001")).toMatchObject({ gioiTinh: "Nam", namSinh: 2100 });
    expect(decodeSoDinhDanh("003200000001")?.tenTinh).toBeUndefined();
    expect(decodeSoDinhDanh("00120000000")).toBeUndefined();
    expect(decodeSoDinhDanh("00120000000a")).toBeUndefined();
  });

  it("knows the 63 province codes of Thông tư 07/2016/TT-BCA, with the source", () => {
    const list = Object.keys(provinces.codes);
    expect(list).toHaveLength(63);
    expect(list.every((c) => /^0\d\d$/.test(c))).toBe(true);
    expect(list[0]).toBe("001");
    expect(list.at(-1)).toBe("096");
    expect(provinces.source).toMatch(/Thông tư 07\/2016\/TT-BCA/);
  });
});

describe("hocba check: what the số định danh encodes against the record", () => {
  it.each([
    // the century boundary, both sexes
    ["001099000001", "1999-12-31", "Nam", []],
    ["001199000001", "1999-12-31", "Nữ", []],
    ["001200000001", "2000-01-01", "Nam", []],
    ["001300000001", "2000-01-01", "Nữ", []],
    // the right two digits in the wrong century, and a year off by one
    ["001000000001", "2000-01-01", "Nam", ["warning:CHECK_SO_DINH_DANH_YEAR"]],
    ["001299000001", "1999-12-31", "Nam", ["warning:CHECK_SO_DINH_DANH_YEAR"]],
    ["001399000001", "1999-12-31", "Nữ", ["warning:CHECK_SO_DINH_DANH_YEAR"]],
    ["001198000001", "1999-01-01", "Nữ", ["warning:CHECK_SO_DINH_DANH_YEAR"]],
    ["001201000001", "2000-12-31", "Nam", ["warning:CHECK_SO_DINH_DANH_YEAR"]],
    ["001400000001", "2000-01-01", "Nam", ["warning:CHECK_SO_DINH_DANH_YEAR"]],
    // the sex digit of the other sex, in the right century
    ["001199000001", "1999-12-31", "Nam", ["warning:CHECK_SO_DINH_DANH_SEX"]],
    ["001099000001", "1999-12-31", "Nữ", ["warning:CHECK_SO_DINH_DANH_SEX"]],
    ["001300000001", "2000-01-01", "Nam", ["warning:CHECK_SO_DINH_DANH_SEX"]],
    ["001200000001", "2000-01-01", "Nữ", ["warning:CHECK_SO_DINH_DANH_SEX"]],
    // both wrong: 1 = 20th century female, the record says a boy born in 2000
    [
      "001100000001",
      "2000-01-01",
      "Nam",
      ["warning:CHECK_SO_DINH_DANH_SEX", "warning:CHECK_SO_DINH_DANH_YEAR"],
    ],
    // province codes: the first and last of the list, gaps and codes past the end
    ["096300000001", "2000-01-01", "Nữ", []],
    ["000300000001", "2000-01-01", "Nữ", ["warning:CHECK_SO_DINH_DANH_PROVINCE"]],
    ["003300000001", "2000-01-01", "Nữ", ["warning:CHECK_SO_DINH_DANH_PROVINCE"]],
    ["097300000001", "2000-01-01", "Nữ", ["warning:CHECK_SO_DINH_DANH_PROVINCE"]],
    ["999300000001", "2000-01-01", "Nữ", ["warning:CHECK_SO_DINH_DANH_PROVINCE"]],
    // an impossible date is reported on ngaySinh; the year is not compared with it
    ["001299000001", "2025-02-30", "Nam", []],
  ] as const)("%s, born %s, %s → %j", (so, ngaySinh, gioiTinh, expected) => {
    expect(codes(findings(so, ngaySinh, gioiTinh))).toEqual(expected);
  });

  it("names the learner, the digits and both values; warnings do not block", () => {
    const items = findings("034199012345", "2000-03-14", "Nam");
    expect(items.map((i) => i.message)).toEqual([
      "Học viên Nguyễn Văn An (HV0001): số định danh 034199012345 có chữ số thứ 4 là 1, tức giới tính Nữ, " +
        "nhưng giới tính ghi là Nam. Kiểm tra lại số định danh hoặc giới tính.",
      "Học viên Nguyễn Văn An (HV0001): số định danh 034199012345 có chữ số thứ 4–6 là 199, tức năm sinh 1999, " +
        "nhưng ngày sinh là 2000-03-14 (năm 2000). Kiểm tra lại số định danh hoặc ngày sinh.",
    ]);
    expect(items[0]?.path).toMatchObject({ maHocVien: "HV0001", hoTen: "Nguyễn Văn An", learnerIndex: 0 });
    const l = learner([flat(scored("TO"), 7)]);
    Object.assign(l.hocVien, { soDinhDanh: "098199012345", ngaySinh: "2000-03-14" });
    const gb = gradebook([scored("TO")], [l]);
    fillPortalValues(gb, l, TT43);
    const report = checkGradebook(gb, TT43, { today: "2026-05-25" });
    expect(report.items.find((i) => i.code === "CHECK_SO_DINH_DANH_PROVINCE")?.message).toContain(
      "số định danh 098199012345 bắt đầu bằng 098, không phải mã của tỉnh, thành phố nơi đăng ký khai sinh nào",
    );
    expect(
      report.items.filter((i) => i.code.startsWith("CHECK_SO_DINH_DANH")).map((i) => i.severity),
    ).toEqual(["warning", "warning", "warning"]);
    expect(report.errorCount).toBe(0);
    expect(report.blockedLearners).toEqual([]);
  });
});
