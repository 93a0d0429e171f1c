import type { VerifyRequest } from "../../../shared/protocol/requests.ts";
import type { VerifiedEvent } from "../../../shared/protocol/responses.ts";
import { sha256Hex } from "../../archive/audit-chain.ts";
import { decodeDocument } from "../decode-document.ts";
import { errorTag, toErrorBody } from "../error-body.ts";
import type { HostContext } from "../host-context.ts";

/** Verifies each document (one `verified` reply each, then `verify-done`) and audits the run. */
export async function verify(ctx: HostContext, request: VerifyRequest): Promise<void> {
  let valid = 0;
  const audited: { fileName: string; sha256: string; valid: boolean }[] = [];
  for (const [index, doc] of request.documents.entries()) {
    let reply: VerifiedEvent;
    try {
      const bytes = decodeDocument(doc);
      const sha256 = sha256Hex(bytes);
      // In the document worker, within its time limit: a crafted file cannot hold the helper.
      const report = await ctx.documents.verify(bytes, doc.fileName);
      reply = {
        type: "verified",
        requestId: request.requestId,
        index,
        fileName: doc.fileName,
        sha256,
        ...report,
      };
    } catch (err) {
      reply = {
        type: "verified",
        requestId: request.requestId,
        index,
        fileName: doc.fileName,
        sha256: "",
        valid: false,
        complete: false,
        signatures: [],
        problems: [toErrorBody(err, ctx.log.file)],
      };
    }
    if (reply.valid) valid++;
    audited.push({ fileName: doc.fileName, sha256: reply.sha256, valid: reply.valid });
    try {
      await ctx.reply.send(reply, doc.fileName);
    } catch (err) {
      await ctx.reply.send({ ...reply, signatures: [], problems: [toErrorBody(err, ctx.log.file)] });
    }
  }
  const invalid = request.documents.length - valid;
  try {
    ctx
      .archive()
      .appendAudit("verify", null, { documents: audited, valid, invalid, caller: ctx.caller.extensionId });
  } catch (err) {
    ctx.log.error("audit-failed", { event: "verify", code: errorTag(err) });
  }
  await ctx.reply.send({ type: "verify-done", requestId: request.requestId, valid, invalid });
}
