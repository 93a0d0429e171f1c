import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { signBatch, type BatchInput } from "../../support/sign-batch.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

/*
 * A class signed in one batch through the production pipeline (signArchivedBatch with the token
 * signer, as `hocba sign` and the helper run it): one login, several documents in flight, each
 * archived before it is handed back.
 */

let tok: TestToken;
let session: TokenSession;
let gvcn: TokenSigner;

beforeAll(() => {
  tok = useTestToken();
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  gvcn = session.selectSigner({ cert: "gvcn" });
});
afterAll(() => session.close());

describe("signing a class in one batch", () => {
  it("signs every good document, fails the bad ones alone, in input order, with progress", async () => {
    const docs: BatchInput[] = sampleDocuments(12);
    const broken = docs[4];
    const twice = docs[8];
    if (!broken?.bytes || !twice?.bytes) throw new Error("fixture");
    broken.bytes = Buffer.from(
      Buffer.from(broken.bytes)
        .toString("utf8")
        .replace(/<NamHoc>[^<]*</, "<NamHoc>2025<"),
    );
    twice.bytes = await signHocBa(gvcn, twice.bytes, "GVCN");
    const { results, events, outcome, archive } = await signBatch(gvcn, docs, "GVCN");

    expect(outcome).toMatchObject({ signed: 10, resumed: 0, failed: 2, skipped: 0, loggedIn: true });
    // One result per document; the bad ones are refused before the login, the rest come in order.
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(docs.map((_, i) => i));
    expect(results.every((r) => r.name === docs[r.index]?.name)).toBe(true);
    expect(results.filter((r) => !r.ok).map((r) => [r.index, !r.ok && r.error.code])).toEqual([
      [4, "SIGN_INVALID_DOCUMENT"],
      [8, "SIGN_ROLE_ALREADY_SIGNED"],
    ]);
    const signed = results.filter((r) => r.ok);
    expect(signed.map((r) => r.index)).toEqual([0, 1, 2, 3, 5, 6, 7, 9, 10, 11]);
    // Progress before each document that goes to the token, counting what is done so far.
    const progress = events.flatMap((e) => (e.type === "progress" ? [e] : []));
    expect(progress.map((p) => p.fileName)).toEqual(signed.map((r) => r.name));
    expect(progress.every((p) => p.total === 12)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual(signed.map((_, i) => i + 2));
    expect(archive.count()).toBe(10);
    archive.close();

    const anchors = TrustAnchors.load({ trustRootFiles: [tok.rootPem], trustStoreDir: null });
    for (const r of results) {
      if (!r.ok) continue;
      const report = await verifyHocBa(r.bytes, { anchors, readView: false });
      expect(report.ok, `${r.name}: ${JSON.stringify(report.signatures[0]?.issues)}`).toBe(true);
    }
    const first = results.find((r) => r.ok);
    if (!first?.ok) throw new Error("first document not signed");
    const x = xmlsec1Verify(first.bytes, "sig-GVCN", {
      root: tok.rootPem,
      intermediate: tok.intermediatePem,
    });
    expect(x.ok, x.output).toBe(true);
  });

  it("stops starting new documents when cancelled; those are reported as not attempted", async () => {
    const docs = sampleDocuments(10);
    const controller = new AbortController();
    const window = 2;
    const { results, outcome } = await signBatch(gvcn, docs, "GVCN", {
      signal: controller.signal,
      window,
      onEvent: (_event, sofar) => {
        if (sofar.length === 3) controller.abort();
      },
    });
    expect(results).toHaveLength(10);
    expect(outcome.cancelled).toBe(true);
    const signed = results.filter((r) => r.ok).length;
    expect(signed).toBeGreaterThanOrEqual(3);
    // Documents already in flight when the signal came still finish: at most `window` of them.
    expect(signed).toBeLessThanOrEqual(3 + window);
    const cancelled = results.filter((r) => !r.ok);
    expect(cancelled.every((r) => !r.ok && r.notAttempted && r.error.code === "SIGN_CANCELLED")).toBe(true);
  });

  it("reads each document only when needed, as the CLI reads files one by one", async () => {
    const docs = sampleDocuments(3);
    const reads: string[] = [];
    const lazy: BatchInput[] = docs.map((d) => ({
      name: d.name,
      read: async () => {
        reads.push(d.name);
        await new Promise((r) => setTimeout(r, 1));
        return d.bytes;
      },
    }));
    const { results } = await signBatch(gvcn, lazy, "GVCN");
    expect(results.every((r) => r.ok)).toBe(true);
    // Once for the archive look-up and the checks before the login, once to sign.
    expect(reads).toEqual([...docs.map((d) => d.name), ...docs.map((d) => d.name)]);
  });
});
