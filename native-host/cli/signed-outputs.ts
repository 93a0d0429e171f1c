import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { writeFilesAtomic } from "../fs/write-file-atomic.ts";

interface Item {
  /** The signed file to write, if this item writes one. */
  file?: { target: string; data: Uint8Array };
  /** Reports the document: `error` when its file could not be written. */
  report: (error?: HocBaError) => void;
}

function asHocBaError(err: unknown): HocBaError {
  if (isHocBaError(err)) return err;
  return new HocBaError("CLI_INTERNAL", { detail: err instanceof Error ? err.message : String(err) });
}

/** Files written together at most: a group's folder is fsync'ed once. */
const MAX_GROUP = 8;
/**
 * Documents handed over and not yet written beyond which the batch waits: the archive (and the
 * token) stay at most this far ahead of the files on disk, and the memory they hold stays small.
 */
const HIGH_WATER = 8;

/**
 * The output files of `hocba sign`, written while the token goes on signing: each signed document
 * handed over is queued and written with the others that arrived meanwhile (writeFilesAtomic: one
 * folder fsync per group instead of one per file), and reported only once its file is on disk (it
 * is already in the archive by then). One group is written at a time; reports keep the order in
 * which documents were handed over, failures included.
 */
export class SignedOutputs {
  /**
   * `sync`: makes the archive durable (HocBaArchive.durable); run beside each group's file writes,
   * so the archive's fsync and the files' overlap, and a document is reported only once both are
   * done (its archived copy was committed before it was handed over). A sync that fails fails the
   * group's reports.
   */
  constructor(private readonly options: { sync?: () => Promise<void> } = {}) {}

  private readonly queue: Item[] = [];
  private writing: Promise<void> | undefined;
  private failed: Error | undefined;
  private waiting: Array<() => void> = [];

  /**
   * Writes `data` to `target` atomically, then calls `report` (with the error if it failed).
   * Resolves at once, or when the documents queued before it are few enough (HIGH_WATER).
   */
  write(target: string, data: Uint8Array, report: (error?: HocBaError) => void): Promise<void> {
    this.push({ file: { target, data }, report });
    if (this.queue.length < HIGH_WATER) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Calls `report` after every document handed over before it was reported. */
  then(report: () => void): void {
    this.push({ report });
  }

  /** Resolves when everything handed over is written and reported. */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
    for (const resolve of this.waiting.splice(0)) resolve();
    if (this.failed !== undefined) throw this.failed;
  }

  private push(item: Item): void {
    this.queue.push(item);
    this.start();
  }

  /** One writer at a time; what was queued while the last one was finishing starts the next. */
  private start(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = this.writeQueued()
      .catch((err: unknown) => {
        this.failed ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => {
        this.writing = undefined;
        this.start();
      });
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_GROUP);
      const files = group.flatMap((item) => (item.file ? [item.file] : []));
      const sync = files.length > 0 && this.options.sync ? this.options.sync() : undefined;
      const [errors, syncError] = await Promise.all([
        files.length > 0 ? writeFilesAtomic(files) : [],
        sync?.then(
          () => undefined,
          (err: unknown) => asHocBaError(err),
        ),
      ]);
      let k = 0;
      for (const item of group) item.report(item.file ? (syncError ?? errors[k++]) : undefined);
      if (this.queue.length < HIGH_WATER) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }
}
