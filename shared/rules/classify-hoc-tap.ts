import type { MucDanhGia, MucXepLoai } from "../model/gradebook.ts";
import { compare, fromNumber, type Decimal } from "./decimal.ts";
import type { RulesProfile } from "./rules-profile.ts";

export type SubjectOutcome = { kind: "score"; value: Decimal } | { kind: "comment"; value: MucDanhGia };

/**
 * Học tập level of a semester or the year (TT22 Điều 9) from each subject's result: the first rung
 * of the profile's ladder (Tốt, Khá, Đạt) whose conditions hold, else Chưa đạt.
 *   Tốt: every comment subject Đ; every scored ≥ 6,5; at least N scored ≥ 8,0.
 *   Khá: every comment subject Đ; every scored ≥ 5,0; at least N scored ≥ 6,5.
 *   Đạt: at most 1 comment subject CĐ; every scored ≥ 3,5; at least N scored ≥ 5,0.
 * N = 6 under TT22 and 5 in the GDTX profile [I].
 */
export function classifyHocTap(outcomes: readonly SubjectOutcome[], profile: RulesProfile): MucXepLoai {
  const scores = outcomes.flatMap((o) => (o.kind === "score" ? [o.value] : []));
  const commentChuaDat = outcomes.filter((o) => o.kind === "comment" && o.value === "CĐ").length;
  for (const rung of profile.hocTapLevels.value) {
    const minAll = fromNumber(rung.minAll);
    const atLeast = fromNumber(rung.atLeastScore);
    const allAbove = scores.every((s) => compare(s, minAll) >= 0);
    const countAbove = scores.filter((s) => compare(s, atLeast) >= 0).length;
    if (allAbove && countAbove >= rung.atLeastCount && commentChuaDat <= rung.maxCommentChuaDat) {
      return rung.level;
    }
  }
  return "CĐ";
}
