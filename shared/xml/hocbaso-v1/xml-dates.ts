import { PATTERNS } from "./format.ts";

/**
 * The format's date values checked as a calendar would: the XSD patterns (format.ts) say only
 * the shape, so 2025-02-30 or 24:00 would pass them. Used by the builder before writing and by the
 * verifier when it reads a SigningTime, so both accept exactly the same values.
 */

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** xs:dateTime with a time zone, as the XSD pattern, with real calendar and clock values. */
export function isValidThoiDiem(value: string): boolean {
  const m = PATTERNS.thoiDiem.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return false;
  if (m[8] !== "Z" && (Number(m[10]) > 59 || Number(m[9]) * 60 + Number(m[10]) > 14 * 60)) return false;
  return true;
}

/** YYYY-MM-DD naming a real day. */
export function isValidNgay(value: string): boolean {
  const m = PATTERNS.ngay.exec(value);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
