/**
 * Messages between the extension's own contexts (pages, content script, background). Web pages can
 * never send these: the manifest has no externally_connectable, and the background checks who sent
 * each message (see background/sender.ts).
 */
import type { PortalRequest } from "../../shared/portal-adapters/common/portal-request.ts";
import type { MessageCode, MessageParams } from "../../shared/errors/message-table.ts";
import type { SignerInfo, SigningRole } from "../../shared/protocol/common.ts";
import type {
  CheckConfirmation,
  QueueClass,
  SubmissionMadeReply,
  TokenInfo,
} from "../../shared/protocol/responses.ts";
import type { HandoffRoleSigned } from "../../shared/handoff/handoff-manifest.ts";
import type { LearnerRecordVersion } from "../../shared/protocol/record-versions.ts";
import type { Deadlines, PlanPhase, ProgressReport } from "../../shared/progress/progress-report.ts";
import type { CheckSummary, CheckSummaryInput } from "../../shared/progress/check-summary.ts";

export type { CheckConfirmation, Deadlines, HandoffRoleSigned, PlanPhase, ProgressReport, QueueClass };
import { isSigningRole, SIGNING_ROLES } from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/** Who signs, in the order the XML format requires (docs/format-hocbaso.md, DSCKS). */
export type SignerRole = SigningRole;
// The signature profile's plain list, not the zod enum: the content script must not pull zod in.
export const SIGNER_ROLES: readonly SignerRole[] = SIGNING_ROLES;
export const isSignerRole: (value: unknown) => value is SignerRole = isSigningRole;

/** A user-facing error after crossing a message boundary: HocBaError.toJSON(). */
export interface WireError {
  /** Stable code from the message table. */
  code: MessageCode;
  /** Placeholders of the message. */
  params: MessageParams;
  /** The Vietnamese message, already formatted (for logs; the UI re-formats in its own locale). */
  message: string;
}

/** The tokens plugged in, with their certificates and PIN state, as the helper lists them. */
export interface TokenList {
  tokens: TokenInfo[];
  /** PKCS#11 libraries that failed to load: tokens behind them are missing. */
  moduleErrors: { path: string; error?: WireError }[];
}

/** What the popup and the review page show about the helper. */
export interface HelperStatus {
  /** false when the helper could not be reached; `error` says why and how to fix it. */
  installed: boolean;
  /** Helper version, when it answered. */
  version?: string;
  /** Labels of the tokens plugged in right now. */
  tokens: string[];
  /**
   * Where the helper archives (from its status): on this PC, or the centre's PostgreSQL server
   * (`server`: host:port/database (user), never the password). Absent from older helpers.
   */
  archive?: { engine: "sqlite" | "postgres"; server?: string; documents: number };
  error?: WireError;
}

/** One stored class, summarised for the popup. */
export interface ClassSummary {
  classKey: string;
  lop: string;
  namHoc: string;
  tenTruong: string;
  learnerCount: number;
  /** Learners whose document (their latest version) carries each signature. */
  signedBy: Record<SignerRole, number>;
  /** Learners whose latest signed document is a later version (a correction, a re-test result). */
  laterVersions?: number;
  extractedAt: string;
}

/** What the portal panel shows after a class was read and stored. */
export interface SavedGradebook {
  classKey: string;
  lop: string;
  learnerCount: number;
  /** Check findings (the review page lists them). */
  errorCount: number;
  warningCount: number;
  /** "học viên" (GDTX) or "học sinh" (THPT), from the rules profile. */
  learnerWord: string;
}

/** The portal page the content script runs in, as the user sees it. */
export interface PageSnapshot {
  /** location.href */
  url: string;
  /** document.documentElement.outerHTML */
  html: string;
}

export interface PageInspection {
  /** Whether the page is a class whose gradebook can be read from here. */
  classPage: boolean;
  /** Adapter that recognised the page (vnedu-style, smas-style, generic-table). */
  adapterId?: string;
}

export interface ReadClassResult {
  /** Present when the class was read, checked and stored. */
  saved?: SavedGradebook;
  /** Every problem found while reading (empty when `saved` is present). */
  problems: WireError[];
  pageCount: number;
}

/** Background → content script: fetch one page of the portal with the user's session. */
export interface PortalFetchRequest {
  type: "hocba-fetch";
  url: string;
  /** How, when not a plain GET: method, body, headers, and whether the page's own bearer token goes with it. */
  request?: PortalRequest;
  /** Origins besides the page's that the class's data comes from (the adapter's API gateway). */
  apiOrigins?: string[];
}

export type PortalFetchReply =
  { ok: true; page: { url: string; html?: string; json?: unknown } } | { ok: false; error: WireError };

/** Background → content script: crawl progress for the panel. */
export interface PortalProgress {
  type: "hocba-progress";
  done: number;
  total: number;
}

/** One document of a hand-off package, as the helper took it (or refused it, saying why). */
export interface ImportedDocument {
  index: number;
  fileName: string;
  maHocVien: string;
  hoTen: string;
  outcome: "imported" | "already-present" | "refused";
  roles: SignerRole[];
  /** Why it was refused (empty otherwise). */
  problems: WireError[];
}

/** What importing a hand-off package gave: per document, and for the package. */
export interface PackageImport {
  packageFileName: string;
  lop: string;
  namHoc: string;
  /** The step the package closes: gvcn, thu-truong, dong-dau. */
  buoc: string;
  maTruong: string;
  tenTruong: string;
  imported: number;
  alreadyPresent: number;
  refused: number;
  /** Package-level problems (manifest or SHA256SUMS disagreeing with the files). */
  problems: WireError[];
  documents: ImportedDocument[];
}

/** One signed document of the helper's archive, waiting for a role. */
export interface ArchivedDocument {
  fileName: string;
  /** The signed XML exactly as archived (UTF-8 text): the next role signs these bytes. */
  xml: string;
  sha256: string;
  maHocVien: string;
  hoTen: string;
  idBanGhi: string;
  phienBan: number;
  roles: HandoffRoleSigned[];
}

/** Which class of the archive, for a queue. */
export interface ArchiveClassRef {
  namHoc: string;
  lop: string;
  maTruong?: string;
}

/** Request and response of every one-shot action, keyed by action name. */
export interface ActionMap {
  /** Asks the helper for its version and the tokens plugged in (popup, review page). */
  "get-helper-status": { request: Record<string, never>; response: HelperStatus };
  /** Lists the tokens and their certificates (review page). */
  "list-tokens": { request: Record<string, never>; response: TokenList };
  /** Content script: is this portal page a class the adapters can read? (page snapshot as HTML) */
  "inspect-page": { request: PageSnapshot; response: PageInspection };
  /**
   * Content script: read the whole class from this page. The background crawls through the content
   * script's fetch (PortalFetchRequest), extracts, checks and stores the gradebook.
   */
  "read-class": { request: PageSnapshot; response: ReadClassResult };
  /** Opens the review page for the given classes, optionally straight on one role's sign flow. */
  "open-review": {
    /** `archived`: classes known only from the helper's archive (their documents are fetched from it). */
    request: { classKeys: string[]; role?: SignerRole; archived?: ArchiveClassRef[] };
    response: { tabId?: number };
  };
  /** Review page: stores a class read from Excel files exported from the portal (checked like a portal read). */
  "import-gradebook": { request: { gradebook: unknown }; response: SavedGradebook };
  /** Options page: validates the generic adapter's header mapping (JSON text). */
  "validate-mapping": { request: { text: string }; response: { valid: true } };
  /** Options page: re-registers the content script on the configured portal origins. */
  "sync-portals": { request: Record<string, never>; response: { origins: string[] } };
  /** Popup, review page: the helper verifies a hand-off package and adds its documents to the archive. */
  "import-package": { request: { fileName: string; zipBase64: string }; response: PackageImport };
  /** Popup, progress page: the archive's classes with their counts per role. */
  queues: { request: { namHoc?: string }; response: { classes: QueueClass[] } };
  /** Review page: the archived documents of a class that wait for a role. */
  "archived-documents": {
    request: ArchiveClassRef & { forRole: "ThuTruong" | "DonVi" };
    response: { documents: ArchivedDocument[] };
  };
  /** Progress page: the year's table from the archive, counted to the deadlines of the settings. */
  /** `today`: count as of this day (YYYY-MM-DD) instead of the helper's clock (the page's ?ngay=). */
  progress: {
    request: { namHoc?: string; deadlines?: Deadlines; phases?: PlanPhase[]; today?: string };
    response: ProgressReport;
  };
  /** Tổ chuyên môn's report page: "đã kiểm tra" (who, when) into the helper's audit log. */
  "record-check-confirmation": {
    request: ArchiveClassRef & { nguoiKiemTra: string; monHoc?: string; chucVu?: string; ghiChu?: string };
    response: CheckConfirmation;
  };
  /** Review and report pages: the check confirmations recorded for a year (and class). */
  "check-confirmations": {
    request: { namHoc?: string; lop?: string };
    response: { confirmations: CheckConfirmation[] };
  };
  /** Review page: each learner's latest archived version (versions counted from the helper's archive). */
  "record-versions": {
    request: { namHoc: string; maTruong?: string; maHocVien: string[] };
    response: { versions: LearnerRecordVersion[] };
  };
  /** Progress page: the helper makes the wave's submission package into a new folder it names. */
  "make-submission": { request: { namHoc: string; dot: 1 | 2 }; response: SubmissionMade };
  /** Review page: a class's check summary into the helper's audit log (kept only when it changed). */
  "record-check-summary": {
    request: CheckSummaryInput;
    response: { summary: CheckSummary; recorded: boolean };
  };
  /**
   * Content script: the templates of these codes in the user's language ({placeholders} unfilled).
   * The content script does not bundle the message table; the background words its texts.
   */
  "message-templates": { request: { codes: string[] }; response: MessageTemplates };
}

/** A submission package made by the helper (the `submission-made` reply without its envelope). */
export type SubmissionMade = Omit<SubmissionMadeReply, "type" | "requestId">;

export type ActionName = keyof ActionMap;
export type ActionRequest<A extends ActionName = ActionName> = { action: A } & ActionMap[A]["request"];
export type ActionResult<A extends ActionName = ActionName> =
  { ok: true; value: ActionMap[A]["response"] } | { ok: false; error: WireError };

/** Message templates by code, in the user's language (see the "message-templates" action). */
export interface MessageTemplates {
  templates: Record<string, string>;
}

/** A document sent for signing: the exact bytes shown in the preview, as UTF-8 text. */
export interface DocumentToSign {
  /** `<classKey>|<maHocVien>`: how the result is matched and stored. */
  id: string;
  classKey: string;
  maHocVien: string;
  /** Learner's name, for the stored document's listing. */
  hoTen: string;
  fileName: string;
  /** The XML document (UTF-8 text of the exact bytes). */
  xml: string;
}

/** Page → background over the `sign-batch` port. */
export type SignPortRequest =
  | {
      type: "start";
      role: SignerRole;
      /** Token label and certificate id, as list-tokens reported them. */
      tokenLabel: string;
      certId: string;
      /** Typed in the review page, forwarded once to the helper, never stored or logged; omitted for PIN pads. */
      pin?: string;
      documents: DocumentToSign[];
    }
  | { type: "cancel" };

/** Background → page over the `sign-batch` port. */
export type SignPortEvent =
  | { type: "progress"; done: number; total: number; fileName: string }
  | {
      type: "signed";
      id: string;
      fileName: string;
      /** The signed XML exactly as the helper returned it. */
      xml: string;
      signer: SignerInfo;
      signingTime: string;
      /** The helper's archive already held it signed in this role. */
      resumed: boolean;
    }
  | { type: "sign-failed"; id: string; fileName: string; error: WireError }
  | { type: "done"; signed: number; resumed: number; failed: number; skipped: number; cancelled: boolean }
  | { type: "error"; error: WireError };
