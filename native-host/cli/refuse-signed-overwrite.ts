import { readFile } from "node:fs/promises";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

/** A role container inside DSCKS: the file carries at least one signature. */
const SIGNED = /<DSCKS>\s*<(?:GVCN|ThuTruong|DonVi)[\s>]/;

/**
 * Refuses to write over a signed học bạ: nothing already signed is ever overwritten (issue 10).
 * `hocba build --out` into a folder that holds signed files of the same names would otherwise
 * replace them with unsigned bytes. Writing the same bytes again, or over an unsigned file or
 * anything that is not a học bạ, is allowed.
 */
export async function refuseSignedOverwrite(path: string, bytes: Uint8Array): Promise<void> {
  let existing: Buffer;
  try {
    existing = await readFile(path);
  } catch {
    return; // nothing there (or unreadable: the write itself reports it)
  }
  if (Buffer.compare(existing, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0) return;
  if (SIGNED.test(existing.toString("utf8"))) {
    throw new HocBaError("VERSION_SIGNED_FILE_EXISTS", { file: path });
  }
}
