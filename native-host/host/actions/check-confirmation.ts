import type {
  CheckConfirmationsRequest,
  RecordCheckConfirmationRequest,
} from "../../../shared/protocol/requests.ts";
import { readCheckConfirmations, recordCheckConfirmation } from "../../handoff/check-confirmations.ts";
import type { HostContext } from "../host-context.ts";

/** Records "Tổ chuyên môn đã kiểm tra" in the audit log (answered by `check-confirmation-recorded`). */
export async function recordCheckConfirmationAction(
  ctx: HostContext,
  request: RecordCheckConfirmationRequest,
): Promise<void> {
  const { type: _type, requestId, ...input } = request;
  const confirmation = recordCheckConfirmation(ctx.archive(), input);
  await ctx.reply.send({ type: "check-confirmation-recorded", requestId, confirmation });
}

/** The recorded confirmations (answered by `check-confirmations`). */
export async function checkConfirmations(
  ctx: HostContext,
  request: CheckConfirmationsRequest,
): Promise<void> {
  const confirmations = readCheckConfirmations(ctx.archive(), request);
  await ctx.reply.send({ type: "check-confirmations", requestId: request.requestId, confirmations });
}
