import type { Element, Node } from "@xmldom/xmldom";
import { PHIEN_BAN } from "../../shared/xml/hocbaso-v1/format.ts";
import { textRuleViolation } from "../../shared/xml/hocbaso-v1/text-rules.ts";
import { passesHocBaSchema } from "../xml/passes-hocba-schema.ts";
import type { C14nCache } from "../xmldsig/examine-signature.ts";
import type { HocBaDocument } from "../xmldsig/inspect-hocba.ts";
import { verifyIssue, type VerifyIssue } from "../xmldsig/verify-issue.ts";
import { ELEMENT_NODE, excC14n, TEXT_NODE } from "../xmldsig/xml-dom.ts";
import { TreeElement } from "../xmldsig/xml-tree.ts";

/** One broken document can break every value: the first few name the problem well enough. */
const MAX_DATA_ISSUES = 10;

/** "/HocBaSo/DLHocBa/HocVien/HoTen[2]", the way libxml2 names a node in schema errors. */
function nodePath(el: Element): string {
  const parts: string[] = [];
  for (let n: Node | null = el; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) {
    const e = n as Element;
    let count = 0;
    let position = 0;
    for (let s = e.parentNode?.firstChild ?? null; s; s = s.nextSibling) {
      if (s.nodeType !== ELEMENT_NODE || (s as Element).tagName !== e.tagName) continue;
      count++;
      if (s === e) position = count;
    }
    parts.unshift(count > 1 ? `${e.tagName}[${position}]` : e.tagName);
  }
  return `/${parts.join("/")}`;
}

/** Every text value and attribute value in `root` that breaks the format's text rules, with where. */
function textIssues(root: Element): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  const report = (value: string, where: () => string): void => {
    const broken = textRuleViolation(value);
    if (!broken) return;
    issues.push(
      broken.rule === "invisible"
        ? verifyIssue("VERIFY_DATA_INVISIBLE_CHAR", { path: where(), codePoint: broken.codePoint })
        : verifyIssue("VERIFY_DATA_NOT_NFC", { path: where() }),
    );
  };
  // Iterative: the depth was bounded by the inspection, but a walk need not rely on it.
  const stack: Element[] = [root];
  for (let el = stack.pop(); el && issues.length < MAX_DATA_ISSUES; el = stack.pop()) {
    const at = el;
    for (let i = 0; i < at.attributes.length; i++) {
      const a = at.attributes.item(i);
      if (a) report(a.value, () => `${nodePath(at)}/@${a.name}`);
    }
    const children: Element[] = [];
    for (let n = at.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE) report(n.nodeValue ?? "", () => nodePath(at));
      else if (n.nodeType === ELEMENT_NODE) children.push(n as Element);
    }
    stack.push(...children.reverse());
  }
  return issues;
}

/**
 * The signed data (DLHocBa exactly as every signature's digest covers it: its exclusive canonical
 * form) against the format of the document's version: the XSD (no extra or repeated element, no
 * unknown attribute, every value of its type, no blank required value) and the text rules (NFC, no
 * invisible character). A signature proves who signed these bytes, not that they are a học bạ the
 * preview shows faithfully: a document that fails is invalid, each issue naming the element.
 * Nothing is checked for a version this verifier does not know (the inspection reports it).
 */
export async function checkSignedData(document: HocBaDocument, cache: C14nCache): Promise<VerifyIssue[]> {
  if (document.root.getAttribute("PhienBan") !== PHIEN_BAN) return [];
  const issues = textIssues(document.dlHocBa);
  // Valid data passes the fast pass over the parsed tree; libxml2 is asked only otherwise (a third
  // of a verification), and its findings are what the report names.
  const data: unknown = document.dlHocBa;
  if (data instanceof TreeElement && passesHocBaSchema(data)) return issues;
  // libxml2 (WebAssembly, about 0.1 s to load) only for data the fast pass cannot vouch for.
  const { validateHocBaSchema } = await import("../xml/validate-hocba-xml.ts");
  let canonical = cache.get(document.dlHocBa);
  if (canonical === undefined) cache.set(document.dlHocBa, (canonical = excC14n(document.dlHocBa)));
  // The schema describes whole documents: the data goes into an empty envelope of its version.
  const envelope = `<?xml version="1.0" encoding="UTF-8"?>\n<HocBaSo PhienBan="${PHIEN_BAN}">${canonical}<DSCKS/></HocBaSo>\n`;
  // The schema alone: text rules are reported above, with the element's path.
  for (const e of validateHocBaSchema(Buffer.from(envelope, "utf8"))) {
    if (issues.length >= MAX_DATA_ISSUES) break;
    issues.push(
      verifyIssue("VERIFY_DATA_SCHEMA", {
        version: PHIEN_BAN,
        path: e.path ?? "/HocBaSo/DLHocBa",
        detail: e.detail ?? e.message,
      }),
    );
  }
  return issues;
}
