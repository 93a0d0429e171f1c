import * as pkijs from "pkijs";
import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { describeCertificate, formatDateVi } from "../token/certificate-info.ts";
import { checkRevocation, type RevocationStatus } from "../trust/check-revocation.ts";
import type { RevocationSettings } from "./check-signer-revocation.ts";
import type { ValidationData, ValidationDataSource } from "./validation-data.ts";

const OID_EKU = "2.5.29.37";
const OID_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

function der(c: pkijs.Certificate): Buffer {
  return Buffer.from(c.toSchema().toBER(false));
}

/** The certificates inside an RFC 3161 token, the TSA's (extendedKeyUsage timeStamping) first. */
function tokenCertificates(token: Uint8Array): Buffer[] {
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(token));
    const signed = new pkijs.SignedData({ schema: info.content });
    const certs = (signed.certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
    );
    const isTsa = (c: pkijs.Certificate) =>
      (
        (c.extensions?.find((e) => e.extnID === OID_EKU)?.parsedValue as pkijs.ExtKeyUsage | undefined)
          ?.keyPurposes ?? []
      ).includes(OID_TIME_STAMPING);
    return [...certs.filter(isTsa), ...certs.filter((c) => !isTsa(c))].map(der);
  } catch {
    return [];
  }
}

/** `leaf` and its issuers found in `pool` by name, up to a self-signed one (at most 8 steps). */
function chainIn(leaf: Uint8Array, pool: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [leaf];
  let current = describeCertificate(leaf);
  for (let i = 0; i < 8 && current.subject !== current.issuer; i++) {
    const issuer = pool.find((c) => {
      try {
        const info = describeCertificate(c);
        return info.isCa && info.subject === current.issuer;
      } catch {
        return false;
      }
    });
    if (!issuer || out.includes(issuer)) break;
    out.push(issuer);
    current = describeCertificate(issuer);
  }
  return out;
}

function dedupe(items: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return items.filter((d) => {
    const k = Buffer.from(d).toString("base64");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The B-LT step of signing (docs/format-hocbaso.md, "Levels"): right after the timestamp, asks the
 * signer's OCSP responder (or CRL) again, so the answer kept was given after the timestamp time,
 * and gathers the CA certificates of the signer's and the TSA's chains (`candidates`: the token's
 * certificates, which may hold the root). The TSA certificate's own revocation data is added when
 * its certificate names an address and the answer is good; otherwise the TSA part is only its chain.
 * Returns undefined (the signature stays B-T) when the signer's certificate names no OCSP or CRL
 * address, or when the answer cannot be had and `settings.allowUnchecked`; else refuses the
 * document: REVOCATION_REVOKED, REVOCATION_UNREACHABLE_AFTER_TIMESTAMP. CRLs are downloaded once
 * per batch.
 */
export function collectValidationData(
  candidates: readonly Uint8Array[],
  settings: RevocationSettings = {},
): ValidationDataSource {
  const crlCache = new Map<string, Buffer>();
  const options = {
    crlCache,
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.crlFallback ? { crlFallback: true } : {}),
  };
  return async (signer, timestampToken): Promise<ValidationData | undefined> => {
    const pool = [...signer.chain, ...candidates];
    const signerChain = chainIn(signer.certificate, pool);
    let status: RevocationStatus;
    try {
      status = await checkRevocation(signer.certificate, signerChain[1], options);
    } catch (err) {
      if (!isHocBaError(err) || err.code !== "REVOCATION_UNREACHABLE") throw err;
      if (settings.allowUnchecked) return undefined;
      // Not the check before the login's message ("no PIN was asked"): the PIN was, and the token signed.
      throw new HocBaError("REVOCATION_UNREACHABLE_AFTER_TIMESTAMP", err.params, { cause: err });
    }
    if (status.status === "no-address") return undefined;
    if (status.status === "revoked") {
      throw new HocBaError("REVOCATION_REVOKED", {
        name: describeCertificate(signer.certificate).commonName,
        revokedAt: formatDateVi(status.revokedAt),
        url: status.responder,
      });
    }
    const data: ValidationData = { certificates: [], ocsp: [], crls: [] };
    (status.source === "ocsp" ? data.ocsp : data.crls).push(status.data);
    const tsaCerts = tokenCertificates(timestampToken);
    const tsaChain = tsaCerts[0] ? chainIn(tsaCerts[0], [...tsaCerts, ...pool]) : [];
    if (tsaChain[0] && tsaChain[1]) {
      const tsa = await checkRevocation(tsaChain[0], tsaChain[1], options).catch(() => undefined);
      if (tsa?.status === "good") (tsa.source === "ocsp" ? data.ocsp : data.crls).push(tsa.data);
    }
    // The signer's own certificate is in KeyInfo; everything else either chain needs is kept here.
    data.certificates = dedupe([...signerChain.slice(1), ...tsaChain]);
    data.crls = dedupe(data.crls);
    return data;
  };
}
