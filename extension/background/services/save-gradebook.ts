import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import type { SavedGradebook } from "../../models/wire.ts";
import { builtInProfile } from "../../services/built-in-profiles.ts";
import { classKeyOf } from "../../services/hocba-db.ts";
import { runCheck } from "../../services/run-check.ts";
import type { BackgroundDeps } from "../deps.ts";

/**
 * Stores a gradebook the content script read from the portal, after validating it against the
 * model (the content script runs in a page we do not control), and returns the check counts the
 * portal panel shows.
 */
export async function saveGradebook(
  deps: Pick<BackgroundDeps, "db">,
  input: unknown,
  sourceOrigin: string,
  now: Date = new Date(),
): Promise<SavedGradebook> {
  const parsed = Gradebook.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HocBaError("EXT_GRADEBOOK_INVALID", {
      field: issue?.path.join(".") || "gradebook",
      detail: issue?.message ?? "?",
    });
  }
  const gradebook = parsed.data;
  const profile = builtInProfile(gradebook.profile);
  const report = runCheck(gradebook);
  const classKey = classKeyOf(gradebook);
  const db = await deps.db();
  await db.putGradebook({ classKey, gradebook, sourceOrigin, extractedAt: now.toISOString() });
  return {
    classKey,
    lop: gradebook.lop,
    learnerCount: gradebook.learners.length,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    learnerWord: profile.labels.value.learner,
  };
}
