import { createHash, randomBytes } from "node:crypto";
import * as pkijs from "pkijs";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { checkTimestampToken, timestampRequestDer } from "./check-timestamp-token.ts";

/** Where and how to ask for timestamps (docs/format-hocbaso.md, "Levels"). */
export interface TsaSettings {
  url: string;
  /** Per request (default 15 s): a TSA that does not answer stops signing, it does not hang it. */
  timeoutMs?: number;
}

/** A checked timestamp token (DER ContentInfo) and the time it certifies. */
export interface Timestamp {
  token: Buffer;
  genTime: Date;
}

/** PKIStatus granted (0) and grantedWithMods (1): the only answers that carry a token. */
const GRANTED = new Set([0, 1]);

/**
 * Asks the TSA at `settings.url` (RFC 3161 over HTTP, application/timestamp-query) for a timestamp
 * over `data` (its SHA-256 imprint is sent), with a fresh nonce, and checks the answer: status, token
 * signature, imprint and nonce (checkTimestampToken). Throws HocBaError TSA_UNREACHABLE (network,
 * timeout, HTTP status) or TSA_BAD_RESPONSE (refused or not a valid token for this request).
 */
export async function requestTimestamp(settings: TsaSettings, data: Uint8Array): Promise<Timestamp> {
  const { url } = settings;
  checkTsaUrl(url);
  const imprint = createHash("sha256").update(data).digest();
  const nonce = BigInt(`0x${randomBytes(8).toString("hex")}`);
  let body: Buffer;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" },
      body: new Uint8Array(timestampRequestDer(imprint, nonce)),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 15_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const detail =
      cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
    throw new HocBaError("TSA_UNREACHABLE", { url, detail }, { cause: err });
  }
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(new Uint8Array(body));
  } catch (err) {
    throw new HocBaError("TSA_BAD_RESPONSE", { url, detail: "không phải TimeStampResp" }, { cause: err });
  }
  const status = resp.status.status;
  if (!GRANTED.has(status) || !resp.timeStampToken) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join("; ") ?? "";
    throw new HocBaError("TSA_BAD_RESPONSE", { url, detail: `từ chối (PKIStatus ${status}) ${text}`.trim() });
  }
  const token = Buffer.from(resp.timeStampToken.toSchema().toBER(false));
  const check = await checkTimestampToken(token, data, nonce);
  if (!check.ok) throw new HocBaError("TSA_BAD_RESPONSE", { url, detail: check.reason });
  return { token, genTime: check.genTime };
}

/**
 * Refuses a TSA address that is not http(s) (a typo in --tsa or HOCBA_TSA_URL) as TSA_BAD_URL: it
 * would otherwise read as a server that cannot be reached, and send IT to check the network.
 */
export function checkTsaUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.hostname === "") {
    throw new HocBaError("TSA_BAD_URL", { url });
  }
}
