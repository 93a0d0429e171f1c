import type { Deadlines, ProgressReport } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The year's progress table from the helper's archive, counted to the deadlines of the settings. */
export async function getProgress(
  deps: Pick<BackgroundDeps, "helpers">,
  request: { namHoc?: unknown; deadlines?: unknown; today?: unknown },
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
  const today = typeof request.today === "string" && ISO_DATE.test(request.today) ? request.today : undefined;
  return deps.helpers.use((client) =>
    client.progress({
      ...(namHoc ? { namHoc } : {}),
      ...(deadlines ? { deadlines } : {}),
      ...(today ? { today } : {}),
    }),
  );
}
