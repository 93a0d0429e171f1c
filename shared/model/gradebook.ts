import { z } from "zod";
import { CAP_HOC_CODES } from "./cap-hoc.ts";

/**
 * The normalized gradebook of one class for one school year: what portal adapters produce, what
 * `hocba check` and `hocba build` read, and what tests exchange. Values are kept as the portal
 * shows them (a wrong score stays wrong here); `check` reports problems, `build` refuses them.
 * Names follow the CSDL ngành vocabulary (maHocVien, soDinhDanh, maTruong...) in camelCase.
 */

export const GRADEBOOK_FORMAT = "hocba-gradebook/1" as const;

/** Comment-only subjects are graded Đạt / Chưa đạt (TT22 Điều 7). */
export const MucDanhGia = z.enum(["Đ", "CĐ"]).describe("Đ = Đạt, CĐ = Chưa đạt");
export type MucDanhGia = z.infer<typeof MucDanhGia>;

/** Học tập and rèn luyện levels (TT22 Điều 8, 9): Tốt, Khá, Đạt, Chưa đạt. */
export const MucXepLoai = z.enum(["T", "K", "Đ", "CĐ"]).describe("T = Tốt, K = Khá, Đ = Đạt, CĐ = Chưa đạt");
export type MucXepLoai = z.infer<typeof MucXepLoai>;

/** One assessment: a score (scored subjects) or Đ/CĐ (comment subjects); null = not entered. */
export const Diem = z
  .union([z.number(), MucDanhGia])
  .nullable()
  .describe("Điểm số (0-10) hoặc mức Đ/CĐ; null khi chưa nhập");
export type Diem = z.infer<typeof Diem>;

/** A subject's record for one semester, as the portal's sổ điểm shows it. */
export const KetQuaHocKy = z.object({
  tx: z.array(Diem).describe("ĐĐGtx: điểm đánh giá thường xuyên, theo thứ tự"),
  gk: Diem.describe("ĐĐGgk: điểm đánh giá giữa kỳ"),
  ck: Diem.describe("ĐĐGck: điểm đánh giá cuối kỳ"),
  tbm: z.number().nullable().describe("ĐTBmhk do cổng hiển thị (môn đánh giá bằng điểm số)"),
  mucDanhGia: MucDanhGia.nullable().describe("Mức đánh giá học kỳ (môn đánh giá bằng nhận xét)"),
});
export type KetQuaHocKy = z.infer<typeof KetQuaHocKy>;

/** A yearly (or re-test) result of one subject. */
export const KetQuaNam = z.object({
  tbm: z.number().nullable().describe("ĐTBmcn (hoặc điểm kiểm tra lại) do cổng hiển thị"),
  mucDanhGia: MucDanhGia.nullable(),
});
export type KetQuaNam = z.infer<typeof KetQuaNam>;

export const KetQuaMon = z.object({
  maMon: z.string().min(1).describe("Mã môn học, khớp Subject.ma"),
  hk1: KetQuaHocKy,
  hk2: KetQuaHocKy,
  cn: KetQuaNam.describe("Kết quả cả năm"),
  ktLai: KetQuaNam.nullable().describe("Kết quả kiểm tra lại (nếu có)"),
  giaoVien: z.string().describe("Giáo viên bộ môn"),
  nhanXet: z.string().describe("Nhận xét của giáo viên bộ môn"),
});
export type KetQuaMon = z.infer<typeof KetQuaMon>;

/** Optional text fields may be empty; they are never invented. */
export const HocVien = z.object({
  maHocVien: z.string().min(1).describe("Mã học sinh / học viên trên CSDL ngành"),
  soDinhDanh: z.string().describe("Số định danh cá nhân, 12 chữ số"),
  hoTen: z.string().min(1),
  ngaySinh: z.string().describe("YYYY-MM-DD"),
  gioiTinh: z.enum(["Nam", "Nữ"]),
  danToc: z.string(),
  quocTich: z.string(),
  noiSinh: z.string(),
  noiO: z.string(),
  hoTenCha: z.string(),
  hoTenMe: z.string(),
  hoTenNguoiGiamHo: z.string(),
  doiTuongChinhSach: z.string(),
});
export type HocVien = z.infer<typeof HocVien>;

export const KetQuaXet = z
  .enum(["LenLop", "HoanThanhChuongTrinh", "KiemTraLai", "RenLuyenHe", "OLai"])
  .describe("Quyết định cuối năm (TT22 Điều 12-14; TT43 Điều 11)");
export type KetQuaXet = z.infer<typeof KetQuaXet>;

export const DanhHieu = z.enum(["XuatSac", "Gioi"]).describe("Học sinh/Học viên Xuất sắc, Giỏi");
export type DanhHieu = z.infer<typeof DanhHieu>;

/**
 * Mã nhóm cấp học (`manhomcaphoc`) of the sector database: 01 Mầm non, 02 Tiểu học, 03 THCS,
 * 04 THPT, 05 Giáo dục thường xuyên. The project serves THPT and GDTX classes.
 */
export const CapHoc = z
  .enum(CAP_HOC_CODES)
  .describe("Mã nhóm cấp học (manhomcaphoc) của CSDL ngành: 05 = Giáo dục thường xuyên, 04 = THPT");
export type CapHoc = z.infer<typeof CapHoc>;

/** Sync envelope of the CSDL ngành (idbanghi / sukien / phienban): a correction is a new version. */
export const BanGhi = z.object({
  idBanGhi: z.uuid(),
  suKien: z.enum(["NEW", "UPDATE", "CANCEL"]),
  phienBan: z.number().int().min(1),
});
export type BanGhi = z.infer<typeof BanGhi>;

/** One line of the learner's learning history (quá trình học tập), as on the paper học bạ. */
export const NamHocDaQua = z.object({
  namHoc: z.string().regex(/^\d{4}-\d{4}$/),
  lop: z.string().min(1),
  truong: z.string().min(1).describe("Tên trường / trung tâm (kèm huyện, tỉnh nếu có)"),
  ngay: z.string().describe("Ngày nhập học hoặc chuyển đến, YYYY-MM-DD"),
});
export type NamHocDaQua = z.infer<typeof NamHocDaQua>;

/** A learner who arrived during the year from another school. */
export const ChuyenDen = z.object({
  ngay: z.string().describe("Ngày chuyển đến, YYYY-MM-DD"),
  truongCu: z.string().min(1).describe("Trường / trung tâm học viên chuyển từ đó đến"),
});
export type ChuyenDen = z.infer<typeof ChuyenDen>;

/**
 * A learner who left during the year: transferred out (ChuyenDi) or stopped (ThoiHoc). The record
 * holds the semesters completed before leaving (hocKyHoanThanh: 0, 1 or 2); nothing after them.
 */
export const RoiTruong = z.object({
  trangThai: z.enum(["ChuyenDi", "ThoiHoc"]).describe("ChuyenDi = chuyển đi, ThoiHoc = thôi học"),
  ngay: z.string().describe("Ngày chuyển đi / thôi học, YYYY-MM-DD"),
  hocKyHoanThanh: z.number().int().min(0).max(2).describe("Số học kỳ đã hoàn thành trước khi rời trường"),
  truongChuyenDen: z.string().optional().describe("Nơi chuyển đến (bắt buộc khi chuyển đi)"),
});
export type RoiTruong = z.infer<typeof RoiTruong>;

export const Learner = z.object({
  hocVien: HocVien,
  ketQua: z.array(KetQuaMon),
  hocTap: z.object({
    hk1: MucXepLoai.nullable(),
    hk2: MucXepLoai.nullable(),
    cn: MucXepLoai.nullable(),
    sauKiemTraLai: MucXepLoai.nullable().describe("Kết quả học tập sau kiểm tra lại"),
  }),
  renLuyen: z.object({
    hk1: MucXepLoai.nullable(),
    hk2: MucXepLoai.nullable(),
    cn: MucXepLoai.nullable(),
    sauRenLuyenHe: MucXepLoai.nullable().describe("Kết quả rèn luyện sau rèn luyện trong hè"),
  }),
  soBuoiNghi: z.number().int().nullable().describe("Tổng số buổi nghỉ cả năm (có và không phép)"),
  ketQuaXet: KetQuaXet.nullable().describe("Quyết định cuối năm như cổng hiển thị"),
  ketQuaXetLai: z
    .enum(["LenLop", "HoanThanhChuongTrinh", "OLai"])
    .nullable()
    .describe("Quyết định sau kiểm tra lại / rèn luyện hè"),
  danhHieu: DanhHieu.nullable(),
  nhanXetGVCN: z.string(),
  banGhi: BanGhi.optional().describe(
    "Nếu thiếu, build sinh IdBanGhi ổn định từ mã trường, mã học viên, năm học",
  ),
  quaTrinhHocTap: z.array(NamHocDaQua).optional().describe("Quá trình học tập: năm học, lớp, trường, ngày"),
  chuyenDen: ChuyenDen.optional().describe("Chuyển đến trong năm học"),
  roiTruong: RoiTruong.optional().describe("Chuyển đi hoặc thôi học trong năm học"),
});
export type Learner = z.infer<typeof Learner>;

export const Subject = z.object({
  ma: z.string().min(1).describe("Mã môn (theo QĐ 4998 khi có; [I] danh mục chưa xác nhận)"),
  ten: z.string().min(1),
  hinhThuc: z.enum(["DiemSo", "NhanXet"]).describe("Đánh giá bằng điểm số hoặc bằng nhận xét"),
  soTietNam: z.number().int().positive().describe("Số tiết/năm: quyết định số ĐĐGtx mỗi học kỳ"),
});
export type Subject = z.infer<typeof Subject>;

/** Căn cước công dân (số định danh cá nhân): 12 digits. */
export const CCCD = z
  .string()
  .regex(/^[0-9]{12}$/, "12 chữ số")
  .describe("Số căn cước công dân, 12 chữ số");

export const Gradebook = z.object({
  format: z.literal(GRADEBOOK_FORMAT),
  school: z.object({
    maSo: z.string().min(1).describe("Mã Sở GDĐT"),
    maTruong: z.string().min(1),
    tenTruong: z.string().min(1),
    capHoc: CapHoc,
    diaDanh: z.string().describe("Địa danh nơi lập học bạ"),
  }),
  namHoc: z.string().regex(/^\d{4}-\d{4}$/),
  khoi: z.string().min(1),
  lop: z.string().min(1),
  gvcn: z.string().min(1).describe("Họ tên giáo viên chủ nhiệm"),
  gvcnCccd: CCCD.optional().describe("Số CCCD của GVCN: khi có, chứng thư số ký GVCN phải cùng số"),
  thuTruong: z
    .object({
      hoTen: z.string(),
      chucVu: z.string(),
      cccd: CCCD.optional().describe("Số CCCD của thủ trưởng"),
    })
    .describe("Người ký phê duyệt"),
  kyThay: z
    .object({
      hoTen: z.string().min(1),
      chucVu: z.string().min(1).describe("Chức vụ của cấp phó, ví dụ Phó Giám đốc"),
      cccd: CCCD.optional(),
    })
    .optional()
    .describe("Cấp phó ký thay thủ trưởng (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC); chỉ khi đơn vị giao ký thay"),
  profile: z.string().min(1).describe("Mã bộ quy tắc: gdtx-tt43, thpt-tt22"),
  thoiGianLap: z.string().optional().describe("ISO 8601 với múi giờ; cố định để build cho ra cùng byte"),
  subjects: z.array(Subject).min(1),
  learners: z.array(Learner),
});
export type Gradebook = z.infer<typeof Gradebook>;
