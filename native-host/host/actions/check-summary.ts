import type { RecordCheckSummaryRequest } from "../../../shared/protocol/requests.ts";
import { recordCheckSummary } from "../../handoff/check-summaries.ts";
import type { HostContext } from "../host-context.ts";

/** Keeps the review page's check summary of a class in the audit log (answered by `check-summary-recorded`). */
export async function recordCheckSummaryAction(
  ctx: HostContext,
  request: RecordCheckSummaryRequest,
): Promise<void> {
  const { type: _type, requestId, ...input } = request;
  const { summary, recorded } = recordCheckSummary(ctx.archive(), input);
  await ctx.reply.send({ type: "check-summary-recorded", requestId, summary, recorded });
}
