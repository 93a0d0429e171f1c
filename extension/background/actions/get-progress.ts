import type { Deadlines, PlanPhase, ProgressReport } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STEPS: ReadonlySet<unknown> = new Set(["gvcn", "thu-truong", "dong-dau", "nop"]);

/** The plan's step days from the page, or undefined (the helper's defaults) when malformed. */
function phasesOf(value: unknown): PlanPhase[] | undefined {
  if (!Array.isArray(value) || value.length > 4) return undefined;
  const phases = value.filter(
    (p): p is PlanPhase =>
      typeof p === "object" &&
      p !== null &&
      STEPS.has((p as PlanPhase).step) &&
      Number.isInteger((p as PlanPhase).daysBefore) &&
      (p as PlanPhase).daysBefore >= 0 &&
      (p as PlanPhase).daysBefore <= 365,
  );
  return phases.length === value.length
    ? phases.map((p) => ({ step: p.step, daysBefore: p.daysBefore }))
    : undefined;
}

/** The year's progress table from the helper's archive, counted to the deadlines of the settings. */
export async function getProgress(
  deps: Pick<BackgroundDeps, "helpers">,
  request: { namHoc?: unknown; deadlines?: unknown; phases?: unknown; today?: unknown },
): Promise<ProgressReport> {
  const namHoc = typeof request.namHoc === "string" && request.namHoc !== "" ? request.namHoc : undefined;
  const d = request.deadlines as Partial<Deadlines> | undefined;
  const deadlines =
    d &&
    typeof d.dot1 === "string" &&
    ISO_DATE.test(d.dot1) &&
    typeof d.dot2 === "string" &&
    ISO_DATE.test(d.dot2)
      ? { dot1: d.dot1, dot2: d.dot2 }
      : undefined;
  const phases = phasesOf(request.phases);
  const today = typeof request.today === "string" && ISO_DATE.test(request.today) ? request.today : undefined;
  return deps.helpers.use((client) =>
    client.progress({
      ...(namHoc ? { namHoc } : {}),
      ...(deadlines ? { deadlines } : {}),
      ...(phases ? { phases } : {}),
      ...(today ? { today } : {}),
    }),
  );
}
