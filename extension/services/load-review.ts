import type { CheckReport } from "../../shared/check/check-report.ts";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { createHocBaBuilder } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { toWireError } from "../models/wire-error.ts";
import type { WireError } from "../models/wire.ts";
import type { HocBaDb, StoredDocument } from "./hocba-db.ts";
import { buildRows, type ClassReview, type LearnerRow } from "./review-model.ts";
import { runCheck } from "./run-check.ts";

export interface ReviewData {
  classes: ClassReview[];
  rows: LearnerRow[];
  /** Class keys asked for but not stored. */
  missing: string[];
}

const EMPTY_REPORT = (profile: string, learnerCount: number): CheckReport => ({
  profile,
  learnerCount,
  items: [],
  errorCount: 0,
  warningCount: 0,
  blockedLearners: [],
});

/**
 * Loads the classes, checks each against its rules profile and builds every learner's unsigned
 * document once: these bytes are what the preview shows and what GVCN signs.
 */
export async function loadReview(db: HocBaDb, classKeys: readonly string[]): Promise<ReviewData> {
  const classes: ClassReview[] = [];
  const missing: string[] = [];
  const stored = new Map<string, StoredDocument>();
  for (const classKey of classKeys) {
    const entry = await db.getGradebook(classKey);
    if (!entry) {
      missing.push(classKey);
      continue;
    }
    let report: CheckReport;
    let reportError: WireError | undefined;
    try {
      report = runCheck(entry.gradebook);
    } catch (err) {
      report = EMPTY_REPORT(entry.gradebook.profile, entry.gradebook.learners.length);
      reportError = toWireError(err);
    }
    classes.push({ classKey, gradebook: entry.gradebook, report, reportError });
    for (const doc of await db.listDocuments(classKey)) stored.set(doc.id, doc);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const builders = new Map<string, ReturnType<typeof createHocBaBuilder> | WireError>();
  const rows = buildRows(classes, stored, (c, index) => {
    let builder = builders.get(c.classKey);
    if (!builder) {
      try {
        builder = createHocBaBuilder(c.gradebook);
      } catch (err) {
        builder = toWireError(err);
      }
      builders.set(c.classKey, builder);
    }
    if (typeof builder !== "function") return { error: builder };
    const learner = c.gradebook.learners[index];
    if (!learner) return { error: new HocBaError("EXT_INTERNAL", { detail: "learner index" }).toJSON() };
    try {
      const built = builder(learner);
      return { fileName: built.fileName, xml: decoder.decode(built.bytes) };
    } catch (err) {
      return { error: toWireError(err) };
    }
  });
  return { classes, rows, missing };
}
