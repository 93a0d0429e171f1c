/** Calendar checks without the clock or time zones: dates stay YYYY-MM-DD strings. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date's parts when `text` is a real calendar date YYYY-MM-DD (2025-02-30 is not). */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** ISO 8601 date-time with an explicit offset, on a real date. */
export function isIsoDateTime(text: string): boolean {
  const m = ISO_DATE_TIME.exec(text);
  return m !== null && parseIsoDate(m[1] ?? "") !== undefined;
}

/** Vietnam's wall-clock time (UTC+7, no daylight saving) to the second, ISO 8601 with +07:00. */
export function vietnamDateTime(now: Date = new Date()): string {
  return `${new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** Today's date in Vietnam (UTC+7), as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return vietnamDateTime(now).slice(0, 10);
}
