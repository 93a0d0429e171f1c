import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { ArchiveEntry } from "../../shared/protocol/responses.ts";
import {
  auditEntryHash,
  canonicalJson,
  GENESIS_HASH,
  sha256Hex,
  type AuditDetails,
  type AuditEntry,
  type AuditEvent,
} from "./audit-chain.ts";
import type { ArchiveEngine, ArchiveStore } from "./archive-store.ts";
import { refuseBadArchiveUrl } from "./archive-url-problem.ts";
import { isArchiveUrl } from "./pg/archive-url.ts";
import { PgArchiveStore } from "./pg/pg-archive-store.ts";
import { SqliteArchiveStore } from "./sqlite-archive-store.ts";

/**
 * The archive of signed documents: every signed document with its signer, and an append-only
 * audit log chained by hashes, in one of two engines behind the same API (archive-store.ts): an
 * SQLite file on this PC (the default), or a PostgreSQL database a centre's PCs share
 * (`postgres://…`). Each document and its audit entry are
 * written in one transaction right after signing, so a crash at any point leaves a consistent file
 * and a batch can resume from what is there. One input may be archived more than once in a role:
 * a batch answers from the archive only with a copy signed by the certificate it signs with that
 * still verifies, and otherwise signs anew (sign-archived-batch.ts); the latest copy counts.
 */

export { GUARD_TRIGGERS, SCHEMA_VERSION } from "./sqlite-archive-store.ts";

/** What is stored for one signed document. */
export interface SignedDocumentRecord {
  /** The batch (sign-batch requestId, or the CLI's run id). */
  batchId: string;
  fileName: string;
  maHocVien: string;
  namHoc: string;
  role: SigningRole;
  /** SHA-256 of the bytes that were signed (the document before this signature). */
  inputSha256: string;
  /** The signed document, exactly as produced. */
  bytes: Uint8Array;
  signerCertDer: Uint8Array;
  signerSubject: string;
  /** xades:SigningTime of the new signature. */
  signingTime: string;
}

export interface StoredDocument extends ArchiveEntry {
  inputSha256: string;
  bytes: Buffer;
  signerCertDer: Buffer;
}

export interface ListFilter {
  namHoc?: string | undefined;
  maHocVien?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

interface DocumentRow {
  id: number;
  batch_id: string;
  file_name: string;
  ma_hoc_vien: string;
  nam_hoc: string;
  role: SigningRole;
  input_sha256: string;
  sha256: string;
  bytes: Buffer;
  signer_cert: Buffer;
  signer_subject: string;
  signing_time: string;
  archived_at: string;
}

interface AuditRow {
  seq: number;
  at: string;
  event: AuditEvent;
  batch_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** Rows read at a time when walking the whole archive (documents hold their bytes). */
const PAGE = 64;

export class HocBaArchive {
  private constructor(
    /** The SQLite file, or the shared archive's URL without its password: what is shown. */
    readonly path: string,
    private readonly store: ArchiveStore,
    private readonly now: () => Date,
  ) {}

  /**
   * Opens the archive at `location`: a postgres:// URL (the shared archive, its schema brought up
   * to date), else an SQLite file (created if needed, with its folder, readable by the user only).
   * `now` is the clock for `archived_at` and audit entries; `lockTimeoutMs`: how long a write waits
   * for another PC's on a shared archive (tests shorten it).
   */
  static open(location: string, options: { now?: () => Date; lockTimeoutMs?: number } = {}): HocBaArchive {
    refuseBadArchiveUrl(location);
    const store = isArchiveUrl(location)
      ? PgArchiveStore.open(location, options.lockTimeoutMs ? { lockTimeoutMs: options.lockTimeoutMs } : {})
      : SqliteArchiveStore.open(location);
    return new HocBaArchive(store.location, store, options.now ?? (() => new Date()));
  }

  /** Which engine holds it. */
  get engine(): ArchiveEngine {
    return this.store.engine;
  }

  close(): void {
    if (this.store.open) this.store.close();
  }

  /** Makes what is committed durable (deferDurability), or nothing when each commit is. */
  private sync: (() => Promise<void>) | undefined;

  /**
   * For one writer's run (hocba sign): commits stop waiting for the disk each, and `durable()`
   * makes all of them durable at once, off the main thread (SqliteArchiveStore.deferSync). Whoever
   * calls it must await `durable()` before telling anyone a document is archived; signArchivedBatch
   * does, once per group it reports. False (nothing changes) where the store has no such mode.
   */
  deferDurability(): boolean {
    this.sync ??= this.store.deferSync?.();
    return this.sync !== undefined;
  }

  /** Resolves once everything committed so far is on disk: at once unless deferDurability. */
  durable(): Promise<void> {
    return this.sync ? this.sync() : Promise.resolve();
  }

  /** The latest stored document signed in `role` from input bytes with this SHA-256, if any. */
  findSigned(inputSha256: string, role: SigningRole): StoredDocument | null {
    const row = this.store.get<DocumentRow>(
      "SELECT * FROM documents WHERE input_sha256 = ? AND role = ? ORDER BY id DESC LIMIT 1",
      [inputSha256, role],
    );
    return row ? toStored(row) : null;
  }

  /**
   * Stores a signed document and its `document-signed` audit entry in one transaction. If the same
   * input was meanwhile archived in this role with the same certificate (another run, or another PC
   * on the shared archive, signed it), stores nothing and returns that entry. `replaces`: the id of
   * the archived copy the caller looked at and did not use; it never counts as "meanwhile".
   */
  recordSigned(
    record: SignedDocumentRecord,
    options: { replaces?: number | undefined } = {},
  ): { document: StoredDocument; alreadyArchived: boolean } {
    try {
      return this.store.writeTransaction(() => this.writeSigned(record, options.replaces));
    } catch (err) {
      throw writeFailure(record.fileName, err);
    }
  }

  /**
   * recordSigned for several documents in one transaction: one durable commit (one fsync of
   * SQLite's log) for the group instead of one per document. All or none: when any of them cannot
   * be stored, nothing of the group is, and each is then stored in its own transaction, so that
   * only the document at fault fails (its result is then its HocBaError).
   */
  recordSignedGroup(
    items: ReadonlyArray<{ record: SignedDocumentRecord; replaces?: number | undefined }>,
  ): Array<{ document: StoredDocument; alreadyArchived: boolean } | HocBaError> {
    if (items.length > 1) {
      try {
        return this.store.writeTransaction(() => items.map((i) => this.writeSigned(i.record, i.replaces)));
      } catch (err) {
        if (keptAsIs(err)) throw err;
      }
    }
    return items.map((i) => {
      try {
        return this.recordSigned(i.record, { replaces: i.replaces });
      } catch (err) {
        if (err instanceof HocBaError && err.code !== "ARCHIVE_CONNECTION_LOST") return err;
        throw err;
      }
    });
  }

  /** recordSigned's work, inside the caller's write transaction. */
  private writeSigned(
    record: SignedDocumentRecord,
    replaces: number | undefined,
  ): { document: StoredDocument; alreadyArchived: boolean } {
    const bytes = asBuffer(record.bytes);
    const cert = asBuffer(record.signerCertDer);
    const existing = this.findSigned(record.inputSha256, record.role);
    if (existing && existing.id !== replaces && Buffer.compare(existing.signerCertDer, cert) === 0) {
      return { document: existing, alreadyArchived: true };
    }
    const archivedAt = this.now().toISOString();
    // Exactly what is inserted: the row is not read back (that would copy the document again).
    const inserted: Omit<DocumentRow, "id"> = {
      batch_id: record.batchId,
      file_name: record.fileName,
      ma_hoc_vien: record.maHocVien.normalize("NFC"),
      nam_hoc: record.namHoc,
      role: record.role,
      input_sha256: record.inputSha256,
      sha256: sha256Hex(bytes),
      bytes,
      signer_cert: cert,
      signer_subject: record.signerSubject.normalize("NFC"),
      signing_time: record.signingTime,
      archived_at: archivedAt,
    };
    const row: DocumentRow = { id: this.insertDocument(inserted), ...inserted };
    this.appendAuditInTransaction("document-signed", record.batchId, documentAuditDetails(row), archivedAt);
    return { document: toStored(row), alreadyArchived: false };
  }

  /**
   * Copies in a document archived elsewhere (hocba archive migrate), unless this archive already
   * holds the same signed bytes from the same input in the same role: then nothing is stored and
   * false returned, so copying again copies nothing. The row keeps its batch and original archiving
   * time; its `document-signed` entry is appended to this archive's chain.
   */
  importDocument(doc: StoredDocument): boolean {
    try {
      return this.store.writeTransaction(() => {
        const present = this.store.get<{ id: number }>(
          "SELECT id FROM documents WHERE input_sha256 = ? AND role = ? AND sha256 = ? LIMIT 1",
          [doc.inputSha256, doc.role, doc.sha256],
        );
        if (present) return false;
        const inserted: Omit<DocumentRow, "id"> = {
          batch_id: doc.batchId,
          file_name: doc.fileName,
          ma_hoc_vien: doc.maHocVien,
          nam_hoc: doc.namHoc,
          role: doc.role,
          input_sha256: doc.inputSha256,
          sha256: doc.sha256,
          bytes: doc.bytes,
          signer_cert: doc.signerCertDer,
          signer_subject: doc.signerSubject,
          signing_time: doc.signingTime,
          archived_at: doc.archivedAt,
        };
        const row: DocumentRow = { id: this.insertDocument(inserted), ...inserted };
        this.appendAuditInTransaction(
          "document-signed",
          doc.batchId,
          documentAuditDetails(row),
          this.now().toISOString(),
        );
        return true;
      });
    } catch (err) {
      if (keptAsIs(err)) throw err;
      throw new HocBaError(
        "ARCHIVE_WRITE_FAILED",
        { file: doc.fileName, detail: (err as Error).message },
        { cause: err },
      );
    }
  }

  /** Appends an audit entry (batch started/finished, failure, export, verify). */
  appendAudit(event: AuditEvent, batchId: string | null, details: AuditDetails): AuditEntry {
    try {
      return this.store.writeTransaction(() =>
        this.appendAuditInTransaction(event, batchId, details, this.now().toISOString()),
      );
    } catch (err) {
      if (keptAsIs(err)) throw err;
      throw new HocBaError(
        "ARCHIVE_WRITE_FAILED",
        { file: event, detail: (err as Error).message },
        { cause: err },
      );
    }
  }

  /** Archived documents, newest first, without their bytes. */
  list(filter: ListFilter = {}): { total: number; entries: ArchiveEntry[] } {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.namHoc !== undefined) {
      where.push("nam_hoc = ?");
      params.push(filter.namHoc);
    }
    if (filter.maHocVien !== undefined) {
      where.push("ma_hoc_vien = ?");
      params.push(filter.maHocVien.normalize("NFC"));
    }
    const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const total =
      this.store.get<{ total: number }>(`SELECT COUNT(*) AS total FROM documents ${clause}`, params)?.total ??
      0;
    const rows = this.store.all<DocumentRow>(
      `SELECT id, batch_id, file_name, ma_hoc_vien, nam_hoc, role, input_sha256, sha256, signer_subject,
         signing_time, archived_at FROM documents ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
      // No limit: the largest both engines take (SQLite's -1 is an error in PostgreSQL).
      [...params, filter.limit ?? Number.MAX_SAFE_INTEGER, filter.offset ?? 0],
    );
    return { total: Number(total), entries: rows.map(toEntry) };
  }

  /**
   * Every stored document of one learner and school year, oldest first, with bytes: all the
   * versions of their record, each in every role it was signed (read-record-versions.ts reads them).
   */
  documentsOf(namHoc: string, maHocVien: string): StoredDocument[] {
    return this.store
      .all<DocumentRow>("SELECT * FROM documents WHERE nam_hoc = ? AND ma_hoc_vien = ? ORDER BY id", [
        namHoc,
        maHocVien.normalize("NFC"),
      ])
      .map(toStored);
  }

  /** One stored document by its id, with bytes. */
  documentById(id: number): StoredDocument | null {
    const row = this.store.get<DocumentRow>("SELECT * FROM documents WHERE id = ?", [id]);
    return row ? toStored(row) : null;
  }

  /** Number of archived documents. */
  count(): number {
    return Number(this.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM documents")?.n ?? 0);
  }

  /**
   * Every stored document, oldest first, read a page at a time (the archive may be large; rows are
   * only ever appended, so paging by id sees each once).
   */
  *documents(): Generator<StoredDocument> {
    let after = 0;
    for (;;) {
      const rows = this.store.all<DocumentRow>("SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT ?", [
        after,
        PAGE,
      ]);
      for (const row of rows) yield toStored(row);
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = Number(last.id);
    }
  }

  /** The audit log, oldest first. */
  *auditLog(): Generator<AuditEntry> {
    let after = -1;
    for (;;) {
      const rows = this.store.all<AuditRow>("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", [
        after,
        PAGE * 16,
      ]);
      for (const row of rows) {
        yield {
          seq: Number(row.seq),
          at: row.at,
          event: row.event,
          batchId: row.batch_id,
          details: row.details,
          prevHash: row.prev_hash,
          hash: row.hash,
        };
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE * 16) return;
      after = Number(last.seq);
    }
  }

  /** The recorded head of the chain (seq and hash of the last entry), kept apart from the log. */
  auditHead(): { seq: number; hash: string } {
    const get = (key: string): string | undefined =>
      this.store.get<{ value: string }>("SELECT value FROM meta WHERE key = ?", [key])?.value;
    return { seq: Number(get("audit_head_seq") ?? 0), hash: get("audit_head_hash") ?? GENESIS_HASH };
  }

  /** Guard triggers that are missing (someone dropped them to edit the tables). */
  missingGuards(): string[] {
    return this.store.missingGuards();
  }

  /** Inserts a document row (inside a write transaction); its id. */
  private insertDocument(row: Omit<DocumentRow, "id">): number {
    const id = this.store.get<{ id: number }>(
      `INSERT INTO documents (batch_id, file_name, ma_hoc_vien, nam_hoc, role, input_sha256, sha256, bytes,
         signer_cert, signer_subject, signing_time, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING id`,
      [
        row.batch_id,
        row.file_name,
        row.ma_hoc_vien,
        row.nam_hoc,
        row.role,
        row.input_sha256,
        row.sha256,
        row.bytes,
        row.signer_cert,
        row.signer_subject,
        row.signing_time,
        row.archived_at,
      ],
    )?.id;
    if (id === undefined) throw new Error("the inserted document has no id");
    return Number(id);
  }

  private appendAuditInTransaction(
    event: AuditEvent,
    batchId: string | null,
    details: AuditDetails,
    at: string,
  ): AuditEntry {
    if (batchId !== null && /[\r\n]/.test(batchId)) throw new Error("batch id must not contain a line break");
    const last = this.store.get<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    );
    const unsigned = {
      seq: Number(last?.seq ?? 0) + 1,
      at,
      event,
      batchId,
      details: canonicalJson(details),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...unsigned, hash: auditEntryHash(unsigned) };
    this.store.run(
      "INSERT INTO audit_log (seq, at, event, batch_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [entry.seq, entry.at, entry.event, entry.batchId, entry.details, entry.prevHash, entry.hash],
    );
    const setMeta =
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    this.store.run(setMeta, ["audit_head_seq", String(entry.seq)]);
    this.store.run(setMeta, ["audit_head_hash", entry.hash]);
    return entry;
  }
}

/**
 * What the `document-signed` entry records about a document: every column but the bytes, plus
 * hashes of the bytes and certificate, so `check` can tell any later change to the row.
 */
export function documentAuditDetails(row: {
  id: number;
  file_name: string;
  ma_hoc_vien: string;
  nam_hoc: string;
  role: string;
  input_sha256: string;
  sha256: string;
  signer_cert: Uint8Array;
  signer_subject: string;
  signing_time: string;
  archived_at: string;
  batch_id: string;
}): AuditDetails {
  return {
    documentId: row.id,
    batchId: row.batch_id,
    fileName: row.file_name,
    maHocVien: row.ma_hoc_vien,
    namHoc: row.nam_hoc,
    role: row.role,
    inputSha256: row.input_sha256,
    sha256: row.sha256,
    signerCertSha256: sha256Hex(row.signer_cert),
    signerSubject: row.signer_subject,
    signingTime: row.signing_time,
    archivedAt: row.archived_at,
  };
}

/** Errors that already say what happened to the shared archive: not wrapped as a write failure. */
function keptAsIs(err: unknown): err is HocBaError {
  return err instanceof HocBaError && (err.code === "ARCHIVE_CONNECTION_LOST" || err.code === "ARCHIVE_BUSY");
}

/** A failed document write as the archive reports it (a lost connection stays what it is). */
function writeFailure(fileName: string, err: unknown): HocBaError {
  if (keptAsIs(err)) return err;
  return new HocBaError(
    "ARCHIVE_WRITE_FAILED",
    { file: fileName, detail: (err as Error).message },
    { cause: err },
  );
}

/** The same bytes as a Buffer, without copying them. */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function toEntry(row: DocumentRow): ArchiveEntry {
  return {
    id: row.id,
    fileName: row.file_name,
    maHocVien: row.ma_hoc_vien,
    namHoc: row.nam_hoc,
    role: row.role,
    sha256: row.sha256,
    signerSubject: row.signer_subject,
    signingTime: row.signing_time,
    batchId: row.batch_id,
    archivedAt: row.archived_at,
  };
}

function toStored(row: DocumentRow): StoredDocument {
  return { ...toEntry(row), inputSha256: row.input_sha256, bytes: row.bytes, signerCertDer: row.signer_cert };
}
