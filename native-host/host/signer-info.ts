import type { SignerInfo } from "../../shared/protocol/common.ts";
import { describeCertificate } from "../token/certificate-info.ts";

/** Who signed, from the signer certificate's DER (as the protocol and the archive report it). */
export function signerInfoFromDer(der: Uint8Array): SignerInfo {
  const info = describeCertificate(der);
  return {
    commonName: info.commonName,
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialHex,
    certSha256: info.sha256.toLowerCase(),
  };
}
