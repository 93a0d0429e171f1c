import { DOMParser, type Element } from "@xmldom/xmldom";

/**
 * Reads the learner code and school year of a học bạ document (TTChung/NamHoc and
 * HocVien/MaHocVien under DLHocBa), for the archive's index. Returns null when they are not there.
 */
export function readHocBaIds(bytes: Uint8Array): { maHocVien: string; namHoc: string } | null {
  let root: Element | null;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    root = new DOMParser({ onError: () => undefined }).parseFromString(text, "text/xml").documentElement;
  } catch {
    return null;
  }
  return hocBaIdsOf(root ? child(root, "DLHocBa") : null);
}

/** The same, from the DLHocBa element of a document already parsed. */
export function hocBaIdsOf(data: Element | null): { maHocVien: string; namHoc: string } | null {
  const namHoc = text(child(data, "TTChung"), "NamHoc");
  const maHocVien = text(child(data, "HocVien"), "MaHocVien");
  return namHoc && maHocVien ? { maHocVien: maHocVien.normalize("NFC"), namHoc } : null;
}

function child(parent: Element | null, name: string): Element | null {
  if (!parent) return null;
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE && (n as Element).localName === name) return n as Element;
  }
  return null;
}

function text(parent: Element | null, name: string): string | null {
  const value = child(parent, name)?.textContent?.trim();
  return value ? value : null;
}
