import { verify as cryptoVerify, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

const OID_BASIC_OCSP = "1.3.6.1.5.5.7.48.1.1";
const OID_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
const SIGNATURE_HASH: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
};

/** What a checked OCSP response says about one certificate. */
export type OcspAnswer =
  | {
      ok: true;
      status: "good" | "revoked" | "unknown";
      /** certStatus revoked: revocationTime. */
      revokedAt?: Date;
      producedAt: Date;
      thisUpdate: Date;
      nextUpdate?: Date;
    }
  /** `other`: a valid-looking response about another certificate (e.g. the TSA's). */
  | { ok: false; reason: string; other?: true };

/**
 * RFC 6960 4.2.2.2: the response is signed by the issuing CA itself, or by a responder certificate
 * that CA issued for OCSP signing (extendedKeyUsage id-kp-OCSPSigning), valid when it answered.
 */
function signedByIssuer(basic: pkijs.BasicOCSPResponse, issuerDer: Uint8Array): boolean {
  const hash = SIGNATURE_HASH[basic.signatureAlgorithm.algorithmId];
  if (!hash) return false;
  const issuer = new X509Certificate(issuerDer);
  const tbs = basic.tbsResponseData.tbsView;
  const signature = new Uint8Array(basic.signature.valueBlock.valueHexView);
  const by = (key: X509Certificate["publicKey"]) => {
    try {
      return cryptoVerify(hash, tbs, key, signature);
    } catch {
      return false;
    }
  };
  if (by(issuer.publicKey)) return true;
  const producedAt = basic.tbsResponseData.producedAt;
  return (basic.certs ?? []).some((c) => {
    const responder = new X509Certificate(Buffer.from(c.toSchema().toBER(false)));
    const eku = c.extensions?.find((e) => e.extnID === "2.5.29.37")?.parsedValue as
      pkijs.ExtKeyUsage | undefined;
    return (
      responder.verify(issuer.publicKey) &&
      (eku?.keyPurposes ?? []).includes(OID_OCSP_SIGNING) &&
      c.notBefore.value <= producedAt &&
      producedAt <= c.notAfter.value &&
      by(responder.publicKey)
    );
  });
}

/**
 * Reads an OCSPResponse (DER) about `certificateDer`: successful, a basic response signed by the
 * issuer (or its OCSP-signing responder), with a SingleResponse for this certificate (issuer name
 * and key hashes, serial). Used at signing on the responder's answer, and by the verifier on the
 * copy kept in xades:RevocationValues. Never throws: a response that is not usable is a reason.
 */
export async function readOcspResponse(
  der: Uint8Array,
  certificateDer: Uint8Array,
  issuerDer: Uint8Array,
): Promise<OcspAnswer> {
  let basic: pkijs.BasicOCSPResponse;
  let cert: pkijs.Certificate;
  let issuer: pkijs.Certificate;
  try {
    cert = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
    issuer = pkijs.Certificate.fromBER(new Uint8Array(issuerDer));
    const resp = pkijs.OCSPResponse.fromBER(new Uint8Array(der));
    const status = resp.responseStatus.valueBlock.valueDec;
    if (status !== 0 || !resp.responseBytes || resp.responseBytes.responseType !== OID_BASIC_OCSP) {
      return { ok: false, reason: `OCSPResponseStatus ${status}` };
    }
    basic = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(resp.responseBytes.response.valueBlock.valueHexView),
    );
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  // About this certificate (issuer name and key hashes, serial) first: a response kept for another
  // certificate (the TSA's) is not this one's, whoever signed it.
  const status = await basic.getCertificateStatus(cert, issuer);
  if (!status.isForCertificate) {
    return { ok: false, reason: "câu trả lời không nói về chứng thư này", other: true };
  }
  if (!signedByIssuer(basic, issuerDer)) return { ok: false, reason: "chữ ký của máy chủ OCSP không đúng" };
  // The SingleResponse getCertificateStatus matched: same serial (the hashes were compared there).
  const serial = Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString("hex");
  const single = basic.tbsResponseData.responses.find(
    (r) => Buffer.from(r.certID.serialNumber.valueBlock.valueHexView).toString("hex") === serial,
  );
  if (!single) return { ok: false, reason: "câu trả lời không nói về chứng thư này", other: true };
  const base = {
    producedAt: basic.tbsResponseData.producedAt,
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
  };
  if (status.status === 0) return { ok: true, status: "good", ...base };
  if (status.status === 1) {
    const time =
      single.certStatus instanceof asn1js.Constructed ? single.certStatus.valueBlock.value[0] : undefined;
    const revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate() : new Date(Number.NaN);
    return { ok: true, status: "revoked", revokedAt, ...base };
  }
  return { ok: true, status: "unknown", ...base };
}
