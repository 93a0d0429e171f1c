import { createHash } from "node:crypto";
import { namedSignersOfElement } from "../../shared/authority/named-signers-of-element.ts";
import { decodeUtf8, findForbiddenMarkup } from "../../shared/xml/hocbaso-v1/markup-rules.ts";
import { textRuleViolation } from "../../shared/xml/hocbaso-v1/text-rules.ts";
import { passesHocBaSchema } from "../xml/passes-hocba-schema.ts";
import { canonicalizeTree } from "../xmldsig/canonicalize-tree.ts";
import { HocBaXmlSyntaxError, parseHocBaXml } from "../xmldsig/parse-hocba-xml.ts";
import type { TreeElement } from "../xmldsig/xml-tree.ts";
import type { PlainSignable } from "./checked-documents.ts";
import { isPlainText } from "./plain-text.ts";

/*
 * The signer's fast path without libxml2, for the same class of plain unsigned documents as
 * plain-hocba.ts (plain-text.ts: no namespace declaration, no character reference, no CR, NEL,
 * LS, PS or U+FFFD, nothing large; and nothing signed).
 * The verifier's strict parser refuses whatever libxml2 refuses, its canonical form is libxml2's
 * byte for byte (tests/unit/xml/parse-hocba-xml.test.ts), and the fast schema pass accepts only
 * what libxml2's XSD validation accepts (tests/unit/xml/passes-hocba-schema.test.ts): for these
 * documents the facts are the libxml2 path's, at a quarter of its cost. Anything else returns null
 * and takes that path, which says what is wrong (tests/unit/sign/plain-hocba.test.ts compares both).
 */

function child(parent: TreeElement | undefined, name: string): TreeElement | undefined {
  for (const k of parent?.kids ?? []) if (k.nodeType === 1 && k.localName === name) return k;
  return undefined;
}

/** The element's text, trimmed as plain-hocba.ts reads it (schema-valid: text children only). */
function trimmed(el: TreeElement | undefined): string | undefined {
  return el?.textContent.trim();
}

/**
 * The facts the signer needs from a plain unsigned document (digest of DLHocBa, ids, record,
 * named signers), read with the verifier's parser, canonicalizer and the fast schema pass; null
 * when the document is not plain or not known valid here (the libxml2 path then decides).
 */
export function readPlainSignableTree(bytes: Uint8Array): PlainSignable | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return null;
  const text = decodeUtf8(bytes);
  if (text === null || !isPlainText(text, bytes.length)) return null;
  // The format's byte rules, as validateHocBaXml applies them (no reference to expand here).
  if (findForbiddenMarkup(text, 1).length > 0 || textRuleViolation(text) !== undefined) return null;
  let root: TreeElement | null;
  try {
    root = parseHocBaXml(text).documentElement;
  } catch (err) {
    if (err instanceof HocBaXmlSyntaxError) return null;
    throw err;
  }
  if (!root || root.localName !== "HocBaSo" || !passesHocBaSchema(root)) return null;
  const data = child(root, "DLHocBa");
  const dscks = child(root, "DSCKS");
  if (!data || !dscks || dscks.kids.some((k) => k.nodeType === 1)) return null;
  if (data.getAttribute("Id") !== "DLHocBa") return null;
  const dlHocBaDigest = createHash("sha256").update(canonicalizeTree(data), "utf8").digest("base64");
  const tt = child(data, "TTChung");
  const namHoc = trimmed(child(tt, "NamHoc"));
  const maHocVien = trimmed(child(child(data, "HocVien"), "MaHocVien"));
  return {
    dlHocBaDigest,
    ids: namHoc && maHocVien ? { maHocVien: maHocVien.normalize("NFC"), namHoc } : undefined,
    record: { thoiGianLap: trimmed(child(tt, "ThoiGianLap")), namHoc, suKien: trimmed(child(tt, "SuKien")) },
    // The tree has the DOM's shape the reader walks (children, siblings, text values).
    named: namedSignersOfElement(data as unknown as Parameters<typeof namedSignersOfElement>[0]),
  };
}
