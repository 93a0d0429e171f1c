import path from "node:path";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { unsignedHocBa } from "../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import { sha256Hex } from "./audit-chain.ts";
import type { HocBaArchive, StoredDocument } from "./hocba-archive.ts";
import { makeFolder } from "../fs/make-folder.ts";
import { writeFileAtomicSync } from "../fs/write-file-atomic.ts";

export interface ExportResult {
  /** Files written, relative to the export folder, in archive order. */
  written: string[];
  /** Entries not exported because their bytes no longer match the stored hash. */
  refused: HocBaError[];
}

/**
 * Exports signed documents into `dir`, each written atomically, plus a SHA256SUMS file. By default
 * the latest archived document of each learner, year and version of their record, as
 * `<MaHocVien>_<NamHoc>.xml` (`<MaHocVien>_<NamHoc>_v<N>.xml` for a later version N; normally the one
 * carrying the most signatures); with `all`, every archived document as `<MaHocVien>_<NamHoc>.<id>.<role>.xml`.
 * A document whose bytes do not match their stored hash is refused, never exported.
 */
export function exportArchive(
  archive: HocBaArchive,
  dir: string,
  options: { all?: boolean } = {},
): ExportResult {
  const chosen = new Map<string, StoredDocument>();
  for (const doc of archive.documents()) {
    const base = `${safePart(doc.maHocVien)}_${safePart(doc.namHoc)}`;
    const version = recordVersionOf(doc.bytes);
    const latest = version > 1 ? `${base}_v${version}.xml` : `${base}.xml`;
    chosen.set(options.all ? `${base}.${doc.id}.${doc.role}.xml` : latest, doc);
  }
  makeFolder(dir);
  const written: string[] = [];
  const refused: HocBaError[] = [];
  const sums: string[] = [];
  for (const [name, doc] of [...chosen].sort((a, b) => a[1].id - b[1].id)) {
    const sha256 = sha256Hex(doc.bytes);
    if (sha256 !== doc.sha256) {
      refused.push(new HocBaError("ARCHIVE_EXPORT_TAMPERED", { id: doc.id, file: doc.fileName }));
      continue;
    }
    writeFileAtomicSync(path.join(dir, name), doc.bytes);
    written.push(name);
    sums.push(`${sha256}  ${name}`);
  }
  writeFileAtomicSync(path.join(dir, "SHA256SUMS"), sums.map((l) => `${l}\n`).join(""));
  archive.appendAudit("export", null, {
    dir: path.resolve(dir),
    files: written.length,
    refused: refused.length,
  });
  return { written, refused };
}

/** PhienBanBanGhi of an archived document (a signed version is never replaced by the next); 1 if unreadable. */
function recordVersionOf(bytes: Uint8Array): number {
  const unsigned = unsignedHocBa(bytes);
  if (unsigned === null) return 1;
  try {
    return readHocBa(unsigned).ttChung.phienBanBanGhi;
  } catch {
    return 1;
  }
}

/** Keeps a file-name part to letters, digits, '.', '_' and '-' (names come from document content). */
function safePart(value: string): string {
  const cleaned = value
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]/gu, "_")
    .replace(/^\.+/, "_");
  return cleaned.length > 0 ? cleaned.slice(0, 100) : "_";
}
