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

/** Folder name for a class: "12A1_2025-2026", without characters file systems refuse. */
export function classFolderName(lop: string, namHoc: string): string {
  // eslint-disable-next-line no-control-regex
  return `${lop}_${namHoc}`.normalize("NFC").replace(/[\\/:*?"<>|\u0000-\u001f]/g, "-");
}

/** Lets the browser save bytes as a file (a download from the extension page). */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = "application/zip"): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
