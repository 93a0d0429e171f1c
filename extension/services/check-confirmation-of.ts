import { vietnamDateTime } from "../../shared/check/check-dates.ts";
import type { CheckConfirmation } from "../models/wire.ts";

/** The Tổ chuyên môn's latest confirmation of a whole class (not of one subject), if any. */
export function checkConfirmationOf(
  list: readonly CheckConfirmation[],
  namHoc: string,
  lop: string,
): CheckConfirmation | undefined {
  return list.filter((c) => c.namHoc === namHoc && c.lop === lop && c.monHoc === undefined).at(-1);
}

/** An ISO time (the audit log records UTC) in Vietnam's time, for formatDateTime. */
export function vietnamTime(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  return vietnamDateTime(new Date(ms));
}
