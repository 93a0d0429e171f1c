import type { HocVien } from "../../model/gradebook.ts";
import { cleanText } from "./normalize-text.ts";
import type { ProfileRecord } from "./page-data.ts";
import { CellValueError, parseDate, parseGioiTinh, parseInteger } from "./parse-values.ts";

/**
 * How a learner's profile fields are read, whether they come from a class list (a table or a JSON
 * store) or from "label: value" pairs on a learner's page.
 */

export type ProfileValues = { hocVien: Partial<HocVien>; banGhi: ProfileRecord["banGhi"] };

export const PROFILE_PARSERS: Readonly<Record<string, (text: string) => unknown>> = {
  maHocVien: cleanText,
  hoTen: cleanText,
  ngaySinh: parseDate,
  soDinhDanh: (t) => cleanText(t).replace(/\s+/g, ""),
  gioiTinh: parseGioiTinh,
  idBanGhi: (t) => cleanText(t).toLowerCase(),
  suKien: (t) => {
    const v = cleanText(t).toUpperCase();
    if (v !== "NEW" && v !== "UPDATE" && v !== "CANCEL") {
      throw new CellValueError("EXTRACT_BAD_VALUE", "NEW / UPDATE / CANCEL");
    }
    return v;
  },
  phienBan: (t) => {
    const v = parseInteger(t);
    if (v === null || v < 1) throw new CellValueError("EXTRACT_BAD_INTEGER");
    return v;
  },
};

/** Fields whose empty cell means "not given" rather than an empty value. */
export const OPTIONAL_PROFILE_FIELDS: ReadonlySet<string> = new Set([
  "gioiTinh",
  "idBanGhi",
  "suKien",
  "phienBan",
]);

export function setProfileValue(out: ProfileValues, field: string, value: unknown): void {
  if (field === "idBanGhi" || field === "suKien" || field === "phienBan") {
    (out.banGhi as Record<string, unknown>)[field] = value;
  } else if (field !== "stt" && field !== "hoDem" && field !== "ten") {
    (out.hocVien as Record<string, unknown>)[field] = value;
  }
}
