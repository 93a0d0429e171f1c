import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../shared/errors/message-table.ts";
import { formatDateVi, describeCertificate } from "../token/certificate-info.ts";
import { checkRevocation } from "../trust/check-revocation.ts";

/** What the institution decided (docs/format-hocbaso.md, "Levels"; README, trust section). */
export interface RevocationSettings {
  /** A certificate with no OCSP address is refused (default: signed with a warning). */
  require?: boolean;
  /** An unreachable responder is a warning, not a refusal. */
  allowUnchecked?: boolean;
  /** An OCSP responder that cannot be used sends the question to the certificate's CRL (CDP). */
  crlFallback?: boolean;
  timeoutMs?: number;
}

/** The outcome to show and to record in the batch-started audit entry. */
export interface RevocationFinding {
  audit: { revocation: string; ocsp?: string; crl?: string; revocationWarning?: string };
  warning?: string;
}

/**
 * Before the login: is the certificate the batch will sign with revoked? Asks the OCSP responder
 * of its AIA or the CRL of its CDP (checkRevocation), with its issuer found among `candidates`
 * (the token's certificates, or the chain).
 * Throws REVOCATION_REVOKED (naming the date), REVOCATION_REQUIRED, or REVOCATION_UNREACHABLE
 * unless `allowUnchecked`.
 */
export async function checkSignerRevocation(
  leafDer: Uint8Array,
  candidates: readonly Uint8Array[],
  settings: RevocationSettings = {},
): Promise<RevocationFinding> {
  const leaf = describeCertificate(leafDer);
  const issuer = issuerAmong(leafDer, candidates);
  const noAddress = (): RevocationFinding => {
    if (settings.require) throw new HocBaError("REVOCATION_REQUIRED", { name: leaf.commonName });
    const warning = formatMessage("REVOCATION_NO_ADDRESS", { name: leaf.commonName });
    return { audit: { revocation: "no-address", revocationWarning: warning }, warning };
  };
  try {
    const status = await checkRevocation(leafDer, issuer, {
      ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
      ...(settings.crlFallback ? { crlFallback: true } : {}),
    });
    if (status.status === "no-address") return noAddress();
    if (status.status === "revoked") {
      throw new HocBaError("REVOCATION_REVOKED", {
        name: leaf.commonName,
        revokedAt: formatDateVi(status.revokedAt),
        url: status.responder,
      });
    }
    return { audit: { revocation: "good", [status.source]: status.responder } };
  } catch (err) {
    if (!isHocBaError(err) || err.code !== "REVOCATION_UNREACHABLE" || !settings.allowUnchecked) throw err;
    const warning = formatMessage("REVOCATION_UNCHECKED_WARNING", { detail: err.message });
    return { audit: { revocation: "unchecked", revocationWarning: warning }, warning };
  }
}

/** The CA certificate among `candidates` that issued `leafDer` (by name, a CA), if any. */
export function issuerAmong(leafDer: Uint8Array, candidates: readonly Uint8Array[]): Uint8Array | undefined {
  const leaf = describeCertificate(leafDer);
  return candidates.find((c) => {
    try {
      const info = describeCertificate(c);
      return info.subject === leaf.issuer && info.isCa;
    } catch {
      return false;
    }
  });
}
