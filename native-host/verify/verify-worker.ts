import { parentPort, workerData } from "node:worker_threads";
import { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { verifyFile } from "./verify-file.ts";
import type { VerifyReport } from "./verify-hocba.ts";

/** What `hocba verify` gives each of its workers (bin/hocba-worker.mjs recognises it by `hocbaWorker`). */
export interface VerifyWorkerData {
  hocbaWorker: "verify-files";
  /** The command's folder: file names are relative to it. */
  cwd: string;
  /** --trust, resolved (the default trust store is added as in the command's thread). */
  trustRootFiles: string[];
  /** --at, ms since the epoch. */
  at?: number;
}

/** One file to verify: its place in the command's list and its name as given. */
export interface VerifyFileTask {
  index: number;
  file: string;
}

/**
 * "ready" once the verifier is loaded (files are handed out only then), then per task its report or
 * word that it threw (the command's thread then verifies that file itself).
 */
export type VerifyFileReply =
  { ready: true } | { index: number; report: VerifyReport } | { index: number; failed: string };

/**
 * A worker of `hocba verify` on many files (verify-files.ts): reads and verifies the files it is
 * given, one at a time, and answers with each report. Its own trust anchors: each worker builds a
 * chain once for the batch.
 */
export function runVerifyWorker(): void {
  const port = parentPort;
  if (!port) throw new Error("runVerifyWorker outside a worker thread");
  const data = workerData as VerifyWorkerData;
  const anchors = TrustAnchors.load({ trustRootFiles: data.trustRootFiles });
  const options = { anchors, ...(data.at !== undefined ? { at: new Date(data.at) } : {}) };
  port.on("message", (task: VerifyFileTask) => {
    verifyFile(task.file, data.cwd, options).then(
      (report) => port.postMessage({ index: task.index, report } satisfies VerifyFileReply),
      (err: unknown) =>
        port.postMessage({
          index: task.index,
          failed: err instanceof Error ? err.message.slice(0, 300) : String(err),
        } satisfies VerifyFileReply),
    );
  });
  port.postMessage({ ready: true } satisfies VerifyFileReply);
}
