import { z } from "zod";

/**
 * What the review page's check found for one class (read from the portal or imported): how many
 * learners and how many records passed without errors, under which rules profile, when. The
 * archive keeps only signed documents and the check runs in the browser before signing, so the
 * page sends this to the helper, which keeps it in the audit log for the progress table.
 */
export const CheckSummaryInput = z.strictObject({
  namHoc: z.string().regex(/^\d{4}-\d{4}$/),
  lop: z.string().trim().min(1).max(64),
  maTruong: z.string().min(1).max(64).optional(),
  learners: z.number().int().min(0).max(100_000),
  withoutErrors: z.number().int().min(0).max(100_000),
  withErrors: z.number().int().min(0).max(100_000),
  /** The rules profile the check ran with (e.g. "gdtx-thpt"). */
  profile: z.string().min(1).max(64),
  /** When the page ran the check, ISO 8601. */
  checkedAt: z.string().min(1).max(40),
});
export type CheckSummaryInput = z.infer<typeof CheckSummaryInput>;

/** A summary as the audit log holds it: `at` and `seq` of its entry. */
export const CheckSummary = z.object({
  namHoc: z.string(),
  lop: z.string(),
  maTruong: z.string().optional(),
  learners: z.number().int(),
  withoutErrors: z.number().int(),
  withErrors: z.number().int(),
  profile: z.string(),
  checkedAt: z.string(),
  at: z.string(),
  seq: z.number().int(),
});
export type CheckSummary = z.infer<typeof CheckSummary>;

/** The key a class has in the progress table and in the summaries: maTruong/namHoc/lop. */
export function checkSummaryKey(s: { maTruong?: string | undefined; namHoc: string; lop: string }): string {
  return `${s.maTruong ?? ""}/${s.namHoc}/${s.lop}`.normalize("NFC");
}

/** Whether two summaries say the same thing (the time of the check aside): then none is recorded. */
export function sameCheckSummary(
  a: CheckSummaryInput | CheckSummary,
  b: CheckSummaryInput | CheckSummary,
): boolean {
  return (
    checkSummaryKey(a) === checkSummaryKey(b) &&
    a.learners === b.learners &&
    a.withoutErrors === b.withoutErrors &&
    a.withErrors === b.withErrors &&
    a.profile === b.profile
  );
}
