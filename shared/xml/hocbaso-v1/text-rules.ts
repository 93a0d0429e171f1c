/**
 * Characters a value of the format may not hold because nobody sees them: a name with a zero-width
 * space, a soft hyphen or a bidi control looks exactly like another name but has other bytes (and a
 * score with a zero-width space is not the score shown). Unicode's default-ignorable code points
 * (zero-width space and joiners U+200B–U+200D, word joiner U+2060, U+FEFF, soft hyphen U+00AD, bidi
 * marks and controls U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C, variation selectors, Hangul
 * fillers, tag characters), the other format characters (Cf) and the braille blank U+2800.
 * Visible spaces (U+00A0, U+3000) and the line breaks XML keeps as they are (U+0085, U+2028,
 * U+2029: documents signed with them verify with xmlsec1 too) stay allowed.
 */
export const INVISIBLE_CHARACTER = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u;

/** What is wrong with one value under the format's text rules. */
export type TextRuleViolation = { rule: "invisible"; /** "200B" */ codePoint: string } | { rule: "nfc" };

const ASCII_ONLY = /^[\t\n\r\u0020-\u007E]*$/;

/** The first text rule `value` breaks: an invisible character, or text that is not Unicode NFC. */
export function textRuleViolation(value: string): TextRuleViolation | undefined {
  if (ASCII_ONLY.test(value)) return undefined;
  const invisible = INVISIBLE_CHARACTER.exec(value);
  if (invisible) {
    const codePoint = (invisible[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    return { rule: "invisible", codePoint };
  }
  if (value !== value.normalize("NFC")) return { rule: "nfc" };
  return undefined;
}
