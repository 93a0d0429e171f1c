import { normaliseName } from "./normalise-name.ts";

/**
 * The abbreviations Vietnamese CAs and schools use in an institution's name, written out: a seal
 * certificate for "Trung tâm GDNN-GDTX Việt Trì" names the centre the record calls "Trung tâm Giáo
 * dục nghề nghiệp – Giáo dục thường xuyên Việt Trì". Whole words only, after normaliseName.
 */
export const INSTITUTION_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["tt", "trung tam"],
  ["gdnn", "giao duc nghe nghiep"],
  ["gdtx", "giao duc thuong xuyen"],
  ["thpt", "trung hoc pho thong"],
  ["thcs", "trung hoc co so"],
  ["th", "tieu hoc"],
  ["pt", "pho thong"],
  ["ptdtnt", "pho thong dan toc noi tru"],
  ["ptdtbt", "pho thong dan toc ban tru"],
]);

/** An institution's name as signer authority compares it: normaliseName, abbreviations written out. */
export function normaliseInstitutionName(name: string): string {
  return normaliseName(name)
    .split(" ")
    .map((word) => INSTITUTION_ABBREVIATIONS.get(word) ?? word)
    .join(" ");
}
