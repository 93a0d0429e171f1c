import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { checkArchive } from "./check-archive.ts";
import type { HocBaArchive } from "./hocba-archive.ts";

export interface MigrateResult {
  /** Documents in the source. */
  documents: number;
  /** Copied now. */
  copied: number;
  /** Already in the target (an earlier run, or the same document signed on the shared archive). */
  present: number;
}

/**
 * Copies a PC's own archive into the centre's shared one (`hocba archive migrate`): the source's
 * chain is checked first (a damaged archive is not spread), every document the target does not
 * hold is stored with its `document-signed` entry appended to the target's chain, and the target
 * is checked after. Running it again copies nothing.
 */
export function migrateArchive(source: HocBaArchive, target: HocBaArchive): MigrateResult {
  const sourceProblems = checkArchive(source);
  if (sourceProblems.length > 0) {
    throw new HocBaError("ARCHIVE_MIGRATE_SOURCE_BROKEN", {
      file: source.path,
      count: sourceProblems.length,
    });
  }
  const result: MigrateResult = { documents: 0, copied: 0, present: 0 };
  for (const doc of source.documents()) {
    result.documents++;
    if (target.importDocument(doc)) result.copied++;
    else result.present++;
  }
  const targetProblems = checkArchive(target);
  if (targetProblems.length > 0) {
    throw new HocBaError("ARCHIVE_MIGRATE_TARGET_BROKEN", {
      target: target.path,
      count: targetProblems.length,
    });
  }
  return result;
}
