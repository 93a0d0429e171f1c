import { availableParallelism, cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { helperFile } from "../helper-files.ts";
import type { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { verifyFile } from "./verify-file.ts";
import type { VerifyReport } from "./verify-hocba.ts";
import type { VerifyFileReply, VerifyFileTask, VerifyWorkerData } from "./verify-worker.ts";

export interface VerifyFilesOptions {
  /** The command's folder: file names are relative to it. */
  cwd: string;
  /** The roots, loaded by the caller (an unreadable --trust file fails before any work). */
  anchors: TrustAnchors;
  /** The --trust files the anchors were loaded from, resolved: each worker loads them again. */
  trustRootFiles: readonly string[];
  at?: Date;
  /**
   * Workers besides the calling thread, started at once (tests). Default: from 200 files, one per
   * core that stayed idle while this thread verified for PROBE_MS (workersForIdle).
   */
  workers?: number;
  /** False: the calling thread verifies only what a worker could not (tests). Default true. */
  verifyHere?: boolean;
  /** The workers' script instead of bin/hocba-worker.mjs (tests: a worker that cannot start). */
  workerFile?: string;
}

/**
 * Below this many files (about 0.2 s of work) a worker's start-up, about 0.3 s of CPU loading the
 * verifier (with bin/ts-hooks.mjs's compiled sources cached; the package's bundle is no slower), is
 * not repaid.
 */
const PARALLEL_FROM = 200;
/** At most this many workers, besides the calling thread. */
const MAX_WORKERS = 3;
/** How long the calling thread verifies alone while the cores' idle time is measured. */
const PROBE_MS = 100;
/** Files handed to a worker ahead of its answers: it never waits for the next, and holds little. */
const AHEAD = 2;

/** Milliseconds all cores spent idle so far. */
function idleMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
}

/**
 * Workers worth starting, from how idle the cores were while this thread verified the first files
 * (`idle` ms of idle time, all cores, over `elapsed` ms): one per core other programs left idle,
 * besides the one this thread holds. A worker costs CPU of its own (loading the verifier and
 * warming up its compiler: 0.5 to 0.9 s for 1,000 files from the sources), which only an idle core
 * gives back: on a machine already running more threads than cores, a worker made the same batch
 * slower (1,000 files at load 12 on 2 cores: 4.5 to 5.2 s alone, 6.3 to 6.7 s with one).
 */
function workersForIdle(idle: number, elapsed: number): number {
  const idleCores = elapsed > 0 ? idle / elapsed : 0;
  return Math.max(0, Math.min(availableParallelism() - 1, MAX_WORKERS, Math.floor(idleCores + 0.25)));
}

interface Helper {
  worker: Worker;
  /** Loaded: files are handed to it only then, so a small batch never waits for its start-up. */
  ready: boolean;
  alive: boolean;
  pending: Set<number>;
}

/**
 * Verifies `files` (verifyFile each), the reports in the order given. Many files are shared between
 * the calling thread and worker threads (one per further core that is idle), each reading and
 * verifying one file at a time: the same reports as one thread, sooner when cores are free. A
 * worker that fails or dies hands its files back to the calling thread, which verifies them itself;
 * one that cannot be started is done without.
 */
export async function verifyFiles(
  files: readonly string[],
  options: VerifyFilesOptions,
): Promise<VerifyReport[]>;
/**
 * The same, each report handed to `settle` as soon as it is made (in any order, with its index),
 * and only what `settle` returns kept: a caller that needs a few lines of each report does not hold
 * every file's signed data and view until the last file (1,000 files: about 38 KB each). Should
 * `settle` throw, the work stops and verifyFiles throws that error.
 */
export async function verifyFiles<T>(
  files: readonly string[],
  options: VerifyFilesOptions,
  settle: (report: VerifyReport, index: number) => T,
): Promise<T[]>;
export async function verifyFiles<T>(
  files: readonly string[],
  options: VerifyFilesOptions,
  settle?: (report: VerifyReport, index: number) => T,
): Promise<Array<T | VerifyReport>> {
  const verifyOptions = { anchors: options.anchors, ...(options.at ? { at: options.at } : {}) };
  const reports = new Array<T | VerifyReport>(files.length);
  // An object, not a variable: it is set from the workers' callbacks, which TypeScript does not follow.
  const settleFailure: { error?: unknown; failed: boolean } = { failed: false };
  const keep = (index: number, report: VerifyReport) => {
    if (!settle) {
      reports[index] = report;
      return;
    }
    try {
      reports[index] = settle(report, index);
    } catch (error) {
      if (!settleFailure.failed) Object.assign(settleFailure, { failed: true, error });
    }
  };
  let next = 0;
  const orphans: number[] = [];
  let wake: (() => void) | undefined;
  const nudge = () => {
    wake?.();
    wake = undefined;
  };
  const feed = (h: Helper) => {
    while (h.alive && h.ready && h.pending.size < AHEAD && next < files.length) {
      const index = next++;
      h.pending.add(index);
      h.worker.postMessage({ index, file: files[index] ?? "" } satisfies VerifyFileTask);
    }
  };
  const lose = (h: Helper) => {
    if (!h.alive) return;
    h.alive = false;
    orphans.push(...h.pending);
    h.pending.clear();
    nudge();
  };
  const data: VerifyWorkerData = {
    hocbaWorker: "verify-files",
    cwd: options.cwd,
    trustRootFiles: [...options.trustRootFiles],
    ...(options.at ? { at: options.at.getTime() } : {}),
  };
  const helpers: Helper[] = [];
  const startWorkers = (count: number) => {
    for (let i = 0; i < count; i++) {
      const h = startWorker();
      if (h) helpers.push(h);
    }
  };
  const startWorker = (): Helper | undefined => {
    let worker: Worker;
    try {
      worker = new Worker(options.workerFile ?? helperFile("bin/hocba-worker.mjs", "hocba-worker.js"), {
        workerData: data,
        // A memory bomb ends the worker (its files go back to this thread), as in the helper.
        resourceLimits: { maxOldGenerationSizeMb: 512 },
      });
    } catch {
      // No thread to be had (ERR_WORKER_INIT_FAILED) or a script refused: this thread does without it.
      return undefined;
    }
    const h: Helper = { worker, ready: false, alive: true, pending: new Set() };
    worker.on("message", (reply: VerifyFileReply) => {
      if ("ready" in reply) {
        h.ready = true;
        feed(h);
        return;
      }
      if (!h.pending.delete(reply.index)) return;
      if ("report" in reply) keep(reply.index, reply.report);
      else orphans.push(reply.index);
      feed(h);
      nudge();
    });
    worker.on("error", () => lose(h));
    worker.on("exit", () => lose(h));
    return h;
  };
  // The probe: this thread starts alone; workers follow if the cores stayed idle meanwhile.
  let probe =
    options.workers === undefined && files.length >= PARALLEL_FROM
      ? { idle: idleMs(), at: performance.now() }
      : undefined;
  startWorkers(options.workers ?? 0);
  const yieldToWorkers = () => new Promise<void>((resolve) => setImmediate(resolve));
  try {
    for (;;) {
      if (settleFailure.failed) throw settleFailure.error;
      const mayTake = options.verifyHere !== false || !helpers.some((h) => h.alive);
      const index = orphans.pop() ?? (mayTake && next < files.length ? next++ : undefined);
      if (index !== undefined) {
        keep(index, await verifyFile(files[index] ?? "", options.cwd, verifyOptions));
        const elapsed = probe ? performance.now() - probe.at : 0;
        if (probe && elapsed >= PROBE_MS) {
          if (files.length - next >= PARALLEL_FROM / 2) {
            startWorkers(workersForIdle(idleMs() - probe.idle, elapsed));
          }
          probe = undefined;
        }
        // The workers' answers arrive between two files: each gets its next file at once.
        if (helpers.length > 0) await yieldToWorkers();
        continue;
      }
      if (next >= files.length && !helpers.some((h) => h.alive && h.pending.size > 0)) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (settleFailure.failed) throw settleFailure.error;
  } finally {
    for (const h of helpers) {
      h.alive = false;
      void h.worker.terminate();
    }
  }
  return reports;
}
