import {
  type CheckSummary,
  type CheckSummaryInput,
  checkSummaryKey,
  sameCheckSummary,
} from "../../shared/progress/check-summary.ts";
import type { HocBaArchive } from "../archive/hocba-archive.ts";

/**
 * Records the review page's check summary of a class in the audit log, unless the latest one of
 * that class says the same (re-opening the page must not flood the log). Returns the summary in
 * force and whether it was recorded now.
 */
export function recordCheckSummary(
  archive: HocBaArchive,
  input: CheckSummaryInput,
): { summary: CheckSummary; recorded: boolean } {
  const details: Record<string, string | number> = {
    namHoc: input.namHoc,
    lop: input.lop.normalize("NFC"),
    learners: input.learners,
    withoutErrors: input.withoutErrors,
    withErrors: input.withErrors,
    profile: input.profile,
    checkedAt: input.checkedAt,
  };
  if (input.maTruong !== undefined && input.maTruong !== "") {
    details["maTruong"] = input.maTruong.normalize("NFC");
  }
  const next = details as unknown as CheckSummaryInput;
  const key = checkSummaryKey(next);
  const last = readCheckSummaries(archive, { namHoc: input.namHoc })
    .filter((s) => checkSummaryKey(s) === key)
    .at(-1);
  if (last && sameCheckSummary(last, next)) return { summary: last, recorded: false };
  const entry = archive.appendAudit("check-summary", null, details);
  return { summary: { ...next, at: entry.at, seq: entry.seq }, recorded: true };
}

/** The recorded check summaries, oldest first, of a year when given. */
export function readCheckSummaries(
  archive: HocBaArchive,
  filter: { namHoc?: string | undefined } = {},
): CheckSummary[] {
  const out: CheckSummary[] = [];
  for (const entry of archive.auditLog()) {
    if (entry.event !== "check-summary") continue;
    const d = JSON.parse(entry.details) as CheckSummaryInput;
    if (filter.namHoc !== undefined && d.namHoc !== filter.namHoc) continue;
    out.push({ ...d, at: entry.at, seq: entry.seq });
  }
  return out;
}
