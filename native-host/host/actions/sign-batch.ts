import type { SignBatchRequest } from "../../../shared/protocol/requests.ts";
import { signArchivedBatch, type BatchEvent, type BatchOutcome } from "../../archive/sign-archived-batch.ts";
import { checkedOnFirstRead } from "../../sign/check-signable.ts";
import { decodeDocument, documentText } from "../decode-document.ts";
import { errorTag, toErrorBody } from "../error-body.ts";
import type { HostContext } from "../host-context.ts";
import { signerInfoFromDer } from "../signer-info.ts";

/**
 * Signs a batch (signArchivedBatch, the same path as `hocba sign`): documents already archived for
 * this role are answered from the archive (never signed twice), one login once a document passed
 * its check, then each remaining document is signed, archived in its own transaction and sent
 * back, in order, while the later ones are still checked. `cancel` or a closed
 * connection stops it before the next document. A token-level failure (token pulled out, session
 * lost) stops the batch; a document-level one fails only that document.
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
  // Who signed, per certificate: the same few certificates come back for every document.
  const signers = new Map<string, ReturnType<typeof signerInfoFromDer>>();
  const signerOf = (der: Buffer) => {
    const key = der.toString("base64");
    let info = signers.get(key);
    if (!info) signers.set(key, (info = signerInfoFromDer(der)));
    return info;
  };
  try {
    ctx.log.info("sign-batch", { requestId: batchId, role, documents: request.documents.length });
    // The certificate, read once before the login: archived copies answer by it, and every
    // document is checked against the signer-authority rule with it before the PIN reaches the token.
    let beforeLogin: Promise<Uint8Array | undefined> | undefined;
    const certificateBeforeLogin = (): Promise<Uint8Array | undefined> =>
      (beforeLogin ??= ctx.backend.signingCertificate({
        tokenLabel: request.tokenLabel,
        certId: request.certId,
      }));
    let outcome: BatchOutcome;
    try {
      outcome = await signArchivedBatch({
        archive: ctx.archive(),
        batchId,
        role,
        // Decoded when needed, not all at once: a request holds up to 2,000 documents.
        documents: request.documents.map((doc, index) => ({
          index,
          fileName: doc.fileName,
          // Checked on the first read (the archive lookup): what may not be signed (not a học bạ, out
          // of order, a certificate of someone the record does not name) fails before the login.
          // The check runs in the document worker, within its time limit: a crafted file cannot
          // hold the helper.
          read: checkedOnFirstRead(
            () => decodeDocument(doc),
            role,
            certificateBeforeLogin,
            (bytes, r, subject) => ctx.documents.checkSignable(bytes, r, doc.fileName, subject),
          ),
        })),
        // The certificate is read before the login: archived copies answer only if it signed them.
        expectedCertificate: certificateBeforeLogin,
        checkResume: (stored, certificateDer) => ctx.backend.checkResume(stored, role, certificateDer),
        openSigner: async () => {
          try {
            return await ctx.backend.openSigner({
              tokenLabel: request.tokenLabel,
              certId: request.certId,
              pin,
            });
          } finally {
            pin = undefined;
          }
        },
        exclusive: (work) => ctx.tokenLock.run(work),
        // The PIN came with the request: the token signs the first documents while the document
        // worker checks the rest (a slow USB token then waits for no check but the first).
        signWhileChecking: true,
        audit: { tokenLabel: request.tokenLabel, certId: request.certId, caller: ctx.caller.extensionId },
        signal: controller.signal,
        onEvent: (event) => reply(ctx, batchId, event, signerOf),
        warn: (event, err) => ctx.log.error(event, { code: errorTag(err) }),
      });
    } finally {
      pin = undefined;
    }
    const counts = {
      signed: outcome.signed,
      resumed: outcome.resumed,
      failed: outcome.failed,
      skipped: outcome.skipped,
      cancelled: outcome.cancelled,
    };
    await ctx.reply.send({ type: "done", requestId: batchId, ...counts });
    ctx.log.info("sign-batch-done", { requestId: batchId, ...counts });
  } finally {
    pin = undefined;
    ctx.shutdown.removeEventListener("abort", stop);
    ctx.running.delete(batchId);
  }
}

/**
 * One batch event as protocol replies. A `signed` reply over the browsers' 1 MiB limit throws
 * (HOST_REPLY_TOO_LARGE) before anything is written: the batch then reports that document as failed
 * (it stays signed in the archive). Documents never attempted get no reply; `done` counts them.
 */
async function reply(
  ctx: HostContext,
  requestId: string,
  event: BatchEvent,
  signerOf: (der: Buffer) => ReturnType<typeof signerInfoFromDer>,
): Promise<void> {
  switch (event.type) {
    case "progress":
      await ctx.reply.send({
        type: "progress",
        requestId,
        done: event.done,
        total: event.total,
        fileName: event.fileName,
      });
      return;
    case "signed": {
      const stored = event.document;
      if (event.renewed) {
        ctx.log.info("signed-anew", { requestId, index: event.index, reason: event.renewed.code });
      }
      await ctx.reply.send(
        {
          type: "signed",
          requestId,
          index: event.index,
          fileName: event.fileName,
          xml: documentText(stored.bytes, event.fileName),
          sha256: stored.sha256,
          role: stored.role,
          signer: signerOf(stored.signerCertDer),
          signingTime: stored.signingTime,
          resumed: event.resumed,
        },
        event.fileName,
      );
      return;
    }
    case "failed": {
      const error = toErrorBody(event.error, ctx.log.file);
      ctx.log.error("sign-failed", { requestId, index: event.index, code: error.code });
      await ctx.reply.send({
        type: "sign-failed",
        requestId,
        index: event.index,
        fileName: event.fileName,
        error,
      });
      return;
    }
    case "not-attempted":
      return;
  }
}
