import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { requestTimestamp } from "../../../native-host/trust/request-timestamp.ts";
import { checkTimestampToken } from "../../../native-host/trust/check-timestamp-token.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { startLoopbackTsa, type LoopbackTsa } from "../../support/loopback-tsa.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

let tok: TestToken;
let session: TokenSession;
let tsa: LoopbackTsa;
const signers = {} as Record<"gvcn" | "thu-truong" | "don-vi", TokenSigner>;
let afterGvcn: Buffer;
let afterDonVi: Buffer;
let plainDonVi: Buffer;

const stamp = (data: Buffer) =>
  requestTimestamp({ url: tsa.url, timeoutMs: 10_000 }, data).then((t) => t.token);

/** A port on 127.0.0.1 nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isHocBaError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

beforeAll(async () => {
  tok = useTestToken();
  tsa = await startLoopbackTsa({ intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir });
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  for (const cert of ["gvcn", "thu-truong", "don-vi"] as const) {
    signers[cert] = session.selectSigner({ cert });
  }
  const unsigned = sampleDocument().bytes;
  afterGvcn = await signHocBa(signers.gvcn, unsigned, "GVCN", { timestamp: stamp });
  const afterThuTruong = await signHocBa(signers["thu-truong"], afterGvcn, "ThuTruong", { timestamp: stamp });
  afterDonVi = await signHocBa(signers["don-vi"], afterThuTruong, "DonVi", { timestamp: stamp });
  plainDonVi = await signHocBa(
    signers["don-vi"],
    await signHocBa(signers["thu-truong"], await signHocBa(signers.gvcn, unsigned, "GVCN"), "ThuTruong"),
    "DonVi",
  );
}, 60_000);
afterAll(async () => {
  session.close();
  await tsa.close();
});

describe("RFC 3161 client against openssl ts on 127.0.0.1", () => {
  it("gets a token over the imprint, signed by the TSA, with its certificate", async () => {
    const imprint = Buffer.alloc(32, 7);
    const t = await requestTimestamp({ url: tsa.url }, imprint);
    const check = await checkTimestampToken(t.token, imprint);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.tsaName).toBe("TSA thu nghiem");
      expect(Math.abs(check.genTime.getTime() - t.genTime.getTime())).toBe(0);
    }
    const other = await checkTimestampToken(t.token, Buffer.alloc(32, 8));
    expect(other.ok).toBe(false);
  });

  it("refuses a token the TSA made over another value", async () => {
    tsa.mode = "wrong-imprint";
    try {
      expect(await codeOf(requestTimestamp({ url: tsa.url }, Buffer.alloc(32, 1)))).toMatch(
        /^TSA_BAD_RESPONSE: .*message imprint khác/,
      );
    } finally {
      tsa.mode = "ok";
    }
  });

  it("an unreachable TSA is TSA_UNREACHABLE, named in Vietnamese", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/tsa`;
    expect(await codeOf(requestTimestamp({ url, timeoutMs: 3000 }, Buffer.alloc(32)))).toMatch(
      /^TSA_UNREACHABLE: Không kết nối được máy chủ cấp dấu thời gian http:\/\/127\.0\.0\.1:\d+\/tsa \(ECONNREFUSED\)/,
    );
  });
});

describe("XAdES B-T signatures", () => {
  it("each signature carries its SignatureTimeStamp, covered by the next role's signature", () => {
    const t = afterDonVi.toString("utf8");
    expect(t.match(/<xades:SignatureTimeStamp>/g)).toHaveLength(3);
    // The GVCN signature, with its timestamp, is byte for byte the one the later roles reference.
    const gvcn = afterGvcn.toString("utf8");
    const sig = gvcn.slice(gvcn.indexOf("<ds:Signature"), gvcn.indexOf("</ds:Signature>") + 15);
    expect(sig).toContain("<xades:EncapsulatedTimeStamp>");
    expect(t).toContain(sig);
  });

  it("xmlsec1 still verifies every signature", () => {
    for (const id of ["sig-GVCN", "sig-ThuTruong", "sig-DonVi"]) {
      const r = xmlsec1Verify(afterDonVi, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
      expect(r.ok, r.output).toBe(true);
    }
  });
});
