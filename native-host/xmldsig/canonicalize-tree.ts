import { XMLNS_NS, type TreeChild, type TreeElement } from "./xml-tree.ts";

/*
 * Exclusive XML Canonicalization 1.0 without comments (http://www.w3.org/2001/10/xml-exc-c14n#),
 * no InclusiveNamespaces PrefixList (the profile forbids one), of an element and its descendants in
 * a tree from parseHocBaXml. The tree has no comments, PIs or CDATA, and its text is already
 * normalised by the parser, so what is left is: namespace declarations a node visibly uses and its
 * nearest output ancestor did not already render, attributes sorted by namespace URI then local
 * name, start and end tags for every element, and the escapes. tests/unit/xml/
 * parse-hocba-xml.test.ts checks it against libxml2's (xmlsec1's) and xml-crypto's.
 */

/** Compares by Unicode code point, as C14N sorts (UTF-16 order differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate stands for a code point above every BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;

function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

/** Prefix → namespace rendered by the output ancestors ("" is the default namespace). */
type Rendered = ReadonlyMap<string, string>;

/** The start tag of `el`; returns what its descendants see as rendered. */
function startTag(el: TreeElement, rendered: Rendered, out: string[]): Rendered {
  const decls: Array<[string, string]> = [];
  const use = (prefix: string, uri: string) => {
    // The xml prefix is bound by definition and never declared.
    if (prefix === "xml") return;
    const have = rendered.get(prefix);
    // No default namespace here and none rendered above: nothing to undo with xmlns="".
    if (prefix === "" && uri === "" && (have === undefined || have === "")) return;
    if (have === uri) return;
    for (const d of decls) if (d[0] === prefix) return;
    decls.push([prefix, uri]);
  };
  use(el.prefix ?? "", el.namespaceURI ?? "");
  const attrs = [];
  for (const a of el.attrs) {
    if (a.namespaceURI === XMLNS_NS) continue;
    if (a.prefix !== null) use(a.prefix, a.namespaceURI ?? "");
    attrs.push(a);
  }
  out.push("<", el.tagName);
  let inner = rendered;
  if (decls.length > 0) {
    decls.sort((a, b) => compareCodePoints(a[0], b[0]));
    const next = new Map(rendered);
    for (const [prefix, uri] of decls) {
      next.set(prefix, uri);
      out.push(prefix === "" ? ' xmlns="' : ` xmlns:${prefix}="`, escapeAttr(uri), '"');
    }
    inner = next;
  }
  if (attrs.length > 1) {
    attrs.sort(
      (a, b) =>
        compareCodePoints(a.namespaceURI ?? "", b.namespaceURI ?? "") ||
        compareCodePoints(a.localName, b.localName),
    );
  }
  for (const a of attrs) out.push(" ", a.name, '="', escapeAttr(a.value), '"');
  out.push(">");
  return inner;
}

/** The exclusive canonical form of `apex` and its descendants, as a string (UTF-8 when encoded). */
export function canonicalizeTree(apex: TreeElement): string {
  const out: string[] = [];
  // Without recursion: the depth is bounded by the inspection, but a walk need not rely on it.
  const stack: Array<{ el: TreeElement; rendered: Rendered; next: number }> = [
    { el: apex, rendered: startTag(apex, new Map(), out), next: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    const child: TreeChild | undefined = top.el.kids[top.next++];
    if (!child) {
      out.push("</", top.el.tagName, ">");
      stack.pop();
    } else if (child.nodeType === 3) {
      out.push(escapeText(child.data));
    } else {
      stack.push({ el: child, rendered: startTag(child, top.rendered, out), next: 0 });
    }
  }
  return out.join("");
}
