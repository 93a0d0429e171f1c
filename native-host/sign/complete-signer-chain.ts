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
 * policy (TOKEN_CERT_WEAK_HASH...). Throws ISSUER_DOWNLOAD_FAILED,
 * ISSUER_DOWNLOAD_NOT_ISSUER, or ISSUER_DOWNLOAD_FORBIDDEN when `settings.download` is false:
 * a signature whose chain no verifier can build offline is not worth a PIN.
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
    if (!issuer) {
      const url = caIssuersUrl(current);
      if (!url) break;
      if (settings.download === false) {
        throw new HocBaError("ISSUER_DOWNLOAD_FORBIDDEN", {
          name: info.commonName,
          issuer: info.issuerCommonName || info.issuer,
          url,
        });
      }
      issuer = await fetchCaIssuer(current, url, settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {});
      downloaded.push(url);
    }
    const der = Buffer.from(issuer);
    const issuerInfo = describeCertificate(der);
    if (issuerInfo.selfSigned || chain.some((c) => c.equals(der))) break;
    // Checked again when KeyInfo is written, after the login: a weak CA certificate is said here.
    assertCertificatePolicy(issuerInfo, "ca");
    chain.push(der);
    current = der;
  }
  return { chain, downloaded };
}
