import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { HocBaArchive } from "../../native-host/archive/hocba-archive.ts";
import {
  signArchivedBatch,
  type BatchEvent,
  type BatchOutcome,
} from "../../native-host/archive/sign-archived-batch.ts";
import { checkResumable } from "../../native-host/sign/check-resumable.ts";
import { checkedOnFirstRead } from "../../native-host/sign/check-signable.ts";
import { tokenBatchSigner } from "../../native-host/sign/token-batch-signer.ts";
import type { DocumentSigner } from "../../native-host/token/token-signer.ts";
import type { TrustAnchors } from "../../native-host/xmldsig/trust-anchors.ts";

/** One document of a batch: its bytes, or a reader (the CLI reads files one by one). */
export interface BatchInput {
  name: string;
  bytes?: Uint8Array;
  read?: () => Uint8Array | Promise<Uint8Array>;
}

/** What the batch said about one document. */
export type BatchResult =
  | { index: number; name: string; ok: true; bytes: Buffer; resumed: boolean }
  | { index: number; name: string; ok: false; error: HocBaError; notAttempted: boolean };

export interface SignBatchRun {
  outcome: BatchOutcome;
  /** One per document, in the order the batch delivered them. */
  results: BatchResult[];
  /** Every event, in order. */
  events: BatchEvent[];
  archive: HocBaArchive;
}

export interface SignBatchOptions {
  /** Default: a fresh archive in a temporary folder (left open: the caller may look into it). */
  archive?: HocBaArchive;
  signal?: AbortSignal;
  window?: number;
  trust?: TrustAnchors;
  clock?: () => Date;
  /** "Now" for the resume check's verifier (default: the clock, else the real time). */
  now?: () => Date;
  onEvent?: (event: BatchEvent, results: readonly BatchResult[]) => void;
}

function asHocBaError(err: unknown): HocBaError {
  if (isHocBaError(err)) return err;
  return new HocBaError("CLI_INTERNAL", { detail: err instanceof Error ? err.message : String(err) });
}

/**
 * Signs `docs` through the one production pipeline, as `hocba sign` and the helper compose it:
 * each document checked on its first read (before the login), signArchivedBatch, tokenBatchSigner.
 * `signer` is a logged-in token key, or the login itself (called only if something is left to
 * sign, as the batch's openSigner). The session stays the caller's (close is a no-op).
 */
export async function signBatch(
  signer: DocumentSigner | (() => DocumentSigner),
  docs: readonly BatchInput[],
  role: SigningRole,
  options: SignBatchOptions = {},
): Promise<SignBatchRun> {
  const archive =
    options.archive ??
    HocBaArchive.open(path.join(mkdtempSync(path.join(os.tmpdir(), "hocba-batch-")), "archive.sqlite"));
  const results: BatchResult[] = [];
  const events: BatchEvent[] = [];
  const outcome = await signArchivedBatch({
    archive,
    batchId: `test-${Date.now()}`,
    role,
    documents: docs.map((doc, index) => ({
      index,
      fileName: doc.name,
      read: checkedOnFirstRead(() => {
        if (doc.read) return doc.read();
        if (doc.bytes) return doc.bytes;
        throw new Error(`no bytes for ${doc.name}`);
      }, role),
    })),
    openSigner: () =>
      Promise.resolve(
        tokenBatchSigner(typeof signer === "function" ? signer() : signer, {
          trust: options.trust,
          close: () => undefined,
          ...(options.clock ? { clock: options.clock } : {}),
        }),
      ),
    // As the CLI and the helper: the certificate is known before the login (here: the signer's
    // own, when it is already logged in), and archived copies answer only if it signed them.
    expectedCertificate: () => Promise.resolve(typeof signer === "function" ? undefined : signer.certificate),
    checkResume: checkResumable({
      role,
      trust: options.trust,
      ...((options.now ?? options.clock) ? { now: options.now ?? options.clock } : {}),
    }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.window !== undefined ? { window: options.window } : {}),
    onEvent: (event) => {
      events.push(event);
      const name = docs[event.type === "progress" ? -1 : event.index]?.name ?? "";
      if (event.type === "signed") {
        results.push({
          index: event.index,
          name,
          ok: true,
          bytes: event.document.bytes,
          resumed: event.resumed,
        });
      } else if (event.type === "failed") {
        results.push({
          index: event.index,
          name,
          ok: false,
          error: asHocBaError(event.error),
          notAttempted: false,
        });
      } else if (event.type === "not-attempted") {
        results.push({ index: event.index, name, ok: false, error: event.error, notAttempted: true });
      }
      options.onEvent?.(event, results);
    },
  });
  return { outcome, results, events, archive };
}
