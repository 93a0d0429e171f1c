import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runHocba } from "../../support/run-hocba.ts";
import { createPkcs11Backend } from "../../../native-host/host/pkcs11-backend.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { collectValidationData } from "../../../native-host/sign/collect-validation-data.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { checkRevocation } from "../../../native-host/trust/check-revocation.ts";
import { requestTimestamp } from "../../../native-host/trust/request-timestamp.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { DocumentSigner } from "../../../native-host/token/token-signer.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { startLoopbackCrl, type LoopbackCrl } from "../../support/loopback-crl.ts";
import { startLoopbackOcsp, type LoopbackOcsp } from "../../support/loopback-ocsp.ts";
import { startLoopbackTsa, type LoopbackTsa } from "../../support/loopback-tsa.ts";
import { softwareSigner } from "../../support/software-signer.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

let tok: TestToken;
let tsa: LoopbackTsa;
let ocsp: LoopbackOcsp;
let crl: LoopbackCrl;
let session: TokenSession;
let ocspGvcn: DocumentSigner;
let crlGvcn: DocumentSigner;
let rootDer: Buffer;

const stamp = (data: Buffer) =>
  requestTimestamp({ url: tsa.url, timeoutMs: 10_000 }, data).then((t) => t.token);
const verify = (bytes: Uint8Array, at?: Date) =>
  verifyHocBa(bytes, { trustRootFiles: [tok.rootPem], trustStoreDir: null, ...(at ? { at } : {}) });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isHocBaError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

/** The text of `<xades:Tag>` elements in the signature of `role`. */
function kept(bytes: Buffer, role: string, tag: string): string[] {
  const t = bytes.toString("utf8");
  const sig = t.slice(
    t.indexOf(`Id="sig-${role}"`),
    t.indexOf("</ds:Signature>", t.indexOf(`Id="sig-${role}"`)),
  );
  return [...sig.matchAll(new RegExp(`<xades:${tag}>([^<]*)</xades:${tag}>`, "g"))].map((m) => m[1] ?? "");
}

beforeAll(async () => {
  tok = useTestToken();
  const pki = { intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir };
  [tsa, ocsp, crl] = await Promise.all([
    startLoopbackTsa(pki),
    startLoopbackOcsp(pki),
    startLoopbackCrl(pki),
  ]);
  ocspGvcn = softwareSigner(ocsp.certs.gvcn, ocsp.keyPem("gvcn"), [ocsp.issuerDer]);
  crlGvcn = softwareSigner(crl.certs.gvcn, crl.keyPem("gvcn"), [crl.issuerDer]);
  rootDer = execFileSync("openssl", ["x509", "-in", tok.rootPem, "-outform", "DER"]);
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
}, 90_000);
afterAll(async () => {
  session?.close();
  await Promise.all([tsa?.close(), ocsp?.close(), crl?.close()]);
});

describe("CRL at signing, against openssl ca -gencrl served on 127.0.0.1", () => {
  const now = new Date("2026-06-01T00:00:00Z");

  it("a certificate with only a CRL address is checked with the CRL: good, or revoked with its date", async () => {
    const good = await checkRevocation(crl.certs.gvcn, crl.issuerDer, { now });
    expect(good).toMatchObject({ status: "good", source: "crl", responder: crl.url });
    const revoked = await checkRevocation(crl.certs.revoked, crl.issuerDer, { now });
    expect(revoked.status).toBe("revoked");
    if (revoked.status === "revoked") {
      expect(revoked.revokedAt.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    }
  });

  it("a stale CRL (nextUpdate passed) is refused", async () => {
    crl.mode = "stale";
    try {
      expect(await codeOf(checkRevocation(crl.certs.gvcn, crl.issuerDer, { now }))).toMatch(
        /^REVOCATION_UNREACHABLE: .*CRL đã quá hạn \(nextUpdate 2025-02-01/,
      );
    } finally {
      crl.mode = "ok";
    }
  });

  it("a CRL signed by another key under the CA's name is refused", async () => {
    crl.mode = "wrong-key";
    try {
      expect(await codeOf(checkRevocation(crl.certs.gvcn, crl.issuerDer, { now }))).toMatch(
        /^REVOCATION_UNREACHABLE: .*chữ ký của CRL không đúng/,
      );
    } finally {
      crl.mode = "ok";
    }
  });

  it("an unreachable OCSP responder falls back to the CRL only when the setting allows it", async () => {
    expect(
      await codeOf(checkRevocation(crl.certs.fallback, crl.issuerDer, { now, timeoutMs: 3000 })),
    ).toMatch(/^REVOCATION_UNREACHABLE: .*ECONNREFUSED/);
    const r = await checkRevocation(crl.certs.fallback, crl.issuerDer, {
      now,
      timeoutMs: 3000,
      crlFallback: true,
    });
    expect(r).toMatchObject({ status: "good", source: "crl" });
  });

  it("the CRL is downloaded once per batch", async () => {
    const cache = new Map<string, Buffer>();
    const before = crl.requests;
    await checkRevocation(crl.certs.gvcn, crl.issuerDer, { now, crlCache: cache });
    await checkRevocation(crl.certs.revoked, crl.issuerDer, { now, crlCache: cache });
    expect(crl.requests - before).toBe(1);
  });
});

describe("XAdES B-LT: validation data kept in the signature before the next role signs", () => {
  let ocspSigned: Buffer;
  let countersigned: Buffer;
  let crlSigned: Buffer;

  beforeAll(async () => {
    const lt = collectValidationData([ocsp.issuerDer, rootDer]);
    ocspSigned = await signHocBa(ocspGvcn, sampleDocument().bytes, "GVCN", {
      timestamp: stamp,
      validationData: lt,
    });
    countersigned = await signHocBa(session.selectSigner({ cert: "thu-truong" }), ocspSigned, "ThuTruong", {
      timestamp: stamp,
    });
    crlSigned = await signHocBa(crlGvcn, sampleDocument().bytes, "GVCN", {
      timestamp: stamp,
      validationData: collectValidationData([crl.issuerDer]),
    });
  }, 60_000);

  it("keeps the chain (CertificateValues) and the OCSP response (RevocationValues) after the timestamp", () => {
    const t = ocspSigned.toString("utf8");
    expect(t).toMatch(
      /<\/xades:SignatureTimeStamp><xades:CertificateValues>(<xades:EncapsulatedX509Certificate>[^<]+<\/xades:EncapsulatedX509Certificate>)+<\/xades:CertificateValues><xades:RevocationValues><xades:OCSPValues><xades:EncapsulatedOCSPValue>/,
    );
    const certs = kept(ocspSigned, "GVCN", "EncapsulatedX509Certificate").map((b) =>
      Buffer.from(b, "base64"),
    );
    // The issuing CA, the root (the token had it), the TSA's certificate.
    expect(certs.some((c) => c.equals(ocsp.issuerDer))).toBe(true);
    expect(certs.some((c) => c.equals(rootDer))).toBe(true);
    expect(certs).toHaveLength(3);
    expect(kept(crlSigned, "GVCN", "EncapsulatedCRLValue")).toHaveLength(1);
  });

  it("the next role's signature covers the finished GVCN signature byte for byte; XSD and xmlsec1 accept both", () => {
    const a = ocspSigned.toString("utf8");
    const sig = a.slice(a.indexOf("<ds:Signature"), a.indexOf("</ds:Signature>") + 15);
    expect(sig).toContain("<xades:RevocationValues>");
    expect(countersigned.toString("utf8")).toContain(sig);
    expect(validateHocBaXml(countersigned).ok).toBe(true);
    for (const id of ["sig-GVCN", "sig-ThuTruong"]) {
      const r = xmlsec1Verify(countersigned, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
      expect(r.ok, r.output).toBe(true);
    }
  });

  it("verify reports B-LT from the kept OCSP response or CRL, offline; the token's signature without an address is B-T", async () => {
    const r = await verify(countersigned);
    expect(r.signatures.flatMap((s) => s.issues)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signatures.map((s) => s.level)).toEqual(["B-LT", "B-T"]);
    expect(r.signatures[0]?.revocation).toMatchObject({ source: "OCSP", status: "good" });
    const c = await verify(crlSigned);
    expect(c.ok).toBe(true);
    expect(c.signatures[0]?.level).toBe("B-LT");
    expect(c.signatures[0]?.revocation).toMatchObject({ source: "CRL", status: "good" });
  });

  it("years after the certificates expired (--at 2041), the B-LT signature still verifies from what it keeps", async () => {
    const r = await verify(ocspSigned, new Date("2041-01-01T00:00:00+07:00"));
    expect(r.signatures.flatMap((s) => s.issues)).toEqual([]);
    expect(r.signatures[0]?.level).toBe("B-LT");
  });

  it("hocba verify prints the level and the kept revocation data (text and --json)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-lt-cli-"));
    writeFileSync(path.join(dir, "lt.xml"), countersigned);
    const text = await runHocba(["verify", "lt.xml", "--trust", tok.rootPem], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("Mức chữ ký: B-LT (dấu thời gian của TSA thu nghiem lúc");
    expect(text.stdout).toMatch(/Dữ liệu thu hồi lưu trong chữ ký: OCSP lúc .*: chưa bị thu hồi khi ký/);
    expect(text.stdout).toContain("Mức chữ ký: B-T (dấu thời gian");
    const json = await runHocba(["verify", "lt.xml", "--trust", tok.rootPem, "--json"], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const report = (
      JSON.parse(json.stdout) as {
        files: Array<{ signatures: Array<{ level: string; revocation?: { source: string } }> }>;
      }
    ).files[0] ?? { signatures: [] };
    expect(report.signatures.map((s) => s.level)).toEqual(["B-LT", "B-T"]);
    expect(report.signatures[0]?.revocation?.source).toBe("OCSP");
  });

  it("a kept OCSP response whose signature was damaged makes the signature invalid", async () => {
    const [value] = kept(ocspSigned, "GVCN", "EncapsulatedOCSPValue");
    const der = Buffer.from(value ?? "", "base64");
    // One second later in producedAt (the first GeneralizedTime): the responder's signature no longer holds.
    const at = der.indexOf(Buffer.from([0x18, 0x0f])) + 15;
    der[at] = der[at] === 0x30 ? 0x31 : 0x30;
    const damaged = Buffer.from(ocspSigned.toString("utf8").replace(value ?? "", der.toString("base64")));
    const r = await verify(damaged);
    expect(r.ok).toBe(false);
    expect(r.signatures[0]?.issues.map((i) => i.code)).toEqual(["VERIFY_LT_INVALID"]);
    expect(r.signatures[0]?.level).toBe("B-T");
  });
});

describe("a revoked certificate", () => {
  afterAll(() => ocsp.setRevoked("gvcn", undefined));

  it("signing refuses to keep an answer that says revoked; a document that keeps one (revoked before its timestamp) fails verification", async () => {
    ocsp.setRevoked("gvcn", "250301000000Z");
    const lt = collectValidationData([ocsp.issuerDer]);
    expect(
      await codeOf(
        signHocBa(ocspGvcn, sampleDocument().bytes, "GVCN", { timestamp: stamp, validationData: lt }),
      ),
    ).toMatch(/^REVOCATION_REVOKED: Chứng thư số của Trần Thị Thu Hằng đã bị thu hồi từ .*2025/);
    // What a tool without that check would write: the responder's "revoked" kept in the signature.
    const careless = await signHocBa(ocspGvcn, sampleDocument().bytes, "GVCN", {
      timestamp: stamp,
      validationData: async (signer) => {
        const s = await checkRevocation(signer.certificate, ocsp.issuerDer);
        return { certificates: [], ocsp: s.status === "no-address" ? [] : [s.data], crls: [] };
      },
    });
    const r = await verify(careless);
    expect(r.ok).toBe(false);
    expect(r.signatures[0]?.issues.map((i) => i.code)).toEqual(["VERIFY_LT_REVOKED"]);
    expect(r.signatures[0]?.issues[0]?.message).toMatch(/đã bị thu hồi từ .*2025.*trước dấu thời gian/);
    expect(r.signatures[0]?.level).toBe("B-T");
  });
});

describe("the browser helper checks revocation before the login", () => {
  it("a certificate naming no OCSP or CRL address signs (logged), or is refused with HOCBA_REQUIRE_REVOCATION=1", async () => {
    const logged: string[] = [];
    const log = { file: null, info: () => undefined, error: (event: string) => void logged.push(event) };
    const args = { tokenLabel: tok.tokenLabel, certId: "01", pin: tok.pin };
    const lenient = createPkcs11Backend({ env: { HOCBA_PKCS11_MODULES: tok.modulePath }, log });
    const strict = createPkcs11Backend({
      env: { HOCBA_PKCS11_MODULES: tok.modulePath, HOCBA_REQUIRE_REVOCATION: "1" },
      log,
    });
    try {
      const signer = await lenient.openSigner(args);
      await signer.close();
      expect(logged).toEqual(["revocation-warning"]);
      expect(await codeOf(strict.openSigner(args))).toMatch(/^REVOCATION_REQUIRED: .*Trần Thị Thu Hằng/);
    } finally {
      await lenient.close();
      await strict.close();
    }
  });
});
