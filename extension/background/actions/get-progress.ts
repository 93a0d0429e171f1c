import { z } from "zod";
import { PlanPhase } from "../../../shared/progress/progress-report.ts";
import type { Deadlines, ProgressReport } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// The protocol's own schema (the helper checks the same on arrival): one rule for a step's days.
const PHASES = z.array(PlanPhase).max(4);

/** The plan's step days from the page, or undefined (the helper's defaults) when malformed. */
function phasesOf(value: unknown): PlanPhase[] | undefined {
  const parsed = PHASES.safeParse(value);
  return parsed.success ? parsed.data : undefined;
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
