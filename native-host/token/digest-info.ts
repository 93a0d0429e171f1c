import { createHash } from "node:crypto";

/** DER prefix of DigestInfo { sha256, NULL } for RSA PKCS#1 v1.5 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from("3031300d060960864801650304020105000420", "hex");

/** DigestInfo over SHA-256(data): what CKM_RSA_PKCS must sign to equal CKM_SHA256_RSA_PKCS. */
export function sha256DigestInfo(data: Uint8Array): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash("sha256").update(data).digest()]);
}
