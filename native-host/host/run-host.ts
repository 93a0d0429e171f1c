import type { Readable, Writable } from "node:stream";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { LIMITS, PROTOCOL_VERSION } from "../../shared/protocol/limits.ts";
import type { HostRequest } from "../../shared/protocol/requests.ts";
import { HocBaArchive } from "../archive/hocba-archive.ts";
import { dispatchRequest } from "./dispatch-request.ts";
import { DocumentChecker, documentCheckTimeout } from "./document-checker.ts";
import { errorTag, toErrorBody } from "./error-body.ts";
import { ExclusiveLock } from "./exclusive-lock.ts";
import { FrameDecoder, type DecodedFrame } from "./framing.ts";
import type { HostContext } from "./host-context.ts";
import type { HostLog } from "./host-log.ts";
import { allowedExtensions, identifyCaller } from "./identify-caller.ts";
import { parseRequest } from "./parse-request.ts";
import { ReplyWriter } from "./reply-writer.ts";
import type { SigningBackend } from "./signing-backend.ts";
import { trustRootFiles } from "./trust-root-files.ts";

export interface RunHostOptions {
  /** The arguments the browser passed (after `hocba host`). */
  args: readonly string[];
  stdin: Readable;
  stdout: Writable;
  env: Readonly<Record<string, string | undefined>>;
  log: HostLog;
  hostVersion: string;
  archivePath: string;
  /** Creates the token/sign/verify backend; called once, after the caller is accepted. */
  createBackend: () => SigningBackend;
  /** How long to wait for running work after the browser disconnects, ms. */
  shutdownGraceMs?: number;
}

/**
 * The helper's main loop: checks the caller, then reads frames from stdin until it closes, answering
 * each request on stdout. Never throws and never writes anything but frames to stdout. When stdin
 * closes, running batches stop before their next document, the token is logged out and finalised,
 * and the returned promise resolves with the exit code (0 normal, 1 refused or broken stream).
 */
export async function runHost(options: RunHostOptions): Promise<number> {
  const { log } = options;
  const reply = new ReplyWriter(options.stdout, LIMITS.maxReplyBytes);
  let caller;
  try {
    caller = identifyCaller(options.args, allowedExtensions(options.env));
  } catch (err) {
    log.error("caller-refused", { args: options.args.join(" ").slice(0, 200), code: errorTag(err) });
    if (err instanceof HocBaError && err.code === "HOST_ORIGIN_REFUSED") {
      await reply.send({ type: "error", requestId: null, error: err.toJSON() }).catch(() => undefined);
    }
    throw err;
  }
  log.info("start", {
    caller: caller.origin,
    browser: caller.browser,
    version: options.hostVersion,
    protocol: PROTOCOL_VERSION,
  });

  const shutdown = new AbortController();
  let archive: HocBaArchive | null = null;
  // TEST-ONLY, honoured when set to exactly "1" and logged: see document-worker.ts.
  const testHang = options.env.HOCBA_TEST_DOCUMENT_CHECK_HANG === "1";
  if (testHang) log.info("test-document-check-hang", {});
  const ctx: HostContext = {
    hostVersion: options.hostVersion,
    caller,
    reply,
    log,
    backend: options.createBackend(),
    documents: new DocumentChecker({
      trustRootFiles: trustRootFiles(options.env),
      timeoutMs: documentCheckTimeout(options.env),
      log,
      testHang,
    }),
    archivePath: options.archivePath,
    archive: () => (archive ??= HocBaArchive.open(options.archivePath)),
    tokenLock: new ExclusiveLock(),
    running: new Map(),
    shutdown: shutdown.signal,
  };

  let helloDone = false;
  let exitCode = 0;
  const inFlight = new Set<Promise<void>>();

  const sendError = (requestId: string | null, err: unknown): Promise<void> =>
    reply.send({ type: "error", requestId, error: toErrorBody(err, log.file) }).catch((sendErr: unknown) => {
      log.error("reply-failed", { code: errorTag(sendErr) });
    });

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const handleRequest = (request: HostRequest): void => {
    if (request.type !== "hello" && !helloDone) {
      track(sendError(request.requestId, new HocBaError("HOST_HELLO_REQUIRED", { command: request.type })));
      return;
    }
    if (request.type !== "cancel" && ctx.running.has(request.requestId)) {
      track(
        sendError(
          request.requestId,
          new HocBaError("HOST_DUPLICATE_REQUEST", { requestId: request.requestId }),
        ),
      );
      return;
    }
    // Decided here, synchronously, so a request right behind hello is not refused. A later hello
    // with another version is refused but does not end the session already agreed.
    if (request.type === "hello") helloDone ||= request.protocolVersion === PROTOCOL_VERSION;
    log.info("request", { type: request.type, requestId: request.requestId });
    track(
      dispatchRequest(ctx, request).catch(async (err: unknown) => {
        log.error("request-failed", {
          type: request.type,
          requestId: request.requestId,
          code: errorTag(err),
        });
        await sendError(request.requestId, err);
      }),
    );
  };

  return new Promise<number>((resolve) => {
    const decoder = new FrameDecoder(LIMITS.maxRequestBytes);
    let closing = false;

    const handleFrame = (frame: DecodedFrame): void => {
      if (frame.kind === "message") {
        const parsed = parseRequest(frame.value);
        if (parsed.ok) handleRequest(parsed.request);
        else {
          log.error("bad-request", { requestId: parsed.requestId, code: parsed.error.code });
          track(sendError(parsed.requestId, parsed.error));
        }
        return;
      }
      log.error(frame.kind === "fatal" ? "stream-broken" : "bad-frame", { code: frame.error.code });
      track(sendError(null, frame.error));
      if (frame.kind === "fatal") {
        exitCode = 1;
        void close();
      }
    };

    const onData = (chunk: Buffer): void => {
      if (closing) return;
      for (const frame of decoder.push(chunk)) {
        handleFrame(frame);
        if (closing) return;
      }
    };

    const close = async (): Promise<void> => {
      if (closing) return;
      closing = true;
      options.stdin.off("data", onData);
      // After a fatal frame the browser may keep the pipe open: stop reading so the process can exit.
      options.stdin.destroy();
      shutdown.abort();
      const grace = new Promise<void>((r) => setTimeout(r, options.shutdownGraceMs ?? 20_000).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      await ctx.documents.close();
      await ctx.backend
        .close()
        .catch((err: unknown) => log.error("finalize-failed", { code: errorTag(err) }));
      try {
        archive?.close();
      } catch (err) {
        log.error("archive-close-failed", { code: errorTag(err) });
      }
      await reply.flush();
      log.info("exit", { code: exitCode });
      resolve(exitCode);
    };

    const onEnd = (): void => {
      if (closing) return;
      for (const frame of decoder.end()) handleFrame(frame);
      void close();
    };

    options.stdin.on("data", onData);
    options.stdin.once("end", onEnd);
    options.stdin.once("close", onEnd);
    options.stdin.once("error", (err) => {
      log.error("stdin-error", { code: errorTag(err) });
      onEnd();
    });
  });
}
