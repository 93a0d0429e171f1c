import type { NamedPerson, NamedSigners } from "./signer-authority.ts";

/** The little of a DOM node this reader needs (xmldom in Node, the browser's DOM in the extension). */
interface DomNode {
  readonly nodeType: number;
  readonly localName: string | null;
  readonly namespaceURI: string | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly nodeValue: string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

function child(parent: DomNode | undefined, name: string): DomNode | undefined {
  for (let n = parent?.firstChild ?? null; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && n.namespaceURI === null && n.localName === name) return n;
  }
  return undefined;
}

/** The element's own text, as the format's reader takes it (text children only). */
function text(el: DomNode | undefined): string | undefined {
  if (!el) return undefined;
  let s = "";
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) s += n.nodeValue ?? "";
  }
  return s;
}

function person(
  hoTen: string | undefined,
  chucVu: string | undefined,
  cccd: string | undefined,
): NamedPerson {
  return {
    hoTen: hoTen ?? "",
    ...(chucVu !== undefined ? { chucVu } : {}),
    ...(cccd !== undefined ? { cccd } : {}),
  };
}

/**
 * Who the record names as its signers, read straight from a parsed DLHocBa element (the element
 * the signatures reference): the signer and the verifier already hold that parse, so the rule costs
 * no second one. A missing element reads as empty, which the rule refuses (NOT_NAMED, mismatch):
 * the XSD and the verifier's other checks say what is wrong with such a document.
 */
export function namedSignersOfElement(dlHocBa: DomNode): NamedSigners {
  const tt = child(dlHocBa, "TTChung");
  const head = child(tt, "ThuTruong");
  const deputy = child(tt, "KyThay");
  return {
    tenTruong: text(child(tt, "TenTruong")) ?? "",
    gvcn: person(text(child(tt, "GVCN")), undefined, text(child(tt, "CCCDGVCN"))),
    thuTruong: person(text(child(head, "HoTen")), text(child(head, "ChucVu")), text(child(head, "CCCD"))),
    ...(deputy
      ? {
          kyThay: person(
            text(child(deputy, "HoTen")),
            text(child(deputy, "ChucVu")),
            text(child(deputy, "CCCD")),
          ),
        }
      : {}),
  };
}
