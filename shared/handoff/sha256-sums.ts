/**
 * SHA256SUMS in the form `sha256sum` writes and `sha256sum -c` reads: one "<hex>  <name>" line per
 * file, so the receiver can check a package's files without this program.
 */

export function formatSha256Sums(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  return files.map((f) => `${f.sha256}  ${f.name}\n`).join("");
}

/** The entries of a SHA256SUMS text by file name; lines that are not "<64 hex>  <name>" are skipped. */
export function parseSha256Sums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (m) out.set(m[2] as string, (m[1] as string).toLowerCase());
  }
  return out;
}
