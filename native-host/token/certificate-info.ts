import { createHash, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** Identity numbers Vietnamese CAs put in the subject (serialNumber or UID), e.g. "CCCD:001190012345". */
export interface SubjectIds {
  /** Căn cước công dân (12 digits). */
  cccd?: string;
  /** Chứng minh nhân dân (older ID card). */
  cmnd?: string;
  /** Mã số thuế (organisations: the seal certificate). */
  mst?: string;
  /** Hộ chiếu. */
  hoChieu?: string;
}

export interface KeyUsageBits {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  keyCertSign: boolean;
}

/** What the helper shows and checks about an X.509 certificate. Text is NFC. */
export interface CertificateInfo {
  /** Subject commonName (the person, or the institution for a seal certificate). */
  commonName: string;
  organization?: string;
  title?: string;
  /** Subject serialNumber attribute, verbatim (e.g. "CCCD:001190012345"). */
  subjectSerialNumber?: string;
  ids: SubjectIds;
  /** Subject DN, attributes in certificate order, "CN=..., O=..., C=VN". */
  subject: string;
  issuer: string;
  issuerCommonName: string;
  /** Certificate serial number, upper-case hex. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Undefined when the certificate has no keyUsage extension (then any use is allowed). */
  keyUsage?: KeyUsageBits;
  isCa: boolean;
  keyType: "RSA" | "EC" | "other";
  /** RSA modulus length or EC field size, in bits, when known (EC: only the NIST curves P-256, P-384, P-521). */
  keyBits?: number;
  /** The algorithm the issuer signed this certificate with ("sha256WithRSAEncryption", "RSASSA-PSS/sha1", or the OID). */
  signatureAlgorithm: string;
  /** extendedKeyUsage purposes (OIDs); undefined when the certificate has no such extension. */
  extendedKeyUsage?: string[];
  /** OIDs of the extensions marked critical. */
  criticalExtensions: string[];
  /** SHA-256 of the DER, upper-case hex. */
  sha256: string;
  selfSigned: boolean;
}

const OID_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.9": "street",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.1": "UID",
};

// Anchored, no lazy group before a trailing \s*: a certificate's subject is untrusted input (a
// self-made one reaches this before any trust check), so the match must stay linear in its length.
const ID_PREFIX = /^(CCCD|CMND|MST|HC|HO CHIEU|PASSPORT)\s*[:.]/i;

/** "CCCD: 0011..." → ["CCCD", "0011..."]; undefined when the value names no known kind. */
function splitIdValue(v: string): [string, string] | undefined {
  const t = v.trim();
  const m = ID_PREFIX.exec(t);
  const value = m ? t.slice(m[0].length).trim() : "";
  return m?.[1] && value ? [m[1], value] : undefined;
}

/** Parses a DER certificate with pkijs; throws on anything that is not one. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

function attrValue(v: unknown): string {
  const block = (v as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === "string" ? block.value.normalize("NFC") : "";
}

function nameAttributes(name: pkijs.RelativeDistinguishedNames): Array<[string, string]> {
  return name.typesAndValues.map((tv) => [OID_NAMES[tv.type] ?? tv.type, attrValue(tv.value)]);
}

/** "CN=..., O=..., C=VN" in certificate order; commas inside values are escaped. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return nameAttributes(name)
    .map(([k, v]) => `${k}=${v.replace(/([,+\\])/g, "\\$1")}`)
    .join(", ");
}

function firstAttr(attrs: Array<[string, string]>, key: string): string | undefined {
  return attrs.find(([k]) => k === key)?.[1];
}

/** Reads CCCD / CMND / MST / passport numbers from the subject serialNumber and UID attributes. */
export function subjectIds(attrs: Array<[string, string]>): SubjectIds {
  const ids: SubjectIds = {};
  for (const [k, v] of attrs) {
    if (k !== "serialNumber" && k !== "UID") continue;
    const id = splitIdValue(v);
    if (!id) continue;
    const [kind, value] = [id[0].toUpperCase(), id[1]];
    if (kind === "CCCD") ids.cccd ??= value;
    else if (kind === "CMND") ids.cmnd ??= value;
    else if (kind === "MST") ids.mst ??= value;
    else ids.hoChieu ??= value;
  }
  return ids;
}

function readKeyUsage(cert: pkijs.Certificate): KeyUsageBits | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === "2.5.29.15");
  if (!ext) return undefined;
  const bits = ext.parsedValue as asn1js.BitString | undefined;
  const first = bits?.valueBlock.valueHexView[0] ?? 0;
  return {
    digitalSignature: (first & 0x80) !== 0,
    nonRepudiation: (first & 0x40) !== 0,
    keyEncipherment: (first & 0x20) !== 0,
    keyCertSign: (first & 0x04) !== 0,
  };
}

function readExtendedKeyUsage(cert: pkijs.Certificate): string[] | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === "2.5.29.37");
  if (!ext) return undefined;
  return ext.parsedValue instanceof pkijs.ExtKeyUsage ? [...ext.parsedValue.keyPurposes] : [];
}

const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.2.840.10040.4.3": "dsa-with-sha1",
};
const HASHES: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

/** The issuer's signature algorithm by name; for RSASSA-PSS with its hash (SHA-1 when the parameters omit it). */
function signatureAlgorithmName(cert: pkijs.Certificate): string {
  const oid = cert.signatureAlgorithm.algorithmId;
  if (oid !== "1.2.840.113549.1.1.10") return SIGNATURE_ALGORITHMS[oid] ?? oid;
  try {
    const params = new pkijs.RSASSAPSSParams({ schema: cert.signatureAlgorithm.algorithmParams });
    const hash = params.hashAlgorithm.algorithmId;
    return `RSASSA-PSS/${HASHES[hash] ?? hash}`;
  } catch {
    return "RSASSA-PSS/?";
  }
}

function readIsCa(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === "2.5.29.19");
  return ext?.parsedValue instanceof pkijs.BasicConstraints && ext.parsedValue.cA === true;
}

/** Describes a DER certificate: names, Vietnamese id numbers, validity, key usage and key type. */
export function describeCertificate(der: Uint8Array): CertificateInfo {
  // A batch meets the same few certificates in every document (signers, their CAs): each is
  // parsed once. A copy is handed out, so no caller can change what the next one gets.
  const sha256 = createHash("sha256").update(der).digest("hex").toUpperCase();
  let info = described.get(sha256);
  if (!info) {
    info = describeParsed(der, sha256);
    if (described.size >= DESCRIBED_MAX) described.delete(described.keys().next().value ?? "");
    described.set(sha256, info);
  }
  return structuredClone(info);
}

/** Certificates already described, by SHA-256 of their DER (oldest dropped first). */
const described = new Map<string, CertificateInfo>();
const DESCRIBED_MAX = 256;

function describeParsed(der: Uint8Array, sha256: string): CertificateInfo {
  const cert = parseCertificate(der);
  const subjectAttrs = nameAttributes(cert.subject);
  const issuerAttrs = nameAttributes(cert.issuer);
  const algo = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  const keyType = algo === "1.2.840.113549.1.1.1" ? "RSA" : algo === "1.2.840.10045.2.1" ? "EC" : "other";
  let keyBits: number | undefined;
  try {
    const details = new X509Certificate(der).publicKey.asymmetricKeyDetails;
    keyBits = details?.modulusLength ?? curveBits(details?.namedCurve);
  } catch {
    keyBits = undefined;
  }
  return {
    commonName: firstAttr(subjectAttrs, "CN") ?? "",
    organization: firstAttr(subjectAttrs, "O"),
    title: firstAttr(subjectAttrs, "title"),
    subjectSerialNumber: firstAttr(subjectAttrs, "serialNumber"),
    ids: subjectIds(subjectAttrs),
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    issuerCommonName: firstAttr(issuerAttrs, "CN") ?? formatName(cert.issuer),
    // DER keeps a 00 sign byte before a serial whose top bit is set; CAs and openssl show it without.
    serialHex: Buffer.from(cert.serialNumber.valueBlock.valueHexView)
      .toString("hex")
      .toUpperCase()
      .replace(/^(?:00)+(?=[0-9A-F]{2})/, ""),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    keyUsage: readKeyUsage(cert),
    isCa: readIsCa(cert),
    keyType,
    keyBits,
    signatureAlgorithm: signatureAlgorithmName(cert),
    extendedKeyUsage: readExtendedKeyUsage(cert),
    criticalExtensions: (cert.extensions ?? []).filter((e) => e.critical).map((e) => e.extnID),
    sha256,
    selfSigned: cert.subject.isEqual(cert.issuer),
  };
}

function curveBits(curve: string | undefined): number | undefined {
  if (curve === "prime256v1" || curve === "P-256") return 256;
  if (curve === "secp384r1" || curve === "P-384") return 384;
  if (curve === "secp521r1" || curve === "P-521") return 521;
  return undefined;
}

/** True when the key usage allows signing documents (digitalSignature or nonRepudiation). */
export function allowsDocumentSigning(info: CertificateInfo): boolean {
  return info.keyUsage === undefined || info.keyUsage.digitalSignature || info.keyUsage.nonRepudiation;
}

/** Formats a date as Vietnamese users read it: dd/MM/yyyy, in Vietnam time. */
export function formatDateVi(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}
