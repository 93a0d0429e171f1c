import type { Gradebook, KetQuaMon, Learner } from "../../../shared/model/gradebook.ts";

function mon(maMon: string, hk1: number, hk2: number): KetQuaMon {
  const hk = (tbm: number) => ({ tx: [tbm, tbm], gk: tbm, ck: tbm, tbm, mucDanhGia: null });
  return {
    maMon,
    hk1: hk(hk1),
    hk2: hk(hk2),
    cn: { tbm: Math.round(((hk1 + 2 * hk2) / 3) * 10) / 10, mucDanhGia: null },
    ktLai: null,
    giaoVien: "Phạm Thị Dung",
    nhanXet: "",
  };
}

/** A small, valid gradebook for storage and message tests (the real data comes from the simulator). */
export function minimalGradebook(learners = 2): Gradebook {
  const list: Learner[] = Array.from({ length: learners }, (_, i) => ({
    hocVien: {
      maHocVien: `HV${String(i + 1).padStart(4, "0")}`,
      soDinhDanh: `079${i === 0 ? "3" : "2"}080000${String(i).padStart(2, "0")}`, // TP.HCM, sex, 2008
      hoTen: i === 0 ? "Nguyễn Thị Ánh" : `Trần Văn Đức ${i}`,
      ngaySinh: "2008-03-15",
      gioiTinh: i === 0 ? "Nữ" : "Nam",
      danToc: "Kinh",
      quocTich: "Việt Nam",
      noiSinh: "TP. Hồ Chí Minh",
      noiO: "Quận 3, TP. Hồ Chí Minh",
      hoTenCha: "",
      hoTenMe: "",
      hoTenNguoiGiamHo: "",
      doiTuongChinhSach: "",
    },
    ketQua: [mon("TOAN", 7.5, 8), mon("VAN", 6.8, 7.2)],
    hocTap: { hk1: "K", hk2: "K", cn: "K", sauKiemTraLai: null },
    renLuyen: { hk1: "T", hk2: "T", cn: "T", sauRenLuyenHe: null },
    soBuoiNghi: 2,
    ketQuaXet: "LenLop",
    ketQuaXetLai: null,
    danhHieu: null,
    nhanXetGVCN: "Chăm ngoan, tiến bộ.",
  }));
  return {
    format: "hocba-gradebook/1",
    school: {
      maSo: "79",
      maTruong: "79000701",
      tenTruong: "Trung tâm GDTX Quận 3",
      capHoc: "05",
      diaDanh: "TP. Hồ Chí Minh",
    },
    namHoc: "2025-2026",
    khoi: "12",
    lop: "12A1",
    gvcn: "Trần Thị B",
    thuTruong: { hoTen: "Lê Văn Giám", chucVu: "Giám đốc" },
    profile: "gdtx-tt43",
    subjects: [
      { ma: "TOAN", ten: "Toán", hinhThuc: "DiemSo", soTietNam: 105 },
      { ma: "VAN", ten: "Ngữ văn", hinhThuc: "DiemSo", soTietNam: 105 },
    ],
    learners: list,
  };
}
