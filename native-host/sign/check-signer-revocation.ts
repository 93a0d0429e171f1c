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
  timeoutMs?: number;
}

/** The outcome to show and to record in the batch-started audit entry. */
export interface RevocationFinding {
  audit: { revocation: string; ocsp?: string; revocationWarning?: string };
  warning?: string;
}

/**
 * Before the login: is the certificate the batch will sign with revoked? Asks the OCSP responder
 * of its AIA, with its issuer found among `candidates` (the token's certificates, or the chain).
 * Throws REVOCATION_REVOKED (naming the date), REVOCATION_REQUIRED, or REVOCATION_UNREACHABLE
 * unless `allowUnchecked`.
 */
export async function checkSignerRevocation(
  leafDer: Uint8Array,
  candidates: readonly Uint8Array[],
  settings: RevocationSettings = {},
): Promise<RevocationFinding> {
  const leaf = describeCertificate(leafDer);
  const issuer: Uint8Array | undefined = candidates.find((c) => {
    try {
      const info = describeCertificate(c);
      return info.subject === leaf.issuer && info.isCa;
    } catch {
      return false;
    }
  });
  const noAddress = (): RevocationFinding => {
    if (settings.require) throw new HocBaError("REVOCATION_REQUIRED", { name: leaf.commonName });
    const warning = formatMessage("REVOCATION_NO_ADDRESS", { name: leaf.commonName });
    return { audit: { revocation: "no-address", revocationWarning: warning }, warning };
  };
  try {
    const status = await checkRevocation(
      leafDer,
      issuer,
      settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {},
    );
    if (status.status === "no-address") return noAddress();
    if (status.status === "revoked") {
      throw new HocBaError("REVOCATION_REVOKED", {
        name: leaf.commonName,
        revokedAt: formatDateVi(status.revokedAt),
        url: status.responder,
      });
    }
    return { audit: { revocation: "good", ocsp: status.responder } };
  } catch (err) {
    if (!isHocBaError(err) || err.code !== "REVOCATION_UNREACHABLE" || !settings.allowUnchecked) throw err;
    const warning = formatMessage("REVOCATION_UNCHECKED_WARNING", { detail: err.message });
    return { audit: { revocation: "unchecked", revocationWarning: warning }, warning };
  }
}
