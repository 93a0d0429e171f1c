import type { ErrorBody } from "../../../shared/protocol/common.ts";
import type { SignBatchRequest } from "../../../shared/protocol/requests.ts";
import { archiveSigned } from "../../archive/archive-signed.ts";
import { sha256Hex } from "../../archive/audit-chain.ts";
import type { HocBaArchive, StoredDocument } from "../../archive/hocba-archive.ts";
import { decodeDocument, documentText } from "../decode-document.ts";
import { errorTag, toErrorBody } from "../error-body.ts";
import type { HostContext } from "../host-context.ts";
import type { BatchSigner } from "../signing-backend.ts";
import { signerInfoFromDer } from "../signer-info.ts";

interface Pending {
  index: number;
  fileName: string;
  bytes: Buffer;
  inputSha256: string;
}

interface Counts {
  signed: number;
  resumed: number;
  failed: number;
  skipped: number;
}

/**
 * Signs a batch: documents already archived for this role are answered from the archive (never
 * signed twice), then one login, then each remaining document is signed, archived in its own
 * transaction and sent back, in order. `cancel` or a closed connection stops it before the next
 * document. A token-level failure (token pulled out, session lost) stops the batch; a
 * document-level one fails only that document.
 */
export async function signBatch(ctx: HostContext, request: SignBatchRequest): Promise<void> {
  const { requestId: batchId, role } = request;
  // The PIN leaves the request object now: nothing that logs or echoes requests can reach it.
  let pin = request.pin;
  delete request.pin;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  ctx.running.set(batchId, controller);
  ctx.shutdown.addEventListener("abort", stop);
  const counts: Counts = { signed: 0, resumed: 0, failed: 0, skipped: 0 };
  try {
    ctx.log.info("sign-batch", { requestId: batchId, role, documents: request.documents.length });
    const archive = ctx.archive();
    const pending: Pending[] = [];
    for (const [index, doc] of request.documents.entries()) {
      let bytes: Buffer;
      try {
        bytes = decodeDocument(doc);
      } catch (err) {
        counts.failed++;
        await sendFailed(ctx, batchId, index, doc.fileName, err);
        continue;
      }
      const inputSha256 = sha256Hex(bytes);
      const stored = archive.findSigned(inputSha256, role);
      if (stored) {
        counts.resumed++;
        await sendSigned(ctx, batchId, index, doc.fileName, stored, true, counts);
      } else {
        pending.push({ index, fileName: doc.fileName, bytes, inputSha256 });
      }
    }
    if (pending.length > 0) {
      await ctx.tokenLock.run(async () => {
        if (controller.signal.aborted) {
          counts.skipped += pending.length;
          return;
        }
        let signer: BatchSigner;
        try {
          signer = await ctx.backend.openSigner({
            tokenLabel: request.tokenLabel,
            certId: request.certId,
            pin,
          });
        } catch (err) {
          auditQuietly(ctx, archive, "signing-failed", batchId, { stage: "login", code: errorTag(err) });
          throw err;
        } finally {
          pin = undefined;
        }
        try {
          await signPending(ctx, archive, request, signer, pending, controller.signal, counts);
        } finally {
          await signer
            .close()
            .catch((err: unknown) => ctx.log.error("logout-failed", { detail: errorTag(err) }));
        }
      });
    }
    const cancelled = controller.signal.aborted;
    await ctx.reply.send({ type: "done", requestId: batchId, ...counts, cancelled });
    ctx.log.info("sign-batch-done", { requestId: batchId, ...counts, cancelled });
  } finally {
    pin = undefined;
    ctx.shutdown.removeEventListener("abort", stop);
    ctx.running.delete(batchId);
  }
}

async function signPending(
  ctx: HostContext,
  archive: HocBaArchive,
  request: SignBatchRequest,
  signer: BatchSigner,
  pending: Pending[],
  signal: AbortSignal,
  counts: Counts,
): Promise<void> {
  const { requestId: batchId, role } = request;
  const total = request.documents.length;
  archive.appendAudit("batch-started", batchId, {
    role,
    documents: total,
    toSign: pending.length,
    tokenLabel: request.tokenLabel,
    certId: request.certId,
    signerSubject: signer.signer.subject,
    signerCertSha256: signer.signer.certSha256,
    caller: ctx.caller.extensionId,
  });
  let stoppedBy: ErrorBody | null = null;
  for (const [position, doc] of pending.entries()) {
    if (signal.aborted || stoppedBy) {
      counts.skipped = pending.length - position;
      break;
    }
    // The same document twice in one batch (or signed meanwhile by `hocba sign`): answer from the archive.
    const already = archive.findSigned(doc.inputSha256, role);
    if (already) {
      counts.resumed++;
      await sendSigned(ctx, batchId, doc.index, doc.fileName, already, true, counts);
      continue;
    }
    const done = counts.signed + counts.resumed + counts.failed;
    await ctx.reply.send({ type: "progress", requestId: batchId, done, total, fileName: doc.fileName });
    let stored: StoredDocument;
    let alreadyArchived = false;
    try {
      const result = await signer.sign(doc.bytes, role, { fileName: doc.fileName, signal });
      ({ document: stored, alreadyArchived } = archiveSigned(archive, {
        batchId,
        fileName: doc.fileName,
        role,
        input: { sha256: doc.inputSha256 },
        signed: result.bytes,
        signerCertDer: signer.certificateDer,
        signingTime: result.signingTime,
      }));
    } catch (err) {
      counts.failed++;
      const error = toErrorBody(err, ctx.log.file);
      auditQuietly(ctx, archive, "signing-failed", batchId, {
        fileName: doc.fileName,
        inputSha256: doc.inputSha256,
        code: error.code,
      });
      await sendFailed(ctx, batchId, doc.index, doc.fileName, err);
      // The token is gone or the session broke: every further document would fail the same way.
      if (error.code.startsWith("TOKEN_")) stoppedBy = error;
      continue;
    }
    // Archived by someone else between the check and now: theirs is the one that counts.
    if (alreadyArchived) counts.resumed++;
    else counts.signed++;
    await sendSigned(ctx, batchId, doc.index, doc.fileName, stored, alreadyArchived, counts);
  }
  const cancelled = signal.aborted;
  archive.appendAudit(cancelled ? "batch-cancelled" : "batch-finished", batchId, {
    ...counts,
    ...(stoppedBy ? { stoppedBy: stoppedBy.code } : {}),
  });
}

/**
 * Sends a `signed` reply. If it would exceed the browsers' 1 MiB limit, sends `sign-failed` instead
 * (the document stays signed in the archive) and counts it as failed.
 */
async function sendSigned(
  ctx: HostContext,
  requestId: string,
  index: number,
  fileName: string,
  stored: StoredDocument,
  resumed: boolean,
  counts: Counts,
): Promise<void> {
  try {
    await ctx.reply.send(
      {
        type: "signed",
        requestId,
        index,
        fileName,
        xml: documentText(stored.bytes, fileName),
        sha256: stored.sha256,
        role: stored.role,
        signer: signerInfoFromDer(stored.signerCertDer),
        signingTime: stored.signingTime,
        resumed,
      },
      fileName,
    );
  } catch (err) {
    if (resumed) counts.resumed--;
    else counts.signed--;
    counts.failed++;
    await sendFailed(ctx, requestId, index, fileName, err);
  }
}

async function sendFailed(
  ctx: HostContext,
  requestId: string,
  index: number,
  fileName: string,
  err: unknown,
): Promise<void> {
  const error = toErrorBody(err, ctx.log.file);
  ctx.log.error("sign-failed", { requestId, index, code: error.code });
  await ctx.reply.send({ type: "sign-failed", requestId, index, fileName, error });
}

/** Audit entries about failures must not turn one failure into two: log if the archive refuses. */
function auditQuietly(
  ctx: HostContext,
  archive: HocBaArchive,
  event: "signing-failed",
  batchId: string,
  details: Record<string, string | number>,
): void {
  try {
    archive.appendAudit(event, batchId, details);
  } catch (err) {
    ctx.log.error("audit-failed", { event, code: errorTag(err) });
  }
}
