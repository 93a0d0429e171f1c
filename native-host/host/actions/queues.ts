import type { QueuesRequest } from "../../../shared/protocol/requests.ts";
import { classQueues, readLearnerStatuses } from "../../handoff/read-learner-statuses.ts";
import type { HostContext } from "../host-context.ts";

/** Classes of the archive with their counts per role: what fills "Chờ Giám đốc ký" and "Chờ đóng dấu". */
export async function queues(ctx: HostContext, request: QueuesRequest): Promise<void> {
  const classes = classQueues(readLearnerStatuses(ctx.archive(), request.namHoc));
  await ctx.reply.send({ type: "queues", requestId: request.requestId, classes });
}
