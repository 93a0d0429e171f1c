import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { helperFile } from "../../helper-files.ts";
import type { PgBridgeReply, PgBridgeRequest, PgBridgeWorkerData, PgParam } from "./pg-bridge-worker.ts";

/**
 * A synchronous PostgreSQL connection: the archive's API is synchronous (the batch pipeline, the
 * host's actions and the CLI call it as they call SQLite), and pg is not. A worker thread
 * (pg-bridge-worker.ts) holds the connection; each query is posted to it and this thread blocks
 * with Atomics.wait until the reply is on the port (synckit's pattern). One connection, one query
 * at a time: BEGIN … COMMIT issued through here is one transaction on the server.
 */

/** An error from the server or the connection, with its SQLSTATE when the server answered. */
export class PgQueryError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The connection is gone (server stopped, network cut); the next query connects again. */
    readonly connectionLost: boolean,
    /** Connecting failed (nothing reached the server); `timedOut`: it did not answer in time. */
    readonly connect: { failed: boolean; timedOut: boolean } = { failed: false, timedOut: false },
  ) {
    super(message);
    this.name = "PgQueryError";
  }
}

export interface PgSyncClientOptions {
  /** Default: the URL's connect_timeout (seconds, as libpq), else DEFAULT_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** How long a write waits for another PC's write lock (lock_timeout); default LOCK_TIMEOUT_MS. */
  lockTimeoutMs?: number;
}

/**
 * A write waits this long for another PC's (milliseconds each, normally), then says the archive is
 * busy (ARCHIVE_BUSY) instead of running into the query timeout with the driver's English text.
 */
export const LOCK_TIMEOUT_MS = 30_000;

/**
 * The server ends a session left inside a transaction this long (a PC whose network was cut in the
 * middle of a write): its write lock would otherwise be held until TCP keepalive noticed, hours
 * later, and every other PC would find the archive busy. Our transactions last milliseconds.
 */
export const IDLE_IN_TRANSACTION_MS = 30_000;

/** How long a connection may take to be made (TCP, TLS, login), when the URL does not say. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The connect timeout a URL asks for with libpq's `connect_timeout` (whole seconds; 0 or absent:
 * the default). IT sets it in the archive's address (HOCBA_ARCHIVE_URL, hocba install
 * --archive-url) for a slow network; pg itself ignores the parameter.
 */
export function connectTimeoutOf(url: string): number {
  let value: string | null = null;
  try {
    value = new URL(url).searchParams.get("connect_timeout");
  } catch {
    return DEFAULT_CONNECT_TIMEOUT_MS;
  }
  const seconds = value === null ? NaN : Number(value);
  return Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_CONNECT_TIMEOUT_MS;
}

export interface PgResult<R> {
  rows: R[];
  rowCount: number;
}

interface Bridge {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  /** Answered once: the worker has loaded (its start-up is not the server's time to answer). */
  answered: boolean;
}

/**
 * The worker's start-up (it loads the helper's code: seconds on a slow PC, more in the package) is
 * allowed on top of the first request's wait; the connect timeout itself starts inside the worker.
 */
const WORKER_START_MS = 60_000;

export class PgSyncClient {
  private bridge: Bridge | null = null;
  private closed = false;
  private readonly waitMs: number;
  /** How long connecting may take (what a failure to connect in time names). */
  readonly connectTimeoutMs: number;
  private readonly queryTimeoutMs: number;
  /** How long a write waits for another PC's write lock (what ARCHIVE_BUSY names). */
  readonly lockTimeoutMs: number;
  private readonly secrets: string[];

  constructor(
    private readonly url: string,
    options: PgSyncClientOptions = {},
  ) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? connectTimeoutOf(url);
    this.queryTimeoutMs = options.queryTimeoutMs ?? 60_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? LOCK_TIMEOUT_MS;
    this.waitMs = this.connectTimeoutMs + this.queryTimeoutMs + 30_000;
    const password = safePassword(url);
    this.secrets = password ? [password, encodeURIComponent(password)] : [];
    this.bridge = this.start();
  }

  get open(): boolean {
    return !this.closed;
  }

  /**
   * Runs one statement (`$1`, `$2`… parameters) and waits for its rows. `retryable`: the statement
   * may run again on a new connection when the one held turns out dead (a server restarted since the
   * last query); never inside a transaction, whose earlier statements died with the connection.
   */
  query<R = Record<string, unknown>>(
    sql: string,
    params: PgParam[] = [],
    options: { retryable?: boolean } = {},
  ): PgResult<R> {
    const reply = this.call({ op: "query", sql, params, retryable: options.retryable === true });
    if (!reply.ok) {
      throw new PgQueryError(this.redact(reply.message), reply.code, reply.connectionLost, {
        failed: reply.connecting === true,
        timedOut: reply.timedOut === true,
      });
    }
    return { rows: reply.rows.map(withBuffers) as R[], rowCount: reply.rowCount };
  }

  /** Closes the connection and ends the worker. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const bridge = this.bridge;
    this.bridge = null;
    if (!bridge) return;
    try {
      this.exchange(bridge, { op: "end" }, 5_000);
    } catch {
      // The worker is ended below anyway.
    }
    void bridge.worker.terminate();
    bridge.port.close();
  }

  private start(): Bridge {
    const shared = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const data: PgBridgeWorkerData = {
      hocbaWorker: "pg-archive",
      url: this.url,
      port: port2,
      signal: shared,
      connectTimeoutMs: this.connectTimeoutMs,
      queryTimeoutMs: this.queryTimeoutMs,
      lockTimeoutMs: this.lockTimeoutMs,
      idleInTransactionMs: IDLE_IN_TRANSACTION_MS,
    };
    // The CLI's own entry runs the worker loop when it sees `hocbaWorker` (as the document worker).
    const worker = new Worker(helperFile("bin/hocba.mjs", "hocba.js"), {
      workerData: data,
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
    // Whatever pg prints must not reach the helper's stdout (it carries frames only).
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    port1.unref();
    return { worker, port: port1, signal: new Int32Array(shared), answered: false };
  }

  private call(request: PgBridgeRequest, waitMs = this.waitMs): PgBridgeReply {
    if (this.closed) throw new PgQueryError("the archive connection is closed", undefined, false);
    const bridge = (this.bridge ??= this.start());
    try {
      const reply = this.exchange(bridge, request, waitMs + (bridge.answered ? 0 : WORKER_START_MS));
      bridge.answered = true;
      return reply;
    } catch (err) {
      // No answer in time: that worker (and its connection, and any transaction on it) is dropped,
      // so that its late answer is never read as the next one's; the next call starts afresh.
      this.bridge = null;
      void bridge.worker.terminate();
      bridge.port.close();
      throw err;
    }
  }

  private exchange(bridge: Bridge, request: PgBridgeRequest, waitMs: number): PgBridgeReply {
    Atomics.store(bridge.signal, 0, 0);
    bridge.worker.postMessage(request);
    const result = Atomics.wait(bridge.signal, 0, 0, waitMs);
    const message = receiveMessageOnPort(bridge.port);
    if (!message) {
      throw new PgQueryError(
        result === "timed-out"
          ? `no answer from the archive server in ${waitMs} ms`
          : "the archive worker ended",
        undefined,
        true,
      );
    }
    return message.message as PgBridgeReply;
  }

  private redact(text: string): string {
    return this.secrets.reduce((t, s) => (s ? t.split(s).join("***") : t), text);
  }
}

function safePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}

/** bytea values cross the thread boundary as Uint8Arrays: Buffers again (no copy). */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}
