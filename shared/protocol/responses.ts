import { z } from "zod";
import { ErrorBody, RequestId, SignerInfo, SigningRole } from "./common.ts";
import { HandoffRoleSigned } from "../handoff/handoff-manifest.ts";
import { ProgressReport } from "../progress/progress-report.ts";
import { CheckSummary } from "../progress/check-summary.ts";
import { RecordVersionEvent, RecordVersionsDoneEvent } from "./record-versions.ts";

/**
 * Helper -> extension replies and events. Each is one frame of at most LIMITS.maxReplyBytes; a reply
 * that would be larger is replaced by an `error` (or `sign-failed`) reply, never truncated. Objects
 * are not strict here so that a newer helper may add fields without breaking an older extension.
 */

/** Every reply echoes the requestId of the request it answers. */
const Reply = { requestId: RequestId };

export const HelloReply = z.object({
  type: z.literal("hello"),
  ...Reply,
  /** Version of the helper (package.json). */
  hostVersion: z.string(),
  /** The protocol version the helper speaks. */
  protocolVersion: z.number().int(),
  /** Request types this helper accepts. */
  capabilities: z.array(z.string()),
  /** Size limits, bytes and counts (LIMITS). */
  limits: z.object({
    /** Largest request frame the helper reads, bytes. */
    maxRequestBytes: z.number().int(),
    /** Largest reply frame the helper sends, bytes. */
    maxReplyBytes: z.number().int(),
    /** Most documents in one sign-batch or verify. */
    maxDocumentsPerRequest: z.number().int(),
  }),
});

/** A PKCS#11 library the helper tried to load. */
export const ModuleStatus = z.object({
  /** Library path, e.g. `/usr/lib/softhsm/libsofthsm2.so` or `C:\\Windows\\System32\\vnpt-ca_csp11.dll`. */
  path: z.string(),
  /** Whether it loaded and initialised. */
  loaded: z.boolean(),
  /** Why not, when it did not. */
  error: ErrorBody.optional(),
});

/** The token's PIN state from CK_TOKEN_INFO.flags. */
export const PinState = z.object({
  /** The token has a PIN pad or its own PIN dialog: send no PIN. */
  protectedAuthenticationPath: z.boolean(),
  /** A wrong PIN was entered since the last good login. */
  countLow: z.boolean(),
  /** One more wrong PIN locks the token. */
  finalTry: z.boolean(),
  /** The PIN is locked: only the CA (SO PIN) can unlock it. */
  locked: z.boolean(),
  /** The PIN must be changed before use. */
  toBeChanged: z.boolean(),
});

/** A certificate on a token, with what the user needs to pick the right one. */
export const CertificateInfo = z.object({
  /** CKA_ID, lower-case hex: what sign-batch's `certId` names. */
  id: z.string(),
  /** CKA_LABEL. */
  label: z.string(),
  /** Subject CN, e.g. "Trần Thị B". */
  commonName: z.string(),
  /** Full subject DN. */
  subject: z.string(),
  /** Identity fields found in the subject (CCCD, CMND, MST, UID...), as "KIND:value". */
  identifiers: z.array(z.string()),
  /** Issuer DN. */
  issuer: z.string(),
  /** Serial number, upper-case hex. */
  serialNumber: z.string(),
  /** Validity start, ISO 8601. */
  notBefore: z.string(),
  /** Validity end, ISO 8601. */
  notAfter: z.string(),
  /** Key usage names, e.g. ["digitalSignature", "nonRepudiation"]. */
  keyUsage: z.array(z.string()),
  /**
   * Whether this is a signer's certificate (not a CA certificate). Private keys stay hidden until
   * login, so this is the best guess before the PIN; sign-batch reports TOKEN_KEY_NOT_FOUND if wrong.
   */
  hasPrivateKey: z.boolean(),
  /** A signer's certificate valid now whose key usage allows signing documents. */
  usableForSigning: z.boolean(),
  /** SHA-256 of the DER, lower-case hex. */
  sha256: z.string(),
});

export const TokenInfo = z.object({
  /** CKA_LABEL of the token, trailing spaces trimmed. */
  label: z.string(),
  /** CK_TOKEN_INFO manufacturerID, e.g. "VNPT-CA", "SoftHSM project". */
  manufacturer: z.string(),
  /** CK_TOKEN_INFO model. */
  model: z.string(),
  /** CK_TOKEN_INFO serialNumber: tells two tokens with the same label apart. */
  serialNumber: z.string(),
  /** The PKCS#11 library that reaches it. */
  modulePath: z.string(),
  /** PIN state: whether to ask for a PIN, and how many tries are left. */
  pin: PinState,
  /** Every readable certificate on the token (signers and CAs). */
  certificates: z.array(CertificateInfo),
});

export const StatusReply = z.object({
  type: z.literal("status"),
  ...Reply,
  /** Version of the helper. */
  hostVersion: z.string(),
  /** The protocol version the helper speaks. */
  protocolVersion: z.number().int(),
  /** PKCS#11 libraries found on this machine. */
  modules: z.array(ModuleStatus),
  /** Tokens present (label, maker, model, serial). */
  tokens: z.array(
    TokenInfo.pick({ label: true, manufacturer: true, model: true, serialNumber: true, modulePath: true }),
  ),
  /** The archive file and how many signed documents it holds; `error` if it cannot be opened. */
  archive: z.object({
    /** The archive file, or the shared archive's URL with its password replaced by ***. */
    path: z.string(),
    /** sqlite: a file on this PC; postgres: the centre's shared archive (absent from older helpers). */
    engine: z.enum(["sqlite", "postgres"]).optional(),
    /** For postgres: "host:port/database (user)", never the password. */
    server: z.string().optional(),
    /** Signed documents it holds. */
    documents: z.number().int(),
    /** Why it could not be opened. */
    error: ErrorBody.optional(),
  }),
});

export const TokensReply = z.object({
  type: z.literal("tokens"),
  ...Reply,
  /** Tokens present, with certificates. */
  tokens: z.array(TokenInfo),
  /** Libraries that failed to load (tokens behind them are missing from `tokens`). */
  moduleErrors: z.array(ModuleStatus),
});

/** Batch progress: sent before each document is signed. */
export const ProgressEvent = z.object({
  type: z.literal("progress"),
  ...Reply,
  /** Documents finished so far (signed, already archived or failed). */
  done: z.number().int(),
  /** Documents in the batch. */
  total: z.number().int(),
  /** The document about to be signed. */
  fileName: z.string(),
});

/** One signed document. */
export const SignedEvent = z.object({
  type: z.literal("signed"),
  ...Reply,
  /** Position in the request's `documents`. */
  index: z.number().int(),
  /** As sent in the request. */
  fileName: z.string(),
  /** The signed XML, UTF-8 text; its UTF-8 bytes hash to `sha256`. Do not re-serialise. */
  xml: z.string(),
  /** SHA-256 of the signed bytes, lower-case hex. */
  sha256: z.string(),
  role: SigningRole,
  signer: SignerInfo,
  /** xades:SigningTime of the new signature, ISO 8601 with offset. */
  signingTime: z.string(),
  /** True when the archive already held this document signed in this role: nothing was signed now. */
  resumed: z.boolean(),
});

/** One document that was not signed (invalid document, role already signed...); the batch goes on. */
export const SignFailedEvent = z.object({
  type: z.literal("sign-failed"),
  ...Reply,
  /** Position in the request's `documents`. */
  index: z.number().int(),
  /** As sent in the request. */
  fileName: z.string(),
  /** Why, in Vietnamese, naming the file. */
  error: ErrorBody,
});

/** The end of a sign-batch. Counts add up to the number of documents sent. */
export const DoneEvent = z.object({
  type: z.literal("done"),
  ...Reply,
  /** Newly signed (and archived) documents. */
  signed: z.number().int(),
  /** Documents answered from the archive (already signed in this role). */
  resumed: z.number().int(),
  /** Documents that failed. */
  failed: z.number().int(),
  /** Documents not processed because the batch was cancelled. */
  skipped: z.number().int(),
  /** Whether the batch stopped on `cancel` or because the connection closed. */
  cancelled: z.boolean(),
});

/** One signature in a verification report. */
export const SignatureReport = z.object({
  /** The DSCKS element holding it. */
  role: z.string(),
  /** Integrity, trust chain, validity at SigningTime, key usage, role: all hold. */
  valid: z.boolean(),
  /** Present when the certificate could be read. */
  signer: SignerInfo.extend({ certSha256: z.string().optional() }).optional(),
  /** xades:SigningTime as written. */
  signingTime: z.string().optional(),
  /**
   * XAdES baseline level the verification reached (docs/format-hocbaso.md, "Levels"): B-B, B-T
   * (trusted timestamp), B-LT (and the kept revocation data checked). Absent from older helpers.
   */
  level: z.enum(["B-B", "B-T", "B-LT"]).optional(),
  /** Why it is not valid (empty when valid). */
  problems: z.array(ErrorBody),
});

/** The verification of one document. */
export const VerifiedEvent = z.object({
  type: z.literal("verified"),
  ...Reply,
  /** Position in the request's `documents`. */
  index: z.number().int(),
  /** As sent in the request. */
  fileName: z.string(),
  /** SHA-256 of the document bytes as received. */
  sha256: z.string(),
  /** True only if every signature is valid and the document's structure is sound. */
  valid: z.boolean(),
  /** All three roles (GVCN, ThuTruong, DonVi) have signed. */
  complete: z.boolean(),
  /** One report per signature, in document order. */
  signatures: z.array(SignatureReport),
  /** Document-level problems (structure, misplaced signatures, unreadable XML). */
  problems: z.array(ErrorBody),
});

/** The end of a verify request. */
export const VerifyDoneEvent = z.object({
  type: z.literal("verify-done"),
  ...Reply,
  /** Documents fully valid. */
  valid: z.number().int(),
  /** Documents not valid (or unreadable). */
  invalid: z.number().int(),
});

export const CancelAck = z.object({
  type: z.literal("cancel-ack"),
  ...Reply,
  /** Whether a running batch with that id was found (false: it had finished or never existed). */
  found: z.boolean(),
});

/** One archived signed document (without its bytes). */
export const ArchiveEntry = z.object({
  /** Archive row id, increasing in archiving order. */
  id: z.number().int(),
  /** File name the document was signed under. */
  fileName: z.string(),
  /** HocVien/MaHocVien of the document. */
  maHocVien: z.string(),
  /** TTChung/NamHoc of the document, e.g. "2025-2026". */
  namHoc: z.string(),
  /** The role of the signature this entry added. */
  role: SigningRole,
  /** SHA-256 of the signed bytes. */
  sha256: z.string(),
  /** Subject DN of the signer certificate. */
  signerSubject: z.string(),
  /** xades:SigningTime of that signature. */
  signingTime: z.string(),
  /** The sign-batch requestId (or CLI run id) that produced it. */
  batchId: z.string(),
  /** When it was archived, ISO 8601 UTC. */
  archivedAt: z.string(),
});

export const ArchiveEntriesReply = z.object({
  type: z.literal("archive-entries"),
  ...Reply,
  /** Entries matching the filter, in all pages. */
  total: z.number().int(),
  /** This page, newest first. */
  entries: z.array(ArchiveEntry),
});

/** One document of an imported hand-off package. */
export const PackageDocumentEvent = z.object({
  type: z.literal("package-document"),
  ...Reply,
  /** Position in the package's manifest. */
  index: z.number().int(),
  fileName: z.string(),
  maHocVien: z.string(),
  hoTen: z.string(),
  /** Archived now; already in the archive (nothing changed); or refused (see `problems`). */
  outcome: z.enum(["imported", "already-present", "refused"]),
  /** The roles signed in the document, in order. */
  roles: z.array(SigningRole),
  /** Why it was refused (empty otherwise), naming the document. */
  problems: z.array(ErrorBody),
});

/** The end of an import-package: counts add up to the documents of the package. */
export const PackageImportedEvent = z.object({
  type: z.literal("package-imported"),
  ...Reply,
  packageFileName: z.string(),
  lop: z.string(),
  namHoc: z.string(),
  buoc: z.string(),
  institution: z.object({ maTruong: z.string(), tenTruong: z.string() }),
  imported: z.number().int(),
  alreadyPresent: z.number().int(),
  refused: z.number().int(),
  /** Package-level problems (manifest or SHA256SUMS disagreeing with the files). */
  problems: z.array(ErrorBody),
});

/** One class of the archive and how far its learners' latest versions have gone. */
export const QueueClass = z.object({
  namHoc: z.string(),
  maTruong: z.string(),
  tenTruong: z.string(),
  lop: z.string(),
  learners: z.number().int(),
  signedGvcn: z.number().int(),
  signedThuTruong: z.number().int(),
  sealed: z.number().int(),
  /** Signed by the GVCN, not yet by the head: "Chờ Giám đốc ký". */
  waitingThuTruong: z.number().int(),
  /** Signed by the head, not yet sealed: "Chờ đóng dấu". */
  waitingDonVi: z.number().int(),
});

export const QueuesReply = z.object({
  type: z.literal("queues"),
  ...Reply,
  classes: z.array(QueueClass),
});

/** One archived document waiting for the requested role (archived-documents). */
export const ArchivedDocumentEvent = z.object({
  type: z.literal("archived-document"),
  ...Reply,
  index: z.number().int(),
  total: z.number().int(),
  fileName: z.string(),
  /** The signed XML, UTF-8 text: sign exactly its bytes. */
  xml: z.string(),
  sha256: z.string(),
  maHocVien: z.string(),
  hoTen: z.string(),
  idBanGhi: z.string(),
  phienBan: z.number().int(),
  /** The signatures it carries (role, signer CN, SigningTime). */
  roles: z.array(HandoffRoleSigned),
});

export const ArchivedDocumentsDoneEvent = z.object({
  type: z.literal("archived-documents-done"),
  ...Reply,
  count: z.number().int(),
});

export const ProgressReportReply = z.object({
  type: z.literal("progress-report"),
  ...Reply,
  report: ProgressReport,
});

/** "Tổ chuyên môn đã kiểm tra": who, when, which class (and subject), as the audit log holds it. */
export const CheckConfirmation = z.object({
  namHoc: z.string(),
  lop: z.string(),
  maTruong: z.string().optional(),
  monHoc: z.string().optional(),
  nguoiKiemTra: z.string(),
  chucVu: z.string().optional(),
  ghiChu: z.string().optional(),
  /** When it was recorded, ISO 8601 UTC. */
  at: z.string(),
  /** Its entry in the audit log. */
  seq: z.number().int(),
});

export const CheckConfirmationRecordedReply = z.object({
  type: z.literal("check-confirmation-recorded"),
  ...Reply,
  confirmation: CheckConfirmation,
});

/** The check summary in force for the class; `recorded` false when the last one said the same. */
export const CheckSummaryRecordedReply = z.object({
  type: z.literal("check-summary-recorded"),
  ...Reply,
  summary: CheckSummary,
  recorded: z.boolean(),
});

export const CheckConfirmationsReply = z.object({
  type: z.literal("check-confirmations"),
  ...Reply,
  confirmations: z.array(CheckConfirmation),
});

/**
 * The submission package was written. The lists are cut to the first few (the whole lists are in
 * the folder: manifest.json, khong-dua-vao.csv) so that the reply stays far below one frame.
 */
export const SubmissionMadeReply = z.object({
  type: z.literal("submission-made"),
  ...Reply,
  namHoc: z.string(),
  dot: z.union([z.literal(1), z.literal(2)]),
  /** The new folder holding the package; absent when no record qualified (nothing written). */
  dir: z.string().optional(),
  /** The files written in it besides the records' XML (manifest.json, SHA256SUMS, the report, …). */
  files: z.array(z.string()),
  included: z.number().int(),
  notIncludedCount: z.number().int(),
  /** The first records left out, and why (at most SUBMISSION_REPLY_MAX_LISTED). */
  notIncluded: z.array(
    z.object({
      maHocVien: z.string(),
      hoTen: z.string(),
      lop: z.string(),
      phienBan: z.number().int(),
      code: z.string(),
      lyDo: z.string(),
    }),
  ),
  /** The verification report's file in `dir` (HTML, printable). */
  report: z.string(),
});

/** How many left-out records a `submission-made` reply lists (each well under 1 KiB). */
export const SUBMISSION_REPLY_MAX_LISTED = 50;

/** A request failed as a whole. `requestId` is null when the request was unreadable. */
export const ErrorReply = z.object({
  type: z.literal("error"),
  /** The failed request's id; null when the request was unreadable. */
  requestId: RequestId.nullable(),
  /** What went wrong, in Vietnamese. */
  error: ErrorBody,
});

export const HostReply = z.discriminatedUnion("type", [
  HelloReply,
  StatusReply,
  TokensReply,
  ProgressEvent,
  SignedEvent,
  SignFailedEvent,
  DoneEvent,
  VerifiedEvent,
  VerifyDoneEvent,
  CancelAck,
  ArchiveEntriesReply,
  PackageDocumentEvent,
  PackageImportedEvent,
  QueuesReply,
  ArchivedDocumentEvent,
  ArchivedDocumentsDoneEvent,
  ProgressReportReply,
  CheckConfirmationRecordedReply,
  CheckConfirmationsReply,
  RecordVersionEvent,
  RecordVersionsDoneEvent,
  SubmissionMadeReply,
  CheckSummaryRecordedReply,
  ErrorReply,
]);

export type HelloReply = z.infer<typeof HelloReply>;
export type ModuleStatus = z.infer<typeof ModuleStatus>;
export type PinState = z.infer<typeof PinState>;
export type CertificateInfo = z.infer<typeof CertificateInfo>;
export type TokenInfo = z.infer<typeof TokenInfo>;
export type StatusReply = z.infer<typeof StatusReply>;
export type TokensReply = z.infer<typeof TokensReply>;
export type ProgressEvent = z.infer<typeof ProgressEvent>;
export type SignedEvent = z.infer<typeof SignedEvent>;
export type SignFailedEvent = z.infer<typeof SignFailedEvent>;
export type DoneEvent = z.infer<typeof DoneEvent>;
export type SignatureReport = z.infer<typeof SignatureReport>;
export type VerifiedEvent = z.infer<typeof VerifiedEvent>;
export type VerifyDoneEvent = z.infer<typeof VerifyDoneEvent>;
export type CancelAck = z.infer<typeof CancelAck>;
export type ArchiveEntry = z.infer<typeof ArchiveEntry>;
export type ArchiveEntriesReply = z.infer<typeof ArchiveEntriesReply>;
export type ErrorReply = z.infer<typeof ErrorReply>;
export type PackageDocumentEvent = z.infer<typeof PackageDocumentEvent>;
export type PackageImportedEvent = z.infer<typeof PackageImportedEvent>;
export type QueueClass = z.infer<typeof QueueClass>;
export type QueuesReply = z.infer<typeof QueuesReply>;
export type ArchivedDocumentEvent = z.infer<typeof ArchivedDocumentEvent>;
export type ArchivedDocumentsDoneEvent = z.infer<typeof ArchivedDocumentsDoneEvent>;
export type ProgressReportReply = z.infer<typeof ProgressReportReply>;
export type CheckConfirmation = z.infer<typeof CheckConfirmation>;
export type CheckConfirmationRecordedReply = z.infer<typeof CheckConfirmationRecordedReply>;
export type CheckConfirmationsReply = z.infer<typeof CheckConfirmationsReply>;
export type CheckSummaryRecordedReply = z.infer<typeof CheckSummaryRecordedReply>;
export type { CheckSummary } from "../progress/check-summary.ts";
export type SubmissionMadeReply = z.infer<typeof SubmissionMadeReply>;
export type HostReply = z.infer<typeof HostReply>;
