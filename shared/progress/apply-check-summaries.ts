import type { CheckSummary } from "./check-summary.ts";
import type { ProgressClassInput } from "./compute-progress.ts";

/**
 * Fills each class's learners and records without errors from its latest check summary (the
 * highest audit seq) of the year: `withoutErrors` stays null only for a class never checked, and
 * `learners` is the larger of the archive's count and the check's (the check sees the whole class,
 * the archive only the learners already signed). A class checked but with nothing signed yet gets
 * a row of its own. A summary without maTruong matches the class of the same name. Pure.
 */
export function applyCheckSummaries(
  namHoc: string,
  classes: readonly ProgressClassInput[],
  summaries: readonly CheckSummary[],
): ProgressClassInput[] {
  const latest = new Map<string, CheckSummary>();
  for (const s of summaries) {
    if (s.namHoc !== namHoc) continue;
    const key = `${s.maTruong ?? ""}/${s.lop}`.normalize("NFC");
    const before = latest.get(key);
    if (!before || s.seq > before.seq) latest.set(key, s);
  }
  const used = new Set<string>();
  const rows = classes.map((c) => {
    const exact = `${c.maTruong}/${c.lop}`.normalize("NFC");
    const loose = `/${c.lop}`.normalize("NFC");
    const key = latest.has(exact) ? exact : latest.has(loose) ? loose : undefined;
    const s = key === undefined ? undefined : latest.get(key);
    if (key === undefined || !s) return { ...c };
    used.add(key);
    return { ...c, learners: Math.max(c.learners, s.learners), withoutErrors: s.withoutErrors };
  });
  for (const [key, s] of latest) {
    if (used.has(key)) continue;
    rows.push({
      lop: s.lop,
      maTruong: s.maTruong ?? "",
      tenTruong: "",
      learners: s.learners,
      withoutErrors: s.withoutErrors,
      signedGvcn: 0,
      signedThuTruong: 0,
      sealed: 0,
      packaged: 0,
    });
  }
  return rows;
}
