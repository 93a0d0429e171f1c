import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { CertificateInfo } from "./certificate-info.ts";
import { certificatePolicyProblem } from "./certificate-policy.ts";

/**
 * Refuses, before anything is signed with it, a certificate outside the certificate policy
 * (certificate-policy.ts): the signer's own (`role` "signer") or a CA certificate of its chain
 * (`role` "ca"). The message names the certificate and the reason.
 */
export function assertCertificatePolicy(info: CertificateInfo, role: "signer" | "ca" = "signer"): void {
  const problem = certificatePolicyProblem(info, role);
  if (!problem) return;
  const who = { name: info.commonName || info.subject, serial: info.serialHex };
  switch (problem.kind) {
    case "weak-key":
      throw new HocBaError("TOKEN_CERT_WEAK_KEY", { ...who, key: problem.key });
    case "weak-hash":
      throw new HocBaError("TOKEN_CERT_WEAK_HASH", { ...who, algorithm: problem.algorithm });
    case "extended-key-usage":
      throw new HocBaError("TOKEN_CERT_EXTENDED_KEY_USAGE", { ...who, purposes: problem.purposes });
    case "unknown-critical":
      throw new HocBaError("TOKEN_CERT_UNKNOWN_CRITICAL", { ...who, oid: problem.oid });
  }
}
