import { X509Certificate } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { formatSigningTime } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import { formatVerifyReport } from "../../../native-host/verify/format-verify-report.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { excC14n, parseXmlStrict } from "../../../native-host/xmldsig/xml-dom.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

let tok: TestToken;
let session: TokenSession;
let unsigned: Uint8Array;
let twoSigned: Buffer;
let signingTime: Date;
const tmp = mkdtempSync(path.join(os.tmpdir(), "verify-test-"));

beforeAll(async () => {
  tok = useTestToken();
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  unsigned = sampleDocument().bytes;
  signingTime = new Date();
  const once = await signHocBa(session.selectSigner({ cert: "gvcn" }), unsigned, "GVCN", { signingTime });
  twoSigned = await signHocBa(session.selectSigner({ cert: "thu-truong" }), once, "ThuTruong", {
    signingTime,
  });
});
afterAll(() => {
  session.close();
  rmSync(tmp, { recursive: true, force: true });
});

const trusted = () => ({ trustRootFiles: [tok.rootPem], trustStoreDir: null });

describe("verifyHocBa report", () => {
  it("reports per signature: role, signer, id fields, serial, issuer, SigningTime, integrity, chain, validity", async () => {
    const r = await verifyHocBa(twoSigned, { ...trusted(), file: "a.xml" });
    expect(r).toMatchObject({
      file: "a.xml",
      ok: true,
      complete: false,
      roles: ["GVCN", "ThuTruong"],
      issues: [],
    });
    const gvcnCert = new X509Certificate(readFileSync(tok.certPem("gvcn")));
    expect(r.signatures[0]).toMatchObject({
      role: "GVCN",
      roleLabel: "Giáo viên chủ nhiệm",
      ok: true,
      signer: {
        name: "Trần Thị Thu Hằng",
        cccd: "001190012345",
        organization: "Trung tâm GDNN-GDTX Việt Trì",
        certSerial: gvcnCert.serialNumber.toUpperCase(),
        issuer: "C=VN, O=HocBa Test PKI, CN=HocBa Test Issuing CA",
      },
      signingTime: formatSigningTime(signingTime),
      integrity: true,
      chainTrusted: true,
      validAtSigningTime: true,
      keyUsageOk: true,
      signingCertificateOk: true,
      roleOk: true,
      issues: [],
    });
    expect(r.signatures[1]?.signer?.name).toBe("Nguyễn Văn Thắng");
  });

  it("the signed data is the canonical DLHocBa that was digested, read without a second parse of the file", async () => {
    const r = await verifyHocBa(twoSigned, trusted());
    const doc = parseXmlStrict(Buffer.from(twoSigned).toString("utf8"));
    const data = doc.documentElement?.getElementsByTagName("DLHocBa").item(0);
    expect(data).toBeTruthy();
    expect(r.signedData?.canonicalXml).toBe(excC14n(data as NonNullable<typeof data>));
    expect(r.signedData?.view?.hocVien.hoTen).toBe("Phạm Minh Châu");
  });

  it("an unsigned document is not valid", async () => {
    const r = await verifyHocBa(unsigned, trusted());
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["VERIFY_NO_SIGNATURE"]);
  });

  it("without any trusted root nothing is valid, and the report says why", async () => {
    const empty = mkdtempSync(path.join(tmp, "empty-"));
    const r = await verifyHocBa(twoSigned, { trustStoreDir: empty });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain("VERIFY_NO_TRUST_ROOTS");
    expect(r.signatures.every((s) => s.integrity && !s.chainTrusted)).toBe(true);
  });

  it.each([
    ["a PEM string", () => ({ trustRoots: [readFileSync(tok.rootPem, "utf8")] })],
    ["DER bytes", () => ({ trustRoots: [new X509Certificate(readFileSync(tok.rootPem)).raw] })],
    [
      "a trust-store folder",
      () => {
        const dir = mkdtempSync(path.join(tmp, "store-"));
        copyFileSync(tok.rootPem, path.join(dir, "hocba-test-root.pem"));
        return { trustStoreDir: dir };
      },
    ],
  ])("takes trusted roots as %s", async (_how, opts) => {
    const r = await verifyHocBa(twoSigned, { trustStoreDir: null, ...opts() });
    expect(r.ok, JSON.stringify(r.signatures.map((s) => s.issues))).toBe(true);
  });

  it("an untrusted root given as trust does not make the test CA trusted", async () => {
    const r = await verifyHocBa(twoSigned, { trustRootFiles: [tok.untrustedRootPem], trustStoreDir: null });
    expect(r.signatures.map((s) => s.issues.map((i) => i.code))).toEqual([
      ["VERIFY_SIG_UNTRUSTED"],
      ["VERIFY_SIG_UNTRUSTED"],
    ]);
  });

  it("an unreadable trust root is an error naming the file", () => {
    const bad = path.join(tmp, "bad.pem");
    writeFileSync(bad, "không phải chứng thư");
    try {
      TrustAnchors.load({ trustRootFiles: [bad], trustStoreDir: null });
      expect.unreachable();
    } catch (err) {
      expect(isHocBaError(err) && err.code).toBe("VERIFY_TRUST_ROOT_UNREADABLE");
      expect((err as Error).message).toContain(bad);
    }
  });

  it("a SigningTime in the future is refused", async () => {
    const future = await signHocBa(session.selectSigner({ cert: "gvcn" }), unsigned, "GVCN", {
      signingTime: new Date(Date.now() + 3 * 86400_000),
    });
    const r = await verifyHocBa(future, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
    expect(r.signatures[0]?.issues.map((i) => i.code)).toEqual(["VERIFY_SIG_SIGNING_TIME_FUTURE"]);
  });

  it.each([
    ["not UTF-8", Buffer.from([0xc3, 0x28]), "VERIFY_NOT_UTF8"],
    ["not XML", Buffer.from("<HocBaSo><DLHocBa></HocBaSo>"), "VERIFY_NOT_XML"],
    ["another root", Buffer.from("<HDon/>"), "VERIFY_NOT_HOCBA"],
    [
      "a declared Latin-1 encoding",
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><HocBaSo/>'),
      "VERIFY_ENCODING",
    ],
    [
      "a missing DSCKS",
      Buffer.from('<HocBaSo PhienBan="1.0"><DLHocBa Id="DLHocBa"/></HocBaSo>'),
      "VERIFY_ROOT_STRUCTURE",
    ],
  ])("never throws for %s: it reports %s", async (_name, bytes, code) => {
    const r = await verifyHocBa(bytes, trusted());
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual([code]);
  });

  it("formats a Vietnamese report", async () => {
    const text = formatVerifyReport(await verifyHocBa(twoSigned, { ...trusted(), file: "HV.xml" }));
    expect(text).toContain("Tệp HV.xml: HỢP LỆ, đã có 2/3 chữ ký");
    expect(text).toContain("Người ký: Trần Thị Thu Hằng (CCCD 001190012345)");
    expect(text).toContain(`Thời điểm ký: ${formatSigningTime(signingTime)}`);
    expect(text).toContain(
      "Toàn vẹn: đúng; chuỗi chứng thư: tin cậy; hiệu lực khi ký: có; mục đích ký số: đúng",
    );
  });

  it("builds each certificate chain once per batch (cache in TrustAnchors)", async () => {
    const anchors = TrustAnchors.load({ trustRootFiles: [tok.rootPem], trustStoreDir: null });
    const a = await verifyHocBa(twoSigned, { anchors });
    const b = await verifyHocBa(twoSigned, { anchors });
    expect(a.ok && b.ok).toBe(true);
    const leaf = new X509Certificate(readFileSync(tok.certPem("gvcn"))).raw;
    const int = new X509Certificate(readFileSync(tok.intermediatePem)).raw;
    expect(anchors.chain(leaf, [int])).toBe(anchors.chain(leaf, [int]));
  });
});
