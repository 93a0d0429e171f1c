/**
 * Text normalisation for portal pages. Portals mix NFC and NFD (older Windows input methods type
 * decomposed Vietnamese), non-breaking spaces and stray line breaks; values keep their diacritics
 * (NFC), while labels are compared through a folded key that ignores case, diacritics, spaces and
 * punctuation ("Họ và tên:" and "ho va ten" are the same label).
 */

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

/** NFC, non-breaking and other odd spaces made plain, runs of whitespace collapsed, trimmed. */
export function cleanText(text: string): string {
  return text.normalize("NFC").replace(SPACES, " ").trim();
}

/** Like cleanText but keeps line breaks (free-text comments), collapsing spaces within each line. */
export function cleanMultiline(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(SPACES, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The comparison key of a label: no diacritics (đ → d), lower case, only [a-z0-9]. Whitespace and
 * punctuation are dropped, so "ĐĐGtx 1", "ddgtx1" and "ĐĐGtx1" fold to the same key.
 */
export function foldKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}
