import type { Diem, MucDanhGia } from "../model/gradebook.ts";

/**
 * Semester result of a comment-only subject (TT22 Điều 9, docs/domain.md §2.1): Đạt when every required
 * check was done (the required ĐĐGtx, the mid-term and the end-term) and every one is Đạt;
 * Chưa đạt otherwise, including when a check is missing. Undefined when an entry is not Đ/CĐ
 * (that is a data error, not a result).
 */
export function evaluateCommentSemester(
  tx: readonly Diem[],
  gk: Diem,
  ck: Diem,
  requiredTx: number,
): MucDanhGia | undefined {
  const entries = [...tx, gk, ck];
  if (entries.some((e) => e !== null && e !== "Đ" && e !== "CĐ")) return undefined;
  const txDone = tx.filter((e) => e !== null).length;
  const complete = txDone >= requiredTx && gk !== null && ck !== null;
  return complete && entries.every((e) => e === null || e === "Đ") ? "Đ" : "CĐ";
}

/** The year result of a comment-only subject is the HK II result. */
export function evaluateCommentYear(hk2: MucDanhGia | undefined): MucDanhGia | undefined {
  return hk2;
}
