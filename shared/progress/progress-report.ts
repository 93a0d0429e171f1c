import { z } from "zod";

/**
 * The follow-up table of the year (the Phó Giám đốc's): one row per class, how far its records
 * have gone through the roles, and the days left to each hand-in wave. Computed by
 * computeProgress from counts the archive gives; the schema is shared by the CLI's --json, the
 * helper's `progress-report` reply and the extension's progress page.
 */

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

/** The two hand-in dates (wave 1 and the make-up wave 2), settings with the plan's defaults. */
export const Deadlines = z.strictObject({ dot1: IsoDate, dot2: IsoDate });
export type Deadlines = z.infer<typeof Deadlines>;

/** A step a class must have finished for all its learners some days before the wave's deadline. */
export const PlanStep = z.enum(["gvcn", "thu-truong", "dong-dau", "nop"]);
export type PlanStep = z.infer<typeof PlanStep>;

export const PlanPhase = z.strictObject({ step: PlanStep, daysBefore: z.number().int().min(0).max(365) });
export type PlanPhase = z.infer<typeof PlanPhase>;

export const ProgressRow = z.object({
  lop: z.string(),
  maTruong: z.string(),
  tenTruong: z.string(),
  /** Learners with a record in the archive (latest version counts). */
  learners: z.number().int(),
  /** Learners whose data passed the check without errors; null when no check data is known. */
  withoutErrors: z.number().int().nullable(),
  signedGvcn: z.number().int(),
  signedThuTruong: z.number().int(),
  sealed: z.number().int(),
  /** Sealed records put in a submission (hand-in) package. */
  packaged: z.number().int(),
  /** Steps of the plan whose date has passed with learners not done. */
  lateSteps: z.array(PlanStep),
  late: z.boolean(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

export const ProgressReport = z.object({
  namHoc: z.string(),
  /** The day counted from. */
  today: IsoDate,
  deadlines: z.array(z.object({ dot: z.number().int(), date: IsoDate, daysLeft: z.number().int() })),
  /** The wave the plan's phases are measured against (the first whose date is not past). */
  currentDot: z.number().int(),
  /** The plan's step days the late marks were counted with (printed under the table). */
  phases: z.array(PlanPhase),
  rows: z.array(ProgressRow),
});
export type ProgressReport = z.infer<typeof ProgressReport>;
