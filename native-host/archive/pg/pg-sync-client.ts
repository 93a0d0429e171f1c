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
  ) {
    super(message);
    this.name = "PgQueryError";
  }
}

export interface PgSyncClientOptions {
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

export interface PgResult<R> {
  rows: R[];
  rowCount: number;
}

export class PgSyncClient {
  private worker: Worker | null;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private readonly waitMs: number;
  private readonly secrets: string[];

  constructor(url: string, options: PgSyncClientOptions = {}) {
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const queryTimeoutMs = options.queryTimeoutMs ?? 60_000;
    this.waitMs = connectTimeoutMs + queryTimeoutMs + 30_000;
    const shared = new SharedArrayBuffer(4);
    this.signal = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const password = safePassword(url);
    this.secrets = password ? [password, encodeURIComponent(password)] : [];
    const data: PgBridgeWorkerData = {
      hocbaWorker: "pg-archive",
      url,
      port: port2,
      signal: shared,
      connectTimeoutMs,
      queryTimeoutMs,
    };
    // The CLI's own entry runs the worker loop when it sees `hocbaWorker` (as the document worker).
    this.worker = new Worker(helperFile("bin/hocba.mjs", "hocba.js"), {
      workerData: data,
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
    // Whatever pg prints must not reach the helper's stdout (it carries frames only).
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.worker.unref();
    this.port.unref();
  }

  get open(): boolean {
    return this.worker !== null;
  }

  /** Runs one statement (`$1`, `$2`… parameters) and waits for its rows. */
  query<R = Record<string, unknown>>(sql: string, params: PgParam[] = []): PgResult<R> {
    const reply = this.call({ op: "query", sql, params });
    if (!reply.ok) {
      throw new PgQueryError(this.redact(reply.message), reply.code, reply.connectionLost);
    }
    return { rows: reply.rows.map(withBuffers) as R[], rowCount: reply.rowCount };
  }

  /** Closes the connection and ends the worker. */
  close(): void {
    if (!this.worker) return;
    try {
      this.call({ op: "end" }, 5_000);
    } catch {
      // The worker is ended below anyway.
    }
    void this.worker.terminate();
    this.worker = null;
    this.port.close();
  }

  private call(request: PgBridgeRequest, waitMs = this.waitMs): PgBridgeReply {
    if (!this.worker) throw new PgQueryError("the archive connection is closed", undefined, false);
    Atomics.store(this.signal, 0, 0);
    this.worker.postMessage(request);
    const result = Atomics.wait(this.signal, 0, 0, waitMs);
    const message = receiveMessageOnPort(this.port);
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
