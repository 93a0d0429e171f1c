import { createRequire } from "node:module";
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";
import { ExclusiveCanonicalization } from "xml-crypto";
import { canonicalizeTree } from "./canonicalize-tree.ts";
import { TreeElement } from "./xml-tree.ts";

const exc = new ExclusiveCanonicalization();

/*
 * Performance shim: @xmldom/xmldom 0.9.12 compiles a new, very large Unicode RegExp for every end
 * tag it parses (sax.js calls grammar.reg(...) inside the loop); that was a quarter of the signing
 * time per document. grammar.reg is pure (same parts, same RegExp source and flags), and the
 * RegExps it builds are neither global nor sticky, so sharing one instance per source is safe.
 * Applies to every xmldom user in the process. Remove when xmldom caches these itself.
 */
interface XmldomGrammar {
  reg: (this: unknown, ...parts: Array<RegExp | string>) => RegExp;
}
const grammar = createRequire(import.meta.url)("@xmldom/xmldom/lib/grammar.js") as XmldomGrammar;
if (!(grammar.reg as { memoized?: boolean }).memoized) {
  const original = grammar.reg;
  // A trie on the parts' identities: the RegExp parts are the grammar's own constants.
  interface Trie {
    next: Map<RegExp | string, Trie>;
    re?: RegExp;
  }
  const root: Trie = { next: new Map() };
  const memoized = function (this: unknown, ...parts: Array<RegExp | string>): RegExp {
    let node = root;
    for (const p of parts) {
      let child = node.next.get(p);
      if (!child) node.next.set(p, (child = { next: new Map() }));
      node = child;
    }
    return (node.re ??= original.apply(this, parts));
  };
  grammar.reg = Object.assign(memoized, { memoized: true });
}

/**
 * Exclusive XML Canonicalization 1.0 without comments of an element subtree: our own for a tree
 * from parseHocBaXml (every document the verifier and the signer inspect), xml-crypto's for an
 * xmldom element (tests and fixture tools that edit a DOM).
 */
export function excC14n(el: Element): string {
  const node: unknown = el;
  if (node instanceof TreeElement) return canonicalizeTree(node);
  return exc.process(el as unknown as globalThis.Element, {});
}

/**
 * XML 1.0 end-of-line handling (§2.11): CR LF and lone CR become LF, nothing else. xmldom's default
 * also turns NEL, LS and PS (U+0085, U+2028, U+2029) into LF, as XML 1.1 does for some of them:
 * the canonical bytes would then differ from libxml2's (xmlsec1), and a signature over a text
 * holding one of them would verify here but not there.
 */
function normalizeLineEndingsXml10(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Parses XML text; any parser warning or error is thrown (as a ParseError with the first message). */
export function parseXmlStrict(text: string): Document {
  const parser = new DOMParser({
    normalizeLineEndings: normalizeLineEndingsXml10,
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, "text/xml");
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Element children of `el`, in order. */
export function elementChildren(el: Node): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** True when `el` has a child text node that is not only XML whitespace. */
export function hasNonWhitespaceText(el: Node): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE && /[^ \t\r\n]/.test(n.nodeValue ?? "")) return true;
  }
  return false;
}

/** Concatenated text of the direct text children. */
export function ownText(el: Element): string {
  let s = "";
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === TEXT_NODE) s += n.nodeValue ?? "";
  return s;
}

/** `prefix:local` as written, for messages. */
export function qname(el: Element): string {
  return el.tagName;
}

export function isElement(el: Element | undefined, ns: string | null, localName: string): el is Element {
  return el !== undefined && (el.namespaceURI ?? null) === ns && el.localName === localName;
}

/** Attribute names other than namespace declarations. */
export function plainAttributeNames(el: Element): string[] {
  const out: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (!a) continue;
    if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    out.push(a.name);
  }
  return out;
}
