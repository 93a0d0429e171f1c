import type { RulesProfile } from "./rules-profile.ts";

/** Number of ĐĐGtx required per semester for a subject with `soTietNam` periods a year. */
export function requiredTxCount(soTietNam: number, profile: RulesProfile): number {
  const tiers = profile.txCount.value;
  for (const tier of tiers) {
    if (tier.maxPeriods === null || soTietNam <= tier.maxPeriods) return tier.count;
  }
  // parseRulesProfile guarantees an open last tier; keep a sane answer for hand-built profiles.
  return tiers[tiers.length - 1]?.count ?? 0;
}
