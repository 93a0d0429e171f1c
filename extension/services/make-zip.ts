import { zipSync, type Zippable, type ZippableFile } from "fflate";

export interface ZipEntry {
  /** Folder inside the archive (one per class), no slashes at either end. */
  folder: string;
  fileName: string;
  /** The document exactly as signed (UTF-8 text). */
  xml: string;
}

/**
 * A ZIP of signed documents, one folder per class. Stored without compression: the files are
 * small, and "stored" lets anyone check a file's hash straight from the archive listing.
 * Pages load this module on click (import()), so that fflate is not in their bundles.
 */
export function makeZip(entries: readonly ZipEntry[], mtime: Date = new Date()): Uint8Array {
  const encoder = new TextEncoder();
  const tree: Record<string, Zippable> = {};
  for (const entry of entries) {
    const folder: Zippable = (tree[entry.folder] ??= {});
    const file: ZippableFile = [encoder.encode(entry.xml), { level: 0, mtime }];
    folder[entry.fileName] = file;
  }
  return zipSync(tree, { level: 0, mtime });
}
