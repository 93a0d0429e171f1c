import { parentPort, workerData } from "node:worker_threads";
import { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { testWorkerFailure, type TestWorkerFailure } from "./test-worker-failure.ts";
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
  const failure = testWorkerFailure(process.env);
  if (failure?.after === 0) failOnPurpose(failure);
  let answered = 0;
  const answer = (reply: VerifyFileReply) => {
    answered++;
    port.postMessage(reply);
  };
  port.on("message", (task: VerifyFileTask) => {
    if (failure && answered >= failure.after) failOnPurpose(failure);
    verifyFile(task.file, data.cwd, options).then(
      (report) => answer({ index: task.index, report }),
      (err: unknown) =>
        answer({ index: task.index, failed: err instanceof Error ? err.message.slice(0, 300) : String(err) }),
    );
  });
  port.postMessage({ ready: true } satisfies VerifyFileReply);
}

/** TEST-ONLY (test-worker-failure.ts): the thread ends, or fills its heap until its limit ends it. */
function failOnPurpose(failure: TestWorkerFailure): never {
  if (failure.kind === "exit") process.exit(1);
  // 8 MB at a time, small next to the margin V8 grants past the limit while it stops the worker
  // (with 128 MB arrays one test run lost its whole process, not just the worker).
  const hog: number[][] = [];
  for (;;) hog.push(new Array<number>(1 << 20).fill(hog.length));
}
