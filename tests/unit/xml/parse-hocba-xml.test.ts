import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { ParseOption, XmlC14NMode, XmlDocument } from "libxml2-wasm";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../support/seeded-random.ts";
import { inspectHocBa } from "../../../native-host/xmldsig/inspect-hocba.ts";
import { canonicalizeTree } from "../../../native-host/xmldsig/canonicalize-tree.ts";
import { HocBaXmlSyntaxError, parseHocBaXml } from "../../../native-host/xmldsig/parse-hocba-xml.ts";
import { excC14n, parseXmlStrict } from "../../../native-host/xmldsig/xml-dom.ts";
import type { TreeElement } from "../../../native-host/xmldsig/xml-tree.ts";

/**
 * The verifier's own XML parser and canonicalizer (native-host/xmldsig/parse-hocba-xml.ts,
 * canonicalize-tree.ts) against two independent ones: libxml2 (what xmlsec1 uses) and xmldom with
 * xml-crypto (what the verifier used before). Whatever libxml2 refuses must be refused; whatever is
 * accepted must canonicalise to libxml2's bytes exactly, or a signature would verify here and not
 * there (or the other way round).
 */
const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
const SAFE = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

function fixtureFiles(): string[] {
  const dirs = ["attacks", "attacks/hostile", "golden"].map((d) => path.join(FIXTURES, d));
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".xml"))
      .map((f) => path.join(d, f)),
  );
}

/**
 * libxml2's verdict: its exclusive canonical form of the root, or null when it refuses the text or
 * cannot canonicalise it (a relative namespace URI, entities): xmlsec1 could not verify it either.
 */
function libxml2Root(text: string): string | null {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(text, { option: SAFE });
  } catch {
    return null;
  }
  try {
    return doc.root.canonicalizeToString({ mode: XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 });
  } catch {
    return null;
  } finally {
    doc.dispose();
  }
}

function ours(text: string): TreeElement | HocBaXmlSyntaxError {
  try {
    const root = parseHocBaXml(text).documentElement;
    if (!root) throw new Error("no root");
    return root;
  } catch (err) {
    if (err instanceof HocBaXmlSyntaxError) return err;
    throw err;
  }
}

function reason(text: string): string {
  const r = ours(text);
  if (!(r instanceof HocBaXmlSyntaxError)) throw new Error(`accepted: ${text}`);
  return r.message;
}

/**
 * What the format forbids but XML allows, refused on purpose whatever libxml2 says: DOCTYPE,
 * comments, CDATA, processing instructions, a byte-order mark, a version other than 1.0, an
 * encoding other than UTF-8.
 */
const PROFILE_FORBIDS =
  /^\uFEFF|<!|<\?(?!xml[ \t\r\n][^]*?\?>)|^[ \t\r\n]+<\?xml|^<\?xml[^>]*encoding=["'](?![Uu][Tt][Ff]-8["'])|^<\?xml[^>]*version=["'](?!1\.0["'])/;

const PIECES = [
  "<",
  ">",
  "&",
  ";",
  '"',
  "'",
  "=",
  "/",
  ":",
  " ",
  "\n",
  "\r",
  "\t",
  "]]>",
  "&#0;",
  "&#x9;",
  "&#xD;",
  "&#13;",
  "&#x10FFFF;",
  "&#xFFFE;",
  "&amp;",
  "&foo;",
  "&lt",
  'xmlns=""',
  ' xmlns:p=""',
  ' xmlns:ds="urn:x"',
  ' xml:lang="vi"',
  ' xmlns:xml="urn:x"',
  ' a="1" a="2"',
  ' p:a="1"',
  "<a:b:c/>",
  "<x/>",
  "</x>",
  "\u0001",
  "\u00a0",
  "é",
  "\u{1F600}",
  "a\u0300",
];

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const op = Math.floor(rnd() * 4);
  const piece = PIECES[Math.floor(rnd() * PIECES.length)] ?? "";
  if (op === 0) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
  if (op === 1) return text.slice(0, at) + piece + text.slice(at);
  if (op === 2) return text.slice(0, at) + piece + text.slice(at + 1);
  // Swap a name character: end tags that no longer match, prefixes that are no longer bound.
  const lt = text.indexOf("<", at);
  if (lt === -1) return text + piece;
  const k = lt + 1 + (text[lt + 1] === "/" ? 1 : 0) + Math.floor(rnd() * 3);
  return text.slice(0, k) + "Zq:"[Math.floor(rnd() * 3)] + text.slice(k + 1);
}

describe("parseHocBaXml", () => {
  it("reads names, namespaces, attributes, text and line numbers", () => {
    const doc = parseHocBaXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<r xmlns:p="urn:p" a="1">\r\n <p:c p:b="x&amp;y" c="&#9;t\tu\nv&#10;">é&lt;&#x1F600;</p:c><d xmlns="urn:d"/></r>',
    );
    const r = doc.documentElement;
    expect(r?.tagName).toBe("r");
    expect(r?.namespaceURI).toBeNull();
    expect(r?.getAttribute("a")).toBe("1");
    expect(r?.getAttribute("missing")).toBeNull();
    const c = r?.children[0];
    expect(c?.localName).toBe("c");
    expect(c?.prefix).toBe("p");
    expect(c?.namespaceURI).toBe("urn:p");
    expect(c?.getAttributeNS("urn:p", "b")).toBe("x&y");
    // Literal tab and newline become spaces; written as references they stay (XML 1.0 §3.3.3).
    expect(c?.getAttribute("c")).toBe("\tt u v\n");
    expect(c?.textContent).toBe("é<\u{1F600}");
    expect(parseHocBaXml("<a>&#x000000000041;&#0000066;</a>").documentElement?.textContent).toBe("AB");
    expect(c?.lineNumber).toBe(3);
    // CR LF became LF before anything else.
    expect(r?.firstChild?.nodeType).toBe(3);
    expect((r?.firstChild as { data: string } | null)?.data).toBe("\n ");
    const d = r?.children[1];
    expect(d?.namespaceURI).toBe("urn:d");
    expect(d?.previousSibling).toBe(c);
    expect(r?.getElementsByTagNameNS("urn:d", "d").length).toBe(1);
    expect(doc.getElementsByTagNameNS("urn:p", "*").item(0)).toBe(c);
  });

  it.each([
    ["<a><b></a>", "không khớp"],
    ["<a></a><b/>", "sau phần tử gốc"],
    ["text<a/>", "trước phần tử gốc"],
    ["", "không có phần tử gốc"],
    ["<a>", "thiếu thẻ đóng"],
    ['<a x="1"y="2"/>', "khoảng trắng"],
    ["<a x=1/>", "dấu nháy"],
    ['<a x="1" x="2"/>', "lặp lại"],
    ['<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>', "trùng tên"],
    ["<p:a/>", "chưa được khai báo"],
    ['<a p:x="1"/>', "chưa được khai báo"],
    ['<a xmlns:p=""/>', "khai báo rỗng"],
    ['<a xmlns:xmlns="urn:x"/>', "xmlns"],
    ['<a xmlns:xml="urn:x"/>', "không hợp lệ"],
    ['<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>', "không hợp lệ"],
    ['<a xmlns:="urn:x"/>', "tiền_tố:tên"],
    ['<a xmlns:p="http://a/b c"/>', "URI"],
    ['<a xmlns="urn:é"/>', "URI"],
    ['<a xmlns:p="a#b#c"/>', "URI"],
    // Relative: libxml2 reads it, but its canonicalizer (xmlsec1's) refuses it.
    ['<a xmlns="relative/path"/>', "URI tuyệt đối"],
    ['<a xmlns:p="x"/>', "URI tuyệt đối"],
    ["<a:b:c xmlns:a='urn:a'/>", "tiền_tố:tên"],
    ["<a>&foo;</a>", "không được khai báo"],
    ["<a>&#0;</a>", "không cho phép"],
    ["<a>&#xFFFE;</a>", "không cho phép"],
    ["<a>x & y</a>", "&amp;"],
    ["<a>x ]]> y</a>", "]]>"],
    ['<a x="<"/>', "ký tự <"],
    ["<a>\u0001</a>", "không cho phép"],
    ["<a><!-- c --></a>", "không cho phép"],
    ["<a><![CDATA[x]]></a>", "không cho phép"],
    ["<a><?pi x?></a>", "chỉ thị xử lý"],
    ['<?xml version="1.1"?><a/>', "khai báo XML"],
    ['<?xml encoding="UTF-8" version="1.0"?><a/>', "khai báo XML"],
    ["<1a/>", "tên thẻ"],
  ])("refuses %j (%s), in Vietnamese with a line and column", (text, why) => {
    const message = reason(text);
    expect(message).toContain(why);
    expect(message).toMatch(/^dòng \d+, cột \d+: /);
  });

  it("refuses a lone surrogate even when its caller did not decode strictly", () => {
    expect(reason("<a>\ud800</a>")).toContain("Unicode");
  });

  it("nests 100,000 levels without overflowing the stack when no limit is given", () => {
    const deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
    expect(parseHocBaXml(deep).documentElement?.tagName).toBe("a");
  });

  it("stops at the depth limit, naming the line of the first element too deep", () => {
    const text = `<a>\n${"<b>".repeat(63)}\n<c/>${"</b>".repeat(63)}</a>`;
    expect(parseHocBaXml(text, { maxDepth: 65 }).documentElement?.tagName).toBe("a");
    let caught: unknown;
    try {
      parseHocBaXml(text, { maxDepth: 64 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HocBaXmlSyntaxError);
    expect((caught as HocBaXmlSyntaxError).tooDeep).toBe(true);
    expect((caught as HocBaXmlSyntaxError).line).toBe(3);
  });

  it("resolves prefixes declared on ancestors, the innermost first, in linear time", () => {
    const root = parseHocBaXml(
      '<a xmlns:p="urn:1" xmlns="urn:d"><b xmlns:p="urn:2"><p:c/></b><p:c xmlns=""><d/></p:c></a>',
    ).documentElement;
    const [inner, outer] = [...(root?.getElementsByTagNameNS("*", "c") ?? [])];
    expect(inner?.namespaceURI).toBe("urn:2");
    expect(outer?.namespaceURI).toBe("urn:1");
    expect(outer?.children[0]?.namespaceURI).toBeNull();
    expect(inner?.lookupNamespaceURI("p")).toBe("urn:2");
    expect(inner?.lookupNamespaceURI(null)).toBe("urn:d");
    expect(outer?.children[0]?.lookupNamespaceURI(null)).toBeNull();
    // 60 levels, each declaring 2,000 prefixes: nothing is copied per level.
    const decls = (level: number) =>
      Array.from({ length: 2000 }, (_, i) => ` xmlns:p${i}="urn:${level}:${i}"`).join("");
    const levels = Array.from({ length: 60 }, (_, l) => `<p${l}:e${decls(l)}>`).join("");
    const closes = Array.from({ length: 60 }, (_, l) => `</p${59 - l}:e>`).join("");
    const t0 = performance.now();
    const deepest = parseHocBaXml(levels + closes, { maxDepth: 64 }).getElementsByTagNameNS("urn:59:59", "e");
    expect(deepest.length).toBe(1);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("refuses what libxml2 refuses, and canonicalises what it accepts to libxml2's bytes, on 4,000 mutated documents", () => {
    const seeds = fixtureFiles()
      .filter((f) => /valid-complete|valid-gvcn|default-namespace|ds-prefix-rebound|golden/.test(f))
      .map((f) => readFileSync(f, "utf8"));
    expect(seeds.length).toBeGreaterThan(4);
    const rnd = seededRandom(20260625);
    const tooLax: string[] = [];
    const differs: string[] = [];
    let accepted = 0;
    let refusedByBoth = 0;
    for (let i = 0; i < 4000; i++) {
      let text = seeds[i % seeds.length] ?? "";
      const rounds = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < rounds; k++) text = mutate(text, rnd);
      const theirs = libxml2Root(text);
      const mine = ours(text);
      if (theirs === null) {
        if (mine instanceof HocBaXmlSyntaxError) refusedByBoth++;
        else tooLax.push(text);
        continue;
      }
      if (mine instanceof HocBaXmlSyntaxError) {
        // Refused where libxml2 accepts: only for markup the format forbids.
        if (!PROFILE_FORBIDS.test(text)) differs.push(`refused (${mine.message}): ${text.slice(0, 300)}`);
        continue;
      }
      accepted++;
      if (canonicalizeTree(mine) !== theirs) differs.push(`c14n: ${text.slice(0, 300)}`);
    }
    expect(tooLax.slice(0, 3)).toEqual([]);
    expect(differs.slice(0, 3)).toEqual([]);
    // The mutations reach both sides of the line.
    expect(accepted).toBeGreaterThan(300);
    expect(refusedByBoth).toBeGreaterThan(1000);
  });
});

describe("canonicalizeTree", () => {
  it("gives libxml2's and xml-crypto's exclusive canonical form of every element of every fixture", () => {
    let compared = 0;
    for (const file of fixtureFiles()) {
      const text = readFileSync(file, "utf8");
      const mine = ours(text);
      if (mine instanceof HocBaXmlSyntaxError) {
        // Only files libxml2 refuses too, or with markup the format forbids (comments, DOCTYPE...).
        expect(libxml2Root(text) === null || PROFILE_FORBIDS.test(text), file).toBe(true);
        continue;
      }
      if (libxml2Root(text) === null) {
        // libxml2 stops at 256 levels; the inspection refuses far less deep files before any use.
        expect(
          inspectHocBa(Buffer.from(text)).issues.map((i) => i.code),
          file,
        ).toEqual(["VERIFY_TOO_DEEP"]);
        continue;
      }
      const lib = XmlDocument.fromString(text, { option: SAFE });
      const dom = parseXmlStrict(text);
      try {
        const libEls = lib.find("//*");
        const domEls = dom.getElementsByTagName("*");
        const myEls = [mine, ...mine.getElementsByTagNameNS("*", "*")];
        expect(myEls.length, file).toBe(libEls.length);
        expect(myEls.length, file).toBe(domEls.length);
        for (const [i, el] of myEls.entries()) {
          const c14n = canonicalizeTree(el);
          const libEl = libEls[i] as { canonicalizeToString(o: object): string };
          expect(c14n, `${file} element ${i}`).toBe(
            libEl.canonicalizeToString({ mode: XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 }),
          );
          expect(c14n, `${file} element ${i}`).toBe(
            excC14n(domEls.item(i) as NonNullable<ReturnType<typeof domEls.item>>),
          );
          compared++;
        }
      } finally {
        lib.dispose();
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it.each([
    ['<a xmlns="urn:d"><b xmlns=""/></a>', "<b></b>", "b"],
    ['<a xmlns="urn:d"><b xmlns=""/></a>', '<a xmlns="urn:d"><b xmlns=""></b></a>', "a"],
    [
      '<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/></p:a>',
      '<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"></p:b></p:a>',
      "a",
    ],
    [
      '<a xmlns:p="urn:p" xmlns:q="urn:q"><b q:y="1" p:x="2" z="3" a="4"/></a>',
      '<b xmlns:p="urn:p" xmlns:q="urn:q" a="4" z="3" p:x="2" q:y="1"></b>',
      "b",
    ],
    ['<a xmlns:unused="urn:u"><b xml:lang="vi">t</b></a>', '<a><b xml:lang="vi">t</b></a>', "a"],
    [
      '<a x="&quot;&amp;&lt;&gt;&#9;&#10;&#13;">&amp;&lt;&gt;&#13;"\'</a>',
      '<a x="&quot;&amp;&lt;>&#x9;&#xA;&#xD;">&amp;&lt;&gt;&#xD;"\'</a>',
      "a",
    ],
  ])("%s → %s", (text, expected, name) => {
    const root = ours(text);
    if (root instanceof HocBaXmlSyntaxError) throw root;
    const el = root.localName === name ? root : root.getElementsByTagNameNS("*", name).item(0);
    expect(el && canonicalizeTree(el)).toBe(expected);
  });
});
