import type { Gradebook, Learner } from "../../shared/model/gradebook.ts";

/*
 * The demo's learners who leave or arrive (issue 10), made from a sample class: the third learner
 * from the end transferred out after semester I, the second from the end stopped during it, the
 * last one transferred in with a learning history. What a portal would still show for the time
 * after a departure is not part of the record, so it is left empty, as the check expects.
 */

function emptyAfter(l: Learner, completed: 0 | 1): void {
  for (const k of l.ketQua) {
    if (completed === 0) k.hk1 = { tx: [], gk: null, ck: null, tbm: null, mucDanhGia: null };
    k.hk2 = { tx: [], gk: null, ck: null, tbm: null, mucDanhGia: null };
    k.cn = { tbm: null, mucDanhGia: null };
    k.ktLai = null;
  }
  l.hocTap = { hk1: completed === 0 ? null : l.hocTap.hk1, hk2: null, cn: null, sauKiemTraLai: null };
  l.renLuyen = { hk1: completed === 0 ? null : l.renLuyen.hk1, hk2: null, cn: null, sauRenLuyenHe: null };
  l.soBuoiNghi = null;
  l.ketQuaXet = null;
  l.ketQuaXetLai = null;
  l.danhHieu = null;
}

/** A copy of `gb` whose last three learners left or arrived during the year. */
export function withDemoMovement(gb: Gradebook): Gradebook {
  const out = structuredClone(gb);
  const n = out.learners.length;
  const [out1, stop, arrive] = [out.learners[n - 3], out.learners[n - 2], out.learners[n - 1]];
  if (!out1 || !stop || !arrive) return out;
  const [y1, y2] = out.namHoc.split("-");
  out1.roiTruong = {
    trangThai: "ChuyenDi",
    ngay: `${y2}-01-19`,
    hocKyHoanThanh: 1,
    truongChuyenDen: "Trung tâm GDNN-GDTX huyện Lâm Thao, Phú Thọ",
  };
  emptyAfter(out1, 1);
  stop.roiTruong = { trangThai: "ThoiHoc", ngay: `${y1}-10-02`, hocKyHoanThanh: 0 };
  emptyAfter(stop, 0);
  arrive.chuyenDen = { ngay: `${y1}-10-15`, truongCu: "Trường THPT Hùng Vương, Phú Thọ" };
  arrive.quaTrinhHocTap = [
    {
      namHoc: `${Number(y1) - 1}-${y1}`,
      lop: "9A",
      truong: "Trường THCS Gia Cẩm, Việt Trì, Phú Thọ",
      ngay: `${Number(y1) - 1}-09-05`,
    },
    { namHoc: out.namHoc, lop: out.lop, truong: out.school.tenTruong, ngay: `${y1}-10-15` },
  ];
  return out;
}
