import type { SignerCertificate } from "./signer-authority.ts";

/** Subject attributes that carry identity numbers, as the helper prints them (OIDs it does not name). */
const ID_ATTRIBUTES = new Set(["serialNumber", "UID", "2.5.4.5", "0.9.2342.19200300.100.1.1"]);

const ID_VALUE = /^\s*([A-Za-z][A-Za-z ]*?)\s*[:.]\s*(\S.*?)\s*$/;

/** Personal identity kinds: căn cước công dân, chứng minh nhân dân, passport. */
const PERSONAL_KINDS: Readonly<Record<string, "cccd" | "cmnd" | "hoChieu">> = {
  CCCD: "cccd",
  CMND: "cmnd",
  HC: "hoChieu",
  "HO CHIEU": "hoChieu",
  PASSPORT: "hoChieu",
};

/** Organisation kinds: mã số thuế, mã (đơn vị có) quan hệ ngân sách. */
const ORGANISATION_KINDS = new Set(["MST", "MNS", "MQHNS", "MDVQHNS"]);

/** Splits "CN=..., O=..., serialNumber=CCCD:..." (values escape , + \ with a backslash). */
function attributes(dn: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let key = "";
  let value = "";
  let inValue = false;
  for (let i = 0; i < dn.length; i++) {
    const c = dn.charAt(i);
    if (!inValue) {
      if (c === "=") inValue = true;
      else if (c !== ",") key += c;
    } else if (c === "\\" && i + 1 < dn.length) {
      value += dn.charAt(++i);
    } else if (c === ",") {
      out.push([key.trim(), value.trim()]);
      key = "";
      value = "";
      inValue = false;
    } else value += c;
  }
  if (inValue) out.push([key.trim(), value.trim()]);
  return out;
}

/**
 * What signer authority needs from a certificate, read from its subject DN as the helper writes it
 * (describeCertificate's `subject`, the protocol's `subject`): the helper and the extension read the
 * same string the same way. Identity numbers come from serialNumber and UID ("CCCD:001190012345",
 * "MST:0109876543"); the first of each kind counts.
 */
export function readCertificateSubject(subjectDn: string): SignerCertificate {
  const attrs = attributes(subjectDn);
  const first = (k: string) => attrs.find(([key]) => key === k)?.[1];
  const cert: SignerCertificate = {
    commonName: first("CN") ?? "",
    personalIds: {},
    organisationIds: [],
  };
  const o = first("O");
  if (o !== undefined) cert.organization = o;
  for (const [k, v] of attrs) {
    if (!ID_ATTRIBUTES.has(k)) continue;
    const m = ID_VALUE.exec(v);
    if (!m?.[1] || !m[2]) continue;
    const kind = m[1].toUpperCase().replace(/\s+/g, " ");
    const personal = Object.hasOwn(PERSONAL_KINDS, kind) ? PERSONAL_KINDS[kind] : undefined;
    if (personal) cert.personalIds[personal] ??= m[2];
    else if (ORGANISATION_KINDS.has(kind)) cert.organisationIds.push(`${kind}:${m[2]}`);
  }
  return cert;
}
