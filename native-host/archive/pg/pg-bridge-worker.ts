import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import pg from "pg";
import { parse } from "pg-connection-string";

/**
 * The worker thread that holds the shared archive's PostgreSQL connection (pg is asynchronous; the
 * archive is synchronous, see pg-sync-client.ts). It runs one request at a time: the main thread
 * posts it and blocks until the answer is on the port and the signal word is set.
 */

export interface PgBridgeWorkerData {
  hocbaWorker: "pg-archive";
  url: string;
  /** Where replies go (read with receiveMessageOnPort). */
  port: MessagePort;
  /** Int32 word set to 1 (and notified) when a reply is posted. */
  signal: SharedArrayBuffer;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionMs: number;
}

export type PgParam = string | number | Uint8Array | null;

export type PgBridgeRequest =
  | {
      op: "query";
      sql: string;
      params: PgParam[];
      /** Run again once on a new connection when the held one is found dead (outside transactions). */
      retryable: boolean;
    }
  | { op: "end" };

export type PgBridgeReply =
  | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | {
      ok: false;
      message: string;
      /** SQLSTATE from the server, when it answered. */
      code?: string;
      /** The connection is gone (server stopped, network): the next request connects again. */
      connectionLost: boolean;
      /** It failed while connecting (server unreachable, refused, or silent): nothing was sent. */
      connecting?: boolean;
      /** The server did not answer within the connect timeout. */
      timedOut?: boolean;
    };

/** Node's and pg's ways of saying the server cannot be reached or went away. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  // Sockets; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection.
  const network = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;
  if (network.test(code) || /^(57P0[123]|08...)$/.test(code)) return true;
  const message = typeof e.message === "string" ? e.message : "";
  return /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

export function runPgBridgeWorker(): void {
  const data = workerData as PgBridgeWorkerData;
  const signal = new Int32Array(data.signal);
  const port = data.port;
  // libpq's meaning of sslmode (require: encrypted; verify-ca/verify-full: the certificate checked
  // against sslrootcert), not pg's newer "require means verify-full".
  // An address pg cannot read is every request's answer: a worker that threw here would end
  // without a reply, and the blocked caller would wait its whole time limit for nothing.
  let config: pg.ClientConfig = {};
  let unusable: string | null = null;
  try {
    config = parse(data.url, { useLibpqCompat: true }) as pg.ClientConfig;
  } catch (err) {
    unusable = `the archive's address cannot be read: ${err instanceof Error ? err.message : String(err)}`;
  }
  const int8 = (value: string): number => Number(value);
  let client: pg.Client | null = null;
  let broken = false;

  const connect = async (): Promise<pg.Client> => {
    if (client && !broken) return client;
    const old = client;
    client = null;
    broken = false;
    if (old) void old.end().catch(() => undefined);
    const fresh = new pg.Client({
      ...config,
      application_name: "hocba",
      connectionTimeoutMillis: data.connectTimeoutMs,
      query_timeout: data.queryTimeoutMs,
      // Session settings (pg-sync-client.ts says why): a lock wait ends as SQLSTATE 55P03, and a
      // session stuck inside a transaction is ended by the server, releasing its write lock.
      lock_timeout: data.lockTimeoutMs,
      idle_in_transaction_session_timeout: data.idleInTransactionMs,
      keepAlive: true,
      // BIGINT (ids, counts) as numbers: the archive's ids stay far below 2^53.
      types: {
        getTypeParser: ((oid: number) =>
          oid === 20
            ? int8
            : (pg.types.getTypeParser(oid) as (
                value: string,
              ) => unknown)) as pg.CustomTypesConfig["getTypeParser"],
      },
    });
    // Without a listener a dropped connection would end this thread; the next request reconnects.
    fresh.on("error", () => {
      broken = true;
    });
    await fresh.connect();
    client = fresh;
    return fresh;
  };

  const reply = (message: PgBridgeReply): void => {
    port.postMessage(message);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };

  parentPort?.on("message", (request: PgBridgeRequest) => {
    void (async () => {
      if (unusable !== null && request.op === "query") {
        reply({ ok: false, message: unusable, connectionLost: false, connecting: true });
        return;
      }
      if (request.op === "end") {
        const c = client;
        client = null;
        await c?.end().catch(() => undefined);
        reply({ ok: true, rows: [], rowCount: 0 });
        return;
      }
      const params = request.params.map((p) =>
        p instanceof Uint8Array && !Buffer.isBuffer(p)
          ? Buffer.from(p.buffer, p.byteOffset, p.byteLength)
          : p,
      );
      let connecting = false;
      let connectStarted = 0;
      const run = async (): Promise<pg.QueryResult | pg.QueryResult[]> => {
        connecting = true;
        connectStarted = performance.now();
        const c = await connect();
        connecting = false;
        return (await c.query({ text: request.sql, values: params })) as pg.QueryResult | pg.QueryResult[];
      };
      try {
        let results: pg.QueryResult | pg.QueryResult[];
        try {
          results = await run();
        } catch (err) {
          // A connection that died while idle (server restarted) is found only by using it: once more
          // on a new one, where that is safe.
          // Not when connecting itself failed: a second try would only double the wait.
          if (!request.retryable || connecting || !isConnectionError(err)) throw err;
          broken = true;
          results = await run();
        }
        // Several statements in one text (no parameters) give one result each: the last one counts.
        const result = Array.isArray(results) ? results.at(-1) : results;
        reply({
          ok: true,
          rows: (result?.rows ?? []) as Record<string, unknown>[],
          rowCount: result?.rowCount ?? 0,
        });
      } catch (err) {
        const lost = isConnectionError(err);
        if (lost) broken = true;
        const e = err as { code?: unknown; message?: unknown };
        const message = typeof e.message === "string" ? e.message : String(err);
        reply({
          ok: false,
          message,
          ...(typeof e.code === "string" ? { code: e.code } : {}),
          connectionLost: lost,
          ...(connecting ? { connecting: true } : {}),
          // pg says only "Connection terminated" (or "timeout expired") when its connect timer fires.
          ...(connecting && performance.now() - connectStarted >= data.connectTimeoutMs - 50
            ? { timedOut: true }
            : {}),
        });
      }
    })();
  });
}
