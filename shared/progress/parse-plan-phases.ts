import { HocBaError } from "../errors/hocba-error.ts";
import { DEFAULT_PHASES } from "./compute-progress.ts";
import { PlanStep, type PlanPhase } from "./progress-report.ts";
import { STEP_LABELS } from "./progress-table.ts";

/** The steps in the order the year runs them: each must be due no later than the next. */
const ORDER: readonly PlanStep[] = ["gvcn", "thu-truong", "dong-dau", "nop"];

/**
 * The plan's step days from text such as `gvcn=14,thu-truong=7,dong-dau=3,nop=1` (the CLI's
 * `--ke-hoach`, the options page): steps not named keep the default days. A step due after the
 * one that follows it (the seal before the head's signature) is refused: the table would call a
 * class late for a step it could not have reached. Pure.
 */
export function parsePlanPhases(text: string, base: readonly PlanPhase[] = DEFAULT_PHASES): PlanPhase[] {
  const days = new Map(base.map((p) => [p.step, p.daysBefore]));
  for (const part of text.split(",").map((s) => s.trim())) {
    if (part === "") continue;
    const m = /^([a-z-]+)\s*=\s*(\d{1,3})$/.exec(part);
    const step = PlanStep.safeParse(m?.[1]);
    const n = Number(m?.[2]);
    if (!m || !step.success || n > 365) throw new HocBaError("PROGRESS_BAD_PHASES", { value: part });
    days.set(step.data, n);
  }
  return checkPlanPhases(
    ORDER.flatMap((step) => {
      const daysBefore = days.get(step);
      return daysBefore === undefined ? [] : [{ step, daysBefore }];
    }),
  );
}

/** Refuses days outside 0..365 and phases whose days go up along the year's order (see parsePlanPhases). */
export function checkPlanPhases(phases: readonly PlanPhase[]): PlanPhase[] {
  for (const p of phases) {
    if (!Number.isInteger(p.daysBefore) || p.daysBefore < 0 || p.daysBefore > 365) {
      throw new HocBaError("PROGRESS_BAD_PHASES", { value: `${p.step}=${String(p.daysBefore)}` });
    }
  }
  const sorted = ORDER.flatMap((s) => phases.filter((p) => p.step === s));
  for (const [i, after] of sorted.entries()) {
    const before = sorted[i - 1];
    if (before && after.daysBefore > before.daysBefore) {
      throw new HocBaError("PROGRESS_PHASES_ORDER", {
        first: STEP_LABELS[before.step],
        firstDays: before.daysBefore,
        second: STEP_LABELS[after.step],
        secondDays: after.daysBefore,
      });
    }
  }
  return sorted;
}
