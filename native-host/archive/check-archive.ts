import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { auditEntryHash, canonicalJson, GENESIS_HASH, sha256Hex, type AuditEntry } from "./audit-chain.ts";
import { documentAuditDetails, type HocBaArchive } from "./hocba-archive.ts";

/**
 * Checks the archive against its audit chain and returns every problem found (empty = intact):
 * a modified, deleted or unlogged document, a modified or missing audit entry, a broken link, or
 * removed append-only guards. Detects edits made with any SQLite tool; it cannot detect someone
 * rewriting the whole chain from the first changed entry on (keep exports elsewhere for that).
 */
export function checkArchive(archive: HocBaArchive): HocBaError[] {
  const problems: HocBaError[] = [];
  const missingGuards = archive.missingGuards();
  if (missingGuards.length > 0) {
    problems.push(new HocBaError("ARCHIVE_GUARDS_REMOVED", { names: missingGuards.join(", ") }));
  }

  const signedEntries = new Map<number, AuditEntry>();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const entry of archive.auditLog()) {
    if (entry.seq > expectedSeq) {
      problems.push(new HocBaError("ARCHIVE_LOG_ENTRY_MISSING", { from: expectedSeq, to: entry.seq - 1 }));
    } else if (entry.prevHash !== prevHash) {
      problems.push(new HocBaError("ARCHIVE_LOG_CHAIN_BROKEN", { seq: entry.seq }));
    }
    if (auditEntryHash(entry) !== entry.hash) {
      problems.push(new HocBaError("ARCHIVE_LOG_ENTRY_MODIFIED", { seq: entry.seq }));
    }
    if (entry.event === "document-signed") {
      const id = documentIdOf(entry);
      if (id !== null) signedEntries.set(id, entry);
      else problems.push(new HocBaError("ARCHIVE_LOG_ENTRY_MODIFIED", { seq: entry.seq }));
    }
    expectedSeq = entry.seq + 1;
    prevHash = entry.hash;
  }
  const head = archive.auditHead();
  if (head.seq >= expectedSeq) {
    problems.push(new HocBaError("ARCHIVE_LOG_ENTRY_MISSING", { from: expectedSeq, to: head.seq }));
  } else if (head.seq === expectedSeq - 1 && head.hash !== prevHash) {
    problems.push(new HocBaError("ARCHIVE_LOG_CHAIN_BROKEN", { seq: head.seq }));
  }

  for (const doc of archive.documents()) {
    const entry = signedEntries.get(doc.id);
    signedEntries.delete(doc.id);
    if (!entry) {
      problems.push(new HocBaError("ARCHIVE_DOCUMENT_UNLOGGED", { id: doc.id, file: doc.fileName }));
      continue;
    }
    const details = canonicalJson(
      documentAuditDetails({
        id: doc.id,
        batch_id: doc.batchId,
        file_name: doc.fileName,
        ma_hoc_vien: doc.maHocVien,
        nam_hoc: doc.namHoc,
        role: doc.role,
        input_sha256: doc.inputSha256,
        sha256: doc.sha256,
        signer_cert: doc.signerCertDer,
        signer_subject: doc.signerSubject,
        signing_time: doc.signingTime,
        archived_at: doc.archivedAt,
      }),
    );
    if (details !== entry.details || sha256Hex(doc.bytes) !== doc.sha256 || entry.batchId !== doc.batchId) {
      problems.push(new HocBaError("ARCHIVE_DOCUMENT_MODIFIED", { id: doc.id, file: doc.fileName }));
    }
  }
  for (const [id, entry] of signedEntries) {
    problems.push(
      new HocBaError("ARCHIVE_DOCUMENT_DELETED", { id, file: fileNameOf(entry), seq: entry.seq }),
    );
  }
  return problems;
}

function parseDetails(entry: AuditEntry): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(entry.details);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function documentIdOf(entry: AuditEntry): number | null {
  const id = parseDetails(entry)?.documentId;
  return typeof id === "number" && Number.isInteger(id) ? id : null;
}

function fileNameOf(entry: AuditEntry): string {
  const name = parseDetails(entry)?.fileName;
  return typeof name === "string" ? name : "?";
}
