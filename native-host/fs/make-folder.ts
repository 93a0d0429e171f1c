import { mkdirSync, rmdirSync, statSync } from "node:fs";
import path from "node:path";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "./fs-error-detail.ts";

/**
 * Creates a folder and its missing parents, one level at a time from the nearest existing one.
 * Not `mkdir(dir, { recursive: true })`: in Node 20 that never returns for a folder under /proc
 * (mkdir says ENOENT although the parent exists, and it retries the parent forever).
 * Returns the folders it created, outermost first (a caller probing a folder can remove them).
 * Throws HocBaError CLI_FOLDER_UNCREATABLE naming `shownAs` (default `dir`); then nothing is left.
 */
export function makeFolder(dir: string, options: { mode?: number; shownAs?: string } = {}): string[] {
  const fail = (detail: string, cause?: unknown) =>
    new HocBaError("CLI_FOLDER_UNCREATABLE", { dir: options.shownAs ?? dir, detail }, { cause });
  const missing: string[] = [];
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    let stat;
    try {
      stat = statSync(p, { throwIfNoEntry: false });
    } catch (err) {
      throw fail(fsErrorDetail(err), err);
    }
    if (stat?.isDirectory()) break;
    if (stat) throw fail(fsErrorDetail({ code: "ENOTDIR" }));
    if (path.dirname(p) === p) throw fail(fsErrorDetail({ code: "ENOENT" }));
    missing.unshift(p);
  }
  const created: string[] = [];
  for (const p of missing) {
    try {
      mkdirSync(p, { mode: options.mode ?? 0o777 });
      created.push(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Made by another process meanwhile: as good as ours.
      if (code === "EEXIST" && statSync(p, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const q of created.reverse()) {
        try {
          rmdirSync(q);
        } catch {
          // best effort: an empty folder is all that can be left
        }
      }
      // ENOENT with the parent there: a file system that takes no new folders (/proc, /sys).
      throw fail(code === "ENOENT" ? "nơi đó không cho tạo thư mục" : fsErrorDetail(err), err);
    }
  }
  return created;
}
