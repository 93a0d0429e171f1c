import { authorityMessage } from "../../shared/authority/authority-message.ts";
import { checkSignerAuthority } from "../../shared/authority/check-signer-authority.ts";
import { readCertificateSubject } from "../../shared/authority/read-certificate-subject.ts";
import type { NamedSigners, SignedAs } from "../../shared/authority/signer-authority.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { verifyIssue, type VerifyIssue } from "../xmldsig/verify-issue.ts";

/** Whether a signature's signer is the one the record names for its role (report and --json). */
export interface SignatureAuthority {
  /** The signer may sign the role ("ok", or "warning": same CCCD, name spelt otherwise). */
  ok: boolean;
  status: "ok" | "warning" | "refused";
  /** In the record's words: GVCN, ThuTruong (the head), KyThay (the deputy, KT.), DonVi. */
  signedAs?: SignedAs;
  /** Who the record names for the role (the head, the deputy, or TenTruong). */
  named: string;
  /** The certificate's holder (CN). */
  holder: string;
  /** The spelling warning, when the CCCD matched and the names differ in spelling only. */
  warning?: VerifyIssue;
}

/**
 * The signer-authority check of one signature (docs/format-hocbaso.md, "Signer authority"): the
 * rule the signer applies before the PIN, applied to what a file claims. A refusal comes back as
 * the issue that makes the signature invalid, naming both persons.
 */
export function checkSignatureAuthority(
  role: SigningRole,
  named: NamedSigners,
  certificateSubject: string,
): { authority: SignatureAuthority; issue?: VerifyIssue } {
  const verdict = checkSignerAuthority(role, named, readCertificateSubject(certificateSubject));
  const message = authorityMessage(verdict, "verify");
  const said = message ? verifyIssue(message.code, message.params) : undefined;
  const authority: SignatureAuthority = {
    ok: verdict.status !== "refused",
    status: verdict.status,
    ...(verdict.status !== "refused" ? { signedAs: verdict.signedAs } : {}),
    named: verdict.named,
    holder: verdict.holder,
    ...(verdict.status === "warning" && said ? { warning: said } : {}),
  };
  return verdict.status === "refused" && said ? { authority, issue: said } : { authority };
}
