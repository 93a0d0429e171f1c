/*
 * The class of plain unsigned documents the signer's fast paths take (plain-hocba.ts with libxml2,
 * read-plain-signable-tree.ts without): small, HocBaSo at the start (after the builder's exact
 * declaration, or none), and none of the characters two parsers have read differently before
 * (namespace declarations, character references, CR, NEL, LS, PS, U+FFFD). Anything else takes
 * the full path (the verifier's strict parse and inspection).
 */

/** Far below the verifier's own limits, so that those always come from the full path. */
const MAX_PLAIN_BYTES = 512 * 1024;
const MAX_PLAIN_TAGS = 20_000;
const PLAIN_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ODD_CHARACTERS = /[\r\u0085\u2028\u2029\uFFFD]/;

function countTags(text: string, max: number): number {
  let n = 0;
  for (let i = text.indexOf("<"); i !== -1 && n <= max; i = text.indexOf("<", i + 1)) n++;
  return n;
}

/** Whether a document's text (of `byteLength` bytes) is in the plain class. */
export function isPlainText(text: string, byteLength: number): boolean {
  if (byteLength > MAX_PLAIN_BYTES) return false;
  const body = text.startsWith(PLAIN_DECLARATION) ? text.slice(PLAIN_DECLARATION.length) : text;
  if (!body.trimStart().startsWith("<HocBaSo")) return false;
  if (text.includes("xmlns") || text.includes("&#") || ODD_CHARACTERS.test(text)) return false;
  return countTags(text, MAX_PLAIN_TAGS) <= MAX_PLAIN_TAGS;
}
