import { DOMParser, type Element, type Node } from "@xmldom/xmldom";
import { DATA_ELEMENT, ROOT_ELEMENT } from "./format.ts";
import type { SuaDoiView } from "./hoc-ba-view.ts";
import { decodeUtf8 } from "./markup-rules.ts";

/*
 * What changed between two versions of a record, field by field, as TTChung/ThayThe/SuaDoi lists
 * it. Every element of DLHocBa that holds text is a field, named by its path below DLHocBa; an
 * element with a Ma child is named by it (KetQua/Mon[TO]/CN/TBM), another repeated element by its
 * position (QuaTrinhHocTap/Nam[2]/Lop). A field absent or empty counts as "". The envelope (IdBanGhi,
 * SuKien, PhienBanBanGhi, ThoiGianLap, ThayThe) is not data: a new version changes it by nature.
 * Walking the elements rather than a typed view keeps new optional elements in the comparison
 * without touching this file.
 */

const ENVELOPE = new Set([
  "TTChung/IdBanGhi",
  "TTChung/SuKien",
  "TTChung/PhienBanBanGhi",
  "TTChung/ThoiGianLap",
  "TTChung/ThayThe",
]);

const ELEMENT_NODE = 1;

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  }
  return out;
}

function dataElement(input: Uint8Array | string): Element {
  const text = typeof input === "string" ? input : decodeUtf8(input);
  if (text === null) throw new TypeError("not UTF-8");
  const root = new DOMParser().parseFromString(text, "text/xml").documentElement;
  if (root?.localName === DATA_ELEMENT) return root;
  const data = root?.localName === ROOT_ELEMENT ? elementChildren(root)[0] : undefined;
  if (data?.localName !== DATA_ELEMENT) throw new TypeError(`no ${DATA_ELEMENT}`);
  return data;
}

/** Field path → text, in document order. */
function fieldsOf(el: Element, prefix: string, out: Map<string, string>): Map<string, string> {
  const children = elementChildren(el);
  const names = new Map<string, number>();
  for (const c of children) names.set(c.localName ?? "", (names.get(c.localName ?? "") ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const c of children) {
    const name = c.localName ?? "";
    const nth = (seen.get(name) ?? 0) + 1;
    seen.set(name, nth);
    const ma = elementChildren(c).find((g) => g.localName === "Ma")?.textContent ?? "";
    const step = ma !== "" ? `${name}[${ma}]` : (names.get(name) ?? 0) > 1 ? `${name}[${nth}]` : name;
    const path = prefix === "" ? step : `${prefix}/${step}`;
    if (ENVELOPE.has(path)) continue;
    if (elementChildren(c).length > 0) fieldsOf(c, path, out);
    else if ((c.textContent ?? "") !== "") out.set(path, c.textContent ?? "");
  }
  return out;
}

/**
 * The changes from `before` to `after` (whole documents or DLHocBa alone, as bytes or text): fields
 * in the new document's order, a removed field after the field it followed before. Empty when the
 * two hold the same data.
 */
export function diffHocBa(before: Uint8Array | string, after: Uint8Array | string): SuaDoiView[] {
  const old = fieldsOf(dataElement(before), "", new Map());
  const now = fieldsOf(dataElement(after), "", new Map());
  const order = [...now.keys()];
  let insertAt = 0;
  for (const key of old.keys()) {
    const at = order.indexOf(key);
    if (at !== -1) insertAt = at + 1;
    else order.splice(insertAt++, 0, key);
  }
  const changes: SuaDoiView[] = [];
  for (const truong of order) {
    const cu = old.get(truong) ?? "";
    const moi = now.get(truong) ?? "";
    if (cu !== moi) changes.push({ truong, cu, moi });
  }
  return changes;
}
