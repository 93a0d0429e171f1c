import type { CheckSummaryInput } from "../../shared/progress/check-summary.ts";
import type { ClassReview } from "./review-model.ts";

/**
 * What the review page tells the helper about a checked class: learners, records with and
 * without errors (a learner with an error cannot be built or signed), the rules profile, when.
 * None for a class whose check could not run (an unknown profile): its count stays unknown.
 */
export function checkSummaryOf(c: ClassReview, checkedAt: Date): CheckSummaryInput | undefined {
  if (c.reportError) return undefined;
  const learners = c.gradebook.learners.length;
  const withErrors = c.report.blockedLearners.length;
  return {
    namHoc: c.gradebook.namHoc,
    lop: c.gradebook.lop,
    ...(c.gradebook.school.maTruong ? { maTruong: c.gradebook.school.maTruong } : {}),
    learners,
    withoutErrors: Math.max(0, learners - withErrors),
    withErrors,
    profile: c.report.profile,
    checkedAt: checkedAt.toISOString(),
  };
}
