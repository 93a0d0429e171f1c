import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fsErrorDetail } from "../fs/fs-error-detail.ts";
import { HOCBA_INPUT_LIMITS } from "../xmldsig/inspect-hocba.ts";
import { verifyIssue, type VerifyIssue } from "../xmldsig/verify-issue.ts";
import { verifyHocBa, type VerifyOptions, type VerifyReport } from "./verify-hocba.ts";

function unreadable(file: string, issue: VerifyIssue): VerifyReport {
  return { file, ok: false, complete: false, roles: [], issues: [issue], signatures: [] };
}

/**
 * Reads `file` (relative to `cwd`) and verifies it; a file that cannot be read, or is too large to
 * be a học bạ, gets a report saying so. One file at a time, in the CLI's thread or a worker's.
 */
export async function verifyFile(
  file: string,
  cwd: string,
  options: Omit<VerifyOptions, "file">,
): Promise<VerifyReport> {
  let bytes: Buffer;
  try {
    const full = path.resolve(cwd, file);
    // Not read at all when too large: the verifier would refuse it anyway, after the memory is spent.
    // Synchronous: a thread-pool round trip per call cost more than the read itself on a busy
    // machine (npm run bench, cli-bench part 3).
    const { size } = statSync(full);
    if (size > HOCBA_INPUT_LIMITS.maxBytes) {
      return unreadable(file, verifyIssue("VERIFY_TOO_LARGE", { size, max: HOCBA_INPUT_LIMITS.maxBytes }));
    }
    bytes = readFileSync(full);
  } catch (err) {
    const detail = fsErrorDetail(err);
    return unreadable(file, verifyIssue("CLI_FILE_UNREADABLE", { file, detail }));
  }
  return verifyHocBa(bytes, { ...options, file });
}
