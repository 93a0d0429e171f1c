import { checkSignerAuthority } from "../../shared/authority/check-signer-authority.ts";
import { readCertificateSubject } from "../../shared/authority/read-certificate-subject.ts";
import type { AuthorityVerdict, NamedSigners } from "../../shared/authority/signer-authority.ts";
import type { CertificateInfo } from "../../shared/protocol/responses.ts";
import type { SignerRole } from "../models/wire.ts";

/**
 * Whether a certificate may sign the role for the classes shown (shared/authority, the rule the
 * helper enforces again before the PIN): "ok" for every class; "warning" (same CCCD, name spelt
 * otherwise); "partly" (some classes only: the helper will refuse the other classes' records);
 * "refused".
 */
export interface CertAuthority {
  status: "ok" | "warning" | "partly" | "refused";
  /** The verdict to explain: the first refusal, else the warning. */
  verdict?: AuthorityVerdict;
}

/**
 * Marks each certificate with its authority for `role`, and picks the one to preselect: a usable
 * certificate of the person the records name (every class first); else none, so that the user
 * chooses consciously (never someone else's by default).
 */
export function markCertificates<T extends { cert: CertificateInfo }>(
  choices: readonly T[],
  role: SignerRole,
  signers: readonly NamedSigners[],
): { marks: Map<T, CertAuthority>; preferred: T | undefined } {
  const marks = new Map<T, CertAuthority>();
  // Certificates whose holder is written exactly as the record writes the name come first.
  const exact = new Set<T>();
  for (const choice of choices) {
    const subject = readCertificateSubject(choice.cert.subject);
    const verdicts = signers.map((named) => checkSignerAuthority(role, named, subject));
    if (verdicts.every((v) => v.holder.normalize("NFC") === v.named.normalize("NFC"))) exact.add(choice);
    const refused = verdicts.filter((v) => v.status === "refused");
    const warning = verdicts.find((v) => v.status === "warning");
    marks.set(
      choice,
      refused.length > 0
        ? { status: refused.length === verdicts.length ? "refused" : "partly", verdict: refused[0] }
        : warning
          ? { status: "warning", verdict: warning }
          : { status: "ok" },
    );
  }
  const usable = choices
    .filter((c) => c.cert.usableForSigning)
    .sort((a, b) => Number(exact.has(b)) - Number(exact.has(a)));
  const preferred = (["ok", "warning", "partly"] as const)
    .map((status) => usable.find((c) => marks.get(c)?.status === status))
    .find((c) => c !== undefined);
  return { marks, preferred };
}
