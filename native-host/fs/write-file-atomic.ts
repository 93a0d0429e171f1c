import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "./fs-error-detail.ts";
import { interruptNotice } from "./interrupt-notice.ts";

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * a temporary file in the same folder (same file system, so rename is atomic), written, fsync'ed,
 * closed, renamed over the target, then the folder fsync'ed so the rename survives a power cut.
 * On any failure the temporary file is removed and the target is left as it was.
 * Throws HocBaError CLI_FILE_UNWRITABLE naming the target.
 */

export interface WriteFileAtomicOptions {
  /** File mode of a new file (default 0o644; 0o600 for secrets). */
  mode?: number;
}

type Data = Uint8Array | string;

function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  // Hidden, unique, and recognisably ours if a crash ever leaves one behind.
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

function toBytes(data: Data): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

function failure(target: string, err: unknown): HocBaError {
  return new HocBaError("CLI_FILE_UNWRITABLE", { file: target, detail: fsErrorDetail(err) }, { cause: err });
}

/** Directory fsync is not supported everywhere (e.g. Windows): best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, "r");
    await handle.sync();
  } catch {
    // The rename itself has happened; only its durability across a power cut is not guaranteed.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function writeFileAtomic(
  target: string,
  data: Data,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  await writeAndRename(target, data, options);
  await syncDirectory(path.dirname(target));
}

/**
 * Several files, each written as writeFileAtomic writes one (temporary file, fsync, rename), then
 * each folder fsync'ed once for all of them instead of once per file (a batch of signed documents:
 * the folder's fsync costs as much as a file's). When it resolves, every file reported written is
 * on disk, its content and its name. Returns, per file, its error (HocBaError CLI_FILE_UNWRITABLE,
 * the target left as it was) or undefined.
 * The work is done on a worker thread of its own (fileWriter), in one round trip per call: on the
 * calling thread five thread-pool round trips per file (open, write, fsync, close, rename), each
 * with its promise and callback, cost `hocba sign` about 0.3 ms of its main thread per document
 * (issue #14). Where the worker cannot run, the same steps run here, two files at a time.
 */
export async function writeFilesAtomic(
  files: ReadonlyArray<{ target: string; data: Data }>,
  options: WriteFileAtomicOptions = {},
): Promise<Array<HocBaError | undefined>> {
  if (stopping) await new Promise<never>(() => undefined);
  const mode = options.mode ?? 0o644;
  const jobs = files.map((f) => ({
    target: f.target,
    temp: tempPathFor(f.target),
    data: compact(toBytes(f.data)),
    mode,
  }));
  for (const job of jobs) track(job.temp);
  try {
    const outcomes = await fileWriter().write(jobs);
    return outcomes.map((failed, i) => {
      const target = jobs[i]?.target ?? "";
      return failed ? failure(target, Object.assign(new Error(failed.message), failed)) : undefined;
    });
  } catch {
    // No worker (it could not start, or stopped): whatever it left is removed, and the files are
    // written here.
    for (const job of jobs) fs.rmSync(job.temp, { force: true });
    return writeFilesHere(files, options);
  } finally {
    for (const job of jobs) untrack(job.temp);
  }
}

/** writeFilesAtomic on the calling thread: two files at a time, then each folder's fsync. */
async function writeFilesHere(
  files: ReadonlyArray<{ target: string; data: Data }>,
  options: WriteFileAtomicOptions,
): Promise<Array<HocBaError | undefined>> {
  const errors: Array<HocBaError | undefined> = files.map(() => undefined);
  // Two at a time: their fsyncs overlap, and the other threads of libuv's pool (4) stay free for
  // the token's signatures.
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i];
      if (!file) continue;
      try {
        await writeAndRename(file.target, file.data, options);
      } catch (err) {
        errors[i] = err instanceof HocBaError ? err : failure(file.target, err);
      }
    }
  };
  await Promise.all([lane(), lane()]);
  const written = files.filter((_, i) => errors[i] === undefined);
  for (const dir of new Set(written.map((f) => path.dirname(f.target)))) await syncDirectory(dir);
  return errors;
}

/**
 * The bytes in an ArrayBuffer of their own: a message to another thread copies a view's whole
 * buffer (a Buffer from Node's pool shares 8 KiB with others; a slice of a larger one, all of it).
 */
function compact(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** One file for the writer thread: written to `temp`, fsync'ed, renamed to `target`. */
interface WriteJob {
  target: string;
  temp: string;
  data: Uint8Array;
  mode: number;
}

/** Why a file was not written, as the writer thread saw it (an Error's fields: they cross threads). */
interface WriteFailed {
  message: string;
  code?: string;
  syscall?: string;
  path?: string;
}

/**
 * The writer thread's code: CommonJS on node:fs alone, run from this string, so that it needs no
 * TypeScript loader nor a file of its own in the package. Per message: each file as
 * writeFileAtomicSync writes one (its temporary file removed when anything fails), then each
 * folder of a written file fsync'ed once (best effort, as syncDirectory); one reply.
 */
const WRITER_SOURCE = `
const fs = require("node:fs");
const path = require("node:path");
const { parentPort } = require("node:worker_threads");
function writeOne(job) {
  let fd;
  try {
    fd = fs.openSync(job.temp, "wx", job.mode);
    let offset = 0;
    while (offset < job.data.length) offset += fs.writeSync(fd, job.data, offset, job.data.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(job.temp, job.target);
    return null;
  } catch (err) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
    try { fs.rmSync(job.temp, { force: true }); } catch {}
    const e = err || {};
    const failed = { message: String(e.message || e) };
    for (const key of ["code", "syscall", "path"]) if (typeof e[key] === "string") failed[key] = e[key];
    return failed;
  }
}
parentPort.on("message", ({ id, jobs }) => {
  const failed = jobs.map(writeOne);
  const dirs = new Set(jobs.filter((_, i) => failed[i] === null).map((job) => path.dirname(job.target)));
  for (const dir of dirs) {
    try {
      const fd = fs.openSync(dir, "r");
      try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
    } catch {}
  }
  parentPort.postMessage({ id, failed });
});
`;

interface FileWriter {
  /** Per job, why it failed, or null; rejects when the thread stopped or never started. */
  write(jobs: WriteJob[]): Promise<Array<WriteFailed | null>>;
}

let writer: FileWriter | undefined;

/**
 * The thread that writes writeFilesAtomic's files, started on first use and kept for the process
 * (it holds the process open only while it has work). A thread that fails is replaced next time.
 */
function fileWriter(): FileWriter {
  if (writer) return writer;
  // No inherited flags (--cpu-prof, a loader): the thread runs only the code above.
  const worker = new Worker(WRITER_SOURCE, { eval: true, execArgv: [] });
  worker.unref();
  const pending = new Map<
    number,
    { resolve: (failed: Array<WriteFailed | null>) => void; reject: (err: Error) => void }
  >();
  let nextId = 0;
  const stop = (err: Error): void => {
    if (writer === self) writer = undefined;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on("message", (reply: { id: number; failed: Array<WriteFailed | null> }) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    p?.resolve(reply.failed);
  });
  worker.on("error", (err) => stop(err));
  worker.on("exit", (code) => stop(new Error(`file writer stopped (${code})`)));
  const self: FileWriter = {
    write(jobs) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, jobs });
      });
    },
  };
  writer = self;
  return self;
}

/** Temporary files being written now, for stopWhenWritesSettle. */
const inFlight = new Set<string>();
let stopping = false;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a file is being written: the writes under way finish, none
 * starts, no temporary file is left, then exit 130 (143). Listened to only while writes are under
 * way (and LISTEN_AFTER_MS after): a listener keeps Node from dying on the signal, and a process
 * blocked elsewhere (the shared archive's Atomics.wait on an unreachable server) must still stop
 * at once. A second signal exits.
 */
function onSignal(signal: NodeJS.Signals): void {
  const code = signal === "SIGTERM" ? 143 : 130;
  if (stopping) process.exit(code);
  interruptNotice()?.();
  void stopWhenWritesSettle().finally(() => process.exit(code));
}

let listening = false;
let stopListening: NodeJS.Timeout | undefined;

/**
 * How long the listeners stay after the last write ends. A group of files follows another within
 * milliseconds: adding and removing them for each would lose signals. Node drops a signal that
 * came (caught, so not fatal) while the listener was there but that it had not yet delivered
 * when the listener went, as it does when this thread is busy: the run would then go on.
 */
const LISTEN_AFTER_MS = 250;

function track(temp: string): void {
  clearTimeout(stopListening);
  stopListening = undefined;
  if (!listening) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    listening = true;
  }
  inFlight.add(temp);
}

function untrack(temp: string): void {
  inFlight.delete(temp);
  if (inFlight.size > 0 || stopping || !listening) return;
  clearTimeout(stopListening);
  stopListening = setTimeout(() => {
    // After the event loop's next poll, which delivers a signal that came meanwhile.
    setImmediate(() => {
      if (inFlight.size > 0 || stopping || !listening) return;
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      listening = false;
    });
  }, LISTEN_AFTER_MS).unref();
}

/**
 * For Ctrl-C: no new write starts (it waits forever; the process is about to exit), the ones under
 * way finish (a few ms: write, fsync, rename), and then no temporary file is left. After `timeoutMs`
 * whatever temporary file is still there is removed. The process must exit once this resolves.
 */
export async function stopWhenWritesSettle(timeoutMs = 3000): Promise<void> {
  stopping = true;
  const deadline = Date.now() + timeoutMs;
  while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  for (const temp of inFlight) fs.rmSync(temp, { force: true });
}

/** The file's part of an atomic write: everything but the folder's fsync. */
async function writeAndRename(target: string, data: Data, options: WriteFileAtomicOptions): Promise<void> {
  if (stopping) await new Promise<never>(() => undefined);
  const bytes = toBytes(data);
  const temp = tempPathFor(target);
  let handle: fsp.FileHandle | undefined;
  track(temp);
  try {
    handle = await fsp.open(temp, "wx", options.mode ?? 0o644);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsp.rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw failure(target, err);
  } finally {
    untrack(temp);
  }
}

/** The same, synchronously (for code that cannot await, e.g. exit handlers). */
export function writeFileAtomicSync(target: string, data: Data, options: WriteFileAtomicOptions = {}): void {
  const bytes = toBytes(data);
  const temp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, "wx", options.mode ?? 0o644);
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the original error is the one to report
      }
    }
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // ENOTDIR when the folder is a file: there is no temporary file, and the reason is `err`
    }
    throw failure(target, err);
  }
  try {
    const dirFd = fs.openSync(path.dirname(target), "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // best effort, as in writeFileAtomic
  }
}
