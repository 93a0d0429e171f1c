import type { Learner } from "../../shared/model/gradebook.ts";
import { fmtDate } from "./portal-format.ts";

/*
 * How the simulator shows a learner who left or arrived and the learning history. No public
 * source shows how vnEdu or SMAS print these (docs/portals.md): the wording and the one-cell
 * history ("năm học | lớp | trường | ngày", the years separated by "; ") are the simulator's own choice, which the
 * default header mapping and the adapters read.
 */

/** "Đang học", "Chuyển đi" or "Thôi học". */
export function trangThaiText(l: Learner): string {
  if (!l.roiTruong) return "Đang học";
  return l.roiTruong.trangThai === "ChuyenDi" ? "Chuyển đi" : "Thôi học";
}

/** The learning history as one cell: the school years separated by "; ". */
export function quaTrinhText(l: Learner): string {
  return (l.quaTrinhHocTap ?? [])
    .map((q) => `${q.namHoc} | ${q.lop} | ${q.truong} | ${fmtDate(q.ngay)}`)
    .join("; ");
}

/** The movement values under their JSON keys (vnEdu-style stores), null when absent. */
export function movementJson(l: Learner): Record<string, string | number | null> {
  const r = l.roiTruong;
  const history = quaTrinhText(l);
  return {
    trang_thai: trangThaiText(l),
    ngay_chuyen_di: r ? fmtDate(r.ngay) : null,
    so_hoc_ky_hoan_thanh: r ? r.hocKyHoanThanh : null,
    noi_chuyen_den: r?.truongChuyenDen ?? null,
    ngay_chuyen_den: l.chuyenDen ? fmtDate(l.chuyenDen.ngay) : null,
    truong_cu: l.chuyenDen?.truongCu ?? null,
    qua_trinh_hoc_tap: history === "" ? null : history,
  };
}
