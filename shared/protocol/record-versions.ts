import { z } from "zod";
import { RequestId, SigningRole } from "./common.ts";
import { LIMITS } from "./limits.ts";

/*
 * `record-versions`: the latest archived version of each learner's record for a school year, so
 * that the extension counts versions from the helper's archive and not only from its own store (a
 * class signed on another PC, or a cleared browser profile, would otherwise be built as version 1
 * again). One `record-version` reply per learner, each carrying one signed document, stays far
 * under the 1 MiB helper -> browser frame; then `record-versions-done`.
 */

/** Asks for the latest archived version of each learner's record (issue 10). */
export const RecordVersionsRequest = z.strictObject({
  type: z.literal("record-versions"),
  requestId: RequestId,
  namHoc: z.string().regex(/^\d{4}-\d{4}$/),
  /** Only records of this school (TTChung/MaTruong). */
  maTruong: z.string().min(1).max(64).optional(),
  maHocVien: z.array(z.string().min(1).max(64)).min(1).max(LIMITS.maxDocumentsPerRequest),
});

/** The latest archived version of one learner's record. */
export const ArchivedRecordVersion = z.object({
  idBanGhi: z.string(),
  phienBan: z.number().int(),
  suKien: z.enum(["NEW", "UPDATE", "CANCEL"]),
  /** SHA-256 (hex) of the version's unsigned form: what a next version names as SHA256BanTruoc. */
  sha256: z.string(),
  /** The roles this version is signed in, in signing order (over all its archived copies). */
  roles: z.array(SigningRole),
  /** How many versions of the record the archive holds. */
  versions: z.number().int(),
  fileName: z.string(),
  /** The archived copy carrying the most signatures, UTF-8 text, exactly as signed. */
  xml: z.string(),
});

/** One learner: `latest` absent when the archive holds nothing of the record. */
export const RecordVersionEvent = z.object({
  type: z.literal("record-version"),
  requestId: RequestId,
  maHocVien: z.string(),
  latest: ArchivedRecordVersion.optional(),
});

export const RecordVersionsDoneEvent = z.object({
  type: z.literal("record-versions-done"),
  requestId: RequestId,
  /** Learners answered with a `latest`. */
  found: z.number().int(),
});

/** One learner's answer as the extension keeps it (the background's "record-versions" action). */
export interface LearnerRecordVersion {
  maHocVien: string;
  latest?: ArchivedRecordVersion;
}

export type RecordVersionsRequest = z.infer<typeof RecordVersionsRequest>;
export type ArchivedRecordVersion = z.infer<typeof ArchivedRecordVersion>;
export type RecordVersionEvent = z.infer<typeof RecordVersionEvent>;
export type RecordVersionsDoneEvent = z.infer<typeof RecordVersionsDoneEvent>;
