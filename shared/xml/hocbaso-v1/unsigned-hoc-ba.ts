import { SIGNATURES_ELEMENT } from "./format.ts";

/*
 * The unsigned form of a học bạ document: the document as built, before any signature, with an empty
 * `<DSCKS/>`. The signer never re-serialises: it only inserts each role's container into DSCKS
 * (the first turning `<DSCKS/>` into `<DSCKS>\n…</DSCKS>`), so removing DSCKS's content gives the
 * built bytes back exactly. The archive records the SHA-256 of those bytes as the input of the GVCN
 * signature, which lets a caller confirm the derivation; a later version names its predecessor by
 * the same SHA-256 (TTChung/ThayThe/SHA256BanTruoc).
 */

const encoder = new TextEncoder();
const OPEN = encoder.encode(`<${SIGNATURES_ELEMENT}>`);
const CLOSE = encoder.encode(`</${SIGNATURES_ELEMENT}>`);
const EMPTY = encoder.encode(`<${SIGNATURES_ELEMENT}/>`);
const ROOT_CLOSE = encoder.encode("</HocBaSo>");

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array, before = haystack.length): number {
  outer: for (let i = Math.min(before, haystack.length - needle.length); i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** XML white space only (space, tab, CR, LF). */
function onlySpace(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/**
 * The unsigned form of a document written by `hocba build` or the extension, signed or not; null when
 * DSCKS is not where those put it (the root's last child, `<DSCKS/>` or `<DSCKS>…</DSCKS>`).
 */
export function unsignedHocBa(bytes: Uint8Array): Uint8Array | null {
  const rootClose = lastIndexOf(bytes, ROOT_CLOSE);
  if (rootClose === -1 || !onlySpace(bytes, rootClose + ROOT_CLOSE.length, bytes.length)) return null;
  const empty = lastIndexOf(bytes, EMPTY, rootClose);
  if (empty !== -1 && onlySpace(bytes, empty + EMPTY.length, rootClose)) return bytes;
  const close = lastIndexOf(bytes, CLOSE, rootClose);
  if (close === -1 || !onlySpace(bytes, close + CLOSE.length, rootClose)) return null;
  const open = lastIndexOf(bytes, OPEN, close);
  if (open === -1) return null;
  const out = new Uint8Array(bytes.length - (close + CLOSE.length - open) + EMPTY.length);
  out.set(bytes.subarray(0, open));
  out.set(EMPTY, open);
  out.set(bytes.subarray(close + CLOSE.length), open + EMPTY.length);
  return out;
}
