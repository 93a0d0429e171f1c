import type { CheckConfirmation } from "../../shared/protocol/responses.ts";
import type { HocBaArchive } from "../archive/hocba-archive.ts";

export type CheckConfirmationInput = Omit<CheckConfirmation, "at" | "seq">;

/**
 * Records "Tổ chuyên môn đã kiểm tra" (who, for which class and subject) in the audit log, which
 * dates it and chains it: the GVCN's review page shows it and a setting can require it before
 * signing.
 */
export function recordCheckConfirmation(
  archive: HocBaArchive,
  input: CheckConfirmationInput,
): CheckConfirmation {
  const details: Record<string, string> = {
    namHoc: input.namHoc,
    lop: input.lop,
    nguoiKiemTra: input.nguoiKiemTra.normalize("NFC"),
  };
  for (const key of ["maTruong", "monHoc", "chucVu", "ghiChu"] as const) {
    const value = input[key];
    if (value !== undefined && value !== "") details[key] = value.normalize("NFC");
  }
  const entry = archive.appendAudit("check-confirmed", null, details);
  return { ...(details as CheckConfirmationInput), at: entry.at, seq: entry.seq };
}

/** The recorded confirmations, oldest first, of a year and class when given. */
export function readCheckConfirmations(
  archive: HocBaArchive,
  filter: { namHoc?: string | undefined; lop?: string | undefined } = {},
): CheckConfirmation[] {
  const out: CheckConfirmation[] = [];
  for (const entry of archive.auditLog()) {
    if (entry.event !== "check-confirmed") continue;
    const d = JSON.parse(entry.details) as CheckConfirmationInput;
    if (filter.namHoc !== undefined && d.namHoc !== filter.namHoc) continue;
    if (filter.lop !== undefined && d.lop !== filter.lop) continue;
    out.push({ ...d, at: entry.at, seq: entry.seq });
  }
  return out;
}
