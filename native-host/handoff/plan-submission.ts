import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { MessageCode, MessageParams } from "../../shared/errors/message-table.ts";
import type { HandoffRoleSigned } from "../../shared/handoff/handoff-manifest.ts";
import { SIGNING_ROLES } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { HocBaArchive } from "../archive/hocba-archive.ts";
import { readRecordVersions } from "../archive/read-record-versions.ts";
import { roleLabel } from "../xmldsig/role-label.ts";
import { rolesSigned, verificationProblems, type HandoffVerifier } from "./handoff-verification.ts";
import { readLearnerStatuses, type LearnerStatus } from "./read-learner-statuses.ts";
import { readSubmissions } from "./read-submissions.ts";

/** A record that goes into the submission package. */
export interface SubmissionRecord {
  maHocVien: string;
  hoTen: string;
  lop: string;
  maTruong: string;
  tenTruong: string;
  idBanGhi: string;
  phienBan: number;
  suKien: string;
  /**
   * Wave 2: "moi" (not in wave 1) or "thay-doi" (another document than wave 1's); wave 1: "moi".
   * "huy": the signed CANCEL of a record handed in before, so that the Ministry's database, which
   * applies only the highest version, withdraws it too.
   */
  thayDoi: "moi" | "thay-doi" | "huy";
  sha256: string;
  signatures: HandoffRoleSigned[];
  bytes: Uint8Array;
}

/** A learner of the year left out, and why. */
export interface NotIncluded {
  maHocVien: string;
  hoTen: string;
  lop: string;
  phienBan: number;
  code: string;
  lyDo: string;
}

export interface SubmissionPlan {
  namHoc: string;
  dot: 1 | 2;
  included: SubmissionRecord[];
  notIncluded: NotIncluded[];
}

function left(s: LearnerStatus, code: MessageCode, params: MessageParams): NotIncluded {
  const e = new HocBaError(code, params);
  return {
    maHocVien: s.maHocVien,
    hoTen: s.hoTen,
    lop: s.lop,
    phienBan: s.version.phienBan,
    code,
    lyDo: e.message,
  };
}

/**
 * What a hand-in wave holds: every learner of the year whose latest version is complete (GVCN,
 * head and seal, each signature valid and signed by the person or institution the record names,
 * checked again now by the verifier), and for the others the reason. Wave 2 holds only what is new
 * or changed since wave 1 (as the archive's `submission` entries recorded it); wave 2 without a
 * wave 1 is refused (SUBMISSION_WAVE1_MISSING).
 */
export async function planSubmission(
  archive: HocBaArchive,
  options: { namHoc: string; dot: 1 | 2; verify: HandoffVerifier },
): Promise<SubmissionPlan> {
  const { namHoc, dot } = options;
  const wave1 = new Map<string, Set<string>>();
  const earlier = readSubmissions(archive, namHoc).filter((s) => s.dot === 1);
  if (dot === 2 && earlier.length === 0) throw new HocBaError("SUBMISSION_WAVE1_MISSING", { namHoc });
  for (const r of earlier.flatMap((s) => s.records)) {
    const key = `${r.maHocVien}\u0000${r.idBanGhi.toLowerCase()}`;
    wave1.set(key, (wave1.get(key) ?? new Set()).add(r.sha256));
  }
  const included: SubmissionRecord[] = [];
  const notIncluded: NotIncluded[] = [];
  for (const s of readLearnerStatuses(archive, namHoc)) {
    const v = s.version;
    const previous = wave1.get(`${s.maHocVien}\u0000${v.idBanGhi.toLowerCase()}`);
    // A record never handed in has nothing to withdraw at the Ministry: its CANCEL stays here.
    if (v.suKien === "CANCEL" && !previous) {
      notIncluded.push(left(s, "SUBMISSION_CANCELLED", { phienBan: v.phienBan }));
      continue;
    }
    // A CANCEL is complete with the head's signature (the seal is optional): the verifier judges it.
    const missing = SIGNING_ROLES.filter(
      (r) => !s.roles.includes(r) && (v.suKien !== "CANCEL" || r === "ThuTruong"),
    );
    if (missing.length > 0) {
      const roles = missing.map((r) => roleLabel(r)).join(", ");
      // "Newer version unsigned" only when an older version was complete: that one is not sent instead.
      const olderComplete = readRecordVersions(archive, { namHoc, maHocVien: s.maHocVien }).versions.some(
        (o) => o.phienBan < v.phienBan && o.roles.includes("DonVi"),
      );
      notIncluded.push(
        left(s, olderComplete ? "SUBMISSION_NEWER_UNSIGNED" : "SUBMISSION_MISSING_ROLES", {
          roles,
          phienBan: v.phienBan,
        }),
      );
      continue;
    }
    const bytes = s.document.bytes;
    const verification = await options.verify(bytes, s.document.fileName);
    if (!verification.valid || !verification.complete) {
      const detail = verificationProblems(verification)
        .map((p) => p.message)
        .join("; ");
      notIncluded.push(left(s, "SUBMISSION_INVALID", { phienBan: v.phienBan, detail }));
      continue;
    }
    if (dot === 2 && previous?.has(s.document.sha256)) {
      notIncluded.push(left(s, "SUBMISSION_UNCHANGED", {}));
      continue;
    }
    included.push({
      maHocVien: s.maHocVien,
      hoTen: s.hoTen,
      lop: s.lop,
      maTruong: s.maTruong,
      tenTruong: s.tenTruong,
      idBanGhi: v.idBanGhi,
      phienBan: v.phienBan,
      suKien: v.suKien,
      thayDoi: v.suKien === "CANCEL" ? "huy" : previous ? "thay-doi" : "moi",
      sha256: s.document.sha256,
      signatures: rolesSigned(verification),
      bytes,
    });
  }
  return { namHoc, dot, included, notIncluded };
}
