import type { MucXepLoai } from "../model/gradebook.ts";

const RANK: Readonly<Record<MucXepLoai, number>> = { T: 3, K: 2, Đ: 1, CĐ: 0 };

/** True when `a` is at least level `b` (T > K > Đ > CĐ). */
export function atLeast(a: MucXepLoai, b: MucXepLoai): boolean {
  return RANK[a] >= RANK[b];
}
