import * as pkijs from "pkijs";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { formatSigningTime } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { readCrl } from "./read-crl.ts";
import { readOcspResponse } from "./read-ocsp-response.ts";

const OID_AIA = "1.3.6.1.5.5.7.1.1";
const OID_OCSP = "1.3.6.1.5.5.7.48.1";
const OID_CDP = "2.5.29.31";

/** Where the answer came from, and its bytes (kept in xades:RevocationValues for B-LT). */
interface Evidence {
  /** The OCSP responder or CRL URL asked. */
  responder: string;
  source: "ocsp" | "crl";
  /** The OCSPResponse or the CRL, DER, exactly as received. */
  data: Buffer;
}

/** The revocation status of a signer's certificate, as its CA's OCSP responder or CRL gives it. */
export type RevocationStatus =
  | ({ status: "good" } & Evidence)
  | ({ status: "revoked"; revokedAt: Date } & Evidence)
  /** Neither an OCSP nor a CRL address in the certificate (test and internal CAs often have none). */
  | { status: "no-address" };

export interface RevocationOptions {
  timeoutMs?: number;
  /** When the OCSP responder cannot be used, try the CRL of the certificate's CDP. */
  crlFallback?: boolean;
  /** "Now" for a CRL's validity window (tests pin it). */
  now?: Date;
  /** Downloaded CRLs by URL, reused within a batch while they are current. */
  crlCache?: Map<string, Buffer>;
}

/** A CRL issued up to this much "in the future" is accepted (clock differences). */
const CLOCK_SKEW_MS = 5 * 60_000;

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

function unreachable(url: string, detail: string, cause?: unknown): HocBaError {
  return new HocBaError("REVOCATION_UNREACHABLE", { url, detail }, cause ? { cause } : undefined);
}

/** POSTs (OCSP) or GETs (CRL) over HTTP; a network problem is REVOCATION_UNREACHABLE. */
async function download(
  url: string,
  timeoutMs: number,
  ocspRequest?: Uint8Array<ArrayBuffer>,
): Promise<Buffer> {
  try {
    const res = await fetch(
      url,
      ocspRequest
        ? {
            method: "POST",
            headers: {
              "content-type": "application/ocsp-request",
              accept: "application/ocsp-response",
            },
            body: ocspRequest,
            signal: AbortSignal.timeout(timeoutMs),
          }
        : { signal: AbortSignal.timeout(timeoutMs) },
    );
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    throw unreachable(
      url,
      cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause),
      err,
    );
  }
}

async function askOcsp(
  url: string,
  cert: pkijs.Certificate,
  certificateDer: Uint8Array,
  issuerDer: Uint8Array,
  timeoutMs: number,
): Promise<RevocationStatus> {
  const issuer = pkijs.Certificate.fromBER(new Uint8Array(issuerDer));
  const req = new pkijs.OCSPRequest();
  await req.createForCertificate(cert, { hashAlgorithm: "SHA-1", issuerCertificate: issuer });
  const data = await download(url, timeoutMs, new Uint8Array(req.toSchema(true).toBER(false)));
  const answer = await readOcspResponse(data, certificateDer, issuerDer);
  if (!answer.ok) throw unreachable(url, answer.reason);
  if (answer.status === "unknown") throw unreachable(url, "máy chủ OCSP không biết chứng thư này (unknown)");
  const evidence: Evidence = { responder: url, source: "ocsp", data };
  return answer.status === "revoked"
    ? { status: "revoked", revokedAt: answer.revokedAt ?? new Date(Number.NaN), ...evidence }
    : { status: "good", ...evidence };
}

/**
 * The batch's CRL downloads by URL, under way or done, per batch cache: documents signed side by
 * side share one download (the cache itself is filled only once a CRL has been checked).
 */
const crlDownloads = new WeakMap<Map<string, Buffer>, Map<string, Promise<Buffer>>>();

function downloadCrl(url: string, options: RevocationOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const cache = options.crlCache;
  if (!cache) return download(url, timeoutMs);
  let batch = crlDownloads.get(cache);
  if (!batch) crlDownloads.set(cache, (batch = new Map<string, Promise<Buffer>>()));
  const downloads = batch;
  let p = downloads.get(url);
  if (!p) {
    const started = download(url, timeoutMs);
    downloads.set(url, started);
    // A failed download is tried again by the next document.
    started.catch(() => downloads.get(url) === started && downloads.delete(url));
    p = started;
  }
  return p;
}

/**
 * Downloads the CRL at `url` (or takes it from the batch's cache), checks its signature with the
 * issuer's key and that it is current (thisUpdate <= now <= nextUpdate), and looks for the serial.
 */
async function askCrl(
  url: string,
  certificateDer: Uint8Array,
  issuerDer: Uint8Array,
  options: RevocationOptions,
): Promise<RevocationStatus> {
  const now = options.now ?? new Date();
  const cached = options.crlCache?.get(url);
  const data = cached ?? (await downloadCrl(url, options));
  const answer = await readCrl(data, certificateDer, issuerDer);
  if (!answer.ok) throw unreachable(url, answer.reason);
  if (answer.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw unreachable(url, `CRL phát hành sau thời điểm hiện tại (${formatSigningTime(answer.thisUpdate)})`);
  }
  if (answer.nextUpdate && answer.nextUpdate < now) {
    // A stale copy in the cache is dropped and the CRL downloaded once more.
    if (cached) {
      options.crlCache?.delete(url);
      if (options.crlCache) crlDownloads.get(options.crlCache)?.delete(url);
      return askCrl(url, certificateDer, issuerDer, options);
    }
    throw unreachable(url, `CRL đã quá hạn (nextUpdate ${formatSigningTime(answer.nextUpdate)})`);
  }
  options.crlCache?.set(url, data);
  const evidence: Evidence = { responder: url, source: "crl", data };
  return answer.revokedAt
    ? { status: "revoked", revokedAt: answer.revokedAt, ...evidence }
    : { status: "good", ...evidence };
}

/**
 * Asks whether the certificate is revoked: the OCSP responder named in its AIA (RFC 6960 over
 * HTTP POST), or, when it names none, the CRL of its CDP (RFC 5280, HTTP GET). With `crlFallback`,
 * an OCSP responder that cannot be used sends the question to the CRL too. Every answer is checked:
 * an OCSP response signed by the issuer (or its OCSP-signing responder) about this certificate; a
 * CRL signed with the issuer's key, current now. Returns the answer's bytes with it (B-LT).
 * Throws HocBaError REVOCATION_UNREACHABLE (network, timeout, HTTP, an unusable or stale answer).
 */
export async function checkRevocation(
  certificateDer: Uint8Array,
  /** The issuing CA's certificate; undefined when it is not at hand (then only "no-address" can be told). */
  issuerDer: Uint8Array | undefined,
  options: RevocationOptions = {},
): Promise<RevocationStatus> {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
  const [ocspUrl] = uris(cert, OID_AIA);
  const [crlUrl] = uris(cert, OID_CDP);
  const url = ocspUrl ?? crlUrl;
  if (!url) return { status: "no-address" };
  if (!issuerDer) throw unreachable(url, "không có chứng thư của CA cấp để kiểm tra câu trả lời");
  if (!ocspUrl && crlUrl) return askCrl(crlUrl, certificateDer, issuerDer, options);
  try {
    return await askOcsp(url, cert, certificateDer, issuerDer, options.timeoutMs ?? 15_000);
  } catch (err) {
    if (!options.crlFallback || !crlUrl) throw err;
    return askCrl(crlUrl, certificateDer, issuerDer, options);
  }
}
