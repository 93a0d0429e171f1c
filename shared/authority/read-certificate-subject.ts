import type { SignerCertificate } from "./signer-authority.ts";

/** Subject attributes that carry identity numbers, as the helper prints them (OIDs it does not name). */
const ID_ATTRIBUTES = new Set(["serialNumber", "UID", "2.5.4.5", "0.9.2342.19200300.100.1.1"]);

// Anchored prefix, then trims: a subject is untrusted input (a self-made KeyInfo certificate reaches
// this), and the lazy pattern this replaces backtracked quadratically ("A" + 40k spaces: 2.9 s).
const ID_KIND = /^[A-Za-z][A-Za-z ]*/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** "CCCD : 0011..." → ["CCCD", "0011..."]: kind (letters, inner spaces), ":" or ".", a one-line value. */
function splitIdValue(v: string): [string, string] | undefined {
  const t = v.trim();
  const kind = ID_KIND.exec(t)?.[0];
  if (kind === undefined) return undefined;
  const rest = t.slice(kind.length).trimStart();
  if (rest[0] !== ":" && rest[0] !== ".") return undefined;
  const value = rest.slice(1).trim();
  if (value === "" || LINE_BREAK.test(value)) return undefined;
  return [kind.trimEnd(), value];
}

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
    const id = splitIdValue(v);
    if (!id) continue;
    const kind = id[0].toUpperCase().replace(/\s+/g, " ");
    const personal = Object.hasOwn(PERSONAL_KINDS, kind) ? PERSONAL_KINDS[kind] : undefined;
    if (personal) cert.personalIds[personal] ??= id[1];
    else if (ORGANISATION_KINDS.has(kind)) cert.organisationIds.push(`${kind}:${id[1]}`);
  }
  return cert;
}
