import { SIGNER_ROLES, type SignerRole } from "../models/wire.ts";

/** Who signed in one role, as the document's own bytes say (for the preview's signature blocks). */
export interface SignatureBlock {
  role: SignerRole;
  /** Subject CN of the first certificate in the role's KeyInfo; "" when unreadable. */
  commonName: string;
  /** xades:SigningTime text, ISO 8601 with offset; "" when absent. */
  signingTime: string;
  /** The certificate's serial number, upper-case hex as on the certificate's details; "" when unreadable. */
  serialNumber: string;
  /**
   * The level the signature is written at (docs/format-hocbaso.md, "Levels"): B-T with a
   * SignatureTimeStamp, B-LT when it also keeps RevocationValues. As written, not verified.
   */
  level: "B-B" | "B-T" | "B-LT";
}

/**
 * Reads, for each role container in DSCKS, the signer's name from its certificate and the signing
 * time. Display only: it does not verify anything (the helper and `hocba verify` do).
 */
export function readSignatureBlocks(xml: string): SignatureBlock[] {
  const start = xml.indexOf("<DSCKS");
  if (start < 0) return [];
  const dscks = xml.slice(start);
  const blocks: SignatureBlock[] = [];
  for (const role of SIGNER_ROLES) {
    const m = new RegExp(`<${role}[\\s>][\\s\\S]*?</${role}>`).exec(dscks);
    if (!m) continue;
    const part = m[0];
    const cert = /<(?:\w+:)?X509Certificate>([\s\S]*?)<\/(?:\w+:)?X509Certificate>/.exec(part)?.[1];
    const time = /<(?:\w+:)?SigningTime>([^<]*)<\/(?:\w+:)?SigningTime>/.exec(part)?.[1] ?? "";
    const der = cert ? base64ToBytes(cert) : undefined;
    const stamped = /<(?:\w+:)?SignatureTimeStamp>/.test(part);
    const kept = /<(?:\w+:)?RevocationValues>/.test(part);
    blocks.push({
      role,
      commonName: der ? subjectCommonName(der) : "",
      signingTime: time.trim(),
      serialNumber: der ? certificateSerial(der) : "",
      level: stamped ? (kept ? "B-LT" : "B-T") : "B-B",
    });
  }
  return blocks;
}

function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/\s+/g, "");
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array();
  }
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
  next: number;
}

/** One DER element at `pos` (definite lengths only, as DER requires). */
function readTlv(der: Uint8Array, pos: number): Tlv | undefined {
  const tag = der[pos];
  let len = der[pos + 1];
  if (tag === undefined || len === undefined) return undefined;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  const end = start + len;
  return end <= der.length ? { tag, start, end, next: end } : undefined;
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let pos = parent.start; pos < parent.end;) {
    const el = readTlv(der, pos);
    if (!el) break;
    out.push(el);
    pos = el.next;
  }
  return out;
}

/** tbsCertificate's fields, after the optional [0] version: serial, signature, issuer, validity, subject... */
function tbsFields(der: Uint8Array): Tlv[] {
  const cert = readTlv(der, 0);
  if (!cert) return [];
  const tbs = children(der, cert)[0];
  if (!tbs) return [];
  const fields = children(der, tbs);
  return fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
}

/** The certificate's serial number in upper-case hex (leading zero octets of DER's sign dropped). */
export function certificateSerial(der: Uint8Array): string {
  const serial = tbsFields(der)[0];
  if (serial?.tag !== 0x02) return "";
  let bytes = der.subarray(serial.start, serial.end);
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
}

const CN_OID = [0x55, 0x04, 0x03];

/** The subject CN of an X.509 certificate (UTF8String, PrintableString or BMPString); "" if none. */
export function subjectCommonName(der: Uint8Array): string {
  const subject = tbsFields(der)[4];
  if (!subject) return "";
  for (const rdn of children(der, subject)) {
    for (const atv of children(der, rdn)) {
      const [oid, value] = children(der, atv);
      if (!oid || !value) continue;
      const oidBytes = der.subarray(oid.start, oid.end);
      if (oidBytes.length !== 3 || !CN_OID.every((b, i) => oidBytes[i] === b)) continue;
      const bytes = der.subarray(value.start, value.end);
      if (value.tag === 0x1e) {
        let s = "";
        for (let i = 0; i + 1 < bytes.length; i += 2) {
          s += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
        }
        return s.normalize("NFC");
      }
      return new TextDecoder().decode(bytes).normalize("NFC");
    }
  }
  return "";
}
