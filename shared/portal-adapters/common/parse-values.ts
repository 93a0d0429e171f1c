import type { MessageCode } from "../../errors/message-table.ts";
import type { CapHoc, DanhHieu, Diem, KetQuaXet, MucDanhGia, MucXepLoai } from "../../model/gradebook.ts";
import { cleanText, foldKey } from "./normalize-text.ts";

/**
 * Cell value parsers: what portals show ("7,5", "Chưa đạt", "05/09/2008", "Lên lớp") to model
 * values. They never guess: text they do not recognise is a CellValueError, which the caller turns
 * into a HocBaError naming the page, table, row and column. An empty cell is null ("not entered").
 */
export class CellValueError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly expected = "",
  ) {
    super(code);
  }
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/** "7,5" or "7.5" → 7.5; "" → null. One decimal separator only: "7,5,5" and "7.5,5" are errors. */
export function parseScore(text: string): number | null {
  const t = cleanText(text).replace(/\s+/g, "");
  if (t === "") return null;
  if (!NUMBER_TEXT.test(t)) throw new CellValueError("EXTRACT_BAD_NUMBER");
  const value = Number(t.replace(",", "."));
  if (!Number.isFinite(value)) throw new CellValueError("EXTRACT_BAD_NUMBER");
  return value;
}

/** A whole number such as a count of absences: "3" → 3; "" → null. */
export function parseInteger(text: string): number | null {
  const t = cleanText(text).replace(/\s+/g, "");
  if (t === "") return null;
  if (!/^\d{1,6}$/.test(t)) throw new CellValueError("EXTRACT_BAD_INTEGER");
  return Number(t);
}

const MUC_DANH_GIA: Readonly<Record<string, MucDanhGia>> = {
  d: "Đ",
  dat: "Đ",
  cd: "CĐ",
  chuadat: "CĐ",
};

/** "Đ", "Đạt" → Đ; "CĐ", "Chưa đạt" → CĐ; "" → null. */
export function parseMucDanhGia(text: string): MucDanhGia | null {
  const key = foldKey(text);
  if (key === "") return null;
  const value = MUC_DANH_GIA[key];
  if (!value) throw new CellValueError("EXTRACT_BAD_MUC_DANH_GIA");
  return value;
}

const MUC_XEP_LOAI: Readonly<Record<string, MucXepLoai>> = {
  t: "T",
  tot: "T",
  k: "K",
  kha: "K",
  d: "Đ",
  dat: "Đ",
  cd: "CĐ",
  chuadat: "CĐ",
};

/** "Tốt/Khá/Đạt/Chưa đạt" (or T/K/Đ/CĐ) → T/K/Đ/CĐ; "" → null. */
export function parseMucXepLoai(text: string): MucXepLoai | null {
  const key = foldKey(text);
  if (key === "") return null;
  const value = MUC_XEP_LOAI[key];
  if (!value) throw new CellValueError("EXTRACT_BAD_XEP_LOAI");
  return value;
}

/** An assessment cell: a score, or Đ/CĐ for comment-only subjects; "" → null. */
export function parseDiem(text: string): Diem {
  const t = cleanText(text);
  if (t === "") return null;
  if (/^[+-]?[\d.,]/.test(t)) {
    try {
      return parseScore(t);
    } catch {
      throw new CellValueError("EXTRACT_BAD_NUMBER");
    }
  }
  const muc = MUC_DANH_GIA[foldKey(t)];
  if (!muc) throw new CellValueError("EXTRACT_BAD_GRADE");
  return muc;
}

/**
 * dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and ISO yyyy-mm-dd) → YYYY-MM-DD; "" → "".
 * Only the shape is checked: a date that does not exist (30/02) is kept as the portal shows it,
 * for `hocba check` to report.
 */
export function parseDate(text: string): string {
  const t = cleanText(text);
  if (t === "") return "";
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (vn) return `${vn[3]}-${(vn[2] ?? "").padStart(2, "0")}-${(vn[1] ?? "").padStart(2, "0")}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  throw new CellValueError("EXTRACT_BAD_DATE");
}

/** "dd/mm/yyyy HH:mm[:ss] (GMT+07:00)" or ISO 8601 → ISO 8601 with offset, as the model keeps it. */
export function parseDateTime(text: string): string {
  const t = cleanText(text);
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
  if (iso.test(t)) return t;
  const m =
    /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*\(?(?:GMT|UTC)?\s*(Z|[+-]\d{2}:\d{2})?\)?$/i.exec(
      t,
    );
  if (!m) throw new CellValueError("EXTRACT_BAD_DATE");
  const date = parseDate(m[1] ?? "");
  const offset = m[5] ?? "+07:00";
  return `${date}T${(m[2] ?? "").padStart(2, "0")}:${m[3] ?? "00"}:${m[4] ?? "00"}${offset}`;
}

const KET_QUA_XET: ReadonlyArray<readonly [string, KetQuaXet]> = [
  ["lenlop", "LenLop"],
  ["duoclenlop", "LenLop"],
  ["ll", "LenLop"],
  ["olailop", "OLai"],
  ["olai", "OLai"],
  ["luuban", "OLai"],
  ["kiemtralai", "KiemTraLai"],
  ["thilai", "KiemTraLai"],
  ["ktl", "KiemTraLai"],
  ["renluyentronghe", "RenLuyenHe"],
  ["renluyenhe", "RenLuyenHe"],
  ["rlh", "RenLuyenHe"],
  ["hoanthanhchuongtrinh", "HoanThanhChuongTrinh"],
  ["hoanthanhchuongtrinhthpt", "HoanThanhChuongTrinh"],
  ["hoanthanhchuongtrinhgdtxcapthpt", "HoanThanhChuongTrinh"],
  ["htct", "HoanThanhChuongTrinh"],
];

/** Decision labels ("Lên lớp", "Ở lại lớp", ...) or the model codes themselves → KetQuaXet; "" → null. */
export function parseKetQuaXet(text: string): KetQuaXet | null {
  const key = foldKey(text);
  if (key === "") return null;
  for (const [label, code] of KET_QUA_XET) if (key === label || key === foldKey(code)) return code;
  throw new CellValueError("EXTRACT_BAD_DECISION");
}

/** Re-decision after the re-test / summer training: only LenLop, HoanThanhChuongTrinh or OLai. */
export function parseKetQuaXetLai(text: string): "LenLop" | "HoanThanhChuongTrinh" | "OLai" | null {
  const value = parseKetQuaXet(text);
  if (value === "KiemTraLai" || value === "RenLuyenHe") throw new CellValueError("EXTRACT_BAD_DECISION");
  return value;
}

/** "Học sinh Xuất sắc", "Học viên Giỏi", "Giỏi", "XuatSac" → DanhHieu; "" → null. */
export function parseDanhHieu(text: string): DanhHieu | null {
  const key = foldKey(text).replace(/^(hocsinh|hocvien|hs|hv)/, "");
  if (key === "") return null;
  if (key === "xuatsac") return "XuatSac";
  if (key === "gioi") return "Gioi";
  throw new CellValueError("EXTRACT_BAD_AWARD");
}

export function parseGioiTinh(text: string): "Nam" | "Nữ" {
  const key = foldKey(text);
  if (key === "nam") return "Nam";
  if (key === "nu") return "Nữ";
  throw new CellValueError("EXTRACT_BAD_GENDER");
}

/** "Điểm số" / "Tính điểm" → DiemSo; "Nhận xét" / "Đánh giá bằng nhận xét" → NhanXet. */
export function parseHinhThuc(text: string): "DiemSo" | "NhanXet" {
  const key = foldKey(text);
  if (["diemso", "tinhdiem", "danhgiabangdiemso", "ds"].includes(key)) return "DiemSo";
  if (["nhanxet", "danhgiabangnhanxet", "nx"].includes(key)) return "NhanXet";
  throw new CellValueError("EXTRACT_BAD_VALUE", "Điểm số / Nhận xét");
}

/**
 * The sector database's `manhomcaphoc`: "05", "GDTX", "Giáo dục thường xuyên" → 05; "04", "THPT",
 * "Trung học phổ thông" → 04. "03" is THCS there (and THPT in some portals' own lists), so it is
 * refused rather than guessed.
 */
export function parseCapHoc(text: string): CapHoc {
  const key = foldKey(text);
  if (["05", "5", "gdtx", "giaoducthuongxuyen", "gdtxcapthpt", "giaoducthuongxuyencapthpt"].includes(key)) {
    return "05";
  }
  if (["04", "4", "thpt", "trunghocphothong"].includes(key)) return "04";
  throw new CellValueError("EXTRACT_BAD_VALUE", "GDTX (05) / THPT (04)");
}

/** "2024-2025", "2024 - 2025", "2024/2025" → 2024-2025. */
export function parseNamHoc(text: string): string {
  const m = /^(\d{4})\s*[-–/]\s*(\d{4})$/.exec(cleanText(text));
  if (!m) throw new CellValueError("EXTRACT_BAD_VALUE", "yyyy-yyyy");
  return `${m[1]}-${m[2]}`;
}

const PROFILES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(thongtu)?43(2021)?(ttbgddt)?$/, "gdtx-tt43"],
  [/^(thongtu)?22(2021)?(ttbgddt)?$/, "thpt-tt22"],
];

/** The circular ("Thông tư 43/2021/TT-BGDĐT") or a profile id ("gdtx-tt43") → profile id. */
export function parseProfile(text: string): string {
  const t = cleanText(text);
  const inParens = /\(([a-z0-9-]+)\)$/.exec(t);
  if (inParens?.[1]) return inParens[1];
  if (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(t)) return t;
  const key = foldKey(t).replace(/^tt/, "thongtu");
  for (const [pattern, id] of PROFILES) if (pattern.test(key)) return id;
  throw new CellValueError("EXTRACT_BAD_VALUE", "Thông tư 22/2021 hoặc 43/2021");
}
