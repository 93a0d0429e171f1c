import type { HocBaArchive } from "../archive/hocba-archive.ts";

/** One record as a submission recorded it in the audit log. */
export interface SubmittedRecord {
  maHocVien: string;
  idBanGhi: string;
  phienBan: number;
  /** SHA-256 of the sealed document handed in. */
  sha256: string;
}

export interface SubmissionEntry {
  namHoc: string;
  dot: number;
  at: string;
  records: SubmittedRecord[];
}

/** Every submission package written for `namHoc`, oldest first, from the audit log's `submission` entries. */
export function readSubmissions(archive: HocBaArchive, namHoc: string): SubmissionEntry[] {
  const out: SubmissionEntry[] = [];
  for (const entry of archive.auditLog()) {
    if (entry.event !== "submission") continue;
    const d = JSON.parse(entry.details) as Partial<SubmissionEntry>;
    if (d.namHoc !== namHoc || !Array.isArray(d.records)) continue;
    out.push({ namHoc, dot: Number(d.dot), at: entry.at, records: d.records });
  }
  return out;
}

/** SHA-256 of every sealed document handed in for `namHoc` (in any wave). */
export function submittedDocuments(archive: HocBaArchive, namHoc: string): Set<string> {
  return new Set(readSubmissions(archive, namHoc).flatMap((s) => s.records.map((r) => r.sha256)));
}
