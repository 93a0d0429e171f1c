import { todayInVietnam } from "../../../shared/check/check-dates.ts";
import { checkPlanPhases } from "../../../shared/progress/parse-plan-phases.ts";
import type { ProgressRequest } from "../../../shared/protocol/requests.ts";
import { readProgress } from "../../handoff/read-progress.ts";
import type { HostContext } from "../host-context.ts";

/** The progress table of a school year from the archive (answered by `progress-report`). */
export async function progressReport(ctx: HostContext, request: ProgressRequest): Promise<void> {
  const report = readProgress(ctx.archive(), {
    namHoc: request.namHoc,
    today: request.today ?? todayInVietnam(new Date()),
    deadlines: request.deadlines,
    phases: request.phases ? checkPlanPhases(request.phases) : undefined,
  });
  await ctx.reply.send({ type: "progress-report", requestId: request.requestId, report });
}
