import type { CertificateInfo } from "./certificate-info.ts";

/**
 * Why a certificate may not take part in a học bạ signature, as data; the signer, the certificate
 * list and the verifier each word it in their own message (TOKEN_CERT_…, VERIFY_SIG_CERT_…).
 */
export type CertificatePolicyProblem =
  | { kind: "weak-key"; key: string }
  | { kind: "weak-hash"; algorithm: string }
  | { kind: "extended-key-usage"; purposes: string }
  | { kind: "unknown-critical"; oid: string };

/** Issuer signature algorithms of SHA-256 strength or more. */
const STRONG_SIGNATURES = new Set([
  "sha256WithRSAEncryption",
  "sha384WithRSAEncryption",
  "sha512WithRSAEncryption",
  "ecdsa-with-SHA256",
  "ecdsa-with-SHA384",
  "ecdsa-with-SHA512",
  "RSASSA-PSS/sha256",
  "RSASSA-PSS/sha384",
  "RSASSA-PSS/sha512",
]);

/**
 * Purposes that allow signing a document: any, id-kp-documentSigning (RFC 9336), emailProtection
 * (S/MIME: the purpose Vietnamese personal certificates carry for signing), Microsoft document
 * signing, Adobe Authentic Documents Trust. A certificate whose extendedKeyUsage names none of these
 * (serverAuth or clientAuth only, codeSigning, timeStamping, …) was issued for something else.
 */
const DOCUMENT_SIGNING_PURPOSES = new Set([
  "2.5.29.37.0",
  "1.3.6.1.5.5.7.3.36",
  "1.3.6.1.5.5.7.3.4",
  "1.3.6.1.4.1.311.10.3.12",
  "1.2.840.113583.1.1.5",
]);

const PURPOSE_NAMES: Readonly<Record<string, string>> = {
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
};

/**
 * Critical extensions this verifier acts on: key usage, basic constraints, extended key usage (for
 * the signer), and two whose content cannot widen what is accepted here (subjectAltName; policies:
 * no policy is required). Any other critical extension, name constraints and policy constraints
 * included (the chain builder does not enforce them), makes the certificate unusable: RFC 5280
 * 4.2 asks a verifier to refuse what it cannot process, as xmlsec1 (OpenSSL) does.
 */
const UNDERSTOOD_CRITICAL = new Set(["2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.32"]);

const STRONG_EC_BITS = new Set([256, 384, 521]);

function keyProblem(info: CertificateInfo): CertificatePolicyProblem | undefined {
  if (info.keyType === "RSA") {
    return info.keyBits !== undefined && info.keyBits >= 2048
      ? undefined
      : { kind: "weak-key", key: `RSA ${info.keyBits ?? "?"} bit` };
  }
  if (info.keyType === "EC") {
    return info.keyBits !== undefined && STRONG_EC_BITS.has(info.keyBits)
      ? undefined
      : { kind: "weak-key", key: `EC ${info.keyBits ?? "?"} bit` };
  }
  return { kind: "weak-key", key: "không phải RSA hay ECDSA" };
}

/**
 * The certificate policy for a signature: RSA of 2048 bits or more, or ECDSA on P-256, P-384 or
 * P-521; signed by its issuer with SHA-256 or stronger; no critical extension outside the
 * understood ones; and, for the signer's own certificate (`role` "signer"), an extendedKeyUsage
 * that is absent or allows document signing. For a CA certificate below the root (`role` "ca"),
 * the same without the extendedKeyUsage rule. The root itself is IT's choice (trust store).
 */
export function certificatePolicyProblem(
  info: CertificateInfo,
  role: "signer" | "ca" = "signer",
): CertificatePolicyProblem | undefined {
  const critical = info.criticalExtensions.find((oid) => !UNDERSTOOD_CRITICAL.has(oid));
  if (critical !== undefined) return { kind: "unknown-critical", oid: critical };
  const key = keyProblem(info);
  if (key) return key;
  if (!STRONG_SIGNATURES.has(info.signatureAlgorithm)) {
    return { kind: "weak-hash", algorithm: info.signatureAlgorithm };
  }
  const eku = info.extendedKeyUsage;
  if (role === "signer" && eku !== undefined && !eku.some((p) => DOCUMENT_SIGNING_PURPOSES.has(p))) {
    return {
      kind: "extended-key-usage",
      purposes: eku.map((p) => PURPOSE_NAMES[p] ?? p).join(", ") || "(trống)",
    };
  }
  return undefined;
}
