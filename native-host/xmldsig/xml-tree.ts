/*
 * The read-only tree parseHocBaXml builds: the part of the W3C DOM that the verifier, the signer's
 * checks and the shared readers use (nodeType, names, namespaces, attributes, children, siblings,
 * text, getAttribute, getElementsByTagNameNS, lineNumber), and nothing else. It stands in for
 * @xmldom/xmldom's Document behind the same types, so those callers do not change; building it is
 * several times cheaper than xmldom's DOM, whose every appendChild re-validates the tree.
 * Nothing here mutates a tree after the parser made it.
 */

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** A list as the DOM's NodeList and HTMLCollection: indexable, `length`, `item(i)`. */
export class TreeList<T> extends Array<T> {
  item(i: number): T | null {
    return this[i] ?? null;
  }
}

abstract class TreeNode {
  // The DOM's constants for the kinds of node a tree has, which DOM code also reads from
  // instances (n.ELEMENT_NODE in archive/read-hocba-ids.ts).
  get ELEMENT_NODE(): 1 {
    return 1;
  }
  get TEXT_NODE(): 3 {
    return 3;
  }
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: TreeElement | TreeDocument | null = null;
  previousSibling: TreeChild | null = null;
  nextSibling: TreeChild | null = null;
  /** Offset of the node's start in the parsed text (line ends normalised). */
  offset = 0;
  ownerDocument: TreeDocument | null = null;
  /** 1-based line of the node's start, counted only when asked (messages about a bad file). */
  get lineNumber(): number {
    return this.ownerDocument?.lineAt(this.offset) ?? 0;
  }
}

export class TreeAttr {
  readonly nodeType = 2;
  constructor(
    /** `prefix:local` as written. */
    readonly name: string,
    readonly prefix: string | null,
    readonly localName: string,
    readonly namespaceURI: string | null,
    /** Normalised as XML 1.0 §3.3.3 says (whitespace characters as written become spaces). */
    readonly value: string,
  ) {}
  get nodeName(): string {
    return this.name;
  }
  get nodeValue(): string {
    return this.value;
  }
  get textContent(): string {
    return this.value;
  }
}

/** An element's attributes (namespace declarations included, as in the DOM), in document order. */
export class TreeAttributes {
  constructor(private readonly list: readonly TreeAttr[]) {}
  get length(): number {
    return this.list.length;
  }
  item(i: number): TreeAttr | null {
    return this.list[i] ?? null;
  }
  [Symbol.iterator](): Iterator<TreeAttr> {
    return this.list[Symbol.iterator]();
  }
  getNamedItem(name: string): TreeAttr | null {
    for (const a of this.list) if (a.name === name) return a;
    return null;
  }
  getNamedItemNS(ns: string | null, localName: string): TreeAttr | null {
    for (const a of this.list) if (a.namespaceURI === (ns || null) && a.localName === localName) return a;
    return null;
  }
}

export class TreeText extends TreeNode {
  readonly nodeType = 3;
  readonly nodeName = "#text";
  constructor(readonly data: string) {
    super();
  }
  get nodeValue(): string {
    return this.data;
  }
  get textContent(): string {
    return this.data;
  }
  get childNodes(): TreeList<TreeChild> {
    return new TreeList<TreeChild>();
  }
  readonly firstChild = null;
  readonly lastChild = null;
}

export type TreeChild = TreeElement | TreeText;

abstract class TreeParent extends TreeNode {
  /** The children, in order (a plain array: the parser appends here). */
  readonly kids: TreeChild[] = [];
  get childNodes(): TreeList<TreeChild> {
    return TreeList.from(this.kids) as TreeList<TreeChild>;
  }
  get firstChild(): TreeChild | null {
    return this.kids[0] ?? null;
  }
  get lastChild(): TreeChild | null {
    return this.kids[this.kids.length - 1] ?? null;
  }
  /** Element children, in order. */
  get children(): TreeList<TreeElement> {
    const out = new TreeList<TreeElement>();
    for (const c of this.kids) if (c.nodeType === 1) out.push(c);
    return out;
  }
  /** Descendant elements with this namespace and local name ("*" matches any), in document order. */
  getElementsByTagNameNS(ns: string | null, localName: string): TreeList<TreeElement> {
    const out = new TreeList<TreeElement>();
    const anyNs = ns === "*";
    const anyName = localName === "*";
    const want = ns || null;
    // Iterative: a hostile depth must not overflow the stack before the depth check reports it.
    const stack: TreeChild[] = [...this.kids].reverse();
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (n.nodeType !== 1) continue;
      if ((anyNs || n.namespaceURI === want) && (anyName || n.localName === localName)) out.push(n);
      for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i] as TreeChild);
    }
    return out;
  }
  get textContent(): string {
    let s = "";
    const stack: TreeChild[] = [...this.kids].reverse();
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (n.nodeType === 3) s += n.data;
      else for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i] as TreeChild);
    }
    return s;
  }
}

export class TreeElement extends TreeParent {
  readonly nodeType = 1;
  /** The attributes, in order (a plain array: the parser appends here). */
  readonly attrs: TreeAttr[] = [];
  readonly attributes = new TreeAttributes(this.attrs);
  /** The namespaces this element declares (prefix "" is the default namespace), if any. */
  declared: ReadonlyMap<string, string> | undefined;
  constructor(
    /** `prefix:local` as written. */
    readonly tagName: string,
    readonly prefix: string | null,
    readonly localName: string,
    readonly namespaceURI: string | null,
  ) {
    super();
  }
  get nodeName(): string {
    return this.tagName;
  }
  get nodeValue(): null {
    return null;
  }
  getAttribute(name: string): string | null {
    return this.attributes.getNamedItem(name)?.value ?? null;
  }
  getAttributeNS(ns: string | null, localName: string): string | null {
    return this.attributes.getNamedItemNS(ns, localName)?.value ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributes.getNamedItem(name) !== null;
  }
  lookupNamespaceURI(prefix: string | null): string | null {
    if (prefix === "xml") return XML_NS;
    if (prefix === "xmlns") return XMLNS_NS;
    const ns = this.declared?.get(prefix ?? "");
    if (ns !== undefined) return ns || null;
    return this.parentNode?.nodeType === 1 ? this.parentNode.lookupNamespaceURI(prefix) : null;
  }
}

export class TreeDocument extends TreeParent {
  readonly nodeType = 9;
  readonly nodeName = "#document";
  documentElement: TreeElement | null = null;
  private lineStarts: number[] | undefined;
  constructor(
    /** The text the tree was parsed from, line ends normalised. */
    readonly text: string,
  ) {
    super();
  }
  /** 1-based line of `offset` in the text. */
  lineAt(offset: number): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** 1-based column of `offset` in its line (UTF-16 units). */
  columnAt(offset: number): number {
    const line = this.lineAt(offset);
    return offset - (this.lineStarts?.[line - 1] ?? 0) + 1;
  }
  get nodeValue(): null {
    return null;
  }
}
