import { strFromU8, unzipSync } from "fflate";
import { HocBaError } from "../errors/hocba-error.ts";
import type { MessageCode, MessageParams } from "../errors/message-table.ts";
import { MANIFEST_NAME, SUMS_NAME } from "./build-handoff-package.ts";
import { HandoffFileName, HandoffManifest } from "./handoff-manifest.ts";
import { readHandoffDocument } from "./read-handoff-document.ts";
import { sha256Hex } from "./sha256-hex.ts";
import { parseSha256Sums } from "./sha256-sums.ts";

/** A problem found in a package: code, Vietnamese message, parameters (the protocol's ErrorBody). */
export interface HandoffProblem {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface HandoffLimits {
  /** Entries in the zip: 2,000 documents, the manifest and SHA256SUMS, and a little room. */
  maxEntries: number;
  /** Uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Size of the zip itself. */
  maxZipBytes: number;
}

export const HANDOFF_LIMITS: Readonly<HandoffLimits> = Object.freeze({
  maxEntries: 2003,
  maxEntryBytes: 8 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxZipBytes: 128 * 1024 * 1024,
});

export interface ReadHandoffPackage {
  manifest: HandoffManifest;
  /** The XML files by name, as stored. */
  files: Map<string, Uint8Array>;
  /** Problems of the package as a whole (a file not in the manifest, SHA256SUMS of the manifest). */
  problems: HandoffProblem[];
  /** Problems by document file name (missing, SHA-256 differing, data not what the manifest says). */
  documentProblems: Map<string, HandoffProblem[]>;
}

function problem(code: MessageCode, params: MessageParams): HandoffProblem {
  const e = new HocBaError(code, params);
  return { code: e.code, message: e.message, params: { ...e.params } };
}

/** An entry name that could point outside the folder it is extracted to, or is not a plain name. */
function unsafeName(name: string): boolean {
  return (
    name === "" ||
    name.includes("/") ||
    name.includes("\\") ||
    name.includes(":") ||
    name.startsWith(".") ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(name)
  );
}

/**
 * Opens a hand-off package without trusting it: a zip whose entries could escape a folder (a path,
 * "..", a drive), repeat a name (also differing in case), are too many or too large (declared or
 * actual), or that has no valid manifest.json is refused as a whole (HocBaError HANDOFF_ZIP_* /
 * HANDOFF_MANIFEST_*). Otherwise returns the files with every disagreement between them, the
 * manifest and SHA256SUMS, per document. Signatures are not checked here: the caller verifies each
 * document with the verifier.
 */
export function readHandoffPackage(
  zip: Uint8Array,
  options: { fileName?: string; limits?: Partial<HandoffLimits> } = {},
): ReadHandoffPackage {
  const file = options.fileName ?? "(gói)";
  const limits = { ...HANDOFF_LIMITS, ...options.limits };
  if (zip.length > limits.maxZipBytes) {
    throw new HocBaError("HANDOFF_ZIP_TOO_LARGE", { file, detail: `${zip.length} byte` });
  }
  const seen = new Set<string>();
  let count = 0;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (entry) => {
        count++;
        if (count > limits.maxEntries) {
          throw new HocBaError("HANDOFF_ZIP_TOO_MANY", { file, count, max: limits.maxEntries });
        }
        if (unsafeName(entry.name)) {
          throw new HocBaError("HANDOFF_ZIP_UNSAFE_NAME", { file, name: entry.name });
        }
        const key = entry.name.normalize("NFC").toLowerCase();
        if (seen.has(key)) throw new HocBaError("HANDOFF_ZIP_DUPLICATE", { file, name: entry.name });
        seen.add(key);
        // The declared size bounds what fflate inflates into: a lying entry fails to inflate.
        if (entry.originalSize > limits.maxEntryBytes) {
          throw new HocBaError("HANDOFF_ZIP_TOO_LARGE", {
            file,
            detail: `${entry.name}: ${entry.originalSize} byte`,
          });
        }
        total += entry.originalSize;
        if (total > limits.maxTotalBytes) {
          throw new HocBaError("HANDOFF_ZIP_TOO_LARGE", { file, detail: `${total} byte` });
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof HocBaError) throw err;
    throw new HocBaError("HANDOFF_ZIP_UNREADABLE", { file, detail: zipProblem(err) }, { cause: err });
  }
  for (const [name, bytes] of Object.entries(entries)) {
    if (bytes.length > limits.maxEntryBytes) {
      throw new HocBaError("HANDOFF_ZIP_TOO_LARGE", { file, detail: `${name}: ${bytes.length} byte` });
    }
  }

  const manifestBytes = entries[MANIFEST_NAME];
  if (!manifestBytes) throw new HocBaError("HANDOFF_MANIFEST_MISSING", { file });
  let manifest: HandoffManifest;
  try {
    const parsed = HandoffManifest.safeParse(JSON.parse(strFromU8(manifestBytes)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`);
    }
    manifest = parsed.data;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new HocBaError("HANDOFF_MANIFEST_INVALID", { file, detail: detail.slice(0, 300) });
  }

  const problems: HandoffProblem[] = [];
  const documentProblems = new Map<string, HandoffProblem[]>();
  const add = (name: string, p: HandoffProblem): void => {
    documentProblems.set(name, [...(documentProblems.get(name) ?? []), p]);
  };
  const sumsBytes = entries[SUMS_NAME];
  const sums = sumsBytes ? parseSha256Sums(strFromU8(sumsBytes)) : new Map<string, string>();
  const manifestSum = sums.get(MANIFEST_NAME);
  if (manifestSum === undefined) {
    problems.push(problem("HANDOFF_SUMS_MISSING", { file, name: MANIFEST_NAME }));
  } else if (manifestSum !== sha256Hex(manifestBytes)) {
    problems.push(problem("HANDOFF_SHA256_MISMATCH", { name: MANIFEST_NAME, where: SUMS_NAME }));
  }

  const files = new Map<string, Uint8Array>();
  const listed = new Set<string>();
  for (const doc of manifest.documents) {
    const key = doc.fileName.normalize("NFC").toLowerCase();
    if (listed.has(key)) {
      add(doc.fileName, problem("HANDOFF_DUPLICATE_FILE", { name: doc.fileName }));
      continue;
    }
    listed.add(key);
    const bytes = entries[doc.fileName];
    if (!bytes) {
      add(doc.fileName, problem("HANDOFF_FILE_MISSING", { name: doc.fileName }));
      continue;
    }
    files.set(doc.fileName, bytes);
    const actual = sha256Hex(bytes);
    if (actual !== doc.sha256) {
      add(doc.fileName, problem("HANDOFF_SHA256_MISMATCH", { name: doc.fileName, where: MANIFEST_NAME }));
    }
    const summed = sums.get(doc.fileName);
    if (summed === undefined) {
      add(doc.fileName, problem("HANDOFF_SUMS_MISSING", { file, name: doc.fileName }));
    } else if (summed !== actual) {
      add(doc.fileName, problem("HANDOFF_SHA256_MISMATCH", { name: doc.fileName, where: SUMS_NAME }));
    }
    try {
      const facts = readHandoffDocument(doc.fileName, bytes);
      const expected: Array<[string, string, string]> = [
        ["MaHocVien", doc.maHocVien, facts.maHocVien],
        ["Lop", manifest.lop, facts.lop],
        ["NamHoc", manifest.namHoc, facts.namHoc],
        ["MaTruong", manifest.institution.maTruong, facts.maTruong],
        ["PhienBanBanGhi", String(doc.phienBan), String(facts.phienBan)],
        ["DSCKS", doc.roles.map((r) => r.role).join(","), facts.roles.join(",")],
      ];
      for (const [field, want, got] of expected) {
        if (want !== got) {
          add(
            doc.fileName,
            problem("HANDOFF_MANIFEST_MISMATCH", { name: doc.fileName, field, expected: want, actual: got }),
          );
        }
      }
    } catch (err) {
      if (!(err instanceof HocBaError)) throw err;
      add(doc.fileName, { code: err.code, message: err.message, params: { ...err.params } });
    }
  }
  for (const name of Object.keys(entries)) {
    if (name === MANIFEST_NAME || name === SUMS_NAME) continue;
    if (!listed.has(name.normalize("NFC").toLowerCase())) {
      problems.push(problem("HANDOFF_FILE_EXTRA", { name }));
    } else if (!HandoffFileName.safeParse(name).success) {
      problems.push(problem("HANDOFF_ZIP_UNSAFE_NAME", { file, name }));
    }
  }
  return { manifest, files, problems, documentProblems };
}

/** fflate's reasons are English; the ones a damaged or wrong file gives, in Vietnamese. */
function zipProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/invalid zip data/i.test(message)) return "không phải tệp ZIP, hoặc tệp bị hỏng";
  if (/unexpected EOF/i.test(message)) return "tệp bị cắt cụt (tải về chưa xong?)";
  if (/invalid (block type|length\/literal|distance)|invalid zip/i.test(message)) {
    return "dữ liệu nén bị hỏng";
  }
  if (/unknown compression type/i.test(message)) return "kiểu nén không được hỗ trợ";
  if (/invalid UTF-8 data/i.test(message)) return "tên tệp trong gói không phải UTF-8";
  return message;
}
