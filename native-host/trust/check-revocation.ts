import { verify as cryptoVerify, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

const OID_AIA = "1.3.6.1.5.5.7.1.1";
const OID_OCSP = "1.3.6.1.5.5.7.48.1";
const OID_CDP = "2.5.29.31";
const OID_BASIC_OCSP = "1.3.6.1.5.5.7.48.1.1";

/** The revocation status of a signer's certificate, as its CA's OCSP responder gives it. */
export type RevocationStatus =
  | { status: "good"; responder: string }
  | { status: "revoked"; responder: string; revokedAt: Date }
  /** No OCSP address in the certificate (test and internal CAs often have none); `crl`: CDP URLs. */
  | { status: "no-address"; crl: string[] };

const OID_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
const SIGNATURE_HASH: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
};

/**
 * RFC 6960 4.2.2.2: the response is signed by the issuing CA itself, or by a responder certificate
 * that CA issued for OCSP signing (extendedKeyUsage id-kp-OCSPSigning).
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
  return (basic.certs ?? []).some((c) => {
    const responder = new X509Certificate(Buffer.from(c.toSchema().toBER(false)));
    const eku = c.extensions?.find((e) => e.extnID === "2.5.29.37")?.parsedValue as
      pkijs.ExtKeyUsage | undefined;
    return (
      responder.verify(issuer.publicKey) &&
      (eku?.keyPurposes ?? []).includes(OID_OCSP_SIGNING) &&
      by(responder.publicKey)
    );
  });
}

/** URIs (GeneralName type 6) of the AIA entries with `method`, or of the CRL distribution points. */
function uris(cert: pkijs.Certificate, oid: string): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === oid);
  if (!ext) return [];
  if (oid === OID_AIA) {
    const aia = ext.parsedValue as pkijs.InfoAccess | undefined;
    return (aia?.accessDescriptions ?? [])
      .filter((d) => d.accessMethod === OID_OCSP && d.accessLocation.type === 6)
      .map((d) => String(d.accessLocation.value));
  }
  const cdp = ext.parsedValue as pkijs.CRLDistributionPoints | undefined;
  return (cdp?.distributionPoints ?? []).flatMap((p) =>
    Array.isArray(p.distributionPoint)
      ? p.distributionPoint.filter((g) => g.type === 6).map((g) => String(g.value))
      : [],
  );
}

/**
 * Asks the OCSP responder named in the certificate's AIA (RFC 6960 over HTTP POST) whether the
 * certificate is revoked. The answer must be signed by the issuer or by a responder certificate
 * the issuer made, and be about this certificate. Only OCSP is asked: a certificate with only a CRL
 * address comes back "no-address" with that address (CRL download is not implemented).
 * Throws HocBaError REVOCATION_UNREACHABLE (network, timeout, HTTP, an unusable answer).
 */
export async function checkRevocation(
  certificateDer: Uint8Array,
  /** The issuing CA's certificate; undefined when it is not at hand (then only "no-address" can be told). */
  issuerDer: Uint8Array | undefined,
  options: { timeoutMs?: number } = {},
): Promise<RevocationStatus> {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
  const [url] = uris(cert, OID_AIA);
  if (!url) return { status: "no-address", crl: uris(cert, OID_CDP) };
  const fail = (detail: string, cause?: unknown): HocBaError =>
    new HocBaError("REVOCATION_UNREACHABLE", { url, detail }, cause ? { cause } : undefined);
  if (!issuerDer) throw fail("không có chứng thư của CA cấp để hỏi OCSP");
  const issuer = pkijs.Certificate.fromBER(new Uint8Array(issuerDer));
  const req = new pkijs.OCSPRequest();
  await req.createForCertificate(cert, { hashAlgorithm: "SHA-1", issuerCertificate: issuer });
  let body: Buffer;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/ocsp-request", accept: "application/ocsp-response" },
      body: new Uint8Array(req.toSchema(true).toBER(false)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    throw fail(
      cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause),
      err,
    );
  }
  let basic: pkijs.BasicOCSPResponse;
  try {
    const resp = pkijs.OCSPResponse.fromBER(new Uint8Array(body));
    const status = resp.responseStatus.valueBlock.valueDec;
    if (status !== 0 || !resp.responseBytes || resp.responseBytes.responseType !== OID_BASIC_OCSP) {
      throw new Error(`OCSPResponseStatus ${status}`);
    }
    basic = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(resp.responseBytes.response.valueBlock.valueHexView),
    );
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err), err);
  }
  if (!signedByIssuer(basic, issuerDer)) throw fail("chữ ký của máy chủ OCSP không đúng");
  const status = await basic.getCertificateStatus(cert, issuer);
  if (!status.isForCertificate) throw fail("câu trả lời không nói về chứng thư này");
  if (status.status === 0) return { status: "good", responder: url };
  if (status.status === 1) {
    const single = basic.tbsResponseData.responses.find((r) => r.certStatus instanceof asn1js.Constructed);
    const time = (single?.certStatus as asn1js.Constructed | undefined)?.valueBlock.value[0];
    const revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate() : new Date(Number.NaN);
    return { status: "revoked", responder: url, revokedAt };
  }
  throw fail("máy chủ OCSP không biết chứng thư này (unknown)");
}
