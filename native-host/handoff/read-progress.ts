import { applyCheckSummaries } from "../../shared/progress/apply-check-summaries.ts";
import { computeProgress } from "../../shared/progress/compute-progress.ts";
import type { Deadlines, PlanPhase, ProgressReport } from "../../shared/progress/progress-report.ts";
import type { HocBaArchive } from "../archive/hocba-archive.ts";
import { readCheckSummaries } from "./check-summaries.ts";
import { classKey, classQueues, readLearnerStatuses } from "./read-learner-statuses.ts";
import { submittedDocuments } from "./read-submissions.ts";

/**
 * The progress table of one school year from the archive: per class, learners and how far their
 * latest versions went, and how many sealed records are in a submission package. Whether a
 * record's data had errors comes from the review page's latest check summary of the class (the
 * audit log's `check-summary`); `withoutErrors` is unknown (null) only for a class never checked.
 */
export function readProgress(
  archive: HocBaArchive,
  options: {
    namHoc?: string | undefined;
    today: string;
    deadlines?: Deadlines | undefined;
    phases?: readonly PlanPhase[] | undefined;
  },
): ProgressReport {
  const namHoc = options.namHoc ?? latestYear(archive);
  const statuses = readLearnerStatuses(archive, namHoc);
  const submitted = submittedDocuments(archive, namHoc);
  const packaged = new Map<string, number>();
  for (const s of statuses) {
    if (s.roles.includes("DonVi") && submitted.has(s.document.sha256)) {
      packaged.set(classKey(s), (packaged.get(classKey(s)) ?? 0) + 1);
    }
  }
  return computeProgress({
    namHoc,
    today: options.today,
    deadlines: options.deadlines,
    phases: options.phases,
    classes: applyCheckSummaries(
      namHoc,
      classQueues(statuses).map((c) => ({
        lop: c.lop,
        maTruong: c.maTruong,
        tenTruong: c.tenTruong,
        learners: c.learners,
        withoutErrors: null,
        signedGvcn: c.signedGvcn,
        signedThuTruong: c.signedThuTruong,
        sealed: c.sealed,
        packaged: packaged.get(classKey(c)) ?? 0,
      })),
      readCheckSummaries(archive, { namHoc }),
    ),
  });
}

/** The latest school year the archive holds (the current one); "" for an empty archive. */
export function latestYear(archive: HocBaArchive): string {
  let year = "";
  for (const e of archive.list().entries) if (e.namHoc > year) year = e.namHoc;
  return year;
}
