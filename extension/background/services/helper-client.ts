import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { isMessageCode } from "../../../shared/errors/message-table.ts";
import type { ErrorBody } from "../../../shared/protocol/common.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/limits.ts";
import type {
  ArchivedDocumentsRequest,
  HostRequest,
  ImportPackageRequest,
  MakeSubmissionRequest,
  ProgressRequest,
  RecordCheckConfirmationRequest,
  RecordCheckSummaryRequest,
  SignBatchRequest,
} from "../../../shared/protocol/requests.ts";
import {
  HostReply,
  type ArchivedDocumentEvent,
  type CheckConfirmation,
  type CheckSummary,
  type DoneEvent,
  type PackageDocumentEvent,
  type PackageImportedEvent,
  type QueueClass,
  type HelloReply,
  type ProgressEvent,
  type SignedEvent,
  type SignFailedEvent,
  type StatusReply,
  type SubmissionMadeReply,
  type TokensReply,
} from "../../../shared/protocol/responses.ts";
import type { ProgressReport } from "../../../shared/progress/progress-report.ts";
import type { RecordVersionEvent, RecordVersionsRequest } from "../../../shared/protocol/record-versions.ts";
import { EXTENSION_CONFIG } from "../../config.ts";
import { NativeHostService } from "./native-host-service.ts";
import type { NativeConnector } from "./native-port.ts";

/** Version of this extension, sent in hello for the helper's log. */
const CLIENT = Object.freeze({ name: "hocba-extension", version: "0.1.0" });

export type BatchEvent = ProgressEvent | SignedEvent | SignFailedEvent;

/** A fresh request id: the protocol allows [A-Za-z0-9._:-]{1,64}; a UUID fits. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The helper's error body as a HocBaError, keeping its code when the table knows it. */
export function hostError(body: ErrorBody): HocBaError {
  const params = body.params ?? {};
  if (isMessageCode(body.code)) return new HocBaError(body.code, params);
  return new HocBaError("EXT_HOST_ERROR", { code: body.code, detail: body.message });
}

/**
 * The helper's protocol (shared/protocol) over one NativeHostService connection: hello first, then
 * requests whose replies echo the request id. Replies are validated; anything else is an error.
 */
export class HelperClient {
  private constructor(
    private readonly service: NativeHostService,
    /** What the helper said at hello. */
    readonly hello: HelloReply,
  ) {}

  /** Connects and says hello. Closes the port if the handshake fails. */
  static async open(connector: NativeConnector, config = EXTENSION_CONFIG): Promise<HelperClient> {
    const service = new NativeHostService(connector);
    try {
      service.connect();
      const requestId = newRequestId();
      service.post({ type: "hello", requestId, protocolVersion: PROTOCOL_VERSION, client: CLIENT });
      const reply = await readReply(service, requestId, config.helloTimeoutMs, "hello");
      if (reply.type !== "hello") throw unexpected("hello", reply.type);
      if (reply.protocolVersion !== PROTOCOL_VERSION) {
        throw new HocBaError("EXT_HOST_VERSION", {
          version: reply.protocolVersion,
          expected: PROTOCOL_VERSION,
        });
      }
      return new HelperClient(service, reply);
    } catch (err) {
      service.close();
      throw err;
    }
  }

  get state() {
    return this.service.state;
  }

  async status(timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs): Promise<StatusReply> {
    const requestId = newRequestId();
    this.send({ type: "status", requestId });
    const reply = await readReply(this.service, requestId, timeoutMs, "status");
    if (reply.type !== "status") throw unexpected("status", reply.type);
    return reply;
  }

  async listTokens(timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs): Promise<TokensReply> {
    const requestId = newRequestId();
    this.send({ type: "list-tokens", requestId });
    const reply = await readReply(this.service, requestId, timeoutMs, "list-tokens");
    if (reply.type !== "tokens") throw unexpected("list-tokens", reply.type);
    return reply;
  }

  /**
   * Runs a sign-batch: calls `onEvent` for each progress/signed/sign-failed event and resolves with
   * `done`. A batch-level `error` reply (wrong PIN, token missing...) rejects.
   */
  async signBatch(
    request: Omit<SignBatchRequest, "type">,
    onEvent: (event: BatchEvent) => void | Promise<void>,
    idleTimeoutMs: number = EXTENSION_CONFIG.batchIdleTimeoutMs,
  ): Promise<DoneEvent> {
    this.send({ type: "sign-batch", ...request });
    for (;;) {
      const reply = await readReply(this.service, request.requestId, idleTimeoutMs, "sign-batch");
      switch (reply.type) {
        case "progress":
        case "signed":
        case "sign-failed":
          await onEvent(reply);
          break;
        case "cancel-ack":
          break;
        case "done":
          return reply;
        default:
          throw unexpected("sign-batch", reply.type);
      }
    }
  }

  /**
   * Imports a hand-off package: one `package-document` per document (verified, then archived or
   * refused alone), then `package-imported`. A package that cannot be read at all rejects.
   */
  async importPackage(
    request: Omit<ImportPackageRequest, "type" | "requestId">,
    idleTimeoutMs: number = EXTENSION_CONFIG.batchIdleTimeoutMs,
  ): Promise<{ documents: PackageDocumentEvent[]; summary: PackageImportedEvent }> {
    const requestId = newRequestId();
    this.send({ type: "import-package", requestId, ...request });
    const documents: PackageDocumentEvent[] = [];
    for (;;) {
      const reply = await readReply(this.service, requestId, idleTimeoutMs, "import-package");
      if (reply.type === "package-document") documents.push(reply);
      else if (reply.type === "package-imported") return { documents, summary: reply };
      else throw unexpected("import-package", reply.type);
    }
  }

  /** The archive's classes with their counts per role (the queues by role). */
  async queues(
    namHoc?: string,
    timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<QueueClass[]> {
    const requestId = newRequestId();
    this.send({ type: "queues", requestId, ...(namHoc ? { namHoc } : {}) });
    const reply = await readReply(this.service, requestId, timeoutMs, "queues");
    if (reply.type !== "queues") throw unexpected("queues", reply.type);
    return reply.classes;
  }

  /** The latest archived version of each learner's record (issue 10): one reply per learner. */
  async recordVersions(
    request: Omit<RecordVersionsRequest, "type" | "requestId">,
    idleTimeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<RecordVersionEvent[]> {
    const requestId = newRequestId();
    this.send({ type: "record-versions", requestId, ...request });
    const answers: RecordVersionEvent[] = [];
    for (;;) {
      const reply = await readReply(this.service, requestId, idleTimeoutMs, "record-versions");
      if (reply.type === "record-version") answers.push(reply);
      else if (reply.type === "record-versions-done") return answers;
      else throw unexpected("record-versions", reply.type);
    }
  }

  /** The archived documents of one class waiting for a role, each as signed so far. */
  async archivedDocuments(
    request: Omit<ArchivedDocumentsRequest, "type" | "requestId">,
    idleTimeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<ArchivedDocumentEvent[]> {
    const requestId = newRequestId();
    this.send({ type: "archived-documents", requestId, ...request });
    const documents: ArchivedDocumentEvent[] = [];
    for (;;) {
      const reply = await readReply(this.service, requestId, idleTimeoutMs, "archived-documents");
      if (reply.type === "archived-document") documents.push(reply);
      else if (reply.type === "archived-documents-done") return documents;
      else throw unexpected("archived-documents", reply.type);
    }
  }

  /** The progress table of a year, from the archive. */
  async progress(
    request: Omit<ProgressRequest, "type" | "requestId">,
    timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<ProgressReport> {
    const requestId = newRequestId();
    this.send({ type: "progress", requestId, ...request });
    const reply = await readReply(this.service, requestId, timeoutMs, "progress");
    if (reply.type !== "progress-report") throw unexpected("progress", reply.type);
    return reply.report;
  }

  /**
   * Makes the year's submission package for a wave into a new folder the helper names. One reply
   * at the end: the helper verifies every record again first, so the wait is long for a big year.
   */
  async makeSubmission(
    request: Omit<MakeSubmissionRequest, "type" | "requestId">,
    timeoutMs: number = SUBMISSION_TIMEOUT_MS,
  ): Promise<SubmissionMadeReply> {
    const requestId = newRequestId();
    this.send({ type: "make-submission", requestId, ...request });
    const reply = await readReply(this.service, requestId, timeoutMs, "make-submission");
    if (reply.type !== "submission-made") throw unexpected("make-submission", reply.type);
    return reply;
  }

  /** Records "Tổ chuyên môn đã kiểm tra" in the helper's audit log. */
  async recordCheckConfirmation(
    request: Omit<RecordCheckConfirmationRequest, "type" | "requestId">,
    timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<CheckConfirmation> {
    const requestId = newRequestId();
    this.send({ type: "record-check-confirmation", requestId, ...request });
    const reply = await readReply(this.service, requestId, timeoutMs, "record-check-confirmation");
    if (reply.type !== "check-confirmation-recorded") {
      throw unexpected("record-check-confirmation", reply.type);
    }
    return reply.confirmation;
  }

  /** The review page's check summary of a class; the helper keeps it only when it changed. */
  async recordCheckSummary(
    request: Omit<RecordCheckSummaryRequest, "type" | "requestId">,
    timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<{ summary: CheckSummary; recorded: boolean }> {
    const requestId = newRequestId();
    this.send({ type: "record-check-summary", requestId, ...request });
    const reply = await readReply(this.service, requestId, timeoutMs, "record-check-summary");
    if (reply.type !== "check-summary-recorded") throw unexpected("record-check-summary", reply.type);
    return { summary: reply.summary, recorded: reply.recorded };
  }

  /** The check confirmations recorded for a year (and class). */
  async checkConfirmations(
    request: { namHoc?: string; lop?: string },
    timeoutMs: number = EXTENSION_CONFIG.requestTimeoutMs,
  ): Promise<CheckConfirmation[]> {
    const requestId = newRequestId();
    this.send({ type: "check-confirmations", requestId, ...request });
    const reply = await readReply(this.service, requestId, timeoutMs, "check-confirmations");
    if (reply.type !== "check-confirmations") throw unexpected("check-confirmations", reply.type);
    return reply.confirmations;
  }

  /** Asks the helper to stop the batch before its next document; the batch still ends with `done`. */
  cancel(batchRequestId: string): void {
    this.send({ type: "cancel", requestId: batchRequestId });
  }

  close(): void {
    this.service.close();
  }

  private send(request: HostRequest): void {
    this.service.post(request);
  }
}

function unexpected(step: string, type: string): HocBaError {
  return new HocBaError("EXT_HOST_UNEXPECTED", { step, detail: type });
}

/** A whole year verified again (a few thousand records on a slow PC). */
const SUBMISSION_TIMEOUT_MS = 15 * 60_000;

/** The next reply to `requestId`; replies to other requests (late acks) are skipped. */
async function readReply(
  service: NativeHostService,
  requestId: string,
  timeoutMs: number,
  step: string,
): Promise<HostReply> {
  for (;;) {
    const raw = await service.next(timeoutMs, step);
    const parsed = HostReply.safeParse(raw);
    if (!parsed.success) {
      const type = (raw as { type?: unknown } | null)?.type;
      throw unexpected(step, typeof type === "string" ? type : JSON.stringify(raw).slice(0, 120));
    }
    const reply = parsed.data;
    if (reply.type === "error") {
      if (reply.requestId === requestId || reply.requestId === null) throw hostError(reply.error);
      continue;
    }
    if (reply.requestId === requestId) return reply;
  }
}
