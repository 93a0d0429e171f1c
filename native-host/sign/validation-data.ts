/**
 * What the signer keeps for XAdES B-LT (docs/format-hocbaso.md, "Levels"), DER: asked right after
 * the timestamp, before the bytes are written, so the next role's signature covers it.
 */
export interface ValidationData {
  /** CA certificates of the signer's and the TSA's chains (xades:CertificateValues). */
  certificates: Uint8Array[];
  /** OCSPResponse values (xades:RevocationValues/OCSPValues). */
  ocsp: Uint8Array[];
  /** CRLs (xades:RevocationValues/CRLValues). */
  crls: Uint8Array[];
}

/** Gives the validation data for a signer and its timestamp token; undefined keeps the signature B-T. */
export type ValidationDataSource = (
  signer: { certificate: Uint8Array; chain: readonly Uint8Array[] },
  timestampToken: Uint8Array,
) => Promise<ValidationData | undefined>;
