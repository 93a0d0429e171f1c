import type * as pkijs from "pkijs";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { describeCertificate, type CertificateInfo } from "../token/certificate-info.ts";
import { certificatePolicyProblem } from "../token/certificate-policy.ts";
import { verifyIssue, type VerifyIssue } from "./verify-issue.ts";

/**
 * A chain certificate's DER. Encoding it again costs more than the whole policy check, and the
 * trust store's cached chains hand back the same objects for every document a signer signed.
 */
const encoded = new WeakMap<pkijs.Certificate, Uint8Array>();
function derOf(ca: pkijs.Certificate): Uint8Array {
  let der = encoded.get(ca);
  if (!der) encoded.set(ca, (der = new Uint8Array(ca.toSchema().toBER(false))));
  return der;
}

/** A chain certificate as described (read-only here), for the same reason. */
const describedCa = new WeakMap<pkijs.Certificate, CertificateInfo>();
function describeCa(ca: pkijs.Certificate): CertificateInfo {
  let info = describedCa.get(ca);
  if (!info) describedCa.set(ca, (info = describeCertificate(derOf(ca))));
  return info;
}

/**
 * The certificate policy (native-host/token/certificate-policy.ts) on one signature: the signer's
 * certificate, and, when the chain was built, every CA certificate on the path below the root.
 * One issue per certificate that breaks it, naming the certificate and the reason.
 */
export function certificatePolicyIssues(
  role: SigningRole,
  signer: CertificateInfo,
  path?: readonly pkijs.Certificate[],
): VerifyIssue[] {
  const checked: Array<[CertificateInfo, "signer" | "ca"]> = [[signer, "signer"]];
  const issues: VerifyIssue[] = [];
  // path: signer first, root last; the root is the trust store's choice.
  for (const ca of path?.slice(1, -1) ?? []) {
    try {
      checked.push([describeCa(ca), "ca"]);
    } catch {
      // The chain builder parsed it: not judging it would accept it unread.
      issues.push(
        verifyIssue("VERIFY_SIG_UNTRUSTED", {
          role,
          name: signer.commonName,
          detail: "không đọc được chứng thư CA",
        }),
      );
    }
  }
  for (const [info, kind] of checked) {
    const problem = certificatePolicyProblem(info, kind);
    if (!problem) continue;
    const who = { role, name: info.commonName || info.subject };
    switch (problem.kind) {
      case "weak-key":
        issues.push(verifyIssue("VERIFY_SIG_CERT_WEAK_KEY", { ...who, key: problem.key }));
        break;
      case "weak-hash":
        issues.push(verifyIssue("VERIFY_SIG_CERT_WEAK_HASH", { ...who, algorithm: problem.algorithm }));
        break;
      case "extended-key-usage":
        issues.push(
          verifyIssue("VERIFY_SIG_CERT_EXTENDED_KEY_USAGE", { ...who, purposes: problem.purposes }),
        );
        break;
      case "unknown-critical":
        issues.push(verifyIssue("VERIFY_SIG_CERT_UNKNOWN_CRITICAL", { ...who, oid: problem.oid }));
        break;
    }
  }
  return issues;
}
