import type { DanhHieu, MucXepLoai } from "../model/gradebook.ts";
import { compare, fromNumber, type Decimal } from "./decimal.ts";
import { atLeast } from "./levels.ts";
import type { RulesProfile } from "./rules-profile.ts";

/**
 * Award for the year (TT22 Điều 15, TT43 Điều 14): Xuất sắc = rèn luyện Tốt, học tập Tốt and at
 * least N scored subjects with ĐTBmcn ≥ 9,0 (N = 6 TT22, 5 TT43); Giỏi = both Tốt.
 */
export function decideAward(
  hocTap: MucXepLoai,
  renLuyen: MucXepLoai,
  yearScores: readonly Decimal[],
  profile: RulesProfile,
): DanhHieu | null {
  const xs = profile.awards.xuatSac.value;
  const min = fromNumber(xs.minScore);
  const high = yearScores.filter((s) => compare(s, min) >= 0).length;
  if (atLeast(hocTap, xs.hocTap) && atLeast(renLuyen, xs.renLuyen) && high >= xs.minSubjects) {
    return "XuatSac";
  }
  const gioi = profile.awards.gioi.value;
  if (atLeast(hocTap, gioi.hocTap) && atLeast(renLuyen, gioi.renLuyen)) return "Gioi";
  return null;
}
