import { authorityMessage } from "../../shared/authority/authority-message.ts";
import { checkSignerAuthority } from "../../shared/authority/check-signer-authority.ts";
import { readCertificateSubject } from "../../shared/authority/read-certificate-subject.ts";
import type { AuthorityVerdict, NamedSigners } from "../../shared/authority/signer-authority.ts";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/**
 * Refuses (HocBaError SIGN_AUTHORITY_*, naming both persons) a certificate whose holder the record
 * does not name for `role` (shared/authority, docs/format-hocbaso.md "Signer authority"). The
 * certificate is its subject DN as describeCertificate prints it. Returns the verdict when it may
 * sign: "ok", or "warning" (same CCCD, name spelt otherwise).
 */
export function assertSignerAuthority(
  role: SigningRole,
  named: NamedSigners,
  certificateSubject: string,
): AuthorityVerdict {
  const verdict = checkSignerAuthority(role, named, readCertificateSubject(certificateSubject));
  if (verdict.status === "refused") {
    const message = authorityMessage(verdict, "sign");
    if (message) throw new HocBaError(message.code, message.params);
  }
  return verdict;
}
