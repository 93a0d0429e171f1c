import { HocBaError } from "../errors/hocba-error.ts";
import type { Deadlines, PlanPhase, PlanStep, ProgressReport, ProgressRow } from "./progress-report.ts";

/** The centre's plan: wave 1 by 25/6/2026, the make-up wave by 10/8/2026 (docs/domain.md 1.3). */
export const DEFAULT_DEADLINES: Readonly<Deadlines> = Object.freeze({
  dot1: "2026-06-25",
  dot2: "2026-08-10",
});

/**
 * When each step should be done for every learner of a class, in days before the wave's deadline:
 * the GVCN two weeks ahead, the head one week, the seal three days, the hand-in package the day
 * before. A setting: the centre's plan may fix other days.
 */
export const DEFAULT_PHASES: readonly PlanPhase[] = Object.freeze([
  { step: "gvcn", daysBefore: 14 },
  { step: "thu-truong", daysBefore: 7 },
  { step: "dong-dau", daysBefore: 3 },
  { step: "nop", daysBefore: 1 },
]);

/** What the archive says about one class. */
export type ProgressClassInput = Omit<ProgressRow, "late" | "lateSteps">;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar days: no time zone involved). */
function dayNumber(date: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const back = Number.isNaN(t) ? "" : new Date(t).toISOString().slice(0, 10);
  if (back !== date) throw new HocBaError("PROGRESS_BAD_DATE", { value: date, field });
  return t / DAY_MS;
}

const DONE: Record<PlanStep, (r: ProgressClassInput) => number> = {
  gvcn: (r) => r.signedGvcn,
  "thu-truong": (r) => r.signedThuTruong,
  "dong-dau": (r) => r.sealed,
  nop: (r) => r.packaged,
};

/**
 * The progress table: days left to each wave from `today`, and each class's late steps, against
 * the wave now running (the first whose deadline has not passed; the last once all have). A step
 * is late when its day has passed and some learner of the class has not reached it. Pure.
 */
export function computeProgress(input: {
  namHoc: string;
  /** YYYY-MM-DD, the centre's date (todayInVietnam(clock())). */
  today: string;
  deadlines?: Deadlines | undefined;
  phases?: readonly PlanPhase[] | undefined;
  classes: readonly ProgressClassInput[];
}): ProgressReport {
  const deadlines = input.deadlines ?? DEFAULT_DEADLINES;
  const phases = input.phases ?? DEFAULT_PHASES;
  const today = dayNumber(input.today, "today");
  const wave2 = { dot: 2, date: deadlines.dot2, day: dayNumber(deadlines.dot2, "dot2") };
  const waves = [{ dot: 1, date: deadlines.dot1, day: dayNumber(deadlines.dot1, "dot1") }, wave2];
  const current = waves.find((w) => w.day >= today) ?? wave2;
  const rows: ProgressRow[] = input.classes.map((c) => {
    const lateSteps = phases
      .filter((p) => today > current.day - p.daysBefore && DONE[p.step](c) < c.learners)
      .map((p) => p.step);
    return { ...c, lateSteps, late: lateSteps.length > 0 };
  });
  rows.sort((a, b) => a.lop.localeCompare(b.lop, "vi") || a.maTruong.localeCompare(b.maTruong));
  return {
    namHoc: input.namHoc,
    today: input.today,
    deadlines: waves.map((w) => ({ dot: w.dot, date: w.date, daysLeft: w.day - today })),
    currentDot: current.dot,
    phases: [...phases],
    rows,
  };
}
