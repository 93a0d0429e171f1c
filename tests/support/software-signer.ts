import { createPrivateKey, sign as cryptoSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { describeCertificate } from "../../native-host/token/certificate-info.ts";
import type { DocumentSigner } from "../../native-host/token/token-signer.ts";

/**
 * TEST-ONLY: a DocumentSigner over an RSA key in a PEM file, for certificates the tests issue on
 * the fly (their OCSP or CRL address points at a loopback service) and that no token holds.
 */
export function softwareSigner(certificate: Buffer, keyPemPath: string, chain: Buffer[]): DocumentSigner {
  const key = createPrivateKey(readFileSync(keyPemPath));
  return {
    certificate,
    chain,
    info: describeCertificate(certificate),
    keyType: "RSA",
    tokenLabel: "software",
    certLabel: "software",
    sign: (data) => Promise.resolve(cryptoSign("sha256", data, key)),
  };
}
