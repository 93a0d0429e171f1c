import type {
  ChuyenDen,
  DanhHieu,
  HocVien,
  KetQuaXet,
  MucDanhGia,
  MucXepLoai,
  NamHocDaQua,
  RoiTruong,
} from "../../model/gradebook.ts";
import type { CapHocCode } from "./format.ts";
import type { SigningRole } from "./signature-profile.ts";

/**
 * What a học bạ số document says, as typed values (readHocBa): for previews ("what you sign") and
 * verification reports. Field names follow the gradebook model, so a view compares with its source.
 */

/** A result: a score for scored subjects, a level for comment subjects. */
export interface KetQuaView {
  tbm: number | null;
  mucDanhGia: MucDanhGia | null;
}

export interface MonView {
  ma: string;
  ten: string;
  hinhThuc: "DiemSo" | "NhanXet";
  /** null when the subject has no result in that semester. */
  hk1: KetQuaView | null;
  hk2: KetQuaView | null;
  /** null only in the record of a learner who left before the end of the year (roiTruong). */
  cn: KetQuaView | null;
  /** Result of the re-test, when there was one. */
  ktLai: KetQuaView | null;
  giaoVien: string;
  nhanXet: string;
}

/** One change of a later version: the field's path in DLHocBa, the old and the new text. */
export interface SuaDoiView {
  truong: string;
  cu: string;
  moi: string;
}

/** TTChung/ThayThe: the version replaced, the SHA-256 of its unsigned form, the reason, the changes. */
export interface ThayTheView {
  phienBanTruoc: number;
  sha256BanTruoc: string;
  lyDo: string;
  suaDoi: SuaDoiView[];
}

export interface HocBaView {
  phienBan: string;
  ttChung: {
    maSo: string;
    maTruong: string;
    tenTruong: string;
    /** 04 THPT, 05 GDTX; 03 in documents built before THPT was written 04. */
    capHoc: CapHocCode;
    chuongTrinh: string;
    namHoc: string;
    khoi: string;
    lop: string;
    gvcn: string;
    /** CCCDGVCN, when the record has it. */
    gvcnCccd?: string;
    thuTruong: { hoTen: string; chucVu: string; cccd?: string };
    /** The deputy who signs "KT." for the head (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC), when the record names one. */
    kyThay?: { hoTen: string; chucVu: string; cccd?: string };
    diaDanh: string;
    idBanGhi: string;
    suKien: "NEW" | "UPDATE" | "CANCEL";
    phienBanBanGhi: number;
    thoiGianLap: string;
    /** What a later version (UPDATE, CANCEL) replaces, and why; absent in a first version. */
    thayThe?: ThayTheView;
  };
  hocVien: HocVien;
  /** Quá trình học tập, when the record has it. */
  quaTrinhHocTap?: NamHocDaQua[];
  /** The learner arrived during the year. */
  chuyenDen?: ChuyenDen;
  /** The learner left during the year: the record holds the semesters completed only. */
  roiTruong?: RoiTruong;
  ketQua: MonView[];
  hocTap: {
    hk1: MucXepLoai | null;
    hk2: MucXepLoai | null;
    /** null only for a learner who left before the end of the year; so renLuyen.cn, ketQuaXet. */
    cn: MucXepLoai | null;
    sauKiemTraLai: MucXepLoai | null;
  };
  renLuyen: {
    hk1: MucXepLoai | null;
    hk2: MucXepLoai | null;
    cn: MucXepLoai | null;
    sauRenLuyenHe: MucXepLoai | null;
  };
  soBuoiNghi: number | null;
  ketQuaXet: KetQuaXet | null;
  ketQuaXetLai: "LenLop" | "HoanThanhChuongTrinh" | "OLai" | null;
  danhHieu: DanhHieu | null;
  nhanXetGVCN: string;
  /**
   * Roles whose container is present in DSCKS, in document order. Presence only: whether a
   * signature is valid is the verifier's business. Empty when the input was DLHocBa alone.
   */
  vaiTroCoChuKy: SigningRole[];
}
