import provinces from "./birth-province-codes.json" with { type: "json" };

/**
 * What a 12-digit số định danh cá nhân encodes (Nghị định 137/2015/NĐ-CP Điều 13; Thông tư
 * 07/2016/TT-BCA, now Thông tư 59/2021/TT-BCA): digits 1–3 the province where the birth was
 * registered, digit 4 century and sex (0/1 = 20th century male/female, 2/3 = 21st, 4/5 = 22nd, …),
 * digits 5–6 the last two digits of the birth year, digits 7–12 a random number.
 */
export interface SoDinhDanhParts {
  maTinh: string;
  /** Name of the province, when the code is in the list of 63 (birth-province-codes.json). */
  tenTinh: string | undefined;
  /** Digit 4 as written. */
  maTheKyGioiTinh: string;
  gioiTinh: "Nam" | "Nữ";
  /** Full birth year from digits 4–6 (2 → 20xx, 0 → 19xx). */
  namSinh: number;
}

const PROVINCES: Readonly<Record<string, string>> = provinces.codes;

/** Decodes a 12-digit số định danh; undefined when it is not 12 digits. */
export function decodeSoDinhDanh(so: string): SoDinhDanhParts | undefined {
  if (!/^\d{12}$/.test(so)) return undefined;
  const maTinh = so.slice(0, 3);
  const digit = Number(so[3]);
  return {
    maTinh,
    tenTinh: Object.hasOwn(PROVINCES, maTinh) ? PROVINCES[maTinh] : undefined,
    maTheKyGioiTinh: String(digit),
    gioiTinh: digit % 2 === 0 ? "Nam" : "Nữ",
    // Pairs of codes per century from 1900: 0/1 → 1900, 2/3 → 2000, 4/5 → 2100...
    namSinh: 1900 + 100 * Math.floor(digit / 2) + Number(so.slice(4, 6)),
  };
}
