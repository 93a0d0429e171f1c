import {
  ALG_EXC_C14N,
  NS_DS,
  NS_XADES,
  signatureId,
  signedPropertiesId,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { Element } from "@xmldom/xmldom";
import { inspectHocBa } from "../xmldsig/inspect-hocba.ts";
import {
  elementChildren,
  hasNonWhitespaceText,
  isElement,
  ownText,
  plainAttributeNames,
} from "../xmldsig/xml-dom.ts";

export type SignatureLevel = "B-B" | "B-T" | "B-LT";

/**
 * The level a document already signed for `role` carries, read from its bytes (a timestamp: B-T;
 * validation data after it: B-LT). For a run that took every document from the archive, whose
 * level is that of the earlier run, not of this run's settings. Undefined when `role` has no
 * container; B-B when its container holds no usable signature.
 *
 * A light read, no digest, signature value or certificate checked (these documents are the
 * helper's own output, taken back from its archive): only the path to the unsigned properties, by
 * namespace and position, and their content, with examineSignature's rules. Anywhere else or in any
 * other shape they count for nothing, as there: never a higher level than it reads from them.
 */
export function signedLevel(bytes: Uint8Array, role: SigningRole): SignatureLevel | undefined {
  const doc = inspectHocBa(bytes).document;
  const container = doc?.containers.find((c) => c.role === role);
  if (!container) return undefined;
  const usp = unsignedSignatureProperties(container.signature, role);
  if (!usp) return "B-B";
  // SignatureTimeStamp, then CertificateValues? and RevocationValues?, in that order, nothing else.
  const [ts, ...rest] = elementChildren(usp);
  const certValues = rest.find((k) => isElement(k, NS_XADES, "CertificateValues"));
  const revValues = rest.find((k) => isElement(k, NS_XADES, "RevocationValues"));
  const lt = [certValues, revValues].filter((k) => k !== undefined);
  if (
    !isElement(ts, NS_XADES, "SignatureTimeStamp") ||
    !bare(usp) ||
    rest.length !== lt.length ||
    rest.some((k, i) => k !== lt[i]) ||
    !timeStampToken(ts)
  ) {
    return "B-B";
  }
  if (lt.length === 0) return "B-T";
  const valuesOk =
    (!certValues || encapsulated(certValues, "EncapsulatedX509Certificate")) &&
    (!revValues || revocationValues(revValues));
  // Validation data the verifier cannot read makes it drop the timestamp too.
  return valuesOk ? "B-LT" : "B-B";
}

/** No attribute but namespace declarations, no text but white space. */
function bare(el: Element): boolean {
  return plainAttributeNames(el).length === 0 && !hasNonWhitespaceText(el);
}

/** The only child of `el`, when it is ns:name and `el` is bare. */
function onlyChild(el: Element, ns: string, name: string): Element | undefined {
  const kids = elementChildren(el);
  const k = kids[0];
  return kids.length === 1 && isElement(k, ns, name) && bare(el) ? k : undefined;
}

/**
 * ds:Signature (Id sig-<Role>) > ds:Object > xades:QualifyingProperties (Target #sig-<Role>) >
 * [xades:SignedProperties (Id SP-<Role>), xades:UnsignedProperties] > the one
 * xades:UnsignedSignatureProperties; undefined anywhere else.
 */
function unsignedSignatureProperties(sig: Element | undefined, role: SigningRole): Element | undefined {
  if (
    !sig ||
    sig.getAttribute("Id") !== signatureId(role) ||
    plainAttributeNames(sig).some((a) => a !== "Id")
  ) {
    return undefined;
  }
  const kids = elementChildren(sig);
  const [signedInfo, signatureValue, keyInfo, object] = kids;
  if (
    kids.length !== 4 ||
    hasNonWhitespaceText(sig) ||
    !isElement(signedInfo, NS_DS, "SignedInfo") ||
    !isElement(signatureValue, NS_DS, "SignatureValue") ||
    !isElement(keyInfo, NS_DS, "KeyInfo") ||
    !isElement(object, NS_DS, "Object")
  ) {
    return undefined;
  }
  const qp = onlyChild(object, NS_XADES, "QualifyingProperties");
  if (
    !qp ||
    qp.getAttribute("Target") !== `#${signatureId(role)}` ||
    plainAttributeNames(qp).some((a) => a !== "Target") ||
    hasNonWhitespaceText(qp)
  ) {
    return undefined;
  }
  const qpKids = elementChildren(qp);
  const [sp, unsigned] = qpKids;
  if (
    qpKids.length !== 2 ||
    !isElement(sp, NS_XADES, "SignedProperties") ||
    sp.getAttribute("Id") !== signedPropertiesId(role) ||
    plainAttributeNames(sp).some((a) => a !== "Id") ||
    !isElement(unsigned, NS_XADES, "UnsignedProperties")
  ) {
    return undefined;
  }
  const usp = onlyChild(unsigned, NS_XADES, "UnsignedSignatureProperties");
  return usp && plainAttributeNames(usp).length === 0 ? usp : undefined;
}

/** [ds:CanonicalizationMethod (exc-c14n, empty), xades:EncapsulatedTimeStamp (base64)], bare. */
function timeStampToken(ts: Element): boolean {
  const kids = elementChildren(ts);
  const [method, token] = kids;
  return (
    kids.length === 2 &&
    bare(ts) &&
    isElement(method, NS_DS, "CanonicalizationMethod") &&
    method.getAttribute("Algorithm") === ALG_EXC_C14N &&
    plainAttributeNames(method).every((a) => a === "Algorithm") &&
    !method.firstChild &&
    isElement(token, NS_XADES, "EncapsulatedTimeStamp") &&
    base64Leaf(token)
  );
}

/** xades:RevocationValues: xades:OCSPValues?, xades:CRLValues?, at least one, in that order. */
function revocationValues(el: Element): boolean {
  const kids = elementChildren(el);
  const ocsp = kids.find((k) => isElement(k, NS_XADES, "OCSPValues"));
  const crl = kids.find((k) => isElement(k, NS_XADES, "CRLValues"));
  const ordered = [ocsp, crl].filter((k) => k !== undefined);
  return (
    kids.length > 0 &&
    kids.length === ordered.length &&
    kids.every((k, i) => k === ordered[i]) &&
    bare(el) &&
    (!ocsp || encapsulated(ocsp, "EncapsulatedOCSPValue")) &&
    (!crl || encapsulated(crl, "EncapsulatedCRLValue"))
  );
}

/** Bare `el` whose children, at least one, are all xades:`name` holding base64. */
function encapsulated(el: Element, name: string): boolean {
  const kids = elementChildren(el);
  return kids.length > 0 && bare(el) && kids.every((k) => isElement(k, NS_XADES, name) && base64Leaf(k));
}

/**
 * Base64 text only, at least one byte, as examineSignature decodes it. White space first, then
 * one pattern (one pattern with white space in it backtracks quadratically; see there).
 */
function base64Leaf(el: Element): boolean {
  if (plainAttributeNames(el).length > 0 || elementChildren(el).length > 0) return false;
  const compact = ownText(el).replace(/[\r\n\t ]+/g, "");
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && Buffer.from(compact, "base64").length > 0;
}
