import type { HocVien } from "../../model/gradebook.ts";
import { cleanText, foldKey } from "./normalize-text.ts";
import type { ProfileRecord } from "./page-data.ts";
import { CellValueError, parseDate, parseGioiTinh, parseInteger } from "./parse-values.ts";

/**
 * How a learner's profile fields are read, whether they come from a class list (a table or a JSON
 * store) or from "label: value" pairs on a learner's page.
 */

export type ProfileValues = {
  hocVien: Partial<HocVien>;
  banGhi: ProfileRecord["banGhi"];
  movement?: MovementValues;
};

/**
 * A learner who left or arrived during the year, and the learning history (quá trình học tập), as
 * read from a class list; assemble-gradebook makes them `roiTruong`, `chuyenDen`, `quaTrinhHocTap`.
 */
export const MOVEMENT_FIELDS = [
  "trangThai",
  "ngayRoiTruong",
  "hocKyHoanThanh",
  "truongChuyenDen",
  "ngayChuyenDen",
  "truongCu",
  "quaTrinhHocTap",
] as const;
export type MovementField = (typeof MOVEMENT_FIELDS)[number];
export interface MovementValues {
  /** DangHoc: still in the class (no departure). */
  trangThai?: "ChuyenDi" | "ThoiHoc" | "DangHoc";
  ngayRoiTruong?: string;
  hocKyHoanThanh?: number;
  truongChuyenDen?: string;
  ngayChuyenDen?: string;
  truongCu?: string;
  /** "năm học | lớp | trường | ngày" per line, lines separated by ";" or a line feed. */
  quaTrinhHocTap?: string;
}

const TRANG_THAI: Readonly<Record<string, MovementValues["trangThai"]>> = {
  "chuyen di": "ChuyenDi",
  chuyendi: "ChuyenDi",
  "da chuyen di": "ChuyenDi",
  "chuyen truong": "ChuyenDi",
  "thoi hoc": "ThoiHoc",
  thoihoc: "ThoiHoc",
  "nghi hoc": "ThoiHoc",
  "bo hoc": "ThoiHoc",
  "da thoi hoc": "ThoiHoc",
  "dang hoc": "DangHoc",
  danghoc: "DangHoc",
};

export const PROFILE_PARSERS: Readonly<Record<string, (text: string) => unknown>> = {
  maHocVien: cleanText,
  hoTen: cleanText,
  ngaySinh: parseDate,
  soDinhDanh: (t) => cleanText(t).replace(/\s+/g, ""),
  gioiTinh: parseGioiTinh,
  idBanGhi: (t) => cleanText(t).toLowerCase(),
  suKien: (t) => {
    const v = cleanText(t).toUpperCase();
    if (v !== "NEW" && v !== "UPDATE" && v !== "CANCEL") {
      throw new CellValueError("EXTRACT_BAD_VALUE", "NEW / UPDATE / CANCEL");
    }
    return v;
  },
  phienBan: (t) => {
    const v = parseInteger(t);
    if (v === null || v < 1) throw new CellValueError("EXTRACT_BAD_INTEGER");
    return v;
  },
  trangThai: (t) => {
    const key = foldKey(t)
      .replace(/[^a-z ]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const v = TRANG_THAI[key];
    if (!v) throw new CellValueError("EXTRACT_BAD_VALUE", "Đang học / Chuyển đi / Thôi học");
    return v;
  },
  ngayRoiTruong: parseDate,
  ngayChuyenDen: parseDate,
  quaTrinhHocTap: parseQuaTrinhHocTap,
  hocKyHoanThanh: (t) => {
    const v = parseInteger(t);
    if (v === null || v > 2) throw new CellValueError("EXTRACT_BAD_VALUE", "0, 1 hoặc 2");
    return v;
  },
};

/**
 * The learning history as one cell (our layout, docs/portals.md): one school year per line or
 * after ";", its parts "năm học | lớp | trường | ngày". Written back checked, one
 * "năm học|lớp|trường|YYYY-MM-DD" per line.
 */
function parseQuaTrinhHocTap(text: string): string {
  const expected = "năm học | lớp | trường | ngày (dd/mm/yyyy); mỗi năm học một dòng";
  const lines = text
    .split(/[;\n]+/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return lines
    .map((line) => {
      const parts = line.split("|").map((p) => cleanText(p));
      const [namHoc = "", lop = "", truong = "", ngay = ""] = parts;
      if (parts.length !== 4 || !/^\d{4}-\d{4}$/.test(namHoc) || lop === "" || truong === "") {
        throw new CellValueError("EXTRACT_BAD_VALUE", expected);
      }
      const date = parseDate(ngay);
      if (date === "") throw new CellValueError("EXTRACT_BAD_VALUE", expected);
      return [namHoc, lop, truong, date].join("|");
    })
    .join("\n");
}

/** Fields whose empty cell means "not given" rather than an empty value. */
export const OPTIONAL_PROFILE_FIELDS: ReadonlySet<string> = new Set([
  "gioiTinh",
  "idBanGhi",
  "suKien",
  "phienBan",
  ...MOVEMENT_FIELDS,
]);

export function setProfileValue(out: ProfileValues, field: string, value: unknown): void {
  if (field === "idBanGhi" || field === "suKien" || field === "phienBan") {
    (out.banGhi as Record<string, unknown>)[field] = value;
  } else if ((MOVEMENT_FIELDS as readonly string[]).includes(field)) {
    ((out.movement ??= {}) as Record<string, unknown>)[field] = value;
  } else if (field !== "stt" && field !== "hoDem" && field !== "ten") {
    (out.hocVien as Record<string, unknown>)[field] = value;
  }
}
