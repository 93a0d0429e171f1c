import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { assertCertificatePolicy } from "../token/assert-certificate-policy.ts";
import { describeCertificate } from "../token/certificate-info.ts";
import { caIssuersUrl, fetchCaIssuer } from "../trust/fetch-ca-issuer.ts";
import type { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { issuerAmong } from "./check-signer-revocation.ts";

/** What the institution decided about fetching a missing issuer (README, trust section). */
export interface IssuerSettings {
  /** Download a missing issuer from the certificate's AIA caIssuers (default true). */
  download?: boolean;
  timeoutMs?: number;
}

export interface CompletedChain {
  /**
   * The signer's CA certificates, nearest first, without a self-signed root: what KeyInfo carries
   * after the signer's certificate, so that an offline verifier can build the path.
   */
  chain: Buffer[];
  /** The caIssuers URLs a certificate was downloaded from, for the audit entry. */
  downloaded: string[];
}

/** Longer chains than this are not what Vietnamese CAs issue (root, one or two sub-CAs). */
const MAX_DEPTH = 6;

/**
 * Before the login: the signer's chain up to a root, each issuer taken from the token's
 * certificates, else from the trust store's intermediates and roots (`store`, loaded only when the
 * token lacks one), else downloaded from the certificate's AIA caIssuers (fetchCaIssuer checks it
 * is the issuer). Stops at a self-signed certificate, or where a certificate names no issuer
 * address (the verifier then judges the path). Each CA certificate kept meets the certificate
 * policy (TOKEN_CERT_WEAK_HASH...).
 * Only the signer's issuer must be had: ISSUER_DOWNLOAD_FAILED, ISSUER_DOWNLOAD_NOT_ISSUER, or
 * ISSUER_DOWNLOAD_FORBIDDEN when `settings.download` is false (a signature whose chain no verifier
 * can build offline is not worth a PIN). Above it, only a downloaded CA's issuer is downloaded, and
 * a failure there just ends the chain: a CA certificate from the token or the store never sends
 * the helper to the network (its issuer is the root, usually, which KeyInfo does not carry, and a
 * centre whose store lacks the root must not have every signing wait on a blocked address).
 */
export async function completeSignerChain(
  leafDer: Uint8Array,
  tokenCertificates: readonly Uint8Array[],
  store: () => TrustAnchors,
  settings: IssuerSettings = {},
): Promise<CompletedChain> {
  const chain: Buffer[] = [];
  const downloaded: string[] = [];
  let stored: readonly Uint8Array[] | undefined;
  let current: Uint8Array = leafDer;
  // Whether `current` is the signer's certificate or was downloaded: only then is its issuer fetched.
  let fetchable = true;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const info = describeCertificate(current);
    if (info.selfSigned) break;
    let issuer = issuerAmong(current, tokenCertificates);
    if (!issuer) {
      if (!stored) {
        const anchors = store();
        stored = [...anchors.intermediateDers, ...anchors.rootDers];
      }
      issuer = issuerAmong(current, stored);
    }
    let fromNetwork = false;
    if (!issuer) {
      const url = fetchable ? caIssuersUrl(current) : undefined;
      if (!url) break;
      const leaf = depth === 0;
      if (settings.download === false) {
        if (!leaf) break;
        throw new HocBaError("ISSUER_DOWNLOAD_FORBIDDEN", {
          name: info.commonName,
          issuer: info.issuerCommonName || info.issuer,
          url,
        });
      }
      const fetched = fetchCaIssuer(
        current,
        url,
        settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {},
      );
      issuer = leaf ? await fetched : await fetched.catch(() => undefined);
      if (!issuer) break;
      downloaded.push(url);
      fromNetwork = true;
    }
    const der = Buffer.from(issuer);
    const issuerInfo = describeCertificate(der);
    if (issuerInfo.selfSigned || chain.some((c) => c.equals(der))) break;
    // Checked again when KeyInfo is written, after the login: a weak CA certificate is said here.
    assertCertificatePolicy(issuerInfo, "ca");
    chain.push(der);
    current = der;
    fetchable = fromNetwork;
  }
  return { chain, downloaded };
}
