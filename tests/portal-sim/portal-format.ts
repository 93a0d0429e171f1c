import type {
  DanhHieu,
  Diem,
  Gradebook,
  KetQuaXet,
  MucXepLoai,
  Subject,
} from "../../shared/model/gradebook.ts";

/**
 * How the simulated portals display model values: comma decimals, dd/mm/yyyy, Vietnamese labels.
 * Every display is read back exactly by the adapters' parsers (that is what the tests check).
 */

export function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Escaped, line breaks as <br> (comments). */
export function escLines(text: string): string {
  return text.split("\n").map(esc).join("<br>");
}

/** 7.5 → "7,5"; 8 → "8". */
export function fmtScore(n: number | null): string {
  return n === null ? "" : String(n).replace(".", ",");
}

/** Averages show one decimal as portals do (8 → "8,0"), more only when the value has more. */
export function fmtAverage(n: number | null): string {
  if (n === null) return "";
  return Number.isInteger(n * 10) ? n.toFixed(1).replace(".", ",") : fmtScore(n);
}

export function fmtDiem(d: Diem): string {
  return d === null ? "" : typeof d === "number" ? fmtScore(d) : d;
}

const MUC_LONG: Readonly<Record<string, string>> = { T: "Tốt", K: "Khá", Đ: "Đạt", CĐ: "Chưa đạt" };

/** T/K/Đ/CĐ → Tốt/Khá/Đạt/Chưa đạt (SMAS) or kept short (vnEdu). */
export function fmtMuc(value: MucXepLoai | null, long = true): string {
  if (value === null) return "";
  return long ? (MUC_LONG[value] ?? value) : value;
}

const DECISIONS: Readonly<Record<KetQuaXet, string>> = {
  LenLop: "Lên lớp",
  OLai: "Ở lại lớp",
  KiemTraLai: "Kiểm tra lại",
  RenLuyenHe: "Rèn luyện trong hè",
  HoanThanhChuongTrinh: "Hoàn thành chương trình",
};

export function fmtDecision(value: KetQuaXet | null): string {
  return value === null ? "" : DECISIONS[value];
}

export function fmtAward(value: DanhHieu | null, gb: Gradebook): string {
  if (value === null) return "";
  return `${learnerWord(gb, true)} ${value === "XuatSac" ? "Xuất sắc" : "Giỏi"}`;
}

/** YYYY-MM-DD → dd/mm/yyyy. */
export function fmtDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 2026-05-25T08:00:00+07:00 → 25/05/2026 08:00:00 (GMT+07:00). */
export function fmtDateTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}:${m[6]} (GMT${m[7]})` : iso;
}

export function fmtCapHoc(capHoc: Gradebook["school"]["capHoc"]): string {
  return capHoc === "05" ? "Giáo dục thường xuyên cấp THPT" : "Trung học phổ thông";
}

const PROFILE_LABELS: Readonly<Record<string, string>> = {
  "gdtx-tt43": "Thông tư 43/2021/TT-BGDĐT",
  "thpt-tt22": "Thông tư 22/2021/TT-BGDĐT",
};

export function fmtProfile(profile: string): string {
  return PROFILE_LABELS[profile] ?? profile;
}

export function fmtHinhThuc(s: Subject): string {
  return s.hinhThuc === "DiemSo" ? "Đánh giá bằng điểm số" : "Đánh giá bằng nhận xét";
}

/** "học viên" in a GDTX centre, "học sinh" in a school. */
export function learnerWord(gb: Gradebook, capital = false): string {
  const word = gb.school.capHoc === "05" ? "học viên" : "học sinh";
  return capital ? word[0]?.toUpperCase() + word.slice(1) : word;
}
