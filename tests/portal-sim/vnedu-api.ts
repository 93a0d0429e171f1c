import type { Subject } from "../../shared/model/gradebook.ts";
import { fmtAverage, fmtAward, fmtDate, fmtDecision, fmtDiem, fmtMuc } from "./portal-format.ts";
import { learnerId, soDiemPlan, subjectRows, type PortalClass } from "./portal-data.ts";
import { movementJson } from "./movement-text.ts";

/**
 * vnEdu-style JSON API (ExtJS store shape: {success, total, rows, metaData.columns}). Values are the
 * strings the grid displays ("7,5", "Đ", "Lên lớp"); metaData.columns tells the page's inline
 * script how to draw the grid headers (one group level: "Học kỳ I" over "TX1 ... TBm").
 */

export interface GridColumnMeta {
  text: string;
  dataIndex: string;
  group?: string;
  hidden?: boolean;
}

type Row = Record<string, string | number | null>;

export interface StoreResponse {
  success: true;
  total: number;
  rows: Row[];
  metaData: { columns: GridColumnMeta[] };
  [extra: string]: unknown;
}

const store = (
  rows: Row[],
  columns: GridColumnMeta[],
  extra: Record<string, unknown> = {},
): StoreResponse => ({
  success: true,
  total: rows.length,
  ...extra,
  rows,
  metaData: { columns },
});

export function apiDanhSachLop(classes: readonly PortalClass[]): StoreResponse {
  return store(
    classes.map((c) => ({
      lop_id: c.id,
      ten_lop: c.gradebook.lop,
      khoi: c.gradebook.khoi,
      nam_hoc: c.gradebook.namHoc,
      gvcn: c.gradebook.gvcn,
      si_so: c.gradebook.learners.length,
    })),
    [
      { text: "Lớp", dataIndex: "ten_lop" },
      { text: "Khối", dataIndex: "khoi" },
      { text: "Năm học", dataIndex: "nam_hoc" },
      { text: "GVCN", dataIndex: "gvcn" },
      { text: "Sĩ số", dataIndex: "si_so" },
    ],
  );
}

/** Class details and subject list (kieu_mon: 0 = tính điểm, 1 = nhận xét). */
export function apiLop(cls: PortalClass) {
  const gb = cls.gradebook;
  return {
    success: true,
    data: {
      lop_id: cls.id,
      ten_lop: gb.lop,
      khoi: gb.khoi,
      nam_hoc: gb.namHoc,
      ma_so: gb.school.maSo,
      ma_truong: gb.school.maTruong,
      ten_truong: gb.school.tenTruong,
      cap_hoc: gb.school.capHoc === "05" ? "GDTX" : "THPT",
      dia_danh: gb.school.diaDanh,
      gvcn: gb.gvcn,
      thu_truong: gb.thuTruong.hoTen,
      chuc_vu_thu_truong: gb.thuTruong.chucVu,
      quy_che: gb.profile,
      thoi_gian_lap: gb.thoiGianLap ?? null,
      mon_hoc: gb.subjects.map((s) => ({
        ma_mon: s.ma,
        ten_mon: s.ten,
        kieu_mon: s.hinhThuc === "DiemSo" ? 0 : 1,
        so_tiet: s.soTietNam,
      })),
    },
  };
}

export function apiHocBa(cls: PortalClass): StoreResponse {
  const gb = cls.gradebook;
  const rows = gb.learners.map((l, i) => {
    const hv = l.hocVien;
    const row: Row = {
      hoc_sinh_id: learnerId(cls, i),
      ma_hoc_sinh: hv.maHocVien,
      so_dinh_danh: hv.soDinhDanh,
      ho_ten: hv.hoTen,
      ngay_sinh: fmtDate(hv.ngaySinh),
      gioi_tinh: hv.gioiTinh,
      dan_toc: hv.danToc,
      quoc_tich: hv.quocTich,
      noi_sinh: hv.noiSinh,
      noi_o: hv.noiO,
      ho_ten_cha: hv.hoTenCha,
      ho_ten_me: hv.hoTenMe,
      ho_ten_giam_ho: hv.hoTenNguoiGiamHo,
      doi_tuong_cs: hv.doiTuongChinhSach,
      id_ban_ghi: l.banGhi?.idBanGhi ?? null,
      su_kien: l.banGhi?.suKien ?? null,
      phien_ban: l.banGhi?.phienBan ?? null,
      ...movementJson(l),
    };
    return row;
  });
  return store(rows, [
    { text: "Mã học sinh", dataIndex: "ma_hoc_sinh" },
    { text: "Số định danh", dataIndex: "so_dinh_danh" },
    { text: "Họ và tên", dataIndex: "ho_ten" },
    { text: "Ngày sinh", dataIndex: "ngay_sinh" },
    { text: "Giới tính", dataIndex: "gioi_tinh" },
    { text: "Dân tộc", dataIndex: "dan_toc" },
    { text: "Quốc tịch", dataIndex: "quoc_tich" },
    { text: "Nơi sinh", dataIndex: "noi_sinh" },
    { text: "Nơi ở", dataIndex: "noi_o" },
    { text: "Họ tên cha", dataIndex: "ho_ten_cha" },
    { text: "Họ tên mẹ", dataIndex: "ho_ten_me" },
    { text: "Người giám hộ", dataIndex: "ho_ten_giam_ho" },
    { text: "Đối tượng chính sách", dataIndex: "doi_tuong_cs" },
    { text: "ID bản ghi", dataIndex: "id_ban_ghi" },
    { text: "Sự kiện", dataIndex: "su_kien" },
    { text: "Phiên bản", dataIndex: "phien_ban" },
  ]);
}

const SEMESTERS = [
  ["hk1", "Học kỳ I"],
  ["hk2", "Học kỳ II"],
] as const;

/** One subject's sổ điểm: keys tx{n}_hk{1,2}, gk_*, ck_*, tbm_*, xl_* (mức đánh giá), *_cn, *_ktl. */
export function apiSoDiem(cls: PortalClass, subject: Subject): StoreResponse {
  const gb = cls.gradebook;
  const plan = soDiemPlan(gb, subject);
  const columns: GridColumnMeta[] = [
    { text: "ID", dataIndex: "hoc_sinh_id", hidden: true },
    { text: "Mã học sinh", dataIndex: "ma_hoc_sinh" },
    { text: "Họ và tên", dataIndex: "ho_ten" },
    { text: "Ngày sinh", dataIndex: "ngay_sinh" },
  ];
  for (const [g, label] of SEMESTERS) {
    for (let n = 1; n <= plan.tx[g]; n++) {
      columns.push({ text: `TX${n}`, dataIndex: `tx${n}_${g}`, group: label });
    }
    columns.push(
      { text: "GK", dataIndex: `gk_${g}`, group: label },
      { text: "CK", dataIndex: `ck_${g}`, group: label },
    );
    if (plan.tbm[g]) columns.push({ text: "TBm", dataIndex: `tbm_${g}`, group: label });
    if (plan.muc[g]) columns.push({ text: "Mức ĐG", dataIndex: `xl_${g}`, group: label });
  }
  if (plan.tbm.cn) columns.push({ text: "TBm", dataIndex: "tbm_cn", group: "Cả năm" });
  if (plan.muc.cn) columns.push({ text: "Mức ĐG", dataIndex: "xl_cn", group: "Cả năm" });
  if (plan.tbm.lai) columns.push({ text: "TBm", dataIndex: "tbm_ktl", group: "Kiểm tra lại" });
  if (plan.muc.lai) columns.push({ text: "Mức ĐG", dataIndex: "xl_ktl", group: "Kiểm tra lại" });
  columns.push({ text: "Giáo viên", dataIndex: "gv_bo_mon" }, { text: "Nhận xét", dataIndex: "nhan_xet" });

  const rows = subjectRows(gb, subject).map(({ learner, index, kq }) => {
    const row: Row = {
      hoc_sinh_id: learnerId(cls, index),
      ma_hoc_sinh: learner.hocVien.maHocVien,
      ho_ten: learner.hocVien.hoTen,
      ngay_sinh: fmtDate(learner.hocVien.ngaySinh),
    };
    for (const [g] of SEMESTERS) {
      const s = kq[g];
      for (let n = 1; n <= plan.tx[g]; n++) row[`tx${n}_${g}`] = fmtDiem(s.tx[n - 1] ?? null);
      row[`gk_${g}`] = fmtDiem(s.gk);
      row[`ck_${g}`] = fmtDiem(s.ck);
      if (plan.tbm[g]) row[`tbm_${g}`] = fmtAverage(s.tbm);
      if (plan.muc[g]) row[`xl_${g}`] = s.mucDanhGia ?? "";
    }
    if (plan.tbm.cn) row.tbm_cn = fmtAverage(kq.cn.tbm);
    if (plan.muc.cn) row.xl_cn = kq.cn.mucDanhGia ?? "";
    if (plan.tbm.lai) row.tbm_ktl = fmtAverage(kq.ktLai?.tbm ?? null);
    if (plan.muc.lai) row.xl_ktl = kq.ktLai?.mucDanhGia ?? "";
    row.gv_bo_mon = kq.giaoVien;
    row.nhan_xet = kq.nhanXet;
    return row;
  });
  return store(rows, columns, {
    mon: { ma_mon: subject.ma, ten_mon: subject.ten, kieu_mon: subject.hinhThuc === "DiemSo" ? 0 : 1 },
    so_cot_tx: { hk1: plan.tx.hk1, hk2: plan.tx.hk2 },
  });
}

/** Tổng kết: levels as T/K/Đ/CĐ (the grid is narrow), decisions and awards in words. */
export function apiTongKet(cls: PortalClass): StoreResponse {
  const gb = cls.gradebook;
  const rows = gb.learners.map((l, i) => {
    const row: Row = {
      hoc_sinh_id: learnerId(cls, i),
      ma_hoc_sinh: l.hocVien.maHocVien,
      ho_ten: l.hocVien.hoTen,
      ht_hk1: fmtMuc(l.hocTap.hk1, false),
      rl_hk1: fmtMuc(l.renLuyen.hk1, false),
      ht_hk2: fmtMuc(l.hocTap.hk2, false),
      rl_hk2: fmtMuc(l.renLuyen.hk2, false),
      ht_cn: fmtMuc(l.hocTap.cn, false),
      rl_cn: fmtMuc(l.renLuyen.cn, false),
      so_buoi_nghi: l.soBuoiNghi,
      ket_qua: fmtDecision(l.ketQuaXet),
      ht_ktl: fmtMuc(l.hocTap.sauKiemTraLai, false),
      rl_rlh: fmtMuc(l.renLuyen.sauRenLuyenHe, false),
      ket_qua_lai: fmtDecision(l.ketQuaXetLai),
      danh_hieu: fmtAward(l.danhHieu, gb),
    };
    return row;
  });
  return store(rows, [
    { text: "Mã học sinh", dataIndex: "ma_hoc_sinh" },
    { text: "Họ và tên", dataIndex: "ho_ten" },
    { text: "Học tập", dataIndex: "ht_hk1", group: "Học kỳ I" },
    { text: "Rèn luyện", dataIndex: "rl_hk1", group: "Học kỳ I" },
    { text: "Học tập", dataIndex: "ht_hk2", group: "Học kỳ II" },
    { text: "Rèn luyện", dataIndex: "rl_hk2", group: "Học kỳ II" },
    { text: "Học tập", dataIndex: "ht_cn", group: "Cả năm" },
    { text: "Rèn luyện", dataIndex: "rl_cn", group: "Cả năm" },
    { text: "Số buổi nghỉ", dataIndex: "so_buoi_nghi" },
    { text: "Kết quả xét", dataIndex: "ket_qua" },
    { text: "Học tập", dataIndex: "ht_ktl", group: "Sau kiểm tra lại, rèn luyện hè" },
    { text: "Rèn luyện", dataIndex: "rl_rlh", group: "Sau kiểm tra lại, rèn luyện hè" },
    { text: "Kết quả xét lại", dataIndex: "ket_qua_lai", group: "Sau kiểm tra lại, rèn luyện hè" },
    { text: "Danh hiệu", dataIndex: "danh_hieu" },
  ]);
}

export function apiNhanXet(cls: PortalClass): StoreResponse {
  const rows = cls.gradebook.learners.map((l, i) => ({
    hoc_sinh_id: learnerId(cls, i),
    ma_hoc_sinh: l.hocVien.maHocVien,
    ho_ten: l.hocVien.hoTen,
    nhan_xet_gvcn: l.nhanXetGVCN,
  }));
  return store(rows, [
    { text: "Mã học sinh", dataIndex: "ma_hoc_sinh" },
    { text: "Họ và tên", dataIndex: "ho_ten" },
    { text: "Nhận xét của GVCN", dataIndex: "nhan_xet_gvcn" },
  ]);
}
