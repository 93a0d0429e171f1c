import {
  TreeAttr,
  TreeDocument,
  TreeElement,
  TreeText,
  XML_NS,
  XMLNS_NS,
  type TreeChild,
} from "./xml-tree.ts";

/*
 * A strict, namespace-aware parser for the XML a học bạ số document may contain, and nothing more:
 * an optional XML declaration, one root element, elements, attributes, text, the five predefined
 * entities and character references. DOCTYPE, comments, processing instructions and CDATA sections
 * are refused (the format forbids them, docs/format-hocbaso.md), as is everything XML 1.0 and
 * Namespaces in XML 1.0 call not well-formed. It replaces xmldom for untrusted documents because
 * xmldom's DOM took most of a verification (npm run bench, part 3); whatever libxml2 (xmlsec1)
 * refuses, this refuses too, which tests/unit/xml/parse-hocba-xml.test.ts checks on mutated
 * documents.
 */

/** Where and why the text is not XML this parser accepts (Vietnamese, for VERIFY_NOT_XML). */
export class HocBaXmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    /** Nested deeper than the caller's limit: well-formed so far, but not read further. */
    readonly tooDeep = false,
  ) {
    super(`dòng ${line}, cột ${column}: ${reason}`);
    this.name = "HocBaXmlSyntaxError";
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

function isNameStartCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

function isNameCode(c: number): boolean {
  if (c < 0x80) {
    return (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      c === 0x3a ||
      c === 0x2d ||
      c === 0x2e
    );
  }
  return c === 0xb7 || isNameStartCode(c) || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/** A code point XML 1.0 allows (its Char production). */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Characters XML 1.0 does not allow, written literally (U+FFFE, U+FFFF, C0 controls but tab, LF, CR). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/*
 * An absolute URI as RFC 3986 defines it. libxml2 refuses a namespace name that is not a URI
 * reference, and its canonicalizer (so xmlsec1) refuses a relative one (Canonical XML 1.0 does):
 * this parser refuses both. IP literals are checked loosely: stricter than needed is safe here,
 * laxer is not.
 */
const PCT = "%[0-9A-Fa-f]{2}";
const UNRESERVED = "A-Za-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const QUERY = `(?:${PCHAR}|[/?])*`;
const AUTHORITY =
  `(?:(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*@)?` +
  `(?:\\[[0-9A-Fa-f:.]+\\]|\\[v[0-9A-Fa-f]+\\.[${UNRESERVED}${SUB_DELIMS}:]+\\]|(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*)` +
  "(?::[0-9]*)?";
const ABEMPTY = `(?:/${SEGMENT})*`;
const ABSOLUTE = `/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?`;
const TAIL = `(?:\\?${QUERY})?(?:#${QUERY})?`;
const ABSOLUTE_URI = new RegExp(
  `^[A-Za-z][A-Za-z0-9+.\\-]*:(?://${AUTHORITY}${ABEMPTY}|${ABSOLUTE}|${SEGMENT_NZ}(?:/${SEGMENT})*|)${TAIL}$`,
);
/** Longer namespace names are refused unread: the pattern backtracks, and real ones are short. */
const MAX_NAMESPACE_LENGTH = 1024;
/** Names already found valid (the same few namespaces in every document). */
const validNamespaces = new Set<string>();

function isAbsoluteUri(value: string): boolean {
  if (validNamespaces.has(value)) return true;
  if (value.length > MAX_NAMESPACE_LENGTH || !ABSOLUTE_URI.test(value)) return false;
  if (validNamespaces.size < 64) validNamespaces.add(value);
  return true;
}

/**
 * The namespace bindings in force: each open element's own declarations, looked up from the
 * innermost out. Nothing is copied per element, so many declarations on many levels stay linear.
 */
class Scopes {
  private readonly own: Array<ReadonlyMap<string, string> | undefined> = [];
  push(declared: ReadonlyMap<string, string> | undefined): void {
    this.own.push(declared);
  }
  pop(): void {
    this.own.pop();
  }
  /** The namespace bound to `prefix` ("" is the default), "" for an undeclared default, or undefined. */
  lookup(prefix: string, innermost?: ReadonlyMap<string, string>): string | undefined {
    const here = innermost?.get(prefix);
    if (here !== undefined) return here;
    for (let i = this.own.length - 1; i >= 0; i--) {
      const ns = this.own[i]?.get(prefix);
      if (ns !== undefined) return ns;
    }
    return undefined;
  }
}

class Parser {
  private pos = 0;
  /** Whether the last start tag ended with `/>`. */
  private selfClosing = false;
  /** The tree being built; it also tells the line and column of an offset, for errors. */
  private readonly doc: TreeDocument;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.doc = new TreeDocument(text);
  }

  fail(reason: string, at = this.pos, tooDeep = false): never {
    throw new HocBaXmlSyntaxError(reason, this.doc.lineAt(at), this.doc.columnAt(at), tooDeep);
  }

  parse(): TreeDocument {
    const t = this.text;
    const doc = this.doc;
    if (t.startsWith("<?xml") && isSpace(t.charCodeAt(5))) this.xmlDeclaration();
    this.skipSpace();
    if (t.charCodeAt(this.pos) !== 0x3c) {
      this.fail(this.pos >= t.length ? "tệp không có phần tử gốc" : "có nội dung trước phần tử gốc");
    }
    const root = this.content(doc);
    doc.documentElement = root;
    this.skipSpace();
    if (this.pos < t.length) this.fail("có nội dung sau phần tử gốc");
    return doc;
  }

  /** `<?xml version="1.0" (encoding="UTF-8")? (standalone="yes|no")? ?>`, in that order: the text is UTF-8. */
  private xmlDeclaration(): void {
    const t = this.text;
    const end = t.indexOf("?>");
    if (end === -1) this.fail("khai báo XML không đóng");
    const decl = t.slice(5, end);
    const m =
      /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[Uu][Tt][Ff]-8\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*$/.exec(
        decl,
      );
    if (!m) this.fail("khai báo XML sai cú pháp", 0);
    this.pos = end + 2;
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length && isSpace(t.charCodeAt(this.pos))) this.pos++;
  }

  /** A Name at `pos` (XML 1.0 fifth edition); `pos` moves past it. */
  private name(what: string): string {
    const t = this.text;
    const start = this.pos;
    let c = t.codePointAt(start) ?? -1;
    if (!isNameStartCode(c)) this.fail(`thiếu ${what} hoặc ${what} bắt đầu bằng ký tự không hợp lệ`);
    let i = start + (c > 0xffff ? 2 : 1);
    for (; i < t.length; i += c > 0xffff ? 2 : 1) {
      c = t.charCodeAt(i);
      // Surrogates only through codePointAt: names are ASCII almost always.
      if (c >= 0xd800 && c <= 0xdbff) c = t.codePointAt(i) ?? -1;
      if (!isNameCode(c)) break;
    }
    this.pos = i;
    return t.slice(start, i);
  }

  /** Splits a QName; a name with an empty part or two colons is not namespace-well-formed. */
  private qname(name: string, at: number): [prefix: string | null, local: string] {
    const colon = name.indexOf(":");
    if (colon === -1) return [null, name];
    if (colon === 0 || colon === name.length - 1 || name.indexOf(":", colon + 1) !== -1) {
      this.fail(`tên «${name}» không đúng dạng tiền_tố:tên`, at);
    }
    const local = name.slice(colon + 1);
    if (!isNameStartCode(local.codePointAt(0) ?? -1)) {
      this.fail(`tên «${name}» không đúng dạng tiền_tố:tên`, at);
    }
    return [name.slice(0, colon), local];
  }

  /** A reference at `pos` (on the `&`): its replacement text; `pos` moves past the `;`. */
  private reference(): string {
    const t = this.text;
    const start = this.pos;
    const semi = t.indexOf(";", start + 1);
    // Far enough for &#x10FFFF; with leading zeros (XML allows them) and the five names.
    if (semi === -1 || semi - start > 40) this.fail("ký tự & không thuộc tham chiếu nào (cần &amp;)");
    const body = t.slice(start + 1, semi);
    this.pos = semi + 1;
    if (body.startsWith("#")) {
      const hex = body.startsWith("#x");
      const digits = body.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) {
        this.fail(`tham chiếu ký tự «&${body};» sai cú pháp`, start);
      }
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) this.fail(`tham chiếu «&${body};» tới ký tự XML không cho phép`, start);
      return String.fromCodePoint(cp);
    }
    const value = PREDEFINED[body];
    if (value === undefined) this.fail(`thực thể «&${body};» không được khai báo`, start);
    return value;
  }

  /** An attribute value at `pos` (on the quote), normalised (§3.3.3); `pos` moves past it. */
  private attributeValue(): string {
    const t = this.text;
    const quote = t.charCodeAt(this.pos);
    if (quote !== 0x22 && quote !== 0x27) this.fail("giá trị thuộc tính phải nằm trong dấu nháy");
    const end = t.indexOf(quote === 0x22 ? '"' : "'", this.pos + 1);
    if (end === -1) this.fail("giá trị thuộc tính không đóng dấu nháy");
    let value = "";
    let from = this.pos + 1;
    this.pos = from;
    while (this.pos < end) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x3c) this.fail("giá trị thuộc tính chứa ký tự <");
      if (c === 0x26) {
        value += t.slice(from, this.pos);
        value += this.reference();
        if (this.pos > end) this.fail("tham chiếu vượt quá giá trị thuộc tính");
        from = this.pos;
      } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
        // Whitespace written literally becomes a space; written as a reference it stays (§3.3.3).
        value += t.slice(from, this.pos) + " ";
        from = ++this.pos;
      } else this.pos++;
    }
    value += t.slice(from, end);
    this.pos = end + 1;
    return value;
  }

  /** The root element and everything in it, without recursion (a deep file cannot overflow the stack). */
  private content(doc: TreeDocument): TreeElement {
    const t = this.text;
    const stack: TreeElement[] = [];
    let root: TreeElement | undefined;
    const scopes = new Scopes();
    let nextAmp = t.indexOf("&", this.pos);
    let nextCdEnd = t.indexOf("]]>", this.pos);
    const append = (parent: TreeElement | TreeDocument, child: TreeChild) => {
      const siblings = parent.kids;
      const prev = siblings[siblings.length - 1] ?? null;
      child.parentNode = parent;
      child.ownerDocument = doc;
      child.previousSibling = prev;
      if (prev) prev.nextSibling = child;
      siblings.push(child);
    };
    for (;;) {
      const tagAt = this.pos;
      if (t.charCodeAt(tagAt) !== 0x3c) this.fail("thiếu thẻ");
      const next = t.charCodeAt(tagAt + 1);
      if (next === 0x2f) {
        // End tag.
        this.pos = tagAt + 2;
        const name = this.name("tên thẻ đóng");
        this.skipSpace();
        if (t.charCodeAt(this.pos) !== 0x3e) this.fail(`thẻ đóng </${name}> thiếu dấu >`);
        this.pos++;
        const open = stack.pop();
        if (!open || open.tagName !== name) {
          this.fail(
            open ? `thẻ đóng </${name}> không khớp thẻ mở <${open.tagName}>` : `thẻ đóng </${name}> thừa`,
            tagAt,
          );
        }
        scopes.pop();
      } else if (next === 0x21 || next === 0x3f) {
        this.fail(
          next === 0x21
            ? "có khai báo, chú thích hoặc CDATA (định dạng không cho phép)"
            : "có chỉ thị xử lý <? (định dạng không cho phép)",
          tagAt,
        );
      } else {
        const el = this.startTag(tagAt, scopes);
        const parent = stack[stack.length - 1] ?? doc;
        if (parent === doc && root) this.fail("có hơn một phần tử gốc", tagAt);
        append(parent, el);
        root ??= el;
        if (stack.length + 1 > this.maxDepth) {
          this.fail(`các phần tử lồng nhau quá ${this.maxDepth} tầng`, tagAt, true);
        }
        if (!this.selfClosing) {
          stack.push(el);
          scopes.push(el.declared);
        }
      }
      if (stack.length === 0) return root as TreeElement;
      // Character data up to the next tag.
      const textAt = this.pos;
      let data = "";
      let from = textAt;
      for (;;) {
        const lt = t.indexOf("<", this.pos);
        // The next "&" of the whole text, searched again only once passed (not per text node).
        if (nextAmp !== -1 && nextAmp < this.pos) nextAmp = t.indexOf("&", this.pos);
        const amp = nextAmp;
        if (lt === -1) this.fail(`thiếu thẻ đóng </${stack[stack.length - 1]?.tagName ?? ""}>`, t.length);
        if (amp !== -1 && amp < lt) {
          data += t.slice(from, amp);
          this.pos = amp;
          data += this.reference();
          from = this.pos;
          continue;
        }
        data += t.slice(from, lt);
        this.pos = lt;
        break;
      }
      if (data !== "") {
        // "]]>" may not appear literally in character data (XML 1.0 §2.4); searched like "&".
        if (nextCdEnd !== -1 && nextCdEnd < textAt) nextCdEnd = t.indexOf("]]>", textAt);
        if (nextCdEnd !== -1 && nextCdEnd < this.pos) this.fail("văn bản chứa «]]>»", nextCdEnd);
        const node = new TreeText(data);
        node.offset = textAt;
        append(stack[stack.length - 1] as TreeElement, node);
      }
    }
  }

  /** A start tag at `at` with its attributes and namespace declarations; `pos` ends past `>` or `/>`. */
  private startTag(at: number, scopes: Scopes): TreeElement {
    const t = this.text;
    this.pos = at + 1;
    const tagName = this.name("tên thẻ");
    const raw: Array<{ name: string; value: string; at: number }> = [];
    // Made only for a second attribute: most elements have none or one.
    let names: Set<string> | undefined;
    this.selfClosing = false;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = t.charCodeAt(this.pos);
      if (c === 0x3e) {
        this.pos++;
        break;
      }
      if (c === 0x2f) {
        if (t.charCodeAt(this.pos + 1) !== 0x3e) this.fail(`thẻ <${tagName}> thiếu dấu >`);
        this.pos += 2;
        this.selfClosing = true;
        break;
      }
      if (this.pos >= t.length) this.fail(`thẻ <${tagName}> không đóng`, at);
      if (this.pos === before) this.fail(`thiếu khoảng trắng trước thuộc tính trong thẻ <${tagName}>`);
      const nameAt = this.pos;
      const name = this.name("tên thuộc tính");
      this.skipSpace();
      if (t.charCodeAt(this.pos) !== 0x3d) this.fail(`thuộc tính ${name} thiếu dấu =`);
      this.pos++;
      this.skipSpace();
      const value = this.attributeValue();
      if (raw.length > 0) {
        names ??= new Set(raw.map((a) => a.name));
        if (names.has(name)) this.fail(`thuộc tính ${name} lặp lại trong thẻ <${tagName}>`, nameAt);
        names.add(name);
      }
      raw.push({ name, value, at: nameAt });
    }
    // Namespace declarations first: they apply to the element's own name and attributes.
    let declared: Map<string, string> | undefined;
    for (const a of raw) {
      const prefix =
        a.name === "xmlns" ? "" : a.name.startsWith("xmlns:") ? this.qname(a.name, a.at)[1] : undefined;
      if (prefix === undefined) continue;
      if (prefix === "xmlns") this.fail("không được khai báo tiền tố xmlns", a.at);
      if (prefix === "xml" ? a.value !== XML_NS : a.value === XML_NS || a.value === XMLNS_NS) {
        this.fail(`khai báo không gian tên ${a.name}="${a.value}" không hợp lệ`, a.at);
      }
      // Namespaces in XML 1.0: a prefix cannot be undeclared (only the default namespace can).
      if (prefix !== "" && a.value === "") this.fail(`tiền tố ${prefix} được khai báo rỗng`, a.at);
      if (a.value !== "" && !isAbsoluteUri(a.value)) {
        this.fail(`${a.name}="${a.value}" không phải một URI tuyệt đối hợp lệ`, a.at);
      }
      declared ??= new Map();
      declared.set(prefix, a.value);
    }
    const resolve = (prefix: string, name: string, where: number): string => {
      if (prefix === "xml") return XML_NS;
      const ns = scopes.lookup(prefix, declared);
      if (ns === undefined || ns === "") {
        this.fail(`tiền tố ${prefix} của «${name}» chưa được khai báo`, where);
      }
      return ns;
    };
    const [prefix, localName] = this.qname(tagName, at + 1);
    const ns = prefix === null ? scopes.lookup("", declared) || null : resolve(prefix, tagName, at + 1);
    const el = new TreeElement(tagName, prefix, localName, ns);
    el.declared = declared;
    el.offset = at;
    const expanded = raw.length > 1 ? new Set<string>() : undefined;
    for (const a of raw) {
      let attr: TreeAttr;
      if (a.name === "xmlns") attr = new TreeAttr(a.name, null, "xmlns", XMLNS_NS, a.value);
      else if (a.name.startsWith("xmlns:")) {
        attr = new TreeAttr(a.name, "xmlns", a.name.slice(6), XMLNS_NS, a.value);
      } else {
        const [p, local] = this.qname(a.name, a.at);
        const uri = p === null ? null : resolve(p, a.name, a.at);
        // Two attributes with the same namespace and local name, under different prefixes.
        const key = `${uri ?? ""}\u0000${local}`;
        if (expanded?.has(key)) this.fail(`thuộc tính ${a.name} trùng tên với một thuộc tính khác`, a.at);
        expanded?.add(key);
        attr = new TreeAttr(a.name, p, local, uri, a.value);
      }
      el.attrs.push(attr);
    }
    return el;
  }
}

/**
 * Parses a học bạ document's text (already decoded from strict UTF-8, without a BOM) into a
 * read-only tree with the DOM's shape. Line ends are normalised first (XML 1.0 §2.11: CR LF and
 * lone CR become LF, nothing else). Throws HocBaXmlSyntaxError, in Vietnamese, with line and column.
 */
export function parseHocBaXml(input: string, options: { maxDepth?: number } = {}): TreeDocument {
  const text = input.includes("\r") ? input.replace(/\r\n?/g, "\n") : input;
  // Characters XML 1.0 does not allow, written literally (references are checked as they are read).
  const bad = FORBIDDEN_CHAR.exec(text);
  const parser = new Parser(text, options.maxDepth ?? Infinity);
  if (bad) parser.fail("có ký tự XML không cho phép", bad.index);
  // A lone surrogate cannot come from strict UTF-8, but this parser does not rely on its caller.
  if (!text.isWellFormed()) parser.fail("có ký tự Unicode hỏng (nửa cặp thay thế)", 0);
  return parser.parse();
}
