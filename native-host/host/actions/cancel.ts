import type { CancelRequest } from "../../../shared/protocol/requests.ts";
import type { HostContext } from "../host-context.ts";

/** Stops a running batch before its next document; what is signed stays signed and archived. */
export async function cancel(ctx: HostContext, request: CancelRequest): Promise<void> {
  const controller = ctx.running.get(request.requestId);
  controller?.abort();
  ctx.log.info("cancel", { requestId: request.requestId, found: controller !== undefined });
  await ctx.reply.send({ type: "cancel-ack", requestId: request.requestId, found: controller !== undefined });
}
