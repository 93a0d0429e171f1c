import { describe, expect, it } from "vitest";
import {
  CellValueError,
  parseCapHoc,
  parseDanhHieu,
  parseDate,
  parseDateTime,
  parseDiem,
  parseGioiTinh,
  parseHinhThuc,
  parseInteger,
  parseKetQuaXet,
  parseKetQuaXetLai,
  parseMucDanhGia,
  parseMucXepLoai,
  parseNamHoc,
  parseProfile,
  parseScore,
} from "../../../shared/portal-adapters/common/parse-values.ts";
import { cleanText, foldKey } from "../../../shared/portal-adapters/common/normalize-text.ts";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof CellValueError ? err.code : "other";
  }
  return "no error";
};

describe("parseScore", () => {
  it.each([
    ["7,5", 7.5],
    ["7.5", 7.5],
    ["10", 10],
    [" 8,25 ", 8.25],
    ["8,0", 8],
    [",5", 0.5],
    ["", null],
    ["\u00a0", null],
  ])("%j → %j", (text, value) => expect(parseScore(text)).toBe(value));

  it.each(["7,5,5", "7.5,5", "abc", "7,", "1e3", "7 ,5 x", "--1"])("%j is not a score", (text) =>
    expect(codeOf(() => parseScore(text))).toBe("EXTRACT_BAD_NUMBER"),
  );
});

describe("parseDiem (score or Đ/CĐ)", () => {
  it.each([
    ["6,5", 6.5],
    ["Đ", "Đ"],
    ["Đạt", "Đ"],
    ["CĐ", "CĐ"],
    ["Chưa đạt", "CĐ"],
    ["chưa  ĐẠT", "CĐ"],
    ["Chu\u031ba đa\u0323t", "CĐ"],
    ["", null],
  ])("%j → %j", (text, value) => expect(parseDiem(text)).toBe(value));

  it("names the kind of bad value", () => {
    expect(codeOf(() => parseDiem("7,5,5"))).toBe("EXTRACT_BAD_NUMBER");
    expect(codeOf(() => parseDiem("Giỏi"))).toBe("EXTRACT_BAD_GRADE");
  });
});

describe("levels and decisions", () => {
  it.each([
    ["Tốt", "T"],
    ["T", "T"],
    ["Khá", "K"],
    ["Đạt", "Đ"],
    ["Chưa đạt", "CĐ"],
    ["CĐ", "CĐ"],
    ["", null],
  ])("học tập / rèn luyện %j → %j", (text, value) => expect(parseMucXepLoai(text)).toBe(value));

  it.each([
    ["Đạt", "Đ"],
    ["Chưa đạt", "CĐ"],
  ])("mức đánh giá %j → %j", (text, value) => expect(parseMucDanhGia(text)).toBe(value));

  it("rejects Tốt as a mức đánh giá and Giỏi as a level", () => {
    expect(codeOf(() => parseMucDanhGia("Tốt"))).toBe("EXTRACT_BAD_MUC_DANH_GIA");
    expect(codeOf(() => parseMucXepLoai("Giỏi"))).toBe("EXTRACT_BAD_XEP_LOAI");
  });

  it.each([
    ["Lên lớp", "LenLop"],
    ["Được lên lớp", "LenLop"],
    ["Ở lại lớp", "OLai"],
    ["Kiểm tra lại", "KiemTraLai"],
    ["Rèn luyện trong hè", "RenLuyenHe"],
    ["Hoàn thành chương trình", "HoanThanhChuongTrinh"],
    ["LenLop", "LenLop"],
    ["", null],
  ])("decision %j → %j", (text, value) => expect(parseKetQuaXet(text)).toBe(value));

  it("a re-decision cannot be another re-test", () => {
    expect(parseKetQuaXetLai("Lên lớp")).toBe("LenLop");
    expect(codeOf(() => parseKetQuaXetLai("Kiểm tra lại"))).toBe("EXTRACT_BAD_DECISION");
    expect(codeOf(() => parseKetQuaXet("Lên lớp có điều kiện"))).toBe("EXTRACT_BAD_DECISION");
  });

  it.each([
    ["Học sinh Xuất sắc", "XuatSac"],
    ["Học viên Giỏi", "Gioi"],
    ["Giỏi", "Gioi"],
    ["", null],
  ])("award %j → %j", (text, value) => expect(parseDanhHieu(text)).toBe(value));

  it("rejects an unknown award", () =>
    expect(codeOf(() => parseDanhHieu("Tiên tiến"))).toBe("EXTRACT_BAD_AWARD"));
});

describe("dates and labels", () => {
  it.each([
    ["27/01/2010", "2010-01-27"],
    ["7/9/2009", "2009-09-07"],
    ["07-09-2009", "2009-09-07"],
    ["2009-09-07", "2009-09-07"],
    ["30/02/2025", "2025-02-30"],
    ["", ""],
  ])("date %j → %j (kept as shown, even when it does not exist)", (text, value) =>
    expect(parseDate(text)).toBe(value),
  );

  it.each(["2010/01/27", "27/01/10", "hôm qua", "123/01/2010"])("%j is not a date", (text) =>
    expect(codeOf(() => parseDate(text))).toBe("EXTRACT_BAD_DATE"),
  );

  it.each([
    ["25/05/2026 08:00:00 (GMT+07:00)", "2026-05-25T08:00:00+07:00"],
    ["25/05/2026 08:00", "2026-05-25T08:00:00+07:00"],
    ["2026-05-25T08:00:00+07:00", "2026-05-25T08:00:00+07:00"],
  ])("date-time %j → %j", (text, value) => expect(parseDateTime(text)).toBe(value));

  it.each([
    ["Nam", "Nam"],
    ["nữ", "Nữ"],
    ["NU\u0303", "Nữ"],
  ])("gender %j → %j", (text, value) => expect(parseGioiTinh(text)).toBe(value));

  it.each([
    ["Giáo dục thường xuyên cấp THPT", "05"],
    ["GDTX", "05"],
    ["05", "05"],
    ["Trung học phổ thông", "04"],
    ["THPT", "04"],
    ["04", "04"],
    ["4", "04"],
  ])("cấp học %j → %j", (text, value) => expect(parseCapHoc(text)).toBe(value));

  // manhomcaphoc 03 is THCS (some portals' own lists use 3 for THPT): refused, never guessed.
  it.each(["03", "3", "THCS", "02"])("cấp học %j is refused", (text) =>
    expect(codeOf(() => parseCapHoc(text))).toBe("EXTRACT_BAD_VALUE"),
  );

  it.each([
    ["Thông tư 43/2021/TT-BGDĐT", "gdtx-tt43"],
    ["TT22/2021", "thpt-tt22"],
    ["gdtx-tt43", "gdtx-tt43"],
    ["Quy chế riêng (gdtx-tt43)", "gdtx-tt43"],
  ])("profile %j → %j", (text, value) => expect(parseProfile(text)).toBe(value));

  it.each([
    ["Đánh giá bằng điểm số", "DiemSo"],
    ["Nhận xét", "NhanXet"],
  ])("hình thức %j → %j", (text, value) => expect(parseHinhThuc(text)).toBe(value));

  it("school years and counts", () => {
    expect(parseNamHoc("2025 - 2026")).toBe("2025-2026");
    expect(parseInteger("12")).toBe(12);
    expect(parseInteger("")).toBeNull();
    expect(codeOf(() => parseInteger("1,5"))).toBe("EXTRACT_BAD_INTEGER");
  });
});

describe("text normalisation", () => {
  it("folds case, diacritics, spaces and punctuation; NFD equals NFC", () => {
    expect(foldKey("Họ và tên:")).toBe("hovaten");
    expect(foldKey("Ho\u0323 va\u0300 te\u0302n")).toBe("hovaten");
    expect(foldKey("ĐĐGtx 1")).toBe("ddgtx1");
    expect(foldKey("  HỌC   KỲ  I ")).toBe(foldKey("Học kỳ I"));
  });

  it("cleanText makes NFC and collapses odd spaces", () => {
    expect(cleanText("  Nguye\u0302\u0303n\u00a0\u00a0Văn  A \n")).toBe("Nguyễn Văn A");
  });
});
