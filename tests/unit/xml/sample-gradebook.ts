import { Gradebook, type KetQuaMon, type Learner, type Subject } from "../../../shared/model/gradebook.ts";

/**
 * A small handmade GDTX gradebook for the XML tests: one ordinary learner, one who re-took a test
 * (with an NFD name and markup characters in comments), one with a sync envelope and a summer
 * rèn luyện. Parsed with the real zod schema, so it cannot drift from the model.
 */

export const SAMPLE_SUBJECTS: Subject[] = [
  { ma: "NV", ten: "Ngữ văn", hinhThuc: "DiemSo", soTietNam: 105 },
  { ma: "TO", ten: "Toán", hinhThuc: "DiemSo", soTietNam: 105 },
  { ma: "LS", ten: "Lịch sử", hinhThuc: "DiemSo", soTietNam: 52 },
  { ma: "GDQPAN", ten: "Giáo dục quốc phòng và an ninh", hinhThuc: "DiemSo", soTietNam: 35 },
  { ma: "HDTNHN", ten: "Hoạt động trải nghiệm, hướng nghiệp", hinhThuc: "NhanXet", soTietNam: 105 },
  { ma: "NDGDDP", ten: "Nội dung giáo dục của địa phương", hinhThuc: "NhanXet", soTietNam: 35 },
  { ma: "DL", ten: "Địa lí", hinhThuc: "DiemSo", soTietNam: 70 },
  { ma: "VL", ten: "Vật lí", hinhThuc: "DiemSo", soTietNam: 70 },
  { ma: "HH", ten: "Hóa học", hinhThuc: "DiemSo", soTietNam: 70 },
  { ma: "TH", ten: "Tin học", hinhThuc: "DiemSo", soTietNam: 70 },
];

export function scoredResult(
  maMon: string,
  hk1: number,
  hk2: number,
  cn: number,
  giaoVien = "Lê Thị Hoa",
): KetQuaMon {
  return {
    maMon,
    hk1: { tx: [hk1, hk1], gk: hk1, ck: hk1, tbm: hk1, mucDanhGia: null },
    hk2: { tx: [hk2, hk2], gk: hk2, ck: hk2, tbm: hk2, mucDanhGia: null },
    cn: { tbm: cn, mucDanhGia: null },
    ktLai: null,
    giaoVien,
    nhanXet: "Có cố gắng.",
  };
}

export function commentResult(maMon: string, muc: "Đ" | "CĐ" = "Đ"): KetQuaMon {
  return {
    maMon,
    hk1: { tx: ["Đ", "Đ"], gk: "Đ", ck: "Đ", tbm: null, mucDanhGia: muc },
    hk2: { tx: ["Đ", "Đ"], gk: "Đ", ck: muc, tbm: null, mucDanhGia: muc },
    cn: { tbm: null, mucDanhGia: muc },
    ktLai: null,
    giaoVien: "Phạm Quốc Huy",
    nhanXet: "",
  };
}

function baseResults(shift: number): KetQuaMon[] {
  return [
    scoredResult("NV", 6.5 + shift, 7 + shift, 6.8 + shift),
    scoredResult("TO", 7.3 + shift, 8 + shift, 7.8 + shift),
    scoredResult("LS", 8 + shift, 8.5 + shift, 8.3 + shift),
    scoredResult("GDQPAN", 9, 9, 9),
    commentResult("HDTNHN"),
    commentResult("NDGDDP"),
    scoredResult("DL", 7, 7.5, 7.3),
    scoredResult("VL", 6, 6.5, 6.3),
    scoredResult("HH", 5.5, 6, 5.8),
    scoredResult("TH", 8.8, 9.2, 9.1),
  ];
}

export function sampleLearner(index: number): Learner {
  const ma = `HV${String(index).padStart(4, "0")}`;
  return {
    hocVien: {
      maHocVien: ma,
      soDinhDanh: `0012090${String(index).padStart(5, "0")}`, // Hà Nội, male, born 2009
      hoTen: `Nguyễn Văn An ${index}`,
      ngaySinh: "2009-03-14",
      gioiTinh: "Nam",
      danToc: "Kinh",
      quocTich: "Việt Nam",
      noiSinh: "Hà Nội",
      noiO: "Phường Cầu Giấy, Hà Nội",
      hoTenCha: "Nguyễn Văn Bình",
      hoTenMe: "Trần Thị Cúc",
      hoTenNguoiGiamHo: "",
      doiTuongChinhSach: "",
    },
    ketQua: baseResults(0),
    hocTap: { hk1: "K", hk2: "K", cn: "K", sauKiemTraLai: null },
    renLuyen: { hk1: "T", hk2: "T", cn: "T", sauRenLuyenHe: null },
    soBuoiNghi: 3,
    ketQuaXet: "LenLop",
    ketQuaXetLai: null,
    danhHieu: null,
    nhanXetGVCN: "Chăm ngoan, có ý thức học tập.",
  };
}

/** Learner 2: re-tested in Toán; NFD name; comments with &, <, > and quotes. */
export function retestLearner(): Learner {
  const l = sampleLearner(2);
  l.hocVien.hoTen = "Trần Thị Ánh Hồng".normalize("NFD");
  l.hocVien.gioiTinh = "Nữ";
  l.hocVien.soDinhDanh = "001309000002"; // digit 4: 3 = female, 21st century
  l.ketQua = baseResults(0).map((kq) =>
    kq.maMon === "TO"
      ? {
          ...scoredResult("TO", 4, 4.3, 4.2),
          ktLai: { tbm: 5.5, mucDanhGia: null },
          nhanXet: 'Cần "cố gắng" hơn & chú ý <bài tập> về nhà; điểm KT lại > 5.',
        }
      : kq,
  );
  l.hocTap = { hk1: "Đ", hk2: "CĐ", cn: "CĐ", sauKiemTraLai: "Đ" };
  l.renLuyen = { hk1: "K", hk2: "K", cn: "K", sauRenLuyenHe: null };
  l.ketQuaXet = "KiemTraLai";
  l.ketQuaXetLai = "LenLop";
  l.nhanXetGVCN = "Em cần cố gắng hơn.\r\nGia đình & nhà trường cùng theo dõi; 'tiến bộ' <rõ>.";
  return l;
}

/** Learner 3: sync envelope (UPDATE, version 2), summer rèn luyện, optional fields empty, award. */
export function updatedLearner(): Learner {
  const l = sampleLearner(3);
  l.hocVien = { ...l.hocVien, danToc: "", quocTich: "", noiSinh: "", noiO: "", hoTenCha: "", hoTenMe: "" };
  l.hocVien.hoTenNguoiGiamHo = "Lò Văn Khánh";
  l.hocVien.doiTuongChinhSach = "Con thương binh";
  l.renLuyen = { hk1: "Đ", hk2: "CĐ", cn: "CĐ", sauRenLuyenHe: "Đ" };
  l.ketQuaXet = "RenLuyenHe";
  l.ketQuaXetLai = "LenLop";
  l.soBuoiNghi = null;
  l.danhHieu = null;
  l.banGhi = { idBanGhi: "3f2c8a9e-5b1d-4c7e-9a0f-1d2e3c4b5a69", suKien: "UPDATE", phienBan: 2 };
  return l;
}

/** Learner 4: Học viên Giỏi, no absences, HK1 levels not yet recorded. */
export function awardLearner(): Learner {
  const l = sampleLearner(4);
  l.ketQua = baseResults(1.5).map((kq) =>
    kq.maMon === "DL" ? { ...kq, hk1: { ...kq.hk1, tbm: null } } : kq,
  );
  l.hocTap = { hk1: null, hk2: "T", cn: "T", sauKiemTraLai: null };
  l.renLuyen = { hk1: null, hk2: "T", cn: "T", sauRenLuyenHe: null };
  l.soBuoiNghi = 0;
  l.danhHieu = "Gioi";
  return l;
}

export function sampleGradebook(): Gradebook {
  return Gradebook.parse({
    format: "hocba-gradebook/1",
    school: {
      maSo: "01",
      maTruong: "01010501",
      tenTruong: "Trung tâm GDNN-GDTX quận Cầu Giấy",
      capHoc: "05",
      diaDanh: "Hà Nội",
    },
    namHoc: "2025-2026",
    khoi: "10",
    lop: "10A1",
    gvcn: "Đỗ Thị Minh Hằng",
    thuTruong: { hoTen: "Vũ Đức Thắng", chucVu: "Giám đốc" },
    profile: "gdtx-tt43",
    thoiGianLap: "2026-05-25T08:00:00+07:00",
    subjects: SAMPLE_SUBJECTS,
    learners: [sampleLearner(1), retestLearner(), updatedLearner(), awardLearner()],
  });
}
