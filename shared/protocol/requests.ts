import { z } from "zod";
import { DocumentInput, RequestId, SigningRole } from "./common.ts";
import { LIMITS } from "./limits.ts";
import { Deadlines, IsoDate, PlanPhase } from "../progress/progress-report.ts";
import { CheckSummaryInput } from "../progress/check-summary.ts";
import { RecordVersionsRequest } from "./record-versions.ts";

/**
 * Extension -> helper requests. One JSON object per native-messaging frame, discriminated by
 * `type`. The first request on a connection must be `hello`; every later one carries a fresh
 * `requestId` that the replies echo.
 */

/** Opens the session and agrees on the protocol version. */
export const HelloRequest = z.strictObject({
  type: z.literal("hello"),
  requestId: RequestId,
  /** The protocol version the extension speaks (PROTOCOL_VERSION in limits.ts). */
  protocolVersion: z.number().int().min(1).max(1000),
  /** Who is calling, for the helper's log. */
  client: z.strictObject({
    /** Client name, e.g. "hocba-extension". */
    name: z.string().min(1).max(64),
    /** Client version, e.g. "0.1.0". */
    version: z.string().min(1).max(32),
  }),
});

/** Asks what the helper sees: its version, PKCS#11 modules found, tokens present, archive. */
export const StatusRequest = z.strictObject({
  type: z.literal("status"),
  requestId: RequestId,
});

/** Lists tokens with their certificates and PIN state. Needs no PIN. */
export const ListTokensRequest = z.strictObject({
  type: z.literal("list-tokens"),
  requestId: RequestId,
});

/**
 * Signs a batch of học bạ documents in one role with one certificate and one PIN entry. Replies
 * stream back: `progress` events, one `signed` or `sign-failed` per document, then `done`; or a
 * single `error` if the batch cannot start (wrong PIN, token missing...). Each signed document is
 * archived before its `signed` reply is sent; a document already archived for this role (same
 * input SHA-256) is answered from the archive and never signed again.
 */
export const SignBatchRequest = z.strictObject({
  type: z.literal("sign-batch"),
  /** Also the batch id in the archive. */
  requestId: RequestId,
  /** The role the signature is made in: which DSCKS child it goes to. */
  role: SigningRole,
  /** CKA_LABEL of the token (as list-tokens reports it, trailing spaces trimmed). */
  tokenLabel: z.string().min(1).max(64),
  /** CKA_ID of the certificate, lower-case hex, as list-tokens reports it. */
  certId: z
    .string()
    .regex(/^(?:[0-9a-f]{2}){1,128}$/, "chuỗi hex chữ thường, số ký tự chẵn")
    .describe("Mã chứng thư"),
  /**
   * The user PIN, typed in the extension's own page. Omitted for tokens with a PIN pad or their own
   * PIN dialog. Used for exactly one login, never logged, never retried, dropped after login.
   */
  pin: z.string().min(4).max(64).optional(),
  /** The documents, signed in this order. */
  documents: z.array(DocumentInput).min(1).max(LIMITS.maxDocumentsPerRequest),
});

/** Verifies documents; one `verified` reply per document, then `verify-done`. */
export const VerifyRequest = z.strictObject({
  type: z.literal("verify"),
  requestId: RequestId,
  documents: z.array(DocumentInput).min(1).max(LIMITS.maxDocumentsPerRequest),
});

/**
 * Cancels the running sign-batch with this `requestId`: it stops before the next document. What is
 * already signed stays signed and archived. Answered by `cancel-ack`.
 */
export const CancelRequest = z.strictObject({
  type: z.literal("cancel"),
  /** The requestId of the batch to cancel. */
  requestId: RequestId,
});

/** Lists archived signed documents, newest first; answered by `archive-entries`. */
export const ArchiveListRequest = z.strictObject({
  type: z.literal("archive-list"),
  requestId: RequestId,
  /** Only this school year, e.g. "2025-2026". */
  namHoc: z
    .string()
    .regex(/^\d{4}-\d{4}$/)
    .optional(),
  /** Only this learner. */
  maHocVien: z.string().min(1).max(64).optional(),
  /** Page size; default 100. */
  limit: z.number().int().min(1).max(LIMITS.maxArchivePage).optional(),
  /** Entries to skip; default 0. */
  offset: z.number().int().min(0).optional(),
});

const NamHoc = z.string().regex(/^\d{4}-\d{4}$/);
const Lop = z.string().min(1).max(64);

/**
 * Imports a hand-off package (`<Lop>_<NamHoc>_<Buoc>.hocba.zip`, shared/handoff/) into the
 * archive: every document is verified (trust, signer authority) and archived in each role it is
 * signed in; a bad document is refused alone. Replies: one `package-document` per document, then
 * `package-imported`; a package that cannot be read at all: one `error`.
 */
export const ImportPackageRequest = z.strictObject({
  type: z.literal("import-package"),
  requestId: RequestId,
  /** The package's file name, for messages and the audit log. */
  fileName: z
    .string()
    .min(5)
    .max(200)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\\/:*?"<>|\u0000-\u001f\u007f]+\.zip$/i, "tên tệp .zip, không chứa thư mục"),
  /** The package bytes, base64. */
  zip: z.string().min(4).max(LIMITS.maxPackageBase64),
});

/** Classes of the archive with their counts per role (the "Chờ Giám đốc ký" / "Chờ đóng dấu" queues). */
export const QueuesRequest = z.strictObject({
  type: z.literal("queues"),
  requestId: RequestId,
  namHoc: NamHoc.optional(),
});

/**
 * The archived signed documents of one class that wait for `forRole` (each learner's latest
 * version, signed in every earlier role and not yet in this one): one `archived-document` reply per
 * document, then `archived-documents-done`.
 */
export const ArchivedDocumentsRequest = z.strictObject({
  type: z.literal("archived-documents"),
  requestId: RequestId,
  namHoc: NamHoc,
  lop: Lop,
  forRole: z.enum(["ThuTruong", "DonVi"]),
  maTruong: z.string().min(1).max(64).optional(),
});

/** The progress table of a year (shared/progress/); answered by `progress-report`. */
export const ProgressRequest = z.strictObject({
  type: z.literal("progress"),
  requestId: RequestId,
  namHoc: NamHoc.optional(),
  /** The hand-in dates set in the extension's options; default 25/6/2026 and 10/8/2026. */
  deadlines: Deadlines.optional(),
  /** The plan's step days set in the options; default GVCN 14, head 7, seal 3, package 1. */
  phases: z.array(PlanPhase).max(4).optional(),
  /** "Today" (YYYY-MM-DD) instead of the helper's clock: for tests. */
  today: IsoDate.optional(),
});

/**
 * Records "Tổ chuyên môn đã kiểm tra" for a class (and a subject, when given) in the audit log;
 * answered by `check-confirmation-recorded`.
 */
export const RecordCheckConfirmationRequest = z.strictObject({
  type: z.literal("record-check-confirmation"),
  requestId: RequestId,
  namHoc: NamHoc,
  lop: Lop,
  maTruong: z.string().min(1).max(64).optional(),
  /** Subject code; absent: the whole class. */
  monHoc: z.string().min(1).max(64).optional(),
  /** Who checked (name as the person signs). */
  nguoiKiemTra: z.string().trim().min(1).max(128),
  chucVu: z.string().max(128).optional(),
  ghiChu: z.string().max(500).optional(),
});

/**
 * Makes the year's submission package for a wave (as `hocba submission`) into a new folder the
 * helper chooses (Documents/HocBa-NopSo/<namHoc>-dot<N>-<time>/); answered by `submission-made`.
 */
export const MakeSubmissionRequest = z.strictObject({
  type: z.literal("make-submission"),
  requestId: RequestId,
  namHoc: NamHoc,
  dot: z.union([z.literal(1), z.literal(2)]),
});

/**
 * The review page's check summary of a class, kept in the audit log when it differs from the
 * class's last one (the progress table's "records without errors"); answered by
 * `check-summary-recorded`.
 */
export const RecordCheckSummaryRequest = CheckSummaryInput.extend({
  type: z.literal("record-check-summary"),
  requestId: RequestId,
});

/** The recorded check confirmations, oldest first; answered by `check-confirmations`. */
export const CheckConfirmationsRequest = z.strictObject({
  type: z.literal("check-confirmations"),
  requestId: RequestId,
  namHoc: NamHoc.optional(),
  lop: Lop.optional(),
});

export const HostRequest = z.discriminatedUnion("type", [
  HelloRequest,
  StatusRequest,
  ListTokensRequest,
  SignBatchRequest,
  VerifyRequest,
  CancelRequest,
  ArchiveListRequest,
  ImportPackageRequest,
  QueuesRequest,
  ArchivedDocumentsRequest,
  ProgressRequest,
  RecordCheckConfirmationRequest,
  CheckConfirmationsRequest,
  RecordVersionsRequest,
  MakeSubmissionRequest,
  RecordCheckSummaryRequest,
]);

export type HelloRequest = z.infer<typeof HelloRequest>;
export type StatusRequest = z.infer<typeof StatusRequest>;
export type ListTokensRequest = z.infer<typeof ListTokensRequest>;
export type SignBatchRequest = z.infer<typeof SignBatchRequest>;
export type VerifyRequest = z.infer<typeof VerifyRequest>;
export type CancelRequest = z.infer<typeof CancelRequest>;
export type ArchiveListRequest = z.infer<typeof ArchiveListRequest>;
export type ImportPackageRequest = z.infer<typeof ImportPackageRequest>;
export type QueuesRequest = z.infer<typeof QueuesRequest>;
export type ArchivedDocumentsRequest = z.infer<typeof ArchivedDocumentsRequest>;
export type ProgressRequest = z.infer<typeof ProgressRequest>;
export type RecordCheckConfirmationRequest = z.infer<typeof RecordCheckConfirmationRequest>;
export type CheckConfirmationsRequest = z.infer<typeof CheckConfirmationsRequest>;
export type MakeSubmissionRequest = z.infer<typeof MakeSubmissionRequest>;
export type RecordCheckSummaryRequest = z.infer<typeof RecordCheckSummaryRequest>;
export type { RecordVersionsRequest } from "./record-versions.ts";
export type HostRequest = z.infer<typeof HostRequest>;
export type HostRequestType = HostRequest["type"];

/** Every request type, in the order the helper advertises them in `hello`. */
export const REQUEST_TYPES = HostRequest.options.map((o) => o.shape.type.value);
