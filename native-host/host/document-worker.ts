import { parentPort, workerData } from "node:worker_threads";
import { isHocBaError } from "../../shared/errors/hocba-error.ts";
import type { ErrorBody } from "../../shared/protocol/common.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { checkSignable } from "../sign/check-signable.ts";
import { verifyHocBa } from "../verify/verify-hocba.ts";
import { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import type { DocumentVerification } from "./signing-backend.ts";
import { toVerification } from "./to-verification.ts";

/** What the helper gives its document worker (bin/hocba.mjs recognises it by `hocbaWorker`). */
export interface DocumentWorkerData {
  hocbaWorker: "documents";
  /** HOCBA_TRUST_ROOTS, split. */
  trustRootFiles: string[];
  /** TEST-ONLY (HOCBA_TEST_DOCUMENT_CHECK_HANG=1): a file named hang* never finishes checking. */
  testHang: boolean;
}

/** One piece of work on untrusted bytes. */
export type DocumentTask =
  | { id: number; kind: "verify"; bytes: Uint8Array; fileName: string }
  | {
      id: number;
      kind: "check-signable";
      bytes: Uint8Array;
      fileName: string;
      role: SigningRole;
      /** The subject DN of the certificate the batch will sign with, when known before the login. */
      certificateSubject?: string;
    };

/** The worker's answers: once "ready" (its code loaded), then one per task. */
export type DocumentTaskReply =
  | { type: "ready" }
  | { type: "done"; id: number; verification?: DocumentVerification }
  | { type: "failed"; id: number; error: ErrorBody };

/**
 * The document worker's loop (a worker thread of the helper): verification and the checks made
 * before a document is signed run here, one task at a time, so that a document crafted to be slow
 * holds this thread, never the one that answers the browser; the helper ends this thread when a
 * task outlives its time limit (document-checker.ts).
 */
export function runDocumentWorker(): void {
  const port = parentPort;
  if (!port) throw new Error("runDocumentWorker outside a worker thread");
  const data = workerData as DocumentWorkerData;
  let anchors: TrustAnchors | undefined;

  const run = async (task: DocumentTask): Promise<DocumentVerification | undefined> => {
    if (data.testHang && task.fileName.startsWith("hang")) {
      // Catastrophic backtracking, as the quadratic base64 pattern was on 80k spaces: it never ends.
      /^(a+)+$/.test(`${"a".repeat(64)}!`);
    }
    if (task.kind === "check-signable") {
      await checkSignable(task.bytes, task.role, task.certificateSubject);
      return undefined;
    }
    anchors ??= TrustAnchors.load({ trustRootFiles: data.trustRootFiles });
    const report = await verifyHocBa(task.bytes, { anchors, file: task.fileName, readView: false });
    return toVerification(report);
  };

  port.on("message", (task: DocumentTask) => {
    run(task).then(
      (verification) => {
        port.postMessage({ type: "done", id: task.id, ...(verification ? { verification } : {}) });
      },
      (err: unknown) => {
        const error: ErrorBody = isHocBaError(err)
          ? err.toJSON()
          : {
              code: "HOST_INTERNAL",
              message: err instanceof Error ? err.message.slice(0, 300) : String(err),
            };
        port.postMessage({ type: "failed", id: task.id, error } satisfies DocumentTaskReply);
      },
    );
  });
  port.postMessage({ type: "ready" } satisfies DocumentTaskReply);
}
