import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { writeFileAtomicSync } from "../../native-host/fs/write-file-atomic.ts";

/**
 * Zips folder `dir` as `<prefix>/...` into `zipPath`, files sorted, every entry dated `mtime` (the
 * same tree gives the same bytes) and carrying its Unix mode so that unzip keeps node and the .sh
 * scripts executable (Windows ignores it). Returns the zip's size in bytes.
 */
export function writeZip(dir: string, prefix: string, zipPath: string, mtime: Date): number {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const tree: Zippable = {};
  for (const file of files) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    const mode = statSync(file).mode & 0o111 ? 0o755 : 0o644;
    // Already-compressed or tiny gains aside, deflate level 6 is zip's usual trade-off.
    tree[`${prefix}/${rel}`] = [
      readFileSync(file),
      { level: 6, os: 3, attrs: (0o100000 | mode) << 16, mtime },
    ];
  }
  const bytes = zipSync(tree);
  // The zip is what IT copies to the school's PCs: never a partial one after a crash or a full disk.
  writeFileAtomicSync(zipPath, bytes);
  return bytes.length;
}
