import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../../shared/protocol/common.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive, type StoredDocument } from "../../../native-host/archive/hocba-archive.ts";
import {
  signArchivedBatch,
  type BatchEvent,
  type BatchSigner,
  type SignArchivedBatchOptions,
} from "../../../native-host/archive/sign-archived-batch.ts";
import { archiveEngines, sqliteEngine, type ArchiveEngineUnderTest } from "./archive-engines.ts";
import { hocBaXml, makeCertificateDer } from "./archive-fixtures.ts";
import { scratchDir } from "../host/scratch-dir.ts";

/*
 * The batch path shared by the helper and `hocba sign`, with a scripted signer: what reaches the
 * "token", in which order, how many at once, and what the archive and the events say afterwards.
 * The real token path (SoftHSM, xmlsec1) is covered by tests/unit/host and tests/unit/sign.
 */

let cert: Buffer;
beforeAll(() => {
  cert = makeCertificateDer("Lê Thị Hoa");
});

/** The engine under test (both, see the describe.each below). */
let engine: ArchiveEngineUnderTest = sqliteEngine;
let archive: HocBaArchive;
beforeEach(() => {
  archive = HocBaArchive.open(engine.fresh(scratchDir("hocba-batch")));
  return () => archive.close();
});

interface Script {
  /** Fails the document with this learner code. */
  fail?: Record<string, HocBaError>;
  /** Milliseconds each signature takes. */
  delayMs?: number;
  /** The signer's certificate (default: the file's one). */
  certificate?: Buffer;
  /** Where to note each document as it reaches the "token" ("sign HV0001"), beside other steps. */
  log?: string[];
}

/** A signer that "signs" by appending a tag, records every call, and tracks calls in flight. */
function scriptedSigner(script: Script = {}) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closedWhileSigning = false;
  let closed = false;
  const signer: BatchSigner = {
    certificateDer: script.certificate ?? cert,
    signer: {
      commonName: "Lê Thị Hoa",
      subject: "CN=Lê Thị Hoa, C=VN",
      issuer: "CN=Lê Thị Hoa, C=VN",
      serialNumber: "01",
      certSha256: "ab".repeat(32),
    },
    async sign(bytes: Uint8Array, role: SigningRole, { signal }) {
      const text = Buffer.from(bytes).toString("utf8");
      const maHocVien = /<MaHocVien>([^<]+)</.exec(text)?.[1] ?? "?";
      calls.push(maHocVien);
      script.log?.push(`sign ${maHocVien}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, script.delayMs ?? 2));
        const failure = script.fail?.[maHocVien];
        if (failure) throw failure;
        if (signal.aborted) throw new HocBaError("SIGN_CANCELLED");
        return {
          bytes: Buffer.from(text.replace("<DSCKS></DSCKS>", `<DSCKS><${role}>ký</${role}></DSCKS>`)),
          signingTime: "2026-05-20T09:00:00+07:00",
          ids: { maHocVien, namHoc: "2025-2026" },
        };
      } finally {
        inFlight--;
      }
    },
    close() {
      if (inFlight > 0) closedWhileSigning = true;
      closed = true;
      return Promise.resolve();
    },
  };
  return {
    signer,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    get closedWhileSigning() {
      return closedWhileSigning;
    },
    get closed() {
      return closed;
    },
  };
}

const learners = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `HV${String(i + 1).padStart(4, "0")}`);

function docs(ids: string[]) {
  return ids.map((id, index) => ({ index, fileName: `${id}_2025-2026.xml`, read: () => hocBaXml(id) }));
}

/**
 * The resume rule's certificate half, without XML (the scripted documents carry no signature):
 * an archived copy answers only for the certificate that signed it. The whole rule, verification
 * included, is tested with real signatures in tests/unit/sign/cli-sign-archive.test.ts.
 */
function sameCertificate(stored: StoredDocument, der: Uint8Array): Promise<HocBaError | null> {
  if (Buffer.compare(stored.signerCertDer, der) === 0) return Promise.resolve(null);
  return Promise.resolve(new HocBaError("SIGN_RESUME_OTHER_CERTIFICATE", { archived: "A", chosen: "B" }));
}

async function run(
  options: Partial<SignArchivedBatchOptions> & Pick<SignArchivedBatchOptions, "documents" | "openSigner">,
) {
  const events: BatchEvent[] = [];
  let logins = 0;
  const outcome = await signArchivedBatch({
    archive,
    batchId: options.batchId ?? "b1",
    role: "GVCN",
    // The certificate is known before the login, as the CLI and the helper read it from the token.
    expectedCertificate: () => Promise.resolve(cert),
    checkResume: sameCertificate,
    ...options,
    openSigner: () => {
      logins++;
      return options.openSigner();
    },
    onEvent: async (event) => {
      events.push(event);
      await options.onEvent?.(event);
    },
  });
  return { outcome, events, logins };
}

const kinds = (events: BatchEvent[]) => events.map((e) => e.type);

describe.each(archiveEngines())("on %s", (_name, under) => {
  beforeAll(() => {
    engine = under;
    engine.start();
  });
  afterAll(() => {
    engine.stop();
    engine = sqliteEngine;
  });

  describe("signArchivedBatch", () => {
    it("signs in order with several documents in flight, archives each before handing it back", async () => {
      const s = scriptedSigner();
      const ids = learners(10);
      const seenArchived: number[] = [];
      const { outcome, events, logins } = await run({
        documents: docs(ids),
        openSigner: () => Promise.resolve(s.signer),
        window: 3,
        onEvent: (e) => {
          if (e.type === "signed") seenArchived.push(archive.count());
        },
      });
      expect(logins).toBe(1);
      expect(outcome).toMatchObject({ signed: 10, resumed: 0, failed: 0, skipped: 0, cancelled: false });
      expect(kinds(events)).toEqual(Array<string[]>(10).fill(["progress", "signed"]).flat());
      expect(events.filter((e) => e.type === "signed").map((e) => e.index)).toEqual(ids.map((_, i) => i));
      // Archived before each delivery: the archive held document n when n was handed back.
      expect(seenArchived).toEqual(ids.map((_, i) => i + 1));
      expect(s.calls).toEqual(ids);
      expect(s.maxInFlight).toBe(3);
      expect(s.closed).toBe(true);
      expect(s.closedWhileSigning).toBe(false);
      expect([...archive.auditLog()].map((e) => e.event)).toEqual([
        "batch-started",
        ...Array<string>(10).fill("document-signed"),
        "batch-finished",
      ]);
      expect(checkArchive(archive)).toEqual([]);
    });

    it("answers a rerun from the archive without a login, and signs a document sent twice only once", async () => {
      const s = scriptedSigner();
      const ids = learners(4);
      await run({ documents: docs(ids.slice(0, 2)), openSigner: () => Promise.resolve(s.signer) });

      const again = await run({
        batchId: "b2",
        documents: docs(ids.slice(0, 2)),
        openSigner: () => Promise.reject(new Error("no login expected")),
      });
      expect(again.logins).toBe(0);
      expect(again.outcome).toMatchObject({ signed: 0, resumed: 2, loggedIn: false });
      expect(again.events.map((e) => e.type === "signed" && e.resumed)).toEqual([true, true]);

      const withCopy = docs([ids[2] ?? "", ids[0] ?? "", ids[2] ?? "", ids[3] ?? ""]);
      const third = await run({
        batchId: "b3",
        documents: withCopy,
        openSigner: () => Promise.resolve(s.signer),
      });
      expect(third.outcome).toMatchObject({ signed: 2, resumed: 2, failed: 0 });
      // The archived one first, then in order; the second copy waited for the first and was not signed.
      expect(
        third.events
          .filter((e) => e.type === "signed")
          .map((e) => [e.index, e.type === "signed" && e.resumed]),
      ).toEqual([
        [1, true],
        [0, false],
        [2, true],
        [3, false],
      ]);
      expect(s.calls).toEqual([ids[0], ids[1], ids[2], ids[3]]);
      expect(archive.count()).toBe(4);
    });

    it("fails one document alone, stops at a token-level error and reports the rest as not attempted", async () => {
      const s = scriptedSigner({
        fail: {
          HV0002: new HocBaError("SIGN_INVALID_DOCUMENT", { detail: "x" }),
          HV0004: new HocBaError("TOKEN_REMOVED", { label: "T", operation: "ký" }),
        },
      });
      const { outcome, events } = await run({
        documents: docs(learners(8)),
        openSigner: () => Promise.resolve(s.signer),
        window: 1,
      });
      expect(outcome).toMatchObject({ signed: 2, failed: 2, skipped: 4 });
      expect(outcome.stoppedBy?.code).toBe("TOKEN_REMOVED");
      const last = events.filter((e) => e.type === "not-attempted");
      expect(last.map((e) => [e.index, e.type === "not-attempted" && e.error.code])).toEqual([
        [4, "SIGN_BATCH_STOPPED"],
        [5, "SIGN_BATCH_STOPPED"],
        [6, "SIGN_BATCH_STOPPED"],
        [7, "SIGN_BATCH_STOPPED"],
      ]);
      expect(s.calls).toEqual(["HV0001", "HV0002", "HV0003", "HV0004"]);
      const log = [...archive.auditLog()];
      expect(log.map((e) => e.event)).toEqual([
        "batch-started",
        "document-signed",
        "signing-failed",
        "document-signed",
        "signing-failed",
        "batch-finished",
      ]);
      expect(log.at(-1)?.details).toContain('"stoppedBy":"TOKEN_REMOVED"');
    });

    it("stops before the next document when cancelled; what is signed stays archived", async () => {
      const s = scriptedSigner({ delayMs: 5 });
      const controller = new AbortController();
      const { outcome, events } = await run({
        documents: docs(learners(20)),
        openSigner: () => Promise.resolve(s.signer),
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "signed" && e.index === 1) controller.abort();
        },
      });
      expect(outcome.cancelled).toBe(true);
      expect(outcome.failed).toBe(0);
      expect(outcome.signed + outcome.skipped).toBe(20);
      expect(outcome.signed).toBeGreaterThanOrEqual(2);
      expect(outcome.signed).toBeLessThanOrEqual(2 + 4);
      expect(archive.count()).toBe(outcome.signed);
      expect(events.filter((e) => e.type === "not-attempted")).toHaveLength(outcome.skipped);
      expect([...archive.auditLog()].at(-1)?.event).toBe("batch-cancelled");
      expect(s.closedWhileSigning).toBe(false);
    });

    it("turns a delivery that throws into a failure of that document, which stays archived", async () => {
      const s = scriptedSigner();
      const { outcome, events } = await run({
        documents: docs(learners(3)),
        openSigner: () => Promise.resolve(s.signer),
        onEvent: (e) => {
          if (e.type === "signed" && e.index === 1) {
            throw new HocBaError("HOST_REPLY_TOO_LARGE", { item: "x", size: 2, max: 1 });
          }
        },
      });
      expect(outcome).toMatchObject({ signed: 2, failed: 1 });
      expect(events.filter((e) => e.type === "failed").map((e) => e.index)).toEqual([1]);
      expect(archive.count()).toBe(3);
    });

    it("audits a failed login and signs nothing", async () => {
      await expect(
        run({
          documents: docs(learners(2)),
          openSigner: () => Promise.reject(new HocBaError("TOKEN_PIN_INCORRECT", { label: "T" })),
        }),
      ).rejects.toMatchObject({ code: "TOKEN_PIN_INCORRECT" });
      const log = [...archive.auditLog()];
      expect(log.map((e) => e.event)).toEqual(["signing-failed"]);
      expect(log[0]?.details).toContain('"stage":"login"');
      expect(archive.count()).toBe(0);
    });

    it("when a delivery breaks the batch, waits for the token before logging out and keeps what was signed", async () => {
      const s = scriptedSigner({ delayMs: 5 });
      await expect(
        run({
          documents: docs(learners(10)),
          openSigner: () => Promise.resolve(s.signer),
          onEvent: (e) => {
            if (e.type === "progress" && e.done === 3) throw new Error("pipe broke");
          },
        }),
      ).rejects.toThrow("pipe broke");
      expect(s.closed).toBe(true);
      expect(s.closedWhileSigning).toBe(false);
      // Everything that reached the signer is in the archive: a rerun will not sign it again.
      expect(archive.count()).toBe(s.calls.length);
      expect(checkArchive(archive)).toEqual([]);
    });
  });

  describe("an archived copy answers only for the signer now chosen", () => {
    const signedEvents = (events: BatchEvent[]) => events.flatMap((e) => (e.type === "signed" ? [e] : []));

    it("a copy archived with another certificate is signed anew and says why; a rerun with that certificate takes the new copy", async () => {
      const a = scriptedSigner();
      const ids = learners(2);
      await run({ documents: docs(ids), openSigner: () => Promise.resolve(a.signer) });

      const other = makeCertificateDer("Trần Thị B");
      const b = scriptedSigner({ certificate: other });
      const second = await run({
        batchId: "b2",
        documents: docs(ids),
        expectedCertificate: () => Promise.resolve(other),
        openSigner: () => Promise.resolve(b.signer),
      });
      expect(second.logins).toBe(1);
      expect(second.outcome).toMatchObject({ signed: 2, resumed: 0, failed: 0, loggedIn: true });
      expect(b.calls).toEqual(ids);
      const renewed = signedEvents(second.events);
      expect(renewed.map((e) => [e.resumed, e.renewed?.code])).toEqual([
        [false, "SIGN_RESUME_OTHER_CERTIFICATE"],
        [false, "SIGN_RESUME_OTHER_CERTIFICATE"],
      ]);
      expect(
        renewed.every((e) => e.document.signerCertDer.equals(other) && e.document.batchId === "b2"),
      ).toBe(true);
      // Both copies stay (the archive is append-only); the latest is the one that counts.
      expect(archive.count()).toBe(4);
      const audit = [...archive.auditLog()].filter((e) => e.batchId === "b2").map((e) => e.event);
      expect(audit).toEqual([
        "resume-refused",
        "resume-refused",
        "batch-started",
        "document-signed",
        "document-signed",
        "batch-finished",
      ]);
      expect(checkArchive(archive)).toEqual([]);

      const third = await run({
        batchId: "b3",
        documents: docs(ids),
        expectedCertificate: () => Promise.resolve(other),
        openSigner: () => Promise.reject(new Error("no login expected")),
      });
      expect(third.outcome).toMatchObject({ signed: 0, resumed: 2, loggedIn: false });
      expect(signedEvents(third.events).map((e) => e.document.batchId)).toEqual(["b2", "b2"]);
    });

    it("when the certificate cannot be told before the login, archived copies are judged after it", async () => {
      const a = scriptedSigner();
      const ids = learners(2);
      await run({ documents: docs(ids), openSigner: () => Promise.resolve(a.signer) });
      const warnings: string[] = [];
      const again = await run({
        batchId: "b2",
        documents: docs(ids),
        expectedCertificate: () => Promise.reject(new Error("token not plugged in")),
        openSigner: () => Promise.resolve(a.signer),
        warn: (event) => warnings.push(event),
      });
      expect(warnings).toEqual(["expected-certificate-failed"]);
      expect(again.logins).toBe(1);
      // Same certificate: nothing signed twice.
      expect(again.outcome).toMatchObject({ signed: 0, resumed: 2, loggedIn: true });
      expect(a.calls).toEqual(ids);

      const b = scriptedSigner({ certificate: makeCertificateDer("Trần Thị B") });
      const other = await run({
        batchId: "b3",
        documents: docs(ids),
        expectedCertificate: () => Promise.resolve(undefined),
        openSigner: () => Promise.resolve(b.signer),
      });
      expect(other.outcome).toMatchObject({ signed: 2, resumed: 0 });
      expect(signedEvents(other.events).map((e) => e.renewed?.code)).toEqual([
        "SIGN_RESUME_OTHER_CERTIFICATE",
        "SIGN_RESUME_OTHER_CERTIFICATE",
      ]);
    });

    it("a copy that no longer verifies is signed anew with the same certificate; a copy sent twice is signed once", async () => {
      const a = scriptedSigner();
      const ids = learners(2);
      await run({ documents: docs(ids), openSigner: () => Promise.resolve(a.signer) });
      const judged: number[] = [];
      const again = await run({
        batchId: "b2",
        documents: docs([ids[0] ?? "", ids[1] ?? "", ids[0] ?? ""]),
        checkResume: (stored) => {
          judged.push(stored.id);
          return Promise.resolve(new HocBaError("SIGN_RESUME_NOT_VALID", { detail: "gốc tin cậy đã đổi" }));
        },
        openSigner: () => Promise.resolve(a.signer),
      });
      expect(again.outcome).toMatchObject({ signed: 2, resumed: 1, failed: 0 });
      expect(signedEvents(again.events).map((e) => [e.index, e.resumed, e.renewed?.code])).toEqual([
        [0, false, "SIGN_RESUME_NOT_VALID"],
        [1, false, "SIGN_RESUME_NOT_VALID"],
        // The second copy takes what this batch just signed, without being judged again.
        [2, true, undefined],
      ]);
      expect(a.calls).toEqual([...ids, ...ids]);
      // Each archived copy judged once, though looked up before and after the login.
      expect(judged).toEqual([1, 2]);
      expect(archive.count()).toBe(4);
      expect(checkArchive(archive)).toEqual([]);
    });
  });

  describe("signWhileChecking: the token signs while the later documents are checked", () => {
    /**
     * Documents whose first read is their check, as the helper's: it takes `checkMs`, is logged
     * ("check HV0003"), and throws for the learners in `refuse`. Later reads only read.
     */
    function checkedDocs(ids: string[], log: string[], refuse: Record<string, HocBaError> = {}, checkMs = 4) {
      return ids.map((id, index) => {
        let checked = false;
        return {
          index,
          fileName: `${id}_2025-2026.xml`,
          read: async () => {
            if (!checked) {
              await new Promise((r) => setTimeout(r, checkMs));
              log.push(`check ${id}`);
              const refused = refuse[id];
              if (refused) throw refused;
              checked = true;
            }
            return hocBaXml(id);
          },
        };
      });
    }

    /** Each document's one final event (signed, failed or not attempted), by index. */
    const finals = (events: BatchEvent[]) =>
      events
        .flatMap((e) => (e.type === "progress" ? [] : [[e.index, e.type] as const]))
        .sort((a, b) => a[0] - b[0]);

    it("the first signature comes after the first check, not after all of them; everything is signed in order", async () => {
      const ids = learners(8);
      const log: string[] = [];
      const s = scriptedSigner({ log });
      const { outcome, events, logins } = await run({
        documents: checkedDocs(ids, log),
        openSigner: () => Promise.resolve(s.signer),
        signWhileChecking: true,
      });
      expect(logins).toBe(1);
      expect(outcome).toMatchObject({ signed: 8, resumed: 0, failed: 0, skipped: 0, loggedIn: true });
      // The token had the first document before the last one was checked (the checks take 4 ms
      // each, a signature 2 ms); without signWhileChecking every check comes first.
      expect(log.indexOf("sign HV0001")).toBeGreaterThan(log.indexOf("check HV0001"));
      expect(log.indexOf("sign HV0001")).toBeLessThan(log.indexOf("check HV0008"));
      // Each document is checked before it is signed, and signed in order, once.
      for (const id of ids) expect(log.indexOf(`check ${id}`)).toBeLessThan(log.indexOf(`sign ${id}`));
      expect(s.calls).toEqual(ids);
      expect(events.filter((e) => e.type === "signed").map((e) => e.index)).toEqual(ids.map((_, i) => i));
      expect(archive.count()).toBe(8);
      expect(checkArchive(archive)).toEqual([]);
      const audit = [...archive.auditLog()];
      expect(audit.map((e) => e.event)).toEqual([
        "batch-started",
        ...Array<string>(8).fill("document-signed"),
        "batch-finished",
      ]);
      // How many are left to sign is not known yet when the batch starts.
      expect(audit[0]?.details).not.toContain("toSign");
    });

    it("without it, every document is checked before the login (hocba sign asks for the PIN after that)", async () => {
      const ids = learners(4);
      const log: string[] = [];
      const s = scriptedSigner({ log });
      await run({
        documents: checkedDocs(ids, log),
        openSigner: () => {
          log.push("login");
          return Promise.resolve(s.signer);
        },
      });
      expect(log.slice(0, 5)).toEqual([...ids.map((id) => `check ${id}`), "login"]);
      expect([...archive.auditLog()][0]?.details).toContain('"toSign":4');
    });

    it("a batch where nothing may be signed never logs in", async () => {
      const ids = learners(3);
      const log: string[] = [];
      const refuse = Object.fromEntries(
        ids.map((id) => [id, new HocBaError("SIGN_INVALID_DOCUMENT", { detail: "x" })]),
      );
      const { outcome, events, logins } = await run({
        documents: checkedDocs(ids, log, refuse),
        openSigner: () => Promise.reject(new Error("no login expected")),
        signWhileChecking: true,
      });
      expect(logins).toBe(0);
      expect(outcome).toMatchObject({ signed: 0, failed: 3, loggedIn: false });
      expect(finals(events)).toEqual([
        [0, "failed"],
        [1, "failed"],
        [2, "failed"],
      ]);
    });

    it("archived copies, a second copy and refused documents among those signed: one event each, nothing signed twice", async () => {
      const ids = learners(5);
      const first = scriptedSigner();
      await run({ documents: docs([ids[1] ?? ""]), openSigner: () => Promise.resolve(first.signer) });
      const log: string[] = [];
      const s = scriptedSigner({ log });
      // HV0001, HV0002 (archived), HV0003, HV0001 again, HV0004 (refused), HV0005.
      const order = [ids[0], ids[1], ids[2], ids[0], ids[3], ids[4]].map((id) => id ?? "");
      const { outcome, events } = await run({
        batchId: "b2",
        documents: checkedDocs(order, log, {
          HV0004: new HocBaError("SIGN_OUT_OF_ORDER_MISSING", { role: "Giám đốc", missing: "GVCN" }),
        }),
        openSigner: () => Promise.resolve(s.signer),
        signWhileChecking: true,
      });
      expect(outcome).toMatchObject({ signed: 3, resumed: 2, failed: 1, skipped: 0 });
      expect(finals(events)).toEqual([
        [0, "signed"],
        [1, "signed"],
        [2, "signed"],
        [3, "signed"],
        [4, "failed"],
        [5, "signed"],
      ]);
      const signed = events.flatMap((e) => (e.type === "signed" ? [[e.index, e.resumed]] : []));
      expect(signed.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
        [0, false],
        [1, true],
        [2, false],
        [3, true],
        [5, false],
      ]);
      expect(s.calls).toEqual(["HV0001", "HV0003", "HV0005"]);
      expect(archive.count()).toBe(4);
      expect(checkArchive(archive)).toEqual([]);
    });

    it("a failed login reports the checks under way before the batch fails", async () => {
      const ids = learners(5);
      const log: string[] = [];
      const events: BatchEvent[] = [];
      await expect(
        run({
          documents: checkedDocs(
            ids,
            log,
            { HV0004: new HocBaError("SIGN_INVALID_DOCUMENT", { detail: "x" }) },
            10,
          ),
          openSigner: () => Promise.reject(new HocBaError("TOKEN_PIN_INCORRECT", { label: "T" })),
          signWhileChecking: true,
          onEvent: (e) => {
            events.push(e);
          },
        }),
      ).rejects.toMatchObject({ code: "TOKEN_PIN_INCORRECT" });
      // The login failed after the first check; the four checks after it still ran and were reported.
      expect(log).toEqual(ids.map((id) => `check ${id}`));
      expect(events.map((e) => [e.type, e.type === "progress" ? null : e.index])).toEqual([["failed", 3]]);
      const audit = [...archive.auditLog()].map((e) => [
        e.event,
        (JSON.parse(e.details) as { stage?: string }).stage,
      ]);
      expect(audit).toEqual(
        expect.arrayContaining([
          ["signing-failed", "login"],
          ["signing-failed", "check"],
        ]),
      );
      expect(audit).toHaveLength(2);
      expect(archive.count()).toBe(0);
    });

    it("a token-level error while documents are still checked: the rest are not attempted, the refused ones fail", async () => {
      const ids = learners(8);
      const log: string[] = [];
      const s = scriptedSigner({
        log,
        fail: { HV0002: new HocBaError("TOKEN_REMOVED", { label: "T", operation: "ký" }) },
      });
      const { outcome, events } = await run({
        documents: checkedDocs(
          ids,
          log,
          { HV0007: new HocBaError("SIGN_INVALID_DOCUMENT", { detail: "x" }) },
          6,
        ),
        openSigner: () => Promise.resolve(s.signer),
        signWhileChecking: true,
        window: 1,
      });
      expect(outcome.stoppedBy?.code).toBe("TOKEN_REMOVED");
      expect(outcome).toMatchObject({ signed: 1, failed: 2, skipped: 5 });
      expect(finals(events)).toEqual([
        [0, "signed"],
        [1, "failed"],
        [2, "not-attempted"],
        [3, "not-attempted"],
        [4, "not-attempted"],
        [5, "not-attempted"],
        [6, "failed"],
        [7, "not-attempted"],
      ]);
      expect(s.calls).toEqual(["HV0001", "HV0002"]);
      expect(s.closed).toBe(true);
      expect([...archive.auditLog()].at(-1)?.event).toBe("batch-finished");
    });

    it("a cancel while documents are still checked: what is signed stays archived, the rest are not attempted", async () => {
      const ids = learners(10);
      const log: string[] = [];
      const s = scriptedSigner({ log, delayMs: 5 });
      const controller = new AbortController();
      const { outcome, events } = await run({
        documents: checkedDocs(ids, log, {}, 6),
        openSigner: () => Promise.resolve(s.signer),
        signWhileChecking: true,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "signed" && e.index === 0) controller.abort();
        },
      });
      expect(outcome.cancelled).toBe(true);
      expect(outcome.failed).toBe(0);
      expect(outcome.signed + outcome.skipped).toBe(10);
      expect(outcome.signed).toBeGreaterThanOrEqual(1);
      expect(outcome.signed).toBeLessThan(10);
      expect(archive.count()).toBe(outcome.signed);
      expect(finals(events).map(([i]) => i)).toEqual(ids.map((_, i) => i));
      expect(s.closedWhileSigning).toBe(false);
      expect([...archive.auditLog()].at(-1)?.event).toBe("batch-cancelled");
    });
  });
});
