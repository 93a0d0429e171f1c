import { add, div, mul, roundHalfUp, sum, type Decimal } from "./decimal.ts";
import type { RulesProfile } from "./rules-profile.ts";

/**
 * ĐTBmhk = (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5), exact (TT22 Điều 9; weights from the profile).
 * Hand check: tx 8, 7, 9, 6; gk 7; ck 8 → (30 + 14 + 24) / 9 = 68/9 = 7,555… → 7,6.
 */
export function computeSemesterAverage(
  tx: readonly Decimal[],
  gk: Decimal,
  ck: Decimal,
  profile: RulesProfile,
): Decimal {
  const w = profile.weights.value;
  const total = add(add(mul(sum(tx), w.tx), mul(gk, w.gk)), mul(ck, w.ck));
  return div(total, tx.length * w.tx + w.gk + w.ck);
}

/**
 * ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3, exact. TT22 Điều 9 computes it from ĐTBmhk, which is by
 * definition the rounded number; the profile's `yearAverageFromRoundedSemesters` (true, confirmed)
 * says so, and the caller passes the semester averages it decided on.
 */
export function computeYearAverage(hk1: Decimal, hk2: Decimal, profile: RulesProfile): Decimal {
  const w = profile.weights.value;
  return div(add(mul(hk1, w.hk1), mul(hk2, w.hk2)), w.hk1 + w.hk2);
}

/** Rounds an average as the profile says (TT22: half-up to 1 decimal; 7,25 → 7,3). */
export function roundAverage(x: Decimal, profile: RulesProfile): Decimal {
  return roundHalfUp(x, profile.rounding.value.decimals);
}
