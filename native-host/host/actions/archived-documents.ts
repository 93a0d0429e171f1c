import type { ArchivedDocumentsRequest } from "../../../shared/protocol/requests.ts";
import { sha256Hex } from "../../archive/audit-chain.ts";
import { waitingFor } from "../../handoff/archived-for-role.ts";
import { readLearnerStatuses } from "../../handoff/read-learner-statuses.ts";
import { signaturesInDocument } from "../../handoff/signatures-in-document.ts";
import type { HostContext } from "../host-context.ts";

/**
 * The archived documents of a class that wait for `forRole`, one reply each (a class does not fit
 * in one 1 MiB frame), then `archived-documents-done`: so the director's PC signs what the GVCN
 * signed on another PC, once its package was imported.
 */
export async function archivedDocuments(ctx: HostContext, request: ArchivedDocumentsRequest): Promise<void> {
  const waiting = waitingFor(readLearnerStatuses(ctx.archive(), request.namHoc), request, request.forRole);
  for (const [index, s] of waiting.entries()) {
    const bytes = s.document.bytes;
    await ctx.reply.send(
      {
        type: "archived-document",
        requestId: request.requestId,
        index,
        total: waiting.length,
        fileName: s.document.fileName,
        xml: bytes.toString("utf8"),
        sha256: sha256Hex(bytes),
        maHocVien: s.maHocVien,
        hoTen: s.hoTen,
        idBanGhi: s.version.idBanGhi,
        phienBan: s.version.phienBan,
        roles: signaturesInDocument(bytes),
      },
      s.document.fileName,
    );
  }
  await ctx.reply.send({
    type: "archived-documents-done",
    requestId: request.requestId,
    count: waiting.length,
  });
}
