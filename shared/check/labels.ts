import type { DanhHieu, KetQuaXet, MucXepLoai } from "../model/gradebook.ts";
import { parseDecimal, toFixed, toPlainString, type Decimal } from "../rules/decimal.ts";
import type { RulesProfile } from "../rules/rules-profile.ts";

/** Vietnamese display of values in check messages. */

/** 7.5 → "7,5" (Vietnamese decimal comma); the number's shortest text, never float-rounded. */
export function formatDiem(x: number | Decimal | null | undefined): string {
  if (x === null || x === undefined) return "(trống)";
  if (typeof x === "number") return String(x).replace(".", ",");
  const exact = toPlainString(x);
  return (exact ?? `${toFixed(x, 3)}…`).replace(".", ",");
}

/** A rounded average as a học bạ shows it, with the profile's decimals: 8 → "8,0", 7.3 → "7,3". */
export function formatTbm(x: number | Decimal, places: number): string {
  if (typeof x === "number") {
    const d = parseDecimal(String(x));
    if (!d) return formatDiem(x);
    x = d;
  }
  return toFixed(x, places).replace(".", ",");
}

const MUC: Readonly<Record<MucXepLoai, string>> = { T: "Tốt", K: "Khá", Đ: "Đạt", CĐ: "Chưa đạt" };

export function formatMuc(x: MucXepLoai | null | undefined): string {
  return x === null || x === undefined ? "(trống)" : MUC[x];
}

const XET: Readonly<Record<KetQuaXet, string>> = {
  LenLop: "Lên lớp",
  HoanThanhChuongTrinh: "Hoàn thành chương trình",
  KiemTraLai: "Kiểm tra lại",
  RenLuyenHe: "Rèn luyện trong hè",
  OLai: "Ở lại lớp",
};

export function formatXet(x: KetQuaXet | null | undefined): string {
  return x === null || x === undefined ? "(trống)" : XET[x];
}

export function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

export function formatDanhHieu(x: DanhHieu | null | undefined, profile: RulesProfile): string {
  if (x === null || x === undefined) return "không có";
  return `${capitalize(profile.labels.value.learner)} ${x === "XuatSac" ? "Xuất sắc" : "Giỏi"}`;
}

const HOC_KY: Readonly<Record<string, string>> = { hk1: "học kỳ I", hk2: "học kỳ II", cn: "cả năm" };

const LEARNER_FIELDS: Readonly<Record<string, string>> = {
  "hocVien.maHocVien": "mã học viên",
  "hocVien.soDinhDanh": "số định danh cá nhân",
  "hocVien.hoTen": "họ tên",
  "hocVien.ngaySinh": "ngày sinh",
  "hocVien.danToc": "dân tộc",
  "hocVien.quocTich": "quốc tịch",
  "hocVien.noiSinh": "nơi sinh",
  "hocVien.noiO": "nơi ở",
  "hocVien.hoTenCha": "họ tên cha, mẹ hoặc người giám hộ",
  "hocTap.sauKiemTraLai": "kết quả học tập sau kiểm tra lại",
  "renLuyen.sauRenLuyenHe": "kết quả rèn luyện sau rèn luyện trong hè",
  soBuoiNghi: "số buổi nghỉ",
  ketQuaXet: "kết quả xét cuối năm",
  ketQuaXetLai: "kết quả xét sau kiểm tra lại/rèn luyện hè",
  danhHieu: "danh hiệu",
  nhanXetGVCN: "nhận xét của giáo viên chủ nhiệm",
  giaoVien: "tên giáo viên bộ môn",
  nhanXet: "nhận xét của giáo viên bộ môn",
  "ktLai.tbm": "điểm kiểm tra lại",
  "ktLai.mucDanhGia": "mức đánh giá kiểm tra lại",
  "thuTruong.hoTen": "họ tên người ký phê duyệt (thủ trưởng)",
  gvcn: "họ tên giáo viên chủ nhiệm",
  thoiGianLap: "thời gian lập",
  "roiTruong.truongChuyenDen": "nơi chuyển đến",
  "roiTruong.ngay": "ngày chuyển đi / thôi học",
  "chuyenDen.ngay": "ngày chuyển đến",
  quaTrinhHocTap: "quá trình học tập",
};

/** The Vietnamese name of a field path ("hk1.tx[2]" → "điểm đánh giá thường xuyên thứ 3 học kỳ I"). */
export function fieldLabel(field: string): string {
  const known = LEARNER_FIELDS[field];
  if (known) return known;
  const m = /^(hk1|hk2|cn|hocTap|renLuyen)\.?(.*)$/.exec(field);
  if (m) {
    const [, head = "", rest = ""] = m;
    if (head === "hocTap" || head === "renLuyen") {
      return `kết quả ${head === "hocTap" ? "học tập" : "rèn luyện"} ${HOC_KY[rest] ?? rest}`;
    }
    const hk = HOC_KY[head] ?? head;
    const tx = /^tx\[(\d+)\]$/.exec(rest);
    if (tx) return `điểm đánh giá thường xuyên thứ ${Number(tx[1]) + 1} ${hk}`;
    if (rest === "tx") return `điểm đánh giá thường xuyên ${hk}`;
    if (rest === "gk") return `điểm đánh giá giữa kỳ ${hk}`;
    if (rest === "ck") return `điểm đánh giá cuối kỳ ${hk}`;
    if (rest === "tbm") return head === "cn" ? "ĐTB môn cả năm" : `ĐTB môn ${hk}`;
    if (rest === "mucDanhGia") return `mức đánh giá ${hk}`;
  }
  return field;
}

export function hocKyLabel(hk: "hk1" | "hk2"): string {
  return HOC_KY[hk] ?? hk;
}
