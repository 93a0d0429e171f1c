import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { StoredDocument } from "../archive/hocba-archive.ts";
import { describeCertificate } from "../token/certificate-info.ts";
import { verifyHocBa, type VerifyReport } from "../verify/verify-hocba.ts";
import { TrustAnchors } from "../xmldsig/trust-anchors.ts";

export interface ResumeCheckOptions {
  role: SigningRole;
  /** The roots signing trusts now; none (or empty): the copy's signatures are checked without chains. */
  trust?: TrustAnchors | undefined;
  /** "Now", for the verifier's future-SigningTime check (tests pin it). */
  now?: () => Date;
}

/** "Trần Thị Thu Hằng (3A0F…)": who a certificate names, and which one it is. */
function certificateName(der: Uint8Array): string {
  try {
    const info = describeCertificate(der);
    return `${info.commonName} (${info.serialHex})`;
  } catch {
    return "?";
  }
}

/** Without roots the chain cannot be judged: everything else must hold. */
function validWithoutChain(report: VerifyReport): boolean {
  return (
    report.issues.every((i) => i.code === "VERIFY_NO_TRUST_ROOTS") &&
    report.signatures.length > 0 &&
    report.signatures.every(
      (s) =>
        s.issues.length === 0 &&
        s.integrity &&
        s.validAtSigningTime &&
        s.keyUsageOk &&
        s.signingCertificateOk &&
        s.roleOk,
    )
  );
}

/**
 * The rule by which an archived copy answers for a batch (sign-archived-batch's checkResume): it
 * was signed in the role with exactly the certificate the batch signs with (DER), and it still
 * verifies under the trust signing uses now. Otherwise returns why not (the document is then
 * signed anew): another certificate (a re-created token, another person's card), or a copy that
 * no longer verifies (roots changed, a chain that no longer holds).
 */
export function checkResumable(
  options: ResumeCheckOptions,
): (stored: StoredDocument, certificateDer: Uint8Array) => Promise<HocBaError | null> {
  const anchors = options.trust ?? TrustAnchors.load({ trustStoreDir: null });
  return async (stored, certificateDer) => {
    const chosen = Buffer.from(certificateDer.buffer, certificateDer.byteOffset, certificateDer.byteLength);
    const otherCertificate = () =>
      new HocBaError("SIGN_RESUME_OTHER_CERTIFICATE", {
        archived: certificateName(stored.signerCertDer),
        chosen: certificateName(chosen),
      });
    if (Buffer.compare(stored.signerCertDer, chosen) !== 0) return otherCertificate();
    const report = await verifyHocBa(stored.bytes, {
      anchors,
      readView: false,
      ...(options.now ? { now: options.now() } : {}),
    });
    // The document's own KeyInfo, not only the archive's record of it, must name that certificate.
    const info = describeCertificate(chosen);
    const mine = report.signatures.find((s) => s.role === options.role);
    if (mine?.signer && (mine.signer.certSerial !== info.serialHex || mine.signer.issuer !== info.issuer)) {
      return otherCertificate();
    }
    const valid = anchors.empty ? validWithoutChain(report) : report.ok;
    if (mine && valid) return null;
    const first =
      report.issues.find((i) => i.code !== "VERIFY_NO_TRUST_ROOTS") ??
      report.signatures.flatMap((s) => s.issues)[0];
    return new HocBaError("SIGN_RESUME_NOT_VALID", { detail: first?.message ?? options.role });
  };
}
