import type { MessageCode } from "../../shared/errors/message-table.ts";

/** Path steps of a changed field (TTChung/ThayThe/SuaDoi/Muc/TruongDuLieu) that the paper names. */
const STEP: Readonly<Record<string, MessageCode>> = {
  HK1: "EXT_UI_PAPER_HK1",
  HK2: "EXT_UI_PAPER_HK2",
  CN: "EXT_UI_PAPER_CN",
  KTLai: "EXT_UI_PAPER_KT_LAI",
  SauKiemTraLai: "EXT_UI_PAPER_SAU_LAI",
  SauRenLuyenHe: "EXT_UI_PAPER_SAU_LAI",
  HocTap: "EXT_UI_PAPER_HOC_TAP",
  RenLuyen: "EXT_UI_PAPER_REN_LUYEN",
  GiaoVien: "EXT_UI_PAPER_GIAO_VIEN",
  NhanXet: "EXT_UI_PAPER_GIAO_VIEN",
  NhanXetGVCN: "EXT_UI_PAPER_NHAN_XET_GVCN",
  SoBuoiNghi: "EXT_UI_PAPER_SO_BUOI_NGHI",
  KetQuaXet: "EXT_UI_PAPER_QUYET_DINH",
  KetQuaXetLai: "EXT_UI_PAPER_QUYET_DINH",
  DanhHieu: "EXT_UI_PAPER_DANH_HIEU",
  HoTen: "EXT_UI_PAPER_HO_TEN",
  NgaySinh: "EXT_UI_PAPER_NGAY_SINH",
};

/**
 * A changed field as a reader of the paper names it: "KetQua/Mon[TO]/CN/TBM" → "Toán · Cả năm";
 * steps the paper has no name for stay as written.
 */
export function suaDoiLabel(
  truong: string,
  subjects: ReadonlyArray<{ ma: string; ten: string }>,
  t: (code: MessageCode) => string,
): string {
  const parts: string[] = [];
  for (const step of truong.split("/")) {
    const mon = /^Mon\[(.+)\]$/.exec(step);
    if (mon) parts.push(subjects.find((m) => m.ma === mon[1])?.ten ?? mon[1] ?? step);
    else if (step === "KetQua" || step === "TBM" || step === "MucDanhGia") continue;
    else parts.push(STEP[step] ? t(STEP[step]) : step);
  }
  return parts.join(" · ");
}
