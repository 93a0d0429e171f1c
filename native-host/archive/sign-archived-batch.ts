import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import type { SignerInfo, SigningRole } from "../../shared/protocol/common.ts";
import { archiveSigned, archiveSignedGroup, type ArchiveSignedInput } from "./archive-signed.ts";
import { Arrivals } from "./arrivals.ts";
import { sha256Hex, type AuditDetails } from "./audit-chain.ts";
import type { HocBaArchive, StoredDocument } from "./hocba-archive.ts";

/*
 * The one path by which a batch is signed, for the browser helper (sign-batch) and for
 * `hocba sign`: documents already archived for the role are answered from the archive (never signed
 * twice, not even after a kill -9), then one login, then each remaining document is signed, stored
 * with its audit entry in its own transaction, and only then handed back. The first read of each
 * document is its check: with signWhileChecking, the login comes once the first document passed
 * it, and the token signs while the rest are checked. An archived copy answers
 * only when it was signed with the certificate this batch signs with and still verifies under the
 * current trust (checkResume); otherwise the document is signed anew, and the new copy says why.
 * This module loads no token or XML-signing code: the caller brings the signer and the check, so
 * the helper still starts fast.
 */

/** One document of a batch. */
export interface BatchDocument {
  /** Position in the caller's list, echoed in every event. */
  index: number;
  fileName: string;
  /**
   * The exact bytes to sign. Called once to look the document up in the archive and once more when
   * it is signed (nothing is kept in between). Throws (HocBaError) when they cannot be had: that
   * document then fails alone.
   */
  read(): Uint8Array | Promise<Uint8Array>;
}

/** What one signature produced. */
export interface SignedOutput {
  bytes: Uint8Array;
  /** xades:SigningTime put in the document (ISO 8601, +07:00). */
  signingTime: string;
  /** Learner code and school year, when the signer read them already (saves parsing the output). */
  ids?: { maHocVien: string; namHoc: string };
}

/** A logged-in session bound to one certificate. */
export interface BatchSigner {
  certificateDer: Uint8Array;
  signer: SignerInfo;
  /**
   * Signs one document in `role`. Several calls may be pending at once: the signer serialises the
   * token and prepares the next documents meanwhile. Throws HocBaError SIGN_CANCELLED when `signal`
   * fired before the document reached the token.
   */
  sign(
    bytes: Uint8Array,
    role: SigningRole,
    options: { fileName: string; signal: AbortSignal },
  ): Promise<SignedOutput>;
  /** Logs out and closes the session. */
  close(): Promise<void>;
}

export type BatchEvent =
  /** Sent before the batch waits for a document to be signed. */
  | { type: "progress"; done: number; total: number; fileName: string }
  /**
   * Signed and archived now (`resumed` false), or taken from the archive (`resumed` true).
   * `renewed`: signed now although an archived copy existed, and why that copy was not used.
   */
  | {
      type: "signed";
      index: number;
      fileName: string;
      document: StoredDocument;
      resumed: boolean;
      renewed?: HocBaError;
    }
  | { type: "failed"; index: number; fileName: string; error: unknown }
  /** Never tried: the batch was cancelled, or stopped by a token error. */
  | { type: "not-attempted"; index: number; fileName: string; error: HocBaError };

export interface BatchCounts {
  signed: number;
  resumed: number;
  failed: number;
  skipped: number;
}

export interface BatchOutcome extends BatchCounts {
  cancelled: boolean;
  /** The token-level error that stopped the batch, if any. */
  stoppedBy?: HocBaError;
  /** Whether a login happened (false when everything came from the archive). */
  loggedIn: boolean;
}

export interface SignArchivedBatchOptions {
  archive: HocBaArchive;
  /** The sign-batch requestId, or the CLI's run id. */
  batchId: string;
  role: SigningRole;
  documents: readonly BatchDocument[];
  /**
   * Logs in (once, and only if some document is not archived yet). Throws on a wrong PIN and the
   * like: the whole batch then fails with that error, after the `signing-failed` audit entry.
   */
  openSigner(): Promise<BatchSigner>;
  /**
   * Why an archived copy may not answer for this batch when it signs with `certificateDer`, or
   * null when it may: signed with that very certificate and still valid under the current trust
   * (native-host/sign/check-resumable.ts). A copy it refuses is signed anew, with a
   * `resume-refused` audit entry and `renewed` on the `signed` event.
   */
  checkResume(stored: StoredDocument, certificateDer: Uint8Array): Promise<HocBaError | null>;
  /**
   * The certificate the batch will sign with, read before the login (certificates are public
   * objects on a token), so that archived copies answer without a PIN. Undefined, absent or
   * throwing: archived copies are judged after the login, against the signer's own certificate.
   */
  expectedCertificate?(): Promise<Uint8Array | undefined>;
  /** Runs the login and the signing; the helper passes its token lock here. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Extra details of the `batch-started` audit entry (token, certificate, caller). */
  audit?: AuditDetails;
  /** Stops before the next document; what is signed stays signed and archived. */
  signal?: AbortSignal;
  /**
   * The caller makes the archive durable (archive.durable()) before it reports any document of a
   * `signed` event, beside its own fsyncs (hocba sign: with each group of output files). Without
   * it the batch awaits archive.durable() after each group's commit, before the group's events.
   */
  callerSyncsArchive?: boolean;
  /**
   * Log in as soon as one document may be signed, and sign while the later ones are still read and
   * checked (their first read), instead of after all of them: the first signature no longer waits
   * for the checks of the whole batch (40 documents on a cold helper: about 0.1 s; 2,000: a second
   * or two). A batch where nothing may be signed still never logs in. The two phases' events then
   * interleave (each document still gets exactly one), and a failed login waits for the checks
   * under way to be reported. For the helper, whose PIN came with the request; `hocba sign` asks
   * for the PIN on the terminal, which must not share it with the reports of files being checked.
   */
  signWhileChecking?: boolean;
  /** Documents in flight (default 4): one at the token, the next ones being checked and prepared. */
  window?: number;
  /**
   * Documents archived together at most when the batch may wait for them (default 1: each is
   * archived as soon as it is signed, with any already signed after it). Above 1, once a document
   * is signed the batch also waits for those after it that are already on their way to the token,
   * up to this many, so that one transaction stores them all: each commit writes the tables'
   * shared pages again, and costs the main thread more than a document's own rows. For `hocba
   * sign`, whose reports wait for the output files' fsyncs anyway; a slow token would delay every
   * report by this many signatures.
   */
  gather?: number;
  /**
   * Receives every event, in document order within each phase (archived ones first). The batch
   * waits for it. A `signed` delivery that throws (reply too large, file not writable) turns into
   * a `failed` event for that document, which stays archived.
   */
  onEvent(event: BatchEvent): void | Promise<void>;
  /** Problems that must not fail the batch (an audit entry that could not be written, logout). */
  warn?: (event: string, error: unknown) => void;
}

interface Pending {
  doc: BatchDocument;
  /** SHA-256 of the bytes when first read. */
  sha256: string;
  /** Position (in `pending`) of an earlier copy of the same bytes. */
  sameAs?: number;
}

/** An archived copy that was looked at and not used, and why. */
interface Refusal {
  id: number;
  reason: HocBaError;
}

/** A new signature stored in the archive, or why it could not be. */
type Archived = { entry: { document: StoredDocument; alreadyArchived: boolean } } | { error: unknown };

type Outcome =
  | { kind: "archived"; stored: StoredDocument }
  | { kind: "signed"; inputSha256: string; output: SignedOutput; renewed?: Refusal }
  | { kind: "error"; error: unknown; inputSha256: string };

/** What signPending shares with signArchivedBatch. */
interface BatchState {
  counts: BatchCounts;
  deliver: (
    doc: BatchDocument,
    stored: StoredDocument,
    resumed: boolean,
    renewed?: HocBaError,
  ) => Promise<void>;
  emit: (event: BatchEvent) => Promise<void>;
  auditQuietly: (event: "signing-failed" | "resume-refused", details: AuditDetails) => void;
  /** Whether an archived copy answers for a batch signing with `certificateDer` (once per copy). */
  judge: (doc: BatchDocument, stored: StoredDocument, certificateDer: Uint8Array) => Promise<Refusal | null>;
}

const errorCode = (err: unknown): string =>
  isHocBaError(err) ? err.code : err instanceof Error ? err.name : "unknown";

/** Token gone, PIN, session: every further document would fail the same way. */
const isTokenLevel = (err: unknown): err is HocBaError => isHocBaError(err) && err.code.startsWith("TOKEN_");

/** Signs a batch into the archive (see the top of this file). Returns the counts. */
export async function signArchivedBatch(options: SignArchivedBatchOptions): Promise<BatchOutcome> {
  const { archive, batchId, role, signal } = options;
  const counts: BatchCounts = { signed: 0, resumed: 0, failed: 0, skipped: 0 };
  const emit = async (event: BatchEvent): Promise<void> => {
    await options.onEvent(event);
  };
  const deliver = async (
    doc: BatchDocument,
    stored: StoredDocument,
    resumed: boolean,
    renewed?: HocBaError,
  ): Promise<void> => {
    if (resumed) counts.resumed++;
    else counts.signed++;
    try {
      await emit({
        type: "signed",
        index: doc.index,
        fileName: doc.fileName,
        document: stored,
        resumed,
        ...(renewed && !resumed ? { renewed } : {}),
      });
    } catch (err) {
      if (resumed) counts.resumed--;
      else counts.signed--;
      counts.failed++;
      await emit({ type: "failed", index: doc.index, fileName: doc.fileName, error: err });
    }
  };
  const auditQuietly = (event: "signing-failed" | "resume-refused", details: AuditDetails): void => {
    try {
      archive.appendAudit(event, batchId, details);
    } catch (err) {
      options.warn?.("audit-failed", err);
    }
  };
  // One verdict per archived copy and certificate: a copy is verified once per batch.
  const verdicts = new Map<string, Promise<Refusal | null>>();
  const judge = (doc: BatchDocument, stored: StoredDocument, certificateDer: Uint8Array) => {
    const key = `${stored.id}:${sha256Hex(certificateDer)}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = options.checkResume(stored, certificateDer).then((reason) => {
        if (!reason) return null;
        auditQuietly("resume-refused", {
          fileName: doc.fileName,
          documentId: stored.id,
          archivedSignerCertSha256: sha256Hex(stored.signerCertDer),
          code: reason.code,
        });
        return { id: stored.id, reason };
      });
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const state: BatchState = { counts, deliver, emit, auditQuietly, judge };

  // 1. What the archive already holds is answered at once, without a login, when the certificate
  // the batch will sign with is known by then.
  let expected: Uint8Array | undefined;
  try {
    expected = await options.expectedCertificate?.();
  } catch (err) {
    options.warn?.("expected-certificate-failed", err);
  }
  // What is left to sign, in order; `found` tells step 2 when more came and when step 1 ended.
  const pending: Pending[] = [];
  const found = new Arrivals();
  const firstCopy = new Map<string, number>();
  const collect = async (): Promise<void> => {
    try {
      for (const doc of options.documents) {
        let sha256: string;
        try {
          sha256 = sha256Hex(await doc.read());
        } catch (err) {
          // Unreadable, or refused by its check (not a học bạ, out of order): audited like a
          // failed signature.
          counts.failed++;
          auditQuietly("signing-failed", { fileName: doc.fileName, stage: "check", code: errorCode(err) });
          await emit({ type: "failed", index: doc.index, fileName: doc.fileName, error: err });
          continue;
        }
        const stored = archive.findSigned(sha256, role);
        if (stored && expected && !(await judge(doc, stored, expected))) {
          await deliver(doc, stored, true);
          continue;
        }
        // Not archived, or a copy not to be used (judged again after the login, with the signer's
        // own certificate; the verdict is kept): signed in step 2.
        const sameAs = firstCopy.get(sha256);
        if (sameAs === undefined) firstCopy.set(sha256, pending.length);
        pending.push({ doc, sha256, ...(sameAs !== undefined ? { sameAs } : {}) });
        found.arrived();
      }
    } finally {
      found.end();
    }
  };
  const outcome = (extra: { stoppedBy?: HocBaError; loggedIn: boolean }): BatchOutcome => ({
    ...counts,
    cancelled: signal?.aborted ?? false,
    ...extra,
  });
  const collecting = collect();
  // Its failure (a report that could not be delivered) is thrown below, once step 2 is over
  // (without signWhileChecking: here, before any login).
  collecting.catch(() => undefined);
  if (!options.signWhileChecking) await collecting;
  while (pending.length === 0 && !found.ended) await found.next();
  let result: BatchOutcome;
  try {
    result = pending.length === 0 ? outcome({ loggedIn: false }) : await signFound();
  } catch (err) {
    // A failed login: the documents being checked are reported before the batch fails.
    await collecting.catch(() => undefined);
    throw err;
  }
  await collecting;
  return result;

  // 2. One login, then the rest, in order.
  async function signFound(): Promise<BatchOutcome> {
    const exclusive = options.exclusive ?? (<T>(work: () => Promise<T>) => work());
    return exclusive(async () => {
      if (signal?.aborted) {
        while (!found.ended) await found.next();
        counts.skipped += pending.length;
        return outcome({ loggedIn: false });
      }
      let signer: BatchSigner;
      try {
        signer = await options.openSigner();
      } catch (err) {
        auditQuietly("signing-failed", { stage: "login", code: errorCode(err) });
        throw err;
      }
      try {
        archive.appendAudit("batch-started", batchId, {
          role,
          documents: options.documents.length,
          // Known only once every document is checked: with signWhileChecking, not yet.
          ...(found.ended ? { toSign: pending.length } : {}),
          signerSubject: signer.signer.subject,
          signerCertSha256: signer.signer.certSha256,
          ...options.audit,
        });
        const stoppedBy = await signPending(options, signer, pending, found, state);
        archive.appendAudit(signal?.aborted ? "batch-cancelled" : "batch-finished", batchId, {
          ...counts,
          ...(stoppedBy ? { stoppedBy: stoppedBy.code } : {}),
        });
        await archive.durable().catch((err: unknown) => options.warn?.("archive-sync-failed", err));
        return outcome({ loggedIn: true, ...(stoppedBy ? { stoppedBy } : {}) });
      } finally {
        await signer.close().catch((err: unknown) => options.warn?.("logout-failed", err));
      }
    });
  }
}

/**
 * Signs the documents not found in the archive, `window` at a time, and hands them back in order.
 * Each is looked up again just before it is signed (another run may have signed it meanwhile, or
 * it is the second copy of a document in this batch), and archived before it is delivered.
 * `pending` may still grow (signWhileChecking): `found` says when, and when it is complete.
 */
async function signPending(
  options: SignArchivedBatchOptions,
  signer: BatchSigner,
  pending: Pending[],
  found: Arrivals,
  state: BatchState,
): Promise<HocBaError | undefined> {
  const { archive, batchId, role } = options;
  const { counts, deliver, emit, auditQuietly, judge } = state;
  // Archived by this batch, with this signer: a later copy of the same bytes takes it unexamined.
  const archivedHere = new Set<number>();
  const signal = options.signal ?? new AbortController().signal;
  const window = Math.max(1, options.window ?? 4);
  // At most half the window, so that the documents behind the group keep the token busy.
  const gather = Math.max(1, Math.min(options.gather ?? 1, Math.floor(window / 2)));
  const total = options.documents.length;
  const tasks: Array<Promise<Outcome> | undefined> = [];
  // Resolved once document k is archived and delivered: a later copy of the same bytes waits for it.
  const handled: Array<{ promise: Promise<void>; resolve: () => void }> = [];
  const handledAt = (k: number) => {
    let h = handled[k];
    if (!h) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      handled[k] = h = { promise, resolve };
    }
    return h;
  };
  let started = 0;
  // The first document not handed back yet: the window counts from it.
  let head = 0;
  let stoppedBy: HocBaError | undefined;
  // A document that passes its check while the window has room goes to the token at once.
  found.onArrive = () => startTasks(head);

  const run = async (k: number): Promise<Outcome> => {
    const p = pending[k];
    if (!p) return { kind: "error", error: new Error(`no pending document ${k}`), inputSha256: "" };
    if (p.sameAs !== undefined) await handledAt(p.sameAs).promise;
    let inputSha256 = p.sha256;
    try {
      const bytes = await p.doc.read();
      inputSha256 = sha256Hex(bytes);
      const stored = archive.findSigned(inputSha256, role);
      let renewed: Refusal | null = null;
      if (stored) {
        renewed = archivedHere.has(stored.id) ? null : await judge(p.doc, stored, signer.certificateDer);
        if (!renewed) return { kind: "archived", stored };
      }
      if (signal.aborted) throw new HocBaError("SIGN_CANCELLED");
      const output = await signer.sign(bytes, role, { fileName: p.doc.fileName, signal });
      return { kind: "signed", inputSha256, output, ...(renewed ? { renewed } : {}) };
    } catch (error) {
      return { kind: "error", error, inputSha256 };
    }
  };

  // Outcomes already known, by position: the next document and those after it that the token has
  // already signed are archived as one group, in one durable commit, then handed back in order.
  const settled: Array<Outcome | undefined> = [];
  try {
    for (let k = 0; ;) {
      if (k >= pending.length) {
        if (found.ended) break;
        await found.next();
        continue;
      }
      head = k;
      startTasks(k);
      const p = pending[k];
      if (!p) break;
      const task = tasks[k];
      if (!task) {
        try {
          await notAttempted(p);
        } finally {
          handledAt(k).resolve();
        }
        k++;
        continue;
      }
      const group = [k];
      try {
        await progress(p);
        await task;
        takeSettled(group);
        // Waiting for the next ones, while the last one was signed and the next is under way
        // without waiting on this group (a second copy of the same bytes waits for the first).
        for (;;) {
          const j = k + group.length;
          const next = tasks[j];
          const sameAs = pending[j]?.sameAs;
          const last = settled[j - 1];
          if (group.length >= gather || !next || last?.kind !== "signed") break;
          if (signal.aborted || (sameAs !== undefined && sameAs >= k)) break;
          await next;
          takeSettled(group);
          startTasks(k);
        }
      } catch (err) {
        handledAt(k).resolve();
        throw err;
      }
      const archived = await archiveGroup(group);
      for (const j of group) {
        const pj = pending[j];
        const result = settled[j];
        try {
          if (!pj || !result) throw new Error(`no outcome for pending document ${j}`);
          if (j !== k) await progress(pj);
          await conclude(pj, result, archived.get(j));
          tasks[j] = undefined;
        } finally {
          handledAt(j).resolve();
        }
      }
      k += group.length;
    }
  } finally {
    // Leaving early (a delivery threw): wait for what is at the token before the session closes,
    // and keep what was signed, so that a rerun takes it from the archive.
    found.onArrive = undefined;
    for (const h of handled) h?.resolve();
    for (const [j, task] of tasks.entries()) {
      const result = task ? await task : undefined;
      const p = pending[j];
      if (result?.kind !== "signed" || !p) continue;
      try {
        archiveSigned(
          archive,
          archiveInput(p.doc.fileName, result.inputSha256, result.output, result.renewed),
        );
      } catch (err) {
        options.warn?.("archive-failed", err);
      }
    }
  }
  return stoppedBy;

  /** Adds to `group` the documents after it that are settled already, up to the window. */
  function takeSettled(group: number[]): void {
    const k = group[0] ?? 0;
    while (group.length < window && settled[k + group.length] !== undefined) {
      group.push(k + group.length);
    }
  }

  /** Starts the documents that fit in the window, from `k`, the first not handed back yet. */
  function startTasks(k: number): void {
    while (started < pending.length && started - k < window && !signal.aborted && !stoppedBy) {
      const at = started;
      tasks[at] = run(at).then((outcome) => (settled[at] = outcome));
      started++;
    }
  }

  async function notAttempted(p: Pending): Promise<void> {
    counts.skipped++;
    const error = stoppedBy
      ? new HocBaError("SIGN_BATCH_STOPPED", { reason: stoppedBy.message })
      : new HocBaError("SIGN_CANCELLED");
    await emit({ type: "not-attempted", index: p.doc.index, fileName: p.doc.fileName, error });
  }

  async function progress(p: Pending): Promise<void> {
    await emit({
      type: "progress",
      done: counts.signed + counts.resumed + counts.failed,
      total,
      fileName: p.doc.fileName,
    });
  }

  /**
   * Stores the group's new signatures together, durably (one fsync: the commit's, or the archive's
   * deferred one, awaited off the main thread, or by the caller before it reports them: see
   * callerSyncsArchive); each one's stored entry, or why it was not stored.
   */
  async function archiveGroup(group: readonly number[]): Promise<Map<number, Archived>> {
    const archived = new Map<number, Archived>();
    const signedNow = group.flatMap((j) => {
      const result = settled[j];
      const p = pending[j];
      return result?.kind === "signed" && p
        ? [{ j, input: archiveInput(p.doc.fileName, result.inputSha256, result.output, result.renewed) }]
        : [];
    });
    if (signedNow.length === 0) return archived;
    let stored: ReturnType<typeof archiveSignedGroup>;
    try {
      stored = archiveSignedGroup(
        archive,
        signedNow.map((s) => s.input),
      );
    } catch (error) {
      for (const { j } of signedNow) archived.set(j, { error });
      return archived;
    }
    try {
      if (!options.callerSyncsArchive) await archive.durable();
    } catch (error) {
      for (const { j } of signedNow) archived.set(j, { error });
      return archived;
    }
    signedNow.forEach(({ j }, i) => {
      const entry = stored[i];
      archived.set(j, !entry || entry instanceof HocBaError ? { error: entry } : { entry });
    });
    return archived;
  }

  /** Hands one document back (or reports it failed), its signature archived already if it has one. */
  async function conclude(p: Pending, result: Outcome, archived: Archived | undefined): Promise<void> {
    if (result.kind === "archived") return deliver(p.doc, result.stored, true);
    let error: unknown;
    if (result.kind === "signed") {
      // Archived by someone else with this certificate between the look-up and now: theirs counts.
      if (archived && "entry" in archived) {
        const { document, alreadyArchived } = archived.entry;
        if (!alreadyArchived) archivedHere.add(document.id);
        return deliver(p.doc, document, alreadyArchived, result.renewed?.reason);
      }
      error = archived?.error ?? new Error("not archived");
    } else {
      error = result.error;
    }
    if (isHocBaError(error) && error.code === "SIGN_CANCELLED" && signal.aborted) return notAttempted(p);
    counts.failed++;
    auditQuietly("signing-failed", {
      fileName: p.doc.fileName,
      inputSha256: result.inputSha256,
      code: errorCode(error),
    });
    await emit({ type: "failed", index: p.doc.index, fileName: p.doc.fileName, error });
    if (!stoppedBy && isTokenLevel(error)) stoppedBy = error;
  }

  function archiveInput(
    fileName: string,
    inputSha256: string,
    output: SignedOutput,
    renewed: Refusal | undefined,
  ): ArchiveSignedInput {
    return {
      ...(renewed ? { replaces: renewed.id } : {}),
      batchId,
      fileName,
      role,
      input: { sha256: inputSha256 },
      signed: output.bytes,
      signerCertDer: signer.certificateDer,
      signerSubject: signer.signer.subject,
      signingTime: output.signingTime,
      ...(output.ids ? { ids: output.ids } : {}),
    };
  }
}
