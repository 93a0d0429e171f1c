import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { isTokenLevelError } from "../token/token-error.ts";
import type { DocumentSigner } from "../token/token-signer.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { prepareHocBaSignature, type SignHocBaOptions } from "./sign-hocba.ts";

/** One document to sign. */
export interface HocBaInput {
  /** File name or any label, echoed in the result. */
  name: string;
  bytes: Uint8Array;
}

/** The outcome for one document, in input order. */
export type SignResult =
  | { index: number; name: string; ok: true; bytes: Buffer }
  | {
      index: number;
      name: string;
      ok: false;
      error: HocBaError;
      /** True when the document was not tried because the batch had stopped or was cancelled. */
      notAttempted: boolean;
    };

export interface SignBatchProgress {
  done: number;
  /** Known when the input is an array. */
  total?: number;
  name: string;
  ok: boolean;
}

export interface SignBatchOptions extends SignHocBaOptions {
  onProgress?: (progress: SignBatchProgress) => void;
  /** Stops starting new documents; those already at the token finish. */
  signal?: AbortSignal;
  /** Documents in flight (default 4: one at the token, the next ones being validated and canonicalized). */
  window?: number;
}

function asHocBaError(err: unknown): HocBaError {
  if (isHocBaError(err)) return err;
  return new HocBaError(
    "CLI_INTERNAL",
    { detail: err instanceof Error ? err.message : String(err) },
    { cause: err },
  );
}

/**
 * Signs many documents with one logged-in signer, yielding one result per document in input
 * order. Pipelined: while the token signs document n (C_SignAsync, off the main thread), document
 * n+1 is validated, canonicalized and hashed. A document that may not be signed fails alone; a
 * token-level error (token removed, PIN, login) stops the batch: documents already signed stay
 * signed, the rest are reported as not attempted.
 */
export async function* signHocBaBatch(
  signer: DocumentSigner,
  docs: Iterable<HocBaInput> | AsyncIterable<HocBaInput>,
  role: SigningRole,
  options: SignBatchOptions = {},
): AsyncGenerator<SignResult, void, undefined> {
  const total = Array.isArray(docs) ? docs.length : undefined;
  const window = Math.max(1, options.window ?? 4);
  const inflight: Array<Promise<SignResult>> = [];
  let stoppedBy: HocBaError | undefined;
  let index = 0;
  let done = 0;

  const start = (doc: HocBaInput, i: number): Promise<SignResult> =>
    (async (): Promise<SignResult> => {
      try {
        const prepared = await prepareHocBaSignature(signer, doc.bytes, role, options);
        const value = await signer.sign(prepared.signedInfo);
        return { index: i, name: doc.name, ok: true, bytes: prepared.finish(value) };
      } catch (err) {
        return { index: i, name: doc.name, ok: false, error: asHocBaError(err), notAttempted: false };
      }
    })();

  const settle = (r: SignResult): SignResult => {
    if (!r.ok && !stoppedBy && isTokenLevelError(r.error)) stoppedBy = r.error;
    options.onProgress?.({ done: ++done, ...(total !== undefined ? { total } : {}), name: r.name, ok: r.ok });
    return r;
  };

  for await (const doc of docs) {
    const i = index++;
    if (!stoppedBy && !options.signal?.aborted) {
      inflight.push(start(doc, i));
      while (inflight.length >= window) {
        const next = inflight.shift();
        if (next) yield settle(await next);
      }
      continue;
    }
    // Results stay in input order: what is already at the token is reported first.
    for (let next = inflight.shift(); next; next = inflight.shift()) yield settle(await next);
    const error = stoppedBy
      ? new HocBaError("SIGN_BATCH_STOPPED", { reason: stoppedBy.message })
      : new HocBaError("SIGN_CANCELLED");
    yield settle({ index: i, name: doc.name, ok: false, error, notAttempted: true });
  }
  for (let next = inflight.shift(); next; next = inflight.shift()) yield settle(await next);
}
