import { allowsDocumentSigning } from "../token/certificate-info.ts";
import type { TokenCertificate } from "../token/token-session.ts";

/**
 * The certificate a batch will sign with, told from the token's certificates before the login
 * (they are public objects), so that archived copies can answer without a PIN: the one named by
 * `cert` (label, or CKA_ID in hex, as the token session chooses it), or, when none is named, the
 * only certificate on the token that can sign documents now. Undefined when that cannot be told:
 * archived copies are then judged after the login, against the certificate actually chosen.
 */
export function expectedCertificate(
  certs: readonly TokenCertificate[],
  cert: string | undefined,
  now: Date = new Date(),
): Buffer | undefined {
  if (cert !== undefined) {
    const want = cert.trim().normalize("NFC");
    const byLabel = certs.find((c) => c.label === want);
    if (byLabel) return byLabel.der;
    if (!/^(0x)?[0-9a-f]+$/i.test(want)) return undefined;
    const hex = want.replace(/^0x/i, "").toLowerCase();
    return certs.find((c) => c.id === hex)?.der;
  }
  const usable = certs.filter(
    (c) =>
      c.info &&
      !c.info.isCa &&
      allowsDocumentSigning(c.info) &&
      c.info.notBefore <= now &&
      now <= c.info.notAfter,
  );
  return usable.length === 1 ? usable[0]?.der : undefined;
}
