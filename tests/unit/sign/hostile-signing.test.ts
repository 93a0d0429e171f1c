import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import { NS_DS, type SigningRole } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { checkSignable } from "../../../native-host/sign/check-signable.ts";
import { prepareHocBaSignature, type SignerIdentity } from "../../../native-host/sign/sign-hocba.ts";
import { describeCertificate } from "../../../native-host/token/certificate-info.ts";
import { certificatePolicyProblem } from "../../../native-host/token/certificate-policy.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import { parseXmlStrict } from "../../../native-host/xmldsig/xml-dom.ts";

/**
 * The signer's side of issue 9, on the hostile fixtures (tests/fixtures/attacks/hostile): what the
 * verifier refuses, the helper does not countersign (checked before the login) nor sign, with the
 * same reasons: data outside the format, certificates outside the policy, signing times that
 * contradict the record, a byte-order mark.
 */
const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks/hostile");
const read = (file: string): Buffer => readFileSync(path.join(DIR, file));
const anchors = TrustAnchors.load({ trustRootFiles: [path.join(DIR, "pki/root.pem")], trustStoreDir: null });

/** The certificates in the KeyInfo of `role`'s signature in a fixture, signer first. */
function certificatesOf(file: string, role: SigningRole): Buffer[] {
  const doc = parseXmlStrict(read(file).toString("utf8"));
  const signatures = doc.getElementsByTagNameNS(NS_DS, "Signature");
  for (let i = 0; i < signatures.length; i++) {
    const s = signatures.item(i);
    if (s?.getAttribute("Id") !== `sig-${role}`) continue;
    const certs = s.getElementsByTagNameNS(NS_DS, "X509Certificate");
    return Array.from({ length: certs.length }, (_, k) =>
      Buffer.from((certs.item(k)?.textContent ?? "").replace(/\s/g, ""), "base64"),
    );
  }
  throw new Error(`no ${role} signature in ${file}`);
}

function identityOf(file: string, role: SigningRole): SignerIdentity {
  const [certificate, ...chain] = certificatesOf(file, role);
  if (!certificate) throw new Error("certificate");
  const info = describeCertificate(certificate);
  return { certificate, chain, info, keyType: info.keyType === "EC" ? "EC" : "RSA" };
}

/** The valid record of the fixtures, unsigned (the bytes the builder made). */
const UNSIGNED = Buffer.from(
  read("valid-complete.xml")
    .toString("utf8")
    .replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>"),
);
/** Signed by the GVCN only, at 2026-06-01T08:30:00+07:00, with a certificate within the policy. */
const GVCN_SIGNED = read("valid-eku-email-protection.xml");

async function refusalOf(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (err) {
    if (isHocBaError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("not refused");
}

describe("no countersignature over what the verifier refuses (checked before the login)", () => {
  it("the control: a valid GVCN signature may be countersigned", async () => {
    await expect(checkSignable(GVCN_SIGNED, "ThuTruong")).resolves.toBeUndefined();
  });

  it.each<[string, SigningRole, string]>([
    ["time-before-created.xml", "ThuTruong", "trước thời điểm lập học bạ 2026-05-25T08:00:00+07:00"],
    ["time-backdated-expired-cert.xml", "ThuTruong", "trước thời điểm lập học bạ"],
    ["time-before-school-year.xml", "ThuTruong", "trước khi năm học 2025-2026 bắt đầu"],
    ["time-offset-utc.xml", "ThuTruong", "không ghi theo giờ Việt Nam (+07:00)"],
    ["time-thu-truong-before-gvcn.xml", "DonVi", "trước chữ ký GVCN (2026-06-02T09:00:00+07:00)"],
    ["cert-rsa-1024.xml", "ThuTruong", "dùng khoá RSA 1024 bit, quá yếu"],
    ["cert-sha1-signed.xml", "ThuTruong", "được ký bằng sha1WithRSAEncryption"],
    ["cert-eku-server-auth.xml", "ThuTruong", "chỉ dùng cho serverAuth"],
    ["cert-unknown-critical.xml", "ThuTruong", "1.3.6.1.4.1.99999.9"],
  ])("%s: %s refused, naming why", async (file, role, reason) => {
    const r = await refusalOf(() => checkSignable(read(file), role));
    expect(r.code).toBe("SIGN_EARLIER_SIGNATURE_INVALID");
    expect(r.message).toContain(reason);
  });

  it.each([
    ["data-extra-element.xml", "Element 'GhiChu': This element is not expected"],
    ["data-duplicate-hoten.xml", "Element 'HoTen': This element is not expected"],
    ["data-hidden-attribute.xml", "The attribute 'GhiChu' is not allowed"],
    ["data-whitespace-only.xml", "Element 'HoTen': [facet 'pattern']"],
    ["data-zero-width-name.xml", formatMessage("XML_INVISIBLE_CHAR", { line: 2, codePoint: "200B" })],
    ["data-bidi-override.xml", "U+202E"],
    ["data-nfd.xml", "chưa chuẩn hóa Unicode NFC"],
  ])("%s: the data is refused before countersigning", async (file, reason) => {
    const r = await refusalOf(() => checkSignable(read(file), "ThuTruong"));
    expect(r.code).toBe("SIGN_INVALID_DOCUMENT");
    expect(r.message).toContain(reason);
  });

  it("a CA certificate below the root signed with SHA-1 is refused with the trust check of signing", async () => {
    const thuTruong = identityOf("valid-complete.xml", "ThuTruong");
    const r = await refusalOf(() =>
      prepareHocBaSignature(thuTruong, read("chain-sha1-intermediate.xml"), "ThuTruong", {
        trust: anchors,
        signingTime: new Date("2026-06-05T08:00:00+07:00"),
      }),
    );
    expect(r.code).toBe("SIGN_EARLIER_SIGNATURE_INVALID");
    expect(r.message).toContain("«HocBa Hostile int-sha1» được ký bằng sha1WithRSAEncryption");
  });
});

describe("a byte-order mark: one rule for the signer and the verifier", () => {
  const withBom = (bytes: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  const bomMessage = formatMessage("XML_HAS_BOM", { line: 1 });

  it("the verifier refuses it as XML_HAS_BOM", async () => {
    const r = await verifyHocBa(withBom(GVCN_SIGNED), { anchors, now: new Date("2026-06-10T00:00:00Z") });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([["XML_HAS_BOM", bomMessage]]);
  });

  it("the signer refuses it with the same code and message, signed or not", async () => {
    const gate = await refusalOf(() => checkSignable(withBom(GVCN_SIGNED), "ThuTruong"));
    expect(gate).toEqual({
      code: "SIGN_INVALID_DOCUMENT",
      message: new HocBaError("SIGN_INVALID_DOCUMENT", { detail: bomMessage }).message,
    });
    const signing = await refusalOf(() =>
      prepareHocBaSignature(identityOf("valid-complete.xml", "GVCN"), withBom(UNSIGNED), "GVCN", {
        signingTime: new Date("2026-06-01T08:30:00+07:00"),
      }),
    );
    expect(signing.code).toBe("SIGN_INVALID_DOCUMENT");
    expect(signing.message).toContain(bomMessage);
  });
});

describe("the signer does not write a SigningTime that contradicts the record", () => {
  const gvcn = identityOf("valid-complete.xml", "GVCN");
  const thuTruong = identityOf("valid-complete.xml", "ThuTruong");

  it("before ThoiGianLap: refused (plain unsigned path); after it: prepared", async () => {
    const r = await refusalOf(() =>
      prepareHocBaSignature(gvcn, UNSIGNED, "GVCN", { signingTime: new Date("2026-05-24T08:00:00+07:00") }),
    );
    expect(r.code).toBe("SIGN_TIME_CONTRADICTS_DOCUMENT");
    expect(r.message).toContain("trước thời điểm lập học bạ 2026-05-25T08:00:00+07:00");
    await expect(
      prepareHocBaSignature(gvcn, UNSIGNED, "GVCN", { signingTime: new Date("2026-05-26T08:00:00+07:00") }),
    ).resolves.toMatchObject({ role: "GVCN" });
  });

  it("before the GVCN signature it would cover: refused; after it: prepared", async () => {
    const r = await refusalOf(() =>
      prepareHocBaSignature(thuTruong, GVCN_SIGNED, "ThuTruong", {
        signingTime: new Date("2026-05-31T08:00:00+07:00"),
      }),
    );
    expect(r.code).toBe("SIGN_TIME_CONTRADICTS_DOCUMENT");
    expect(r.message).toContain("trước chữ ký GVCN (2026-06-01T08:30:00+07:00)");
    await expect(
      prepareHocBaSignature(thuTruong, GVCN_SIGNED, "ThuTruong", {
        signingTime: new Date("2026-06-02T08:00:00+07:00"),
      }),
    ).resolves.toMatchObject({ role: "ThuTruong" });
  });
});

describe("a certificate outside the policy does not sign", () => {
  it.each([
    ["cert-rsa-1024.xml", "TOKEN_CERT_WEAK_KEY", "RSA 1024 bit"],
    ["cert-sha1-signed.xml", "TOKEN_CERT_WEAK_HASH", "sha1WithRSAEncryption"],
    ["chain-sha1-intermediate.xml", "TOKEN_CERT_WEAK_HASH", "HocBa Hostile int-sha1"],
    ["cert-eku-server-auth.xml", "TOKEN_CERT_EXTENDED_KEY_USAGE", "serverAuth"],
    ["cert-eku-client-auth.xml", "TOKEN_CERT_EXTENDED_KEY_USAGE", "clientAuth"],
    ["cert-unknown-critical.xml", "TOKEN_CERT_UNKNOWN_CRITICAL", "1.3.6.1.4.1.99999.9"],
  ])("%s: %s naming %s", async (file, code, reason) => {
    const r = await refusalOf(() =>
      prepareHocBaSignature(identityOf(file, "GVCN"), UNSIGNED, "GVCN", {
        signingTime: new Date("2026-06-01T08:30:00+07:00"),
      }),
    );
    expect(r.code).toBe(code);
    expect(r.message).toContain(reason);
  });

  it("extendedKeyUsage with emailProtection (as Vietnamese personal certificates carry) is within the policy", async () => {
    const id = identityOf("valid-eku-email-protection.xml", "GVCN");
    expect(id.info.extendedKeyUsage).toEqual(["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4"]);
    expect(certificatePolicyProblem(id.info)).toBeUndefined();
    await expect(
      prepareHocBaSignature(id, UNSIGNED, "GVCN", { signingTime: new Date("2026-06-01T08:30:00+07:00") }),
    ).resolves.toMatchObject({ role: "GVCN" });
  });
});
