import { X509Certificate } from "node:crypto";
import * as pkijs from "pkijs";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

const OID_AIA = "1.3.6.1.5.5.7.1.1";
const OID_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";
const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";

/** A CA certificate, or a PKCS#7 bundle of a few, is a few KB: more is not what the URL should give. */
export const CA_ISSUER_MAX_BYTES = 64 * 1024;
/** Short: this is asked before the PIN, with the teacher waiting. */
const DEFAULT_TIMEOUT_MS = 5_000;

export interface CaIssuerOptions {
  timeoutMs?: number;
}

/** The first http:// caIssuers address of the certificate's AIA (RFC 5280 4.2.2.1), if any. */
export function caIssuersUrl(certificateDer: Uint8Array): string | undefined {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
  const aia = cert.extensions?.find((e) => e.extnID === OID_AIA)?.parsedValue as pkijs.InfoAccess | undefined;
  return (aia?.accessDescriptions ?? [])
    .filter((d) => d.accessMethod === OID_CA_ISSUERS && d.accessLocation.type === 6)
    .map((d) => String(d.accessLocation.value))
    .find((u) => /^http:\/\//i.test(u));
}

/** The CN of a name as X509Certificate writes it (one attribute per line), else the whole name. */
function commonName(dn: string): string {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(dn)?.[1];
  return cn ?? dn.replace(/\n/g, ", ");
}

/**
 * Downloads the certificate that issued `childDer` from `url` (its AIA caIssuers), as CAs publish
 * it: DER, PEM, or a PKCS#7 certs-only bundle (DER or PEM), over plain HTTP, within a short
 * timeout and CA_ISSUER_MAX_BYTES. What comes back must be the issuer: its subject is the child's
 * issuer name, it is a CA, and its key verifies the child's signature.
 * Throws HocBaError ISSUER_DOWNLOAD_FAILED (network, timeout, HTTP status, too large) or
 * ISSUER_DOWNLOAD_NOT_ISSUER, both naming the child certificate and the URL.
 */
export async function fetchCaIssuer(
  childDer: Uint8Array,
  url: string,
  options: CaIssuerOptions = {},
): Promise<Buffer> {
  const child = new X509Certificate(childDer);
  const name = commonName(child.subject);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = await download(url, timeoutMs).catch((err: unknown) => {
    throw new HocBaError(
      "ISSUER_DOWNLOAD_FAILED",
      { name, url, detail: failureDetail(err, timeoutMs) },
      {
        cause: err,
      },
    );
  });
  const notIssuer = (detail: string) => new HocBaError("ISSUER_DOWNLOAD_NOT_ISSUER", { name, url, detail });
  const certs = certificatesIn(body);
  if (certs.length === 0) throw notIssuer("không phải chứng thư số X.509 (DER, PEM hoặc PKCS#7)");
  const named = certs.filter((c) => c.subject === child.issuer);
  if (named.length === 0) {
    const first = certs[0];
    throw notIssuer(
      `chứng thư nhận được là của «${first ? commonName(first.subject) : "?"}», không phải của CA đã cấp «${commonName(child.issuer)}»`,
    );
  }
  const issuer = named.find((c) => verifies(child, c));
  if (!issuer) {
    throw notIssuer(
      `khoá của chứng thư «${commonName(child.issuer)}» nhận được không khớp chữ ký trên chứng thư`,
    );
  }
  if (!issuer.ca) {
    throw notIssuer(`chứng thư «${commonName(issuer.subject)}» nhận được không phải chứng thư CA`);
  }
  return Buffer.from(issuer.raw);
}

function verifies(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** GET with a time limit, reading at most CA_ISSUER_MAX_BYTES (a declared or actual larger body is refused). */
async function download(url: string, timeoutMs: number): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const res = await fetch(url, {
    signal,
    headers: { accept: "application/pkix-cert, application/pkcs7-mime" },
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > CA_ISSUER_MAX_BYTES) {
    await res.body?.cancel();
    throw new TooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const step = await reader?.read();
    if (!step || step.done) break;
    size += step.value.byteLength;
    if (size > CA_ISSUER_MAX_BYTES) {
      await reader?.cancel();
      throw new TooLarge();
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks);
}

class TooLarge extends Error {}

/** Why the download failed, in Vietnamese where we can say it (an errno code stays as it is). */
function failureDetail(err: unknown, timeoutMs: number): string {
  if (err instanceof TooLarge) return `tệp lớn hơn ${CA_ISSUER_MAX_BYTES / 1024} KB`;
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `quá ${timeoutMs / 1000} giây không trả lời`;
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return String(cause);
}

/** The certificates in a DER or PEM certificate, or in a PKCS#7 certs-only bundle (DER or PEM). */
function certificatesIn(body: Buffer): X509Certificate[] {
  const text = body.toString("latin1");
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]+)-----END \1-----/g;
  const blocks = text.includes("-----BEGIN ")
    ? [...text.matchAll(pem)].map((m) => Buffer.from((m[2] ?? "").replace(/\s/g, ""), "base64"))
    : [body];
  return blocks.flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return pkcs7Certificates(der);
    }
  });
}

function pkcs7Certificates(der: Buffer): X509Certificate[] {
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(der));
    if (info.contentType !== OID_SIGNED_DATA) return [];
    const signed = new pkijs.SignedData({ schema: info.content });
    return (signed.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER(false))));
  } catch {
    return [];
  }
}
