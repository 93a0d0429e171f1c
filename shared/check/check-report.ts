import type { MessageCode } from "../errors/message-table.ts";

/** Where a problem is: as precise as the data allows. */
export interface CheckPath {
  /** Mã học viên, when the problem belongs to one learner. */
  maHocVien?: string;
  /** Learner's name, for humans. */
  hoTen?: string;
  /** Index of the learner in the gradebook (0-based), useful when maHocVien is missing or duplicated. */
  learnerIndex?: number;
  /** Subject code, when the problem belongs to one subject. */
  maMon?: string;
  /** Field path inside the learner/subject, e.g. "hk1.tx[2]", "hocVien.soDinhDanh", "ketQuaXet". */
  field?: string;
}

export type Severity = "error" | "warning";

export interface CheckItem {
  /** error blocks building and signing that learner; warning does not. */
  severity: Severity;
  /** Stable code from the message table (CHECK_*). */
  code: MessageCode;
  /** Vietnamese message, formatted from the code and params. */
  message: string;
  params: Readonly<Record<string, string | number>>;
  path: CheckPath;
}

export interface CheckReport {
  profile: string;
  learnerCount: number;
  items: CheckItem[];
  errorCount: number;
  warningCount: number;
  /** maHocVien of learners with at least one error (they are not built nor signed). */
  blockedLearners: string[];
}
