import type { Document, Element, Node } from "@xmldom/xmldom";
import { DATA_ID } from "../../shared/xml/hocbaso-v1/format.ts";
import {
  isSigningOrder,
  isSigningRole,
  NS_DS,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { verifyIssue, type VerifyIssue } from "./verify-issue.ts";
import { FORBIDDEN_CHAR, HocBaXmlSyntaxError, isXmlChar, parseHocBaXml } from "./parse-hocba-xml.ts";
import {
  ELEMENT_NODE,
  elementChildren,
  hasNonWhitespaceText,
  isElement,
  ownText,
  plainAttributeNames,
  TEXT_NODE,
} from "./xml-dom.ts";

/** A role container in DSCKS and the ds:Signature it holds. */
export interface RoleContainer {
  role: SigningRole;
  element: Element;
  /** The container's only child, when it is a ds:Signature. */
  signature?: Element;
}

/** A parsed học bạ document whose root structure was located. */
export interface HocBaDocument {
  /** The bytes as given (never re-serialised). */
  bytes: Buffer;
  /** The text the DOM was parsed from (UTF-8 decoded; a BOM is refused before). */
  text: string;
  doc: Document;
  root: Element;
  /** The root's first element child, with Id="DLHocBa". */
  dlHocBa: Element;
  dscks: Element;
  /** Role containers in document order (only known roles). */
  containers: RoleContainer[];
  /** TTChung/SuKien as written (undefined when absent): a CANCEL has its own signing roles. */
  suKien?: string;
}

export interface InspectResult {
  /** Undefined when the bytes are not XML or the root structure cannot be located. */
  document?: HocBaDocument;
  /** Document-level problems; empty when the structure is as the profile requires. */
  issues: VerifyIssue[];
}

const ID_ATTRIBUTES = ["Id", "ID", "id"];
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bounds on untrusted input, far above any real document (about 20 KB, 600 tags, 12 levels with
 * three signatures) and far below what hurts: the DOM costs about 1 KB per element, and the
 * canonicalizer recurses per level (it overflows the stack at a few thousand).
 */
export const HOCBA_INPUT_LIMITS = Object.freeze({
  /** Bytes of one document. */
  maxBytes: 2 * 1024 * 1024,
  /** Tags (`<` characters) in one document. */
  maxTags: 50_000,
  /** Nesting depth of elements, the root being 1. */
  maxDepth: 64,
});

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Markup the format forbids, found in the raw text. Sound because, in well-formed XML, `<` cannot
 * appear unescaped in text or attribute values: every `<!` and `<?` is markup.
 */
function forbiddenMarkup(text: string): VerifyIssue | undefined {
  let tags = 0;
  for (let i = text.indexOf("<"); i !== -1; i = text.indexOf("<", i + 1)) {
    if (++tags > HOCBA_INPUT_LIMITS.maxTags) {
      return verifyIssue("VERIFY_TOO_MANY_ELEMENTS", { max: HOCBA_INPUT_LIMITS.maxTags });
    }
  }
  const badChar = forbiddenCharacter(text);
  if (badChar !== undefined) return verifyIssue("VERIFY_XML_CHAR", { line: lineOf(text, badChar) });
  const checks: Array<[RegExp, Parameters<typeof verifyIssue>[0]]> = [
    [/<!DOCTYPE/i, "VERIFY_DOCTYPE"],
    [/<!ENTITY/i, "VERIFY_DOCTYPE"],
    [/<!--/, "VERIFY_COMMENT"],
    [/<!\[CDATA\[/, "VERIFY_CDATA"],
  ];
  // Each of these starts with "<!": a document without one (every signed one) needs no scan.
  for (const [re, code] of text.includes("<!") ? checks : []) {
    const m = re.exec(text);
    if (m) return verifyIssue(code, { line: lineOf(text, m.index) });
  }
  // Only the XML declaration, at the very start, may use `<?`.
  const declEnd = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0;
  const pi = text.indexOf("<?", declEnd);
  if (pi !== -1) return verifyIssue("VERIFY_PI", { line: lineOf(text, pi) });
  if (declEnd > 0) {
    const decl = text.slice(0, declEnd);
    if (!/^<\?xml[ \t\r\n]/.test(decl)) return verifyIssue("VERIFY_PI", { line: 1 });
    const version = /version\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
    if (version !== "1.0") return verifyIssue("VERIFY_XML_VERSION", { version: version ?? "" });
    const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
    if (enc !== undefined && enc.toUpperCase() !== "UTF-8") {
      return verifyIssue("VERIFY_ENCODING", { encoding: enc });
    }
  }
  return undefined;
}

// libxml2 and xmlsec1 refuse what XML 1.0's Char excludes (lone surrogates cannot survive the
// strict UTF-8 decoding); found here first, to name it as what it is rather than as a parse error.
const CHAR_REFERENCE = /&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g;

/** Offset of the first character, literal or by reference, that XML 1.0 does not allow. */
function forbiddenCharacter(text: string): number | undefined {
  const literal = FORBIDDEN_CHAR.exec(text);
  let first = literal?.index;
  for (const m of text.matchAll(CHAR_REFERENCE)) {
    if (first !== undefined && m.index >= first) break;
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (!isXmlChar(cp)) first = m.index;
  }
  return first;
}

/**
 * Comments, PIs, CDATA, doctype or entity references left in the tree (defence in depth: the parser
 * builds only elements and text).
 */
function forbiddenNode(node: Node): VerifyIssue | undefined {
  for (let n = node.firstChild; n; n = n.nextSibling) {
    switch (n.nodeType) {
      case ELEMENT_NODE:
      case TEXT_NODE: {
        const inner = n.nodeType === ELEMENT_NODE ? forbiddenNode(n) : undefined;
        if (inner) return inner;
        break;
      }
      case 8:
        return verifyIssue("VERIFY_COMMENT", { line: n.lineNumber ?? 0 });
      case 4:
        return verifyIssue("VERIFY_CDATA", { line: n.lineNumber ?? 0 });
      case 7:
        return verifyIssue("VERIFY_PI", { line: n.lineNumber ?? 0 });
      default:
        return verifyIssue("VERIFY_DOCTYPE", { line: n.lineNumber ?? 0 });
    }
  }
  return undefined;
}

/** Every element carrying an Id/ID/id attribute, to check that each value appears once. */
function duplicateIds(root: Element): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  const walk = (el: Element) => {
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i);
      if (!a || !ID_ATTRIBUTES.includes(a.localName ?? a.name)) continue;
      if (seen.has(a.value)) dups.add(a.value);
      seen.add(a.value);
    }
    for (const c of elementChildren(el)) walk(c);
  };
  walk(root);
  return [...dups];
}

/** Where an element is, as a path of tag names ("HocBaSo/DLHocBa/ds:Signature"). */
export function elementPath(el: Element): string {
  const parts: string[] = [];
  for (let n: Node | null = el; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) {
    parts.unshift((n as Element).tagName);
  }
  return parts.join("/");
}

/**
 * Parses a học bạ document strictly and checks everything about it that is not a signature:
 * UTF-8, no DOCTYPE/entities/comments/PIs/CDATA, root HocBaSo with exactly DLHocBa then DSCKS,
 * unique Ids, role containers known, unique, in order, each holding exactly one ds:Signature, and
 * no ds:Signature anywhere else.
 */
export function inspectHocBa(input: Uint8Array): InspectResult {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > HOCBA_INPUT_LIMITS.maxBytes) {
    return {
      issues: [verifyIssue("VERIFY_TOO_LARGE", { size: bytes.length, max: HOCBA_INPUT_LIMITS.maxBytes })],
    };
  }
  // One rule with the signer (validateHocBaXml): the format is UTF-8 without a byte-order mark.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { issues: [verifyIssue("XML_HAS_BOM", { line: 1 })] };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { issues: [verifyIssue("VERIFY_NOT_UTF8")] };
  }
  const markup = forbiddenMarkup(text);
  if (markup) return { issues: [markup] };
  let doc: Document;
  try {
    // The tree stands in for xmldom's Document: the same shape for everything read below.
    doc = parseHocBaXml(text, { maxDepth: HOCBA_INPUT_LIMITS.maxDepth }) as unknown as Document;
  } catch (err) {
    if (!(err instanceof HocBaXmlSyntaxError)) throw err;
    if (err.tooDeep) {
      return {
        issues: [verifyIssue("VERIFY_TOO_DEEP", { line: err.line, max: HOCBA_INPUT_LIMITS.maxDepth })],
      };
    }
    const detail = text.trim() === "" ? "tệp trống" : err.message;
    return { issues: [verifyIssue("VERIFY_NOT_XML", { detail })] };
  }
  const leftover = forbiddenNode(doc);
  if (leftover) return { issues: [leftover] };
  const root = doc.documentElement;
  if (!root || !isElement(root, null, "HocBaSo")) {
    return { issues: [verifyIssue("VERIFY_NOT_HOCBA", { root: (root as Element | null)?.tagName ?? "" })] };
  }
  const issues: VerifyIssue[] = [];
  const [dlHocBa, dscks, ...extra] = elementChildren(root);
  if (
    !isElement(dlHocBa, null, "DLHocBa") ||
    !isElement(dscks, null, "DSCKS") ||
    extra.length > 0 ||
    hasNonWhitespaceText(root)
  ) {
    return {
      issues: [
        verifyIssue("VERIFY_ROOT_STRUCTURE", {
          found: elementChildren(root)
            .map((e) => e.tagName)
            .join(", "),
        }),
      ],
    };
  }
  if (root.getAttribute("PhienBan") !== "1.0") {
    issues.push(verifyIssue("VERIFY_VERSION", { version: root.getAttribute("PhienBan") ?? "" }));
  }
  // No signature covers the root element: whatever it carries beyond PhienBan is unsigned.
  const rootExtra = plainAttributeNames(root).filter((a) => a !== "PhienBan");
  if (rootExtra.length > 0) {
    issues.push(verifyIssue("VERIFY_ROOT_ATTRIBUTES", { names: rootExtra.join(", ") }));
  }
  if (dlHocBa.getAttribute("Id") !== DATA_ID) issues.push(verifyIssue("VERIFY_DATA_ID"));
  for (const id of duplicateIds(root)) issues.push(verifyIssue("VERIFY_DUPLICATE_ID", { id }));
  if (plainAttributeNames(dscks).length > 0 || hasNonWhitespaceText(dscks)) {
    issues.push(verifyIssue("VERIFY_DSCKS_CONTENT"));
  }

  const containers: RoleContainer[] = [];
  for (const el of elementChildren(dscks)) {
    if (el.namespaceURI || !isSigningRole(el.localName ?? "")) {
      issues.push(verifyIssue("VERIFY_UNKNOWN_ROLE", { name: el.tagName }));
      continue;
    }
    const role = el.localName as SigningRole;
    if (containers.some((c) => c.role === role)) {
      issues.push(verifyIssue("VERIFY_DUPLICATE_ROLE", { role }));
      continue;
    }
    const kids = elementChildren(el);
    const only = kids[0];
    const signature = kids.length === 1 && isElement(only, NS_DS, "Signature") ? only : undefined;
    if (!signature || hasNonWhitespaceText(el) || plainAttributeNames(el).length > 0) {
      issues.push(verifyIssue("VERIFY_CONTAINER_CONTENT", { role }));
    }
    containers.push({ role, element: el, signature });
  }
  const order = containers.map((c) => c.role);
  const suKien = suKienOf(dlHocBa);
  if (!isSigningOrder(order, suKien)) {
    const code = suKien === "CANCEL" ? "VERIFY_CANCEL_ROLE_ORDER" : "VERIFY_ROLE_ORDER";
    issues.push(verifyIssue(code, { found: order.join(" → ") }));
  }
  const placed = new Set(containers.map((c) => c.signature).filter((s) => s !== undefined));
  const all = doc.getElementsByTagNameNS(NS_DS, "Signature");
  for (let i = 0; i < all.length; i++) {
    const s = all.item(i);
    if (s && !placed.has(s)) issues.push(verifyIssue("VERIFY_SIGNATURE_OUTSIDE", { where: elementPath(s) }));
  }
  return {
    document: { bytes, text, doc, root, dlHocBa, dscks, containers, ...(suKien ? { suKien } : {}) },
    issues,
  };
}

/** DLHocBa/TTChung/SuKien as written; the XSD and the reader check its value. */
function suKienOf(dlHocBa: Element): string | undefined {
  const ttChung = elementChildren(dlHocBa).find((e) => isElement(e, null, "TTChung"));
  const el = ttChung && elementChildren(ttChung).find((e) => isElement(e, null, "SuKien"));
  return el ? ownText(el).trim() : undefined;
}
