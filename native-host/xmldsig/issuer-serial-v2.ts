import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/**
 * XAdES IssuerSerialV2 of a certificate: base64 of the DER of
 * IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber } (RFC 5035),
 * with the issuer as one directoryName. The issuer Name keeps the certificate's own encoding.
 */
export function issuerSerialV2(certDer: Uint8Array): string {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certDer));
  const issuer = new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] });
  const serial = new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView });
  const seq = new asn1js.Sequence({ value: [issuer.toSchema(), serial] });
  return Buffer.from(seq.toBER()).toString("base64");
}
