import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import {
  signHocBaBatch,
  type HocBaInput,
  type SignBatchProgress,
  type SignResult,
} from "../../../native-host/sign/sign-hocba-batch.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

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

async function collect(it: AsyncIterable<SignResult>): Promise<SignResult[]> {
  const out: SignResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe("signing a class in one batch", () => {
  it("signs every good document, fails the bad ones alone, in input order, with progress", async () => {
    const docs: HocBaInput[] = sampleDocuments(12);
    const broken = docs[4];
    const twice = docs[8];
    if (!broken || !twice) throw new Error("fixture");
    broken.bytes = Buffer.from(
      Buffer.from(broken.bytes)
        .toString("utf8")
        .replace(/<NamHoc>[^<]*</, "<NamHoc>2025<"),
    );
    twice.bytes = await signHocBa(gvcn, twice.bytes, "GVCN");
    const progress: SignBatchProgress[] = [];
    const results = await collect(
      signHocBaBatch(gvcn, docs, "GVCN", { onProgress: (p) => progress.push(p) }),
    );

    expect(results.map((r) => r.index)).toEqual(docs.map((_, i) => i));
    expect(results.map((r) => r.name)).toEqual(docs.map((d) => d.name));
    expect(results.filter((r) => !r.ok).map((r) => [r.index, !r.ok && r.error.code])).toEqual([
      [4, "SIGN_INVALID_DOCUMENT"],
      [8, "SIGN_ROLE_ALREADY_SIGNED"],
    ]);
    expect(progress.map((p) => p.done)).toEqual(docs.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === 12)).toBe(true);

    const anchors = TrustAnchors.load({ trustRootFiles: [tok.rootPem], trustStoreDir: null });
    for (const r of results) {
      if (!r.ok) continue;
      const report = await verifyHocBa(r.bytes, { anchors, readView: false });
      expect(report.ok, `${r.name}: ${JSON.stringify(report.signatures[0]?.issues)}`).toBe(true);
    }
    const first = results[0];
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
    const results: SignResult[] = [];
    const window = 2;
    for await (const r of signHocBaBatch(gvcn, docs, "GVCN", { signal: controller.signal, window })) {
      results.push(r);
      if (results.length === 3) controller.abort();
    }
    expect(results).toHaveLength(10);
    const signed = results.filter((r) => r.ok).length;
    expect(signed).toBeGreaterThanOrEqual(3);
    // Documents already in flight when the signal came still finish: at most `window` of them.
    expect(signed).toBeLessThanOrEqual(3 + window);
    const cancelled = results.filter((r) => !r.ok);
    expect(cancelled.every((r) => !r.ok && r.notAttempted && r.error.code === "SIGN_CANCELLED")).toBe(true);
  });

  it("accepts an async iterable, as the CLI reads files one by one", async () => {
    const docs = sampleDocuments(3);
    async function* lazily() {
      for (const d of docs) {
        await new Promise((r) => setTimeout(r, 1));
        yield d;
      }
    }
    const results = await collect(signHocBaBatch(gvcn, lazily(), "GVCN"));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
