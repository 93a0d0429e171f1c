import {
  createHash,
  timingSafeEqual,
  verify as cryptoVerify,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { describeCertificate, type CertificateInfo } from "../token/certificate-info.ts";
import { issuerSerialV2 } from "./issuer-serial-v2.ts";
import {
  ALG_ECDSA_SHA256,
  ALG_EXC_C14N,
  ALG_RSA_SHA256,
  ALG_SHA256,
  NS_DS,
  NS_XADES,
  SIGNING_TIME_PATTERN,
  signatureId,
  signedPropertiesId,
  TYPE_SIGNED_PROPERTIES,
  rolesBefore,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { HocBaDocument } from "./inspect-hocba.ts";
import { verifyIssue, type VerifyIssue } from "./verify-issue.ts";
import {
  elementChildren,
  excC14n,
  hasNonWhitespaceText,
  isElement,
  ownText,
  plainAttributeNames,
} from "./xml-dom.ts";
// A SigningTime must name a real moment: Date.parse would roll 30 February over to March.
import { isValidThoiDiem } from "../../shared/xml/hocbaso-v1/xml-dates.ts";

/** What one signature says and whether its bytes verify (chain and time are checked elsewhere). */
export interface SignatureFacts {
  role: SigningRole;
  /** KeyInfo certificates, DER, signer first. Empty when KeyInfo is unusable. */
  certificates: Buffer[];
  certInfo?: CertificateInfo;
  signingTimeText?: string;
  signingTime?: Date;
  claimedRole?: string;
  /** Every reference digest and the SignatureValue verified, over the profile's exact shape. */
  integrity: boolean;
  /** SigningCertificateV2 (digest and IssuerSerialV2) matches the KeyInfo certificate. */
  signingCertificateMatches: boolean;
  /** The canonical DLHocBa whose digest this signature covers (set only when it matched). */
  signedDataC14n?: string;
  /**
   * The RFC 3161 token of xades:SignatureTimeStamp (XAdES B-T), DER, when the signature has one;
   * with `signatureValueC14n`, the canonical SignatureValue whose SHA-256 it must stamp. The token
   * itself is checked by the verifier (native-host/trust/check-timestamp-token.ts).
   */
  signatureTimeStamp?: Buffer;
  signatureValueC14n?: string;
  /**
   * Validation data kept after the timestamp (XAdES B-LT), DER: xades:CertificateValues and
   * xades:RevocationValues (OCSP responses, CRLs). Checked by the verifier (check-embedded-revocation).
   */
  validationData?: { certificates: Buffer[]; ocsp: Buffer[]; crls: Buffer[] };
  issues: VerifyIssue[];
}

/** Canonical forms computed once per document: DLHocBa and earlier signatures are shared. */
export type C14nCache = Map<Element, string>;

function c14nOf(el: Element, cache: C14nCache): string {
  let s = cache.get(el);
  if (s === undefined) cache.set(el, (s = excC14n(el)));
  return s;
}

function sha256b64(s: string | Buffer): string {
  return createHash("sha256").update(s).digest("base64");
}

function sameBase64(a: string, b: string): boolean {
  const x = Buffer.from(a, "base64");
  const y = Buffer.from(b, "base64");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

// xs:base64Binary allows XML white space anywhere, padding included ("= ="). White space goes
// first, then one unambiguous pattern: a single pattern with optional white space on both sides of
// the padding backtracked quadratically (80k spaces between "=" and "=" took 10 s).
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/[\r\n\t ]+/g, "");
  if (!BASE64.test(compact)) return undefined;
  const b = Buffer.from(compact, "base64");
  return b.length > 0 ? b : undefined;
}

/** What the verifier derives from a KeyInfo certificate; the same few certificates sign a whole class. */
interface CertificateFacts {
  der: Buffer;
  publicKey: KeyObject;
  info: CertificateInfo;
  /** base64 SHA-256 of the DER. */
  sha256: string;
  /** base64 IssuerSerialV2, undefined if it cannot be computed. */
  issuerSerial?: string;
}

const certCache = new Map<string, CertificateFacts>();

/** Parses a base64 certificate once per process (bounded cache); undefined if it is not one. */
function certificateFacts(base64: string): CertificateFacts | undefined {
  const hit = certCache.get(base64);
  if (hit) return hit;
  const der = decodeBase64(base64);
  if (!der) return undefined;
  let facts: CertificateFacts;
  try {
    facts = {
      der,
      publicKey: new X509Certificate(der).publicKey,
      info: describeCertificate(der),
      sha256: createHash("sha256").update(der).digest("base64"),
    };
  } catch {
    return undefined;
  }
  try {
    facts.issuerSerial = issuerSerialV2(der);
  } catch {
    facts.issuerSerial = undefined;
  }
  if (certCache.size >= 256) certCache.clear();
  certCache.set(base64, facts);
  return facts;
}

/** A profile violation at a place in the signature; throws to stop examining this signature. */
class ShapeError extends Error {
  constructor(readonly issue: VerifyIssue) {
    super(issue.message);
  }
}

interface ExpectedReference {
  uri: string;
  type?: string;
  target: Element;
}

/**
 * Checks one ds:Signature against the profile: exact element shape, the allowed algorithms only,
 * exactly the expected references (#DLHocBa, #SP-<Role>, #sig-<earlier>), every digest, the
 * SignatureValue with the KeyInfo certificate, SigningCertificateV2 and the claimed role.
 * Nothing here trusts the certificate: see validateChain.
 */
export function examineSignature(document: HocBaDocument, index: number, cache: C14nCache): SignatureFacts {
  const container = document.containers[index];
  if (!container) throw new RangeError(`no container ${index}`);
  const { role } = container;
  const facts: SignatureFacts = {
    role,
    certificates: [],
    integrity: false,
    signingCertificateMatches: false,
    issues: [],
  };
  const sig = container.signature;
  if (!sig) return facts;
  const shape = (where: string, expected: string) =>
    new ShapeError(verifyIssue("VERIFY_SIG_SHAPE", { role, where, expected }));
  const exactChildren = (el: Element, where: string, expected: Array<[string, string]>): Element[] => {
    const kids = elementChildren(el);
    if (hasNonWhitespaceText(el)) throw shape(where, expected.map(([, n]) => n).join(", "));
    if (kids.length !== expected.length) throw shape(where, expected.map(([, n]) => n).join(", "));
    kids.forEach((k, i) => {
      const [ns, name] = expected[i] ?? ["", ""];
      if (!isElement(k, ns, name)) throw shape(`${where}/${(k as Element).tagName}`, name);
    });
    return kids;
  };
  const onlyAttributes = (el: Element, where: string, allowed: string[]) => {
    const extra = plainAttributeNames(el).filter((a) => !allowed.includes(a));
    if (extra.length > 0) {
      throw shape(`${where}/@${extra[0] ?? ""}`, allowed.map((a) => `@${a}`).join(", ") || "—");
    }
  };
  const algorithm = (el: Element, where: string, allowed: string[]) => {
    const alg = el.getAttribute("Algorithm") ?? "";
    if (!allowed.includes(alg)) {
      throw new ShapeError(verifyIssue("VERIFY_SIG_ALGORITHM", { role, where, algorithm: alg }));
    }
    onlyAttributes(el, where, ["Algorithm"]);
    if (el.firstChild) throw shape(where, "(rỗng)");
    return alg;
  };

  try {
    const id = sig.getAttribute("Id") ?? "";
    if (id !== signatureId(role)) {
      throw new ShapeError(verifyIssue("VERIFY_SIG_ID", { role, id, expected: signatureId(role) }));
    }
    onlyAttributes(sig, "ds:Signature", ["Id"]);
    const signedInfos = elementChildren(sig).filter((e) => isElement(e, NS_DS, "SignedInfo"));
    if (signedInfos.length > 1) throw new ShapeError(verifyIssue("VERIFY_SIG_MULTIPLE_SIGNEDINFO", { role }));
    const [signedInfo, signatureValue, keyInfo, object] = exactChildren(sig, "ds:Signature", [
      [NS_DS, "SignedInfo"],
      [NS_DS, "SignatureValue"],
      [NS_DS, "KeyInfo"],
      [NS_DS, "Object"],
    ]) as [Element, Element, Element, Element];

    // --- SignedInfo: algorithms and exactly the expected references.
    onlyAttributes(signedInfo, "ds:SignedInfo", []);
    const siKids = elementChildren(signedInfo);
    if (hasNonWhitespaceText(signedInfo)) throw shape("ds:SignedInfo", "ds:Reference");
    const [c14nMethod, sigMethod, ...refs] = siKids;
    if (!isElement(c14nMethod, NS_DS, "CanonicalizationMethod")) {
      throw shape("ds:SignedInfo", "ds:CanonicalizationMethod");
    }
    if (!isElement(sigMethod, NS_DS, "SignatureMethod")) throw shape("ds:SignedInfo", "ds:SignatureMethod");
    algorithm(c14nMethod, "ds:CanonicalizationMethod", [ALG_EXC_C14N]);
    const sigAlg = algorithm(sigMethod, "ds:SignatureMethod", [ALG_RSA_SHA256, ALG_ECDSA_SHA256]);
    const spEl = locateSignedProperties(object, role, shape);
    const expected: ExpectedReference[] = [
      { uri: "#DLHocBa", target: document.dlHocBa },
      { uri: `#${signedPropertiesId(role)}`, type: TYPE_SIGNED_PROPERTIES, target: spEl },
      ...rolesBefore(role, document.suKien).map((r) => {
        const earlier = document.containers.find((c) => c.role === r)?.signature;
        if (!earlier) throw new ShapeError(verifyIssue("VERIFY_SIG_MISSING_EARLIER", { role, earlier: r }));
        return { uri: `#${signatureId(r)}`, target: earlier };
      }),
    ];
    const found = refs.map((r) =>
      isElement(r, NS_DS, "Reference") ? (r.getAttribute("URI") ?? "") : (r as Element).tagName,
    );
    if (
      refs.length !== expected.length ||
      refs.some((r, i) => !isElement(r, NS_DS, "Reference") || r.getAttribute("URI") !== expected[i]?.uri)
    ) {
      throw new ShapeError(
        verifyIssue("VERIFY_SIG_REFERENCES", {
          role,
          expected: expected.map((e) => e.uri).join(", "),
          found: found.join(", ") || "—",
        }),
      );
    }
    const digestProblems: string[] = [];
    refs.forEach((ref, i) => {
      const exp = expected[i];
      if (!exp) return;
      const where = `ds:Reference[@URI='${exp.uri}']`;
      onlyAttributes(ref, where, exp.type ? ["URI", "Type"] : ["URI"]);
      if ((ref.getAttribute("Type") ?? undefined) !== exp.type) {
        throw shape(`${where}/@Type`, exp.type ?? "—");
      }
      const [transforms, digestMethod, digestValue] = exactChildren(ref, where, [
        [NS_DS, "Transforms"],
        [NS_DS, "DigestMethod"],
        [NS_DS, "DigestValue"],
      ]) as [Element, Element, Element];
      onlyAttributes(transforms, `${where}/ds:Transforms`, []);
      const [transform] = exactChildren(transforms, `${where}/ds:Transforms`, [[NS_DS, "Transform"]]) as [
        Element,
      ];
      algorithm(transform, `${where}/ds:Transform`, [ALG_EXC_C14N]);
      algorithm(digestMethod, `${where}/ds:DigestMethod`, [ALG_SHA256]);
      onlyAttributes(digestValue, `${where}/ds:DigestValue`, []);
      if (elementChildren(digestValue).length > 0) throw shape(`${where}/ds:DigestValue`, "base64");
      const actual = sha256b64(c14nOf(exp.target, cache));
      if (!sameBase64(ownText(digestValue).trim(), actual)) digestProblems.push(exp.uri);
    });
    for (const uri of digestProblems) {
      facts.issues.push(
        verifyIssue(uri === "#DLHocBa" ? "VERIFY_SIG_DATA_CHANGED" : "VERIFY_SIG_DIGEST", { role, uri }),
      );
    }

    // --- KeyInfo: one X509Data, the signer's certificate first.
    onlyAttributes(keyInfo, "ds:KeyInfo", []);
    const [x509Data] = exactChildren(keyInfo, "ds:KeyInfo", [[NS_DS, "X509Data"]]) as [Element];
    onlyAttributes(x509Data, "ds:X509Data", []);
    const certEls = elementChildren(x509Data);
    if (certEls.length === 0 || certEls.some((c) => !isElement(c, NS_DS, "X509Certificate"))) {
      throw shape("ds:KeyInfo/ds:X509Data", "ds:X509Certificate");
    }
    if (hasNonWhitespaceText(x509Data)) throw shape("ds:KeyInfo/ds:X509Data", "ds:X509Certificate");
    const certTexts = certEls.map((c) => {
      if (elementChildren(c).length > 0) throw new ShapeError(verifyIssue("VERIFY_SIG_BAD_CERT", { role }));
      return ownText(c).replace(/[\r\n\t ]/g, "");
    });
    const leaf = certificateFacts(certTexts[0] ?? "");
    if (!leaf) throw new ShapeError(verifyIssue("VERIFY_SIG_BAD_CERT", { role }));
    for (const t of certTexts) {
      const der = t === certTexts[0] ? leaf.der : decodeBase64(t);
      if (!der) throw new ShapeError(verifyIssue("VERIFY_SIG_BAD_CERT", { role }));
      facts.certificates.push(der);
    }
    facts.certInfo = leaf.info;

    // --- SignatureValue over the canonical SignedInfo.
    onlyAttributes(signatureValue, "ds:SignatureValue", []);
    const value = decodeBase64(ownText(signatureValue));
    if (!value || elementChildren(signatureValue).length > 0) throw shape("ds:SignatureValue", "base64");
    const keyMatches =
      (sigAlg === ALG_RSA_SHA256 && facts.certInfo.keyType === "RSA") ||
      (sigAlg === ALG_ECDSA_SHA256 && facts.certInfo.keyType === "EC");
    if (!keyMatches) {
      facts.issues.push(verifyIssue("VERIFY_SIG_KEY_ALGORITHM", { role, keyType: facts.certInfo.keyType }));
    }
    const signedInfoC14n = Buffer.from(excC14n(signedInfo), "utf8");
    let valueOk = false;
    try {
      valueOk =
        keyMatches &&
        (sigAlg === ALG_ECDSA_SHA256
          ? cryptoVerify("sha256", signedInfoC14n, { key: leaf.publicKey, dsaEncoding: "ieee-p1363" }, value)
          : cryptoVerify("sha256", signedInfoC14n, leaf.publicKey, value));
    } catch {
      valueOk = false;
    }
    if (!valueOk && keyMatches) facts.issues.push(verifyIssue("VERIFY_SIG_VALUE", { role }));
    facts.integrity = valueOk && digestProblems.length === 0;
    const unsignedProps = readUnsignedProperties(object, shape);
    if (unsignedProps) {
      facts.signatureTimeStamp = unsignedProps.token;
      facts.signatureValueC14n = excC14n(signatureValue);
      if (unsignedProps.validationData) facts.validationData = unsignedProps.validationData;
    }
    if (facts.integrity) facts.signedDataC14n = c14nOf(document.dlHocBa, cache);

    // --- XAdES signed properties (their bytes are covered by the #SP reference checked above).
    readSignedProperties(spEl, role, leaf, facts, shape);
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    facts.integrity = false;
    facts.signedDataC14n = undefined;
    facts.issues.push(err.issue);
  }
  return facts;
}

type ShapeFactory = (where: string, expected: string) => ShapeError;

function locateSignedProperties(object: Element, role: SigningRole, shape: ShapeFactory): Element {
  if (plainAttributeNames(object).length > 0) throw shape("ds:Object", "ds:Object");
  const kids = elementChildren(object);
  const qp = kids[0];
  if (kids.length !== 1 || !isElement(qp, NS_XADES, "QualifyingProperties") || hasNonWhitespaceText(object)) {
    throw shape("ds:Object", "xades:QualifyingProperties");
  }
  if (qp.getAttribute("Target") !== `#${signatureId(role)}`) {
    throw shape("xades:QualifyingProperties/@Target", `#${signatureId(role)}`);
  }
  if (plainAttributeNames(qp).some((a) => a !== "Target")) {
    throw shape("xades:QualifyingProperties", "@Target");
  }
  const qpKids = elementChildren(qp);
  const [sp, unsigned] = qpKids;
  if (
    qpKids.length > 2 ||
    !isElement(sp, NS_XADES, "SignedProperties") ||
    (unsigned && !isElement(unsigned, NS_XADES, "UnsignedProperties")) ||
    hasNonWhitespaceText(qp)
  ) {
    throw shape("xades:QualifyingProperties", "xades:SignedProperties, xades:UnsignedProperties");
  }
  if (sp.getAttribute("Id") !== signedPropertiesId(role) || plainAttributeNames(sp).some((a) => a !== "Id")) {
    throw shape("xades:SignedProperties/@Id", signedPropertiesId(role));
  }
  return sp;
}

/** A signature's unsigned properties: the timestamp token (B-T) and the validation data after it (B-LT). */
interface UnsignedProperties {
  token: Buffer;
  validationData?: { certificates: Buffer[]; ocsp: Buffer[]; crls: Buffer[] };
}

/**
 * The unsigned properties of `role`'s ds:Signature, read with examineSignature's shape rules on the
 * way to them and in them, and nothing else: no digest, signature value or certificate is checked.
 * Null when that shape is not the profile's (the verifier would then drop the timestamp too);
 * undefined when there are none. For the level of the signer's own archived output
 * (sign/signed-level.ts), where a full examination would only repeat what was checked when signing.
 */
export function readUnsignedPropertiesOf(
  sig: Element,
  role: SigningRole,
): UnsignedProperties | undefined | null {
  const kids = elementChildren(sig);
  const [signedInfo, signatureValue, keyInfo, object] = kids;
  if (
    sig.getAttribute("Id") !== signatureId(role) ||
    plainAttributeNames(sig).some((a) => a !== "Id") ||
    kids.length !== 4 ||
    hasNonWhitespaceText(sig) ||
    !isElement(signedInfo, NS_DS, "SignedInfo") ||
    !isElement(signatureValue, NS_DS, "SignatureValue") ||
    !isElement(keyInfo, NS_DS, "KeyInfo") ||
    !isElement(object, NS_DS, "Object")
  ) {
    return null;
  }
  const shape: ShapeFactory = (where, expected) =>
    new ShapeError(verifyIssue("VERIFY_SIG_SHAPE", { role, where, expected }));
  try {
    locateSignedProperties(object, role, shape);
    return readUnsignedProperties(object, shape);
  } catch (err) {
    if (err instanceof ShapeError) return null;
    throw err;
  }
}

/**
 * The optional xades:UnsignedProperties, in the one shape the signer writes: UnsignedSignatureProperties
 * with a SignatureTimeStamp (exc-c14n, one EncapsulatedTimeStamp; XAdES B-T), then optionally
 * CertificateValues and RevocationValues (B-LT). Returns the token's DER and the validation data,
 * or undefined when there are no unsigned properties.
 */
function readUnsignedProperties(object: Element, shape: ShapeFactory): UnsignedProperties | undefined {
  const qp = elementChildren(object)[0];
  const unsigned = qp ? elementChildren(qp)[1] : undefined;
  if (!unsigned) return undefined;
  const one = (parent: Element, ns: string, name: string, where: string): Element => {
    const kids = elementChildren(parent);
    const k = kids[0];
    if (kids.length !== 1 || !isElement(k, ns, name) || hasNonWhitespaceText(parent)) {
      throw shape(where, name);
    }
    if (plainAttributeNames(parent).length > 0) {
      throw shape(`${where}/@${plainAttributeNames(parent)[0] ?? ""}`, "—");
    }
    return k;
  };
  const usp = one(unsigned, NS_XADES, "UnsignedSignatureProperties", "xades:UnsignedProperties");
  const uspKids = elementChildren(usp);
  const [ts, ...ltKids] = uspKids;
  const certValues = ltKids.find((k) => isElement(k, NS_XADES, "CertificateValues"));
  const revValues = ltKids.find((k) => isElement(k, NS_XADES, "RevocationValues"));
  const expectedLt = [certValues, revValues].filter((k): k is Element => k !== undefined);
  if (
    !isElement(ts, NS_XADES, "SignatureTimeStamp") ||
    hasNonWhitespaceText(usp) ||
    plainAttributeNames(usp).length > 0 ||
    ltKids.length !== expectedLt.length ||
    ltKids.some((k, i) => k !== expectedLt[i])
  ) {
    throw shape(
      "xades:UnsignedSignatureProperties",
      "xades:SignatureTimeStamp, xades:CertificateValues?, xades:RevocationValues?",
    );
  }
  if (plainAttributeNames(ts).length > 0) throw shape("xades:SignatureTimeStamp", "—");
  const kids = elementChildren(ts);
  const [method, encapsulated] = kids;
  if (
    kids.length !== 2 ||
    !isElement(method, NS_DS, "CanonicalizationMethod") ||
    !isElement(encapsulated, NS_XADES, "EncapsulatedTimeStamp") ||
    hasNonWhitespaceText(ts)
  ) {
    throw shape("xades:SignatureTimeStamp", "ds:CanonicalizationMethod, xades:EncapsulatedTimeStamp");
  }
  const alg = method.getAttribute("Algorithm") ?? "";
  if (
    alg !== ALG_EXC_C14N ||
    plainAttributeNames(method).some((a) => a !== "Algorithm") ||
    method.firstChild
  ) {
    throw shape("xades:SignatureTimeStamp/ds:CanonicalizationMethod", ALG_EXC_C14N);
  }
  const token =
    plainAttributeNames(encapsulated).length === 0 && elementChildren(encapsulated).length === 0
      ? decodeBase64(ownText(encapsulated))
      : undefined;
  if (!token) throw shape("xades:EncapsulatedTimeStamp", "base64");
  if (!certValues && !revValues) return { token };
  /** Children all named `name`, each base64 text only (at least one). */
  const values = (parent: Element, name: string, where: string): Buffer[] => {
    const kids = elementChildren(parent);
    if (kids.length === 0 || hasNonWhitespaceText(parent) || plainAttributeNames(parent).length > 0) {
      throw shape(where, `xades:${name}`);
    }
    return kids.map((k) => {
      const der =
        isElement(k, NS_XADES, name) && plainAttributeNames(k).length === 0 && elementChildren(k).length === 0
          ? decodeBase64(ownText(k))
          : undefined;
      if (!der) throw shape(`${where}/xades:${name}`, "base64");
      return der;
    });
  };
  const validationData = {
    certificates: certValues
      ? values(certValues, "EncapsulatedX509Certificate", "xades:CertificateValues")
      : [],
    ocsp: [] as Buffer[],
    crls: [] as Buffer[],
  };
  if (revValues) {
    const kids = elementChildren(revValues);
    const ocspEl = kids.find((k) => isElement(k, NS_XADES, "OCSPValues"));
    const crlEl = kids.find((k) => isElement(k, NS_XADES, "CRLValues"));
    const ordered = [ocspEl, crlEl].filter((k): k is Element => k !== undefined);
    if (
      kids.length === 0 ||
      kids.length !== ordered.length ||
      kids.some((k, i) => k !== ordered[i]) ||
      hasNonWhitespaceText(revValues) ||
      plainAttributeNames(revValues).length > 0
    ) {
      throw shape("xades:RevocationValues", "xades:OCSPValues?, xades:CRLValues?");
    }
    if (ocspEl) validationData.ocsp = values(ocspEl, "EncapsulatedOCSPValue", "xades:OCSPValues");
    if (crlEl) validationData.crls = values(crlEl, "EncapsulatedCRLValue", "xades:CRLValues");
  }
  return { token, validationData };
}

function readSignedProperties(
  sp: Element,
  role: SigningRole,
  leaf: CertificateFacts,
  facts: SignatureFacts,
  shape: ShapeFactory,
): void {
  const one = (parent: Element, ns: string, name: string, where: string): Element => {
    const kids = elementChildren(parent);
    const k = kids[0];
    if (kids.length !== 1 || !isElement(k, ns, name) || hasNonWhitespaceText(parent)) {
      throw shape(where, name);
    }
    return k;
  };
  const ssp = one(sp, NS_XADES, "SignedSignatureProperties", "xades:SignedProperties");
  const kids = elementChildren(ssp);
  const [time, signingCert, roleEl] = kids;
  if (
    kids.length !== 3 ||
    !isElement(time, NS_XADES, "SigningTime") ||
    !isElement(signingCert, NS_XADES, "SigningCertificateV2") ||
    !isElement(roleEl, NS_XADES, "SignerRoleV2") ||
    hasNonWhitespaceText(ssp)
  ) {
    throw shape(
      "xades:SignedSignatureProperties",
      "xades:SigningTime, xades:SigningCertificateV2, xades:SignerRoleV2",
    );
  }
  const timeText = ownText(time).trim();
  facts.signingTimeText = timeText;
  const parsed = Date.parse(timeText);
  if (
    !SIGNING_TIME_PATTERN.test(timeText) ||
    !isValidThoiDiem(timeText) ||
    Number.isNaN(parsed) ||
    elementChildren(time).length > 0
  ) {
    facts.issues.push(verifyIssue("VERIFY_SIG_SIGNING_TIME", { role, value: timeText }));
  } else {
    facts.signingTime = new Date(parsed);
  }

  const cert = one(signingCert, NS_XADES, "Cert", "xades:SigningCertificateV2");
  const certKids = elementChildren(cert);
  const [certDigest, issuerSerial] = certKids;
  if (
    certKids.length !== 2 ||
    !isElement(certDigest, NS_XADES, "CertDigest") ||
    !isElement(issuerSerial, NS_XADES, "IssuerSerialV2")
  ) {
    throw shape("xades:SigningCertificateV2/xades:Cert", "xades:CertDigest, xades:IssuerSerialV2");
  }
  const dKids = elementChildren(certDigest);
  const [dm, dv] = dKids;
  if (dKids.length !== 2 || !isElement(dm, NS_DS, "DigestMethod") || !isElement(dv, NS_DS, "DigestValue")) {
    throw shape("xades:CertDigest", "ds:DigestMethod, ds:DigestValue");
  }
  const alg = dm.getAttribute("Algorithm") ?? "";
  if (alg !== ALG_SHA256) {
    throw new ShapeError(
      verifyIssue("VERIFY_SIG_ALGORITHM", { role, where: "xades:CertDigest", algorithm: alg }),
    );
  }
  const digestOk = sameBase64(ownText(dv).trim(), leaf.sha256);
  const serialOk =
    leaf.issuerSerial !== undefined &&
    sameBase64(ownText(issuerSerial).replace(/\s/g, ""), leaf.issuerSerial);
  facts.signingCertificateMatches = digestOk && serialOk;
  if (!facts.signingCertificateMatches) facts.issues.push(verifyIssue("VERIFY_SIG_SIGNING_CERT", { role }));

  const claimed = one(
    one(roleEl, NS_XADES, "ClaimedRoles", "xades:SignerRoleV2"),
    NS_XADES,
    "ClaimedRole",
    "xades:ClaimedRoles",
  );
  facts.claimedRole = ownText(claimed).trim();
  if (facts.claimedRole !== role || elementChildren(claimed).length > 0) {
    facts.issues.push(verifyIssue("VERIFY_SIG_ROLE_MISMATCH", { role, claimed: facts.claimedRole }));
  }
}
