import * as pkijs from "pkijs";

/** What a checked CRL says about one certificate. */
export type CrlAnswer =
  | {
      ok: true;
      /** The serial is listed: its revocationDate. */
      revokedAt?: Date;
      thisUpdate: Date;
      nextUpdate?: Date;
    }
  /** `other`: a CRL of another CA (e.g. the TSA's). */
  | { ok: false; reason: string; other?: true };

/**
 * Reads a CRL (DER) for `certificateDer`: issued under the certificate's issuer name and signed
 * with the issuer's key (`issuerDer`), and whether the certificate's serial is listed. The CRL's
 * time window is the caller's check: at signing it must be current now, at verification it must
 * cover the timestamp time. Used on a downloaded CRL and on the copy in xades:RevocationValues.
 * Never throws: a CRL that is not usable is a reason.
 */
export async function readCrl(
  der: Uint8Array,
  certificateDer: Uint8Array,
  issuerDer: Uint8Array,
): Promise<CrlAnswer> {
  let crl: pkijs.CertificateRevocationList;
  let cert: pkijs.Certificate;
  let issuer: pkijs.Certificate;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
    cert = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
    issuer = pkijs.Certificate.fromBER(new Uint8Array(issuerDer));
  } catch (err) {
    return { ok: false, reason: `không đọc được CRL (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!crl.issuer.isEqual(cert.issuer) || !issuer.subject.isEqual(cert.issuer)) {
    return { ok: false, reason: "CRL không do CA cấp chứng thư này phát hành", other: true };
  }
  let signed = false;
  try {
    signed = await crl.verify({ issuerCertificate: issuer });
  } catch {
    signed = false;
  }
  if (!signed) return { ok: false, reason: "chữ ký của CRL không đúng (không phải khóa của CA cấp)" };
  const serial = Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString("hex");
  const entry = (crl.revokedCertificates ?? []).find(
    (r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString("hex") === serial,
  );
  return {
    ok: true,
    thisUpdate: crl.thisUpdate.value,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
    ...(entry ? { revokedAt: entry.revocationDate.value } : {}),
  };
}
