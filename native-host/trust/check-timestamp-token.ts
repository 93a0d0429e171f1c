import { createHash, timingSafeEqual } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** RFC 3161 and RFC 5652 object identifiers this profile uses. */
export const OID_SHA256 = "2.16.840.1.101.3.4.2.1";
const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_TST_INFO = "1.2.840.113549.1.9.16.1.4";
const OID_EKU = "2.5.29.37";
const OID_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

/** What a timestamp token proves, once its signature and imprint are checked. */
export type TimestampCheck =
  | {
      ok: true;
      /** The TSA's time (TSTInfo genTime). */
      genTime: Date;
      /** Certificates in the token, DER, the TSA's signing certificate first. */
      certificates: Buffer[];
      /** Common name of the TSA certificate, for reports. */
      tsaName: string;
    }
  | { ok: false; reason: string };

function commonName(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
  return (cn?.value as { valueBlock?: { value?: string } } | undefined)?.valueBlock?.value ?? "TSA";
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * Checks an RFC 3161 timestamp token (a CMS SignedData over a TSTInfo) on its own: the TSA's
 * signature with the certificate the token carries, a SHA-256 imprint of `data` (the stamped bytes), the
 * `nonce` when one was sent, and a signing certificate for time stamping only, valid at genTime.
 * Whether that certificate chains to a trusted root is the caller's check (TrustAnchors).
 * Never throws: a token that is not one is a reason.
 */
export async function checkTimestampToken(
  token: Uint8Array,
  data: Uint8Array,
  nonce?: bigint,
): Promise<TimestampCheck> {
  const imprint = createHash("sha256").update(data).digest();
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(token));
    if (contentInfo.contentType !== OID_SIGNED_DATA) {
      return { ok: false, reason: "không phải CMS SignedData" };
    }
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const encap = signedData.encapContentInfo;
    if (encap.eContentType !== OID_TST_INFO || !encap.eContent) {
      return { ok: false, reason: "không chứa TSTInfo (RFC 3161)" };
    }
    const tstInfo = pkijs.TSTInfo.fromBER(encap.eContent.getValue());
    const mi = tstInfo.messageImprint;
    if (mi.hashAlgorithm.algorithmId !== OID_SHA256) {
      return { ok: false, reason: `thuật toán băm ${mi.hashAlgorithm.algorithmId}, không phải SHA-256` };
    }
    if (!sameBytes(new Uint8Array(mi.hashedMessage.getValue()), imprint)) {
      return {
        ok: false,
        reason: "dấu thời gian không được cấp cho giá trị chữ ký này (message imprint khác)",
      };
    }
    if (nonce !== undefined && tstInfo.nonce?.toBigInt() !== nonce) {
      return { ok: false, reason: "nonce trong phản hồi khác nonce đã gửi" };
    }
    const verified = await signedData.verify({
      signer: 0,
      data: new Uint8Array(data).buffer,
      checkChain: false,
      extendedMode: true,
    });
    const signer = verified.signerCertificate;
    if (!verified.signatureVerified || !signer) {
      return { ok: false, reason: "chữ ký của đơn vị cấp dấu thời gian không đúng" };
    }
    const eku = signer.extensions?.find((e) => e.extnID === OID_EKU);
    const usages = (eku?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
    if (!eku?.critical || usages.length !== 1 || usages[0] !== OID_TIME_STAMPING) {
      return {
        ok: false,
        reason:
          "chứng thư của đơn vị cấp dấu thời gian không dành riêng cho cấp dấu thời gian (extendedKeyUsage timeStamping, critical)",
      };
    }
    const genTime = tstInfo.genTime;
    if (genTime < signer.notBefore.value || genTime > signer.notAfter.value) {
      return { ok: false, reason: "chứng thư của đơn vị cấp dấu thời gian hết hiệu lực tại thời điểm cấp" };
    }
    const others = (signedData.certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== signer,
    );
    const der = (c: pkijs.Certificate) => Buffer.from(c.toSchema().toBER(false));
    return { ok: true, genTime, certificates: [signer, ...others].map(der), tsaName: commonName(signer) };
  } catch (err) {
    return {
      ok: false,
      reason: `không đọc được dấu thời gian (${err instanceof Error ? err.message : String(err)})`,
    };
  }
}

/** The DER of a TimeStampReq for `imprint` (SHA-256), asking for the TSA's certificate. */
export function timestampRequestDer(imprint: Uint8Array, nonce: bigint): Buffer {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(imprint) }),
    }),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
  });
  return Buffer.from(req.toSchema().toBER(false));
}
