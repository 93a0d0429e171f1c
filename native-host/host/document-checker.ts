import { Worker } from "node:worker_threads";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { isMessageCode } from "../../shared/errors/message-table.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { helperFile } from "../helper-files.ts";
import type { DocumentTask, DocumentTaskReply, DocumentWorkerData } from "./document-worker.ts";
import type { HostLog } from "./host-log.ts";
import type { DocumentVerification } from "./signing-backend.ts";

export interface DocumentCheckerOptions {
  /** HOCBA_TRUST_ROOTS, split (trust-root-files.ts). */
  trustRootFiles: readonly string[];
  /** Time limit of one document, ms. */
  timeoutMs: number;
  log: HostLog;
  /** TEST-ONLY: see DocumentWorkerData.testHang. */
  testHang?: boolean;
}

/** Far above a real document (milliseconds) or the largest accepted one on a slow PC (seconds). */
export const DEFAULT_DOCUMENT_CHECK_TIMEOUT_MS = 30_000;

/**
 * The time limit from HOCBA_DOCUMENT_CHECK_TIMEOUT_MS when it is a whole number of ms between 100
 * and 600000, else the default.
 */
export function documentCheckTimeout(env: Readonly<Record<string, string | undefined>>): number {
  const value = env.HOCBA_DOCUMENT_CHECK_TIMEOUT_MS;
  const ms = value !== undefined && /^\d{3,6}$/.test(value) ? Number(value) : NaN;
  return ms >= 100 && ms <= 600_000 ? ms : DEFAULT_DOCUMENT_CHECK_TIMEOUT_MS;
}

/** At least this long for the worker to load its code, whatever the per-document limit. */
const STARTUP_TIMEOUT_MS = 60_000;

interface Pending {
  task: DocumentTask;
  resolve: (verification: DocumentVerification | undefined) => void;
  reject: (err: unknown) => void;
}

/** A task type without its id, for the callers' side. */
type TaskInput = DocumentTask extends infer T ? (T extends DocumentTask ? Omit<T, "id"> : never) : never;

/**
 * Runs verification and the checks made before a document is signed on untrusted bytes in a worker
 * thread (document-worker.ts), one document at a time, each within a time limit: the helper's own
 * thread stays free to answer `status`, `cancel` and the rest however long a crafted document would
 * take. A document past its limit ends the worker (HOST_DOCUMENT_CHECK_TIMEOUT for it); the next
 * one starts a fresh worker. The worker is started on first use and kept for the session.
 */
export class DocumentChecker {
  private worker: Worker | null = null;
  private ready = false;
  /** warmUp's callers, told when the worker is ready or gone. */
  private readyWaiters: Array<(ready: boolean) => void> = [];
  private readonly queue: Pending[] = [];
  private current: { pending: Pending; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: DocumentCheckerOptions) {}

  /** Verifies one document against the configured roots (verifyHocBa, in protocol form). */
  async verify(bytes: Uint8Array, fileName: string): Promise<DocumentVerification> {
    const v = await this.submit({ kind: "verify", bytes, fileName });
    if (!v) throw new HocBaError("HOST_DOCUMENT_CHECK_FAILED", { file: fileName, detail: "no report" });
    return v;
  }

  /** checkSignable in the worker: resolves when `role` may sign the document, throws its HocBaError. */
  async checkSignable(
    bytes: Uint8Array,
    role: SigningRole,
    fileName: string,
    certificateSubject?: string,
  ): Promise<void> {
    await this.submit({
      kind: "check-signable",
      bytes,
      fileName,
      role,
      ...(certificateSubject !== undefined ? { certificateSubject } : {}),
    });
  }

  /**
   * Starts the worker now if it is not running, so that the next batch does not wait for it to load
   * (about 0.4 s from the sources, before the first document's check). Nothing is queued.
   * Resolves true once the worker is ready, false when it ended (or the checker closed) first.
   */
  warmUp(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.worker && this.ready) return Promise.resolve(true);
    if (!this.worker) this.start();
    // True once it is ready; false if it ends first (the next task then starts another).
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Ends the worker; work still queued fails. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll("trình ký đang đóng");
    if (worker) await worker.terminate();
  }

  private submit(input: TaskInput): Promise<DocumentVerification | undefined> {
    if (this.closed) {
      return Promise.reject(
        new HocBaError("HOST_DOCUMENT_CHECK_FAILED", { file: input.fileName, detail: "trình ký đang đóng" }),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { ...input, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.queue.length === 0 || this.closed) return;
    const worker = this.worker ?? this.start();
    if (!this.ready) return; // "ready" pumps again
    const pending = this.queue.shift();
    if (!pending) return;
    const { timeoutMs } = this.options;
    const timer = setTimeout(() => this.timedOut(), timeoutMs);
    this.current = { pending, timer };
    // Copied, not transferred: the caller may still need the bytes (to sign them).
    worker.postMessage(pending.task);
  }

  private start(): Worker {
    const data: DocumentWorkerData = {
      hocbaWorker: "documents",
      trustRootFiles: [...this.options.trustRootFiles],
      testHang: this.options.testHang === true,
    };
    // The worker's own entry, from the sources (TypeScript hooks) as from the package, where it is
    // bundled apart from the CLI (hocba-worker.js): the worker holds only the code it runs.
    const worker = new Worker(helperFile("bin/hocba-worker.mjs", "hocba-worker.js"), {
      workerData: data,
      // Whatever the worker's code prints must not reach the helper's stdout: it carries frames only.
      stdout: true,
      stderr: true,
      // A memory bomb ends the worker, not the helper.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    worker.on("message", (reply: DocumentTaskReply) => this.onReply(worker, reply));
    worker.on("error", (err) => {
      this.options.log.error("document-worker-error", { name: err.name, detail: err.message.slice(0, 300) });
    });
    worker.on("exit", (code) => this.onExit(worker, code));
    this.worker = worker;
    this.ready = false;
    // Loading the verifier takes a second or two; a worker that never gets there is ended.
    const startup = setTimeout(
      () => {
        if (this.worker !== worker || this.ready) return;
        this.worker = null;
        this.options.log.error("document-worker-start-timeout", {});
        void worker.terminate();
        this.failAll("trình kiểm tra tài liệu không khởi động được");
      },
      Math.max(this.options.timeoutMs, STARTUP_TIMEOUT_MS),
    );
    startup.unref();
    worker.once("message", () => clearTimeout(startup));
    return worker;
  }

  private onReply(worker: Worker, reply: DocumentTaskReply): void {
    if (worker !== this.worker) return;
    if (reply.type === "ready") {
      this.ready = true;
      this.tellWaiters(true);
      this.pump();
      return;
    }
    const current = this.current;
    if (!current || current.pending.task.id !== reply.id) return;
    clearTimeout(current.timer);
    this.current = null;
    if (reply.type === "done") current.pending.resolve(reply.verification);
    else current.pending.reject(errorFrom(reply.error));
    this.pump();
  }

  /** The document of the current task holds the worker past its limit: end the worker, fail the task. */
  private timedOut(): void {
    const current = this.current;
    const worker = this.worker;
    if (!current || !worker) return;
    this.current = null;
    this.worker = null;
    this.ready = false;
    const { task } = current.pending;
    const seconds = String(Math.round(this.options.timeoutMs / 100) / 10).replace(".", ",");
    this.options.log.error("document-check-timeout", { kind: task.kind, file: task.fileName, seconds });
    void worker.terminate();
    current.pending.reject(new HocBaError("HOST_DOCUMENT_CHECK_TIMEOUT", { file: task.fileName, seconds }));
    this.pump();
  }

  /** The worker ended by itself (out of memory, a crash): the task it held fails, the rest go on. */
  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.ready = false;
    this.tellWaiters(false);
    this.options.log.error("document-worker-exit", { code });
    const current = this.current;
    this.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.pending.reject(
        new HocBaError("HOST_DOCUMENT_CHECK_FAILED", {
          file: current.pending.task.fileName,
          detail: `mã thoát ${code}`,
        }),
      );
      this.pump();
    } else {
      // It never became ready (its code would not load): do not start it again for the same work.
      this.failAll(`mã thoát ${code}`);
    }
  }

  private tellWaiters(ready: boolean): void {
    for (const tell of this.readyWaiters.splice(0)) tell(ready);
  }

  private failAll(detail: string): void {
    this.tellWaiters(false);
    const fail = (p: Pending) =>
      p.reject(new HocBaError("HOST_DOCUMENT_CHECK_FAILED", { file: p.task.fileName, detail }));
    if (this.current) {
      clearTimeout(this.current.timer);
      fail(this.current.pending);
      this.current = null;
    }
    for (const p of this.queue.splice(0)) fail(p);
  }
}

/** The worker's error as the helper's own: HocBaErrors keep their code and parameters. */
function errorFrom(body: { code: string; message: string; params?: Record<string, string | number> }): Error {
  if (body.code !== "HOST_INTERNAL" && isMessageCode(body.code)) {
    return new HocBaError(body.code, body.params ?? {});
  }
  return new Error(body.message);
}
