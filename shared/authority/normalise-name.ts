/** Dashes of every kind: "GDNN-GDTX", "GDNN – GDTX" and "GDNN GDTX" name the same thing. */
const DASHES = /[-\u2010-\u2015\u2212]/g;

/**
 * A name as signer authority compares it (docs/format-hocbaso.md, "Signer authority"): Unicode NFC,
 * case folded, without diacritics (đ → d too), dashes as spaces, runs of white space as one space,
 * no space at either end. Vietnamese CAs issue "NGUYEN VAN THANG" as often as "Nguyễn Văn Thắng".
 */
export function normaliseName(name: string): string {
  return (
    name
      .normalize("NFC")
      .toLowerCase()
      // đ is a letter of its own, not d with a mark: NFD does not take it apart.
      .replace(/đ/g, "d")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(DASHES, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}
