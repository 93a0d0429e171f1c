import {
  ALG_EXC_C14N,
  ALG_SHA256,
  NS_DS,
  NS_XADES,
  signatureId,
  signedPropertiesId,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/*
 * The signature is written as text, in a form that is already canonical apart from the namespace
 * declarations that exclusive C14N adds on the subtree apex and on the first element using a prefix
 * (https://www.w3.org/TR/xml-exc-c14n/#sec-Specification). Each builder returns the text as it
 * appears in the document and its canonical form, so nothing is parsed to be digested or signed.
 * tests/unit/sign/signature-xml.test.ts checks both forms against xml-crypto's canonicalizer, and
 * every signed test document goes through xmlsec1.
 */

/** Only these characters reach the templates: no escaping is needed, and none is done. */
const SAFE = /^[A-Za-z0-9+/=:#.\-_ ]*$/;

function safe(value: string): string {
  if (!SAFE.test(value)) throw new Error(`unsafe value in signature template: ${value}`);
  return value;
}

export interface SignedPropertiesInput {
  role: SigningRole;
  /** xs:dateTime with offset, e.g. 2025-06-01T08:30:00+07:00. */
  signingTime: string;
  /** base64 SHA-256 of the signer's certificate. */
  certDigest: string;
  /** base64 IssuerSerialV2. */
  issuerSerial: string;
}

export interface XmlAndC14n {
  /** As written inside the document (namespaces declared by ancestors). */
  xml: string;
  /** Exclusive canonical form of the element as the apex of the node-set. */
  c14n: string;
}

/** xades:SignedProperties Id="SP-<Role>". */
export function signedPropertiesXml(p: SignedPropertiesInput): XmlAndC14n {
  const build = (canonical: boolean) => {
    const xadesNs = canonical ? ` xmlns:xades="${NS_XADES}"` : "";
    const dsNs = canonical ? ` xmlns:ds="${NS_DS}"` : "";
    return (
      `<xades:SignedProperties${xadesNs} Id="${safe(signedPropertiesId(p.role))}">` +
      `<xades:SignedSignatureProperties>` +
      `<xades:SigningTime>${safe(p.signingTime)}</xades:SigningTime>` +
      `<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>` +
      `<ds:DigestMethod${dsNs} Algorithm="${ALG_SHA256}"></ds:DigestMethod>` +
      `<ds:DigestValue${dsNs}>${safe(p.certDigest)}</ds:DigestValue>` +
      `</xades:CertDigest>` +
      `<xades:IssuerSerialV2>${safe(p.issuerSerial)}</xades:IssuerSerialV2>` +
      `</xades:Cert></xades:SigningCertificateV2>` +
      `<xades:SignerRoleV2><xades:ClaimedRoles><xades:ClaimedRole>${safe(p.role)}</xades:ClaimedRole>` +
      `</xades:ClaimedRoles></xades:SignerRoleV2>` +
      `</xades:SignedSignatureProperties></xades:SignedProperties>`
    );
  };
  return { xml: build(false), c14n: build(true) };
}

export interface ReferenceInput {
  uri: string;
  type?: string;
  /** base64 SHA-256 of the canonical target. */
  digest: string;
}

/** ds:SignedInfo with exc-c14n, the given signature method, and one exc-c14n/SHA-256 reference each. */
export function signedInfoXml(signatureMethod: string, references: readonly ReferenceInput[]): XmlAndC14n {
  const refs = references
    .map(
      (r) =>
        // Attributes in canonical order: Type before URI.
        `<ds:Reference${r.type ? ` Type="${safe(r.type)}"` : ""} URI="${safe(r.uri)}">` +
        `<ds:Transforms><ds:Transform Algorithm="${ALG_EXC_C14N}"></ds:Transform></ds:Transforms>` +
        `<ds:DigestMethod Algorithm="${ALG_SHA256}"></ds:DigestMethod>` +
        `<ds:DigestValue>${safe(r.digest)}</ds:DigestValue>` +
        `</ds:Reference>`,
    )
    .join("");
  const inner =
    `<ds:CanonicalizationMethod Algorithm="${ALG_EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${safe(signatureMethod)}"></ds:SignatureMethod>` +
    refs +
    `</ds:SignedInfo>`;
  return { xml: `<ds:SignedInfo>${inner}`, c14n: `<ds:SignedInfo xmlns:ds="${NS_DS}">${inner}` };
}

/**
 * The exclusive canonical form of ds:SignatureValue: what a XAdES SignatureTimeStamp covers
 * (ETSI EN 319 132-1, 5.3: the SignatureValue element, canonicalized with the timestamp's
 * CanonicalizationMethod). Written here with no white space, so it is the text between the tags.
 */
export function signatureValueC14n(signatureValue: string): string {
  return `<ds:SignatureValue xmlns:ds="${NS_DS}">${safe(signatureValue)}</ds:SignatureValue>`;
}

/** Validation data kept in the signature (XAdES B-LT), each item base64 DER. */
export interface ValidationValues {
  /** xades:CertificateValues: CA certificates of the signer's and the TSA's chains. */
  certificates: readonly string[];
  /** xades:RevocationValues/OCSPValues: OCSPResponse. */
  ocsp: readonly string[];
  /** xades:RevocationValues/CRLValues: CertificateList. */
  crls: readonly string[];
}

/**
 * xades:UnsignedProperties with one SignatureTimeStamp (XAdES B-T), then, when given, the
 * validation data (B-LT): CertificateValues and RevocationValues (OCSPValues before CRLValues, as
 * in the XAdES schema). It is inside ds:Signature, so the next role's reference to #sig-<Role>
 * covers it: all of it must be written before that role signs (docs/format-hocbaso.md, "Levels").
 */
export function unsignedPropertiesXml(timestampToken: string, validation?: ValidationValues): string {
  const wrap = (tag: string, items: readonly string[]) =>
    items.map((v) => `<xades:${tag}>${safe(v)}</xades:${tag}>`).join("");
  let lt = "";
  if (validation && validation.certificates.length > 0) {
    lt += `<xades:CertificateValues>${wrap("EncapsulatedX509Certificate", validation.certificates)}</xades:CertificateValues>`;
  }
  if (validation && validation.ocsp.length + validation.crls.length > 0) {
    lt +=
      `<xades:RevocationValues>` +
      (validation.ocsp.length > 0
        ? `<xades:OCSPValues>${wrap("EncapsulatedOCSPValue", validation.ocsp)}</xades:OCSPValues>`
        : "") +
      (validation.crls.length > 0
        ? `<xades:CRLValues>${wrap("EncapsulatedCRLValue", validation.crls)}</xades:CRLValues>`
        : "") +
      `</xades:RevocationValues>`;
  }
  return (
    `<xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:SignatureTimeStamp>` +
    `<ds:CanonicalizationMethod Algorithm="${ALG_EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<xades:EncapsulatedTimeStamp>${safe(timestampToken)}</xades:EncapsulatedTimeStamp>` +
    `</xades:SignatureTimeStamp>${lt}</xades:UnsignedSignatureProperties></xades:UnsignedProperties>`
  );
}

/** The whole ds:Signature element, Id="sig-<Role>", ready to be placed in DSCKS/<Role>. */
export function signatureXml(input: {
  role: SigningRole;
  signedInfo: string;
  signatureValue: string;
  /** base64 DER, the signer's certificate first. */
  certificates: readonly string[];
  signedProperties: string;
  /** xades:UnsignedProperties (unsignedPropertiesXml), when the signature is timestamped. */
  unsignedProperties?: string;
}): string {
  const certs = input.certificates.map((c) => `<ds:X509Certificate>${safe(c)}</ds:X509Certificate>`).join("");
  const id = safe(signatureId(input.role));
  return (
    `<ds:Signature xmlns:ds="${NS_DS}" Id="${id}">${input.signedInfo}\n` +
    `<ds:SignatureValue>${safe(input.signatureValue)}</ds:SignatureValue>\n` +
    `<ds:KeyInfo><ds:X509Data>${certs}</ds:X509Data></ds:KeyInfo>\n` +
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${NS_XADES}" Target="#${id}">` +
    `${input.signedProperties}${input.unsignedProperties ?? ""}</xades:QualifyingProperties></ds:Object></ds:Signature>`
  );
}
