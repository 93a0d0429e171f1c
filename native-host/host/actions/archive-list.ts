import type { ArchiveListRequest } from "../../../shared/protocol/requests.ts";
import type { HostContext } from "../host-context.ts";

/** One page of the archive's entries, newest first. */
export async function archiveList(ctx: HostContext, request: ArchiveListRequest): Promise<void> {
  const { total, entries } = ctx.archive().list({
    namHoc: request.namHoc,
    maHocVien: request.maHocVien,
    limit: request.limit ?? 100,
    offset: request.offset ?? 0,
  });
  await ctx.reply.send({ type: "archive-entries", requestId: request.requestId, total, entries });
}
