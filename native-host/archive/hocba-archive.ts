import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { SIGNING_ROLES, type SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
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
import { openSqlite, type SqliteDatabase, type SqliteStatement } from "./open-sqlite.ts";

/**
 * The archive of signed documents: one SQLite file (WAL) holding every signed document with its
 * signer, and an append-only audit log chained by hashes. Each document and its audit entry are
 * written in one transaction right after signing, so a crash at any point leaves a consistent file
 * and a batch can resume from what is there. One input may be archived more than once in a role:
 * a batch answers from the archive only with a copy signed by the certificate it signs with that
 * still verifies, and otherwise signs anew (sign-archived-batch.ts); the latest copy counts.
 */

/** 2: (input SHA-256, role) no longer unique (an unusable archived copy is signed anew). */
export const SCHEMA_VERSION = 2;

/** The guards that make the tables append-only for anything going through SQLite's triggers. */
export const GUARD_TRIGGERS = [
  "documents_no_update",
  "documents_no_delete",
  "audit_no_update",
  "audit_no_delete",
];

/** The documents table, its indexes and guards (also what version 1 is rebuilt into). */
const DOCUMENTS_SCHEMA = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  ma_hoc_vien TEXT NOT NULL,
  nam_hoc TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN (${SIGNING_ROLES.map((r) => `'${r}'`).join(", ")})),
  input_sha256 TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BLOB NOT NULL,
  signer_cert BLOB NOT NULL,
  signer_subject TEXT NOT NULL,
  signing_time TEXT NOT NULL,
  archived_at TEXT NOT NULL
);
CREATE INDEX documents_learner ON documents (nam_hoc, ma_hoc_vien);
CREATE INDEX documents_input ON documents (input_sha256, role);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents BEGIN SELECT RAISE(ABORT, 'archive is append-only'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN SELECT RAISE(ABORT, 'archive is append-only'); END;
`;

const DOCUMENT_COLUMNS =
  "id, batch_id, file_name, ma_hoc_vien, nam_hoc, role, input_sha256, sha256, bytes, signer_cert, " +
  "signer_subject, signing_time, archived_at";

/**
 * Version 1 to 2: the documents table is rebuilt without UNIQUE (input_sha256, role) (SQLite cannot
 * drop a constraint), rows and ids unchanged, so the audit entries still match. Runs in the caller's
 * transaction: the guards are never missing outside it.
 */
const MIGRATE_1_TO_2 = `
DROP TRIGGER documents_no_update;
DROP TRIGGER documents_no_delete;
DROP INDEX documents_learner;
ALTER TABLE documents RENAME TO documents_v1;
${DOCUMENTS_SCHEMA}
INSERT INTO documents (${DOCUMENT_COLUMNS}) SELECT ${DOCUMENT_COLUMNS} FROM documents_v1 ORDER BY id;
DROP TABLE documents_v1;
`;

const SCHEMA = `
${DOCUMENTS_SCHEMA}
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  batch_id TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

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

export class HocBaArchive {
  /**
   * Statements of the per-document path, prepared once: a batch runs them for every document, and
   * each fresh statement holds native memory until the garbage collector finalises it.
   */
  private readonly statements = new Map<string, SqliteStatement>();

  private constructor(
    readonly path: string,
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  private statement<P extends unknown[], R = unknown>(sql: string): SqliteStatement<P, R> {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st as unknown as SqliteStatement<P, R>;
  }

  /**
   * Opens (creating if needed, with its folder, readable by the user only) the archive at `file`.
   * `now` is the clock for `archived_at` and audit entries.
   */
  static open(file: string, options: { now?: () => Date } = {}): HocBaArchive {
    const fresh = !existsSync(file);
    let db: SqliteDatabase;
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      db = openSqlite(file);
    } catch (err) {
      throw new HocBaError("ARCHIVE_OPEN_FAILED", { file, detail: (err as Error).message }, { cause: err });
    }
    try {
      if (fresh && process.platform !== "win32") chmodSync(file, 0o600);
      db.pragma("journal_mode = WAL");
      // FULL: a document whose `signed` reply left the helper must survive a power cut.
      db.pragma("synchronous = FULL");
      // A 2 MB page cache, whatever the build's default (better-sqlite3's was 16 MB): documents are
      // only appended and looked up by index, and the helper must stay small signing a whole centre.
      db.pragma("cache_size = -2000");
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new HocBaError("ARCHIVE_NEWER_SCHEMA", { file, version });
      if (version < SCHEMA_VERSION) {
        db.transaction(() => {
          // Read again inside the transaction: another process may have just created or migrated it.
          const now = db.pragma("user_version", { simple: true }) as number;
          if (now === 0) db.exec(SCHEMA);
          else if (now === 1) db.exec(MIGRATE_1_TO_2);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }).immediate();
      }
    } catch (err) {
      db.close();
      if (err instanceof HocBaError) throw err;
      throw new HocBaError("ARCHIVE_OPEN_FAILED", { file, detail: (err as Error).message }, { cause: err });
    }
    return new HocBaArchive(file, db, options.now ?? (() => new Date()));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The latest stored document signed in `role` from input bytes with this SHA-256, if any. */
  findSigned(inputSha256: string, role: SigningRole): StoredDocument | null {
    const row = this.statement<[string, string], DocumentRow>(
      "SELECT * FROM documents WHERE input_sha256 = ? AND role = ? ORDER BY id DESC LIMIT 1",
    ).get(inputSha256, role);
    return row ? toStored(row) : null;
  }

  /**
   * Stores a signed document and its `document-signed` audit entry in one transaction. If the same
   * input was meanwhile archived in this role with the same certificate (another run signed it),
   * stores nothing and returns that entry. `replaces`: the id of the archived copy the caller
   * looked at and did not use; it never counts as "meanwhile".
   */
  recordSigned(
    record: SignedDocumentRecord,
    options: { replaces?: number | undefined } = {},
  ): { document: StoredDocument; alreadyArchived: boolean } {
    const bytes = asBuffer(record.bytes);
    const cert = asBuffer(record.signerCertDer);
    const write = this.db.transaction((): { document: StoredDocument; alreadyArchived: boolean } => {
      const existing = this.findSigned(record.inputSha256, record.role);
      if (
        existing &&
        existing.id !== options.replaces &&
        Buffer.compare(existing.signerCertDer, cert) === 0
      ) {
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
      const { lastInsertRowid } = this.statement(
        `INSERT INTO documents (batch_id, file_name, ma_hoc_vien, nam_hoc, role, input_sha256, sha256, bytes,
           signer_cert, signer_subject, signing_time, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        inserted.batch_id,
        inserted.file_name,
        inserted.ma_hoc_vien,
        inserted.nam_hoc,
        inserted.role,
        inserted.input_sha256,
        inserted.sha256,
        inserted.bytes,
        inserted.signer_cert,
        inserted.signer_subject,
        inserted.signing_time,
        inserted.archived_at,
      );
      const row: DocumentRow = { id: Number(lastInsertRowid), ...inserted };
      this.appendAuditInTransaction("document-signed", record.batchId, documentAuditDetails(row), archivedAt);
      return { document: toStored(row), alreadyArchived: false };
    });
    try {
      return write.immediate();
    } catch (err) {
      throw new HocBaError(
        "ARCHIVE_WRITE_FAILED",
        { file: record.fileName, detail: (err as Error).message },
        { cause: err },
      );
    }
  }

  /** Appends an audit entry (batch started/finished, failure, export, verify). */
  appendAudit(event: AuditEvent, batchId: string | null, details: AuditDetails): AuditEntry {
    try {
      return this.db
        .transaction(() => this.appendAuditInTransaction(event, batchId, details, this.now().toISOString()))
        .immediate();
    } catch (err) {
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
    const { total } = this.db
      .prepare<string[], { total: number }>(`SELECT COUNT(*) AS total FROM documents ${clause}`)
      .get(...params) ?? { total: 0 };
    const rows = this.db
      .prepare<(string | number)[], DocumentRow>(
        `SELECT id, batch_id, file_name, ma_hoc_vien, nam_hoc, role, input_sha256, sha256, signer_subject,
           signing_time, archived_at FROM documents ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit ?? -1, filter.offset ?? 0);
    return { total, entries: rows.map(toEntry) };
  }

  /**
   * Every stored document of one learner and school year, oldest first, with bytes: all the
   * versions of their record, each in every role it was signed (read-record-versions.ts reads them).
   */
  documentsOf(namHoc: string, maHocVien: string): StoredDocument[] {
    return this.db
      .prepare<[string, string], DocumentRow>(
        "SELECT * FROM documents WHERE nam_hoc = ? AND ma_hoc_vien = ? ORDER BY id",
      )
      .all(namHoc, maHocVien.normalize("NFC"))
      .map(toStored);
  }

  /** One stored document by its id, with bytes. */
  documentById(id: number): StoredDocument | null {
    const row = this.db.prepare<[number], DocumentRow>("SELECT * FROM documents WHERE id = ?").get(id);
    return row ? toStored(row) : null;
  }

  /** Number of archived documents. */
  count(): number {
    return this.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM documents").get()?.n ?? 0;
  }

  /** Every stored document, oldest first (streamed: the archive may be large). */
  *documents(): Generator<StoredDocument> {
    for (const row of this.db.prepare<[], DocumentRow>("SELECT * FROM documents ORDER BY id").iterate()) {
      yield toStored(row);
    }
  }

  /** The audit log, oldest first. */
  *auditLog(): Generator<AuditEntry> {
    for (const row of this.db.prepare<[], AuditRow>("SELECT * FROM audit_log ORDER BY seq").iterate()) {
      yield {
        seq: row.seq,
        at: row.at,
        event: row.event,
        batchId: row.batch_id,
        details: row.details,
        prevHash: row.prev_hash,
        hash: row.hash,
      };
    }
  }

  /** The recorded head of the chain (seq and hash of the last entry), kept apart from the log. */
  auditHead(): { seq: number; hash: string } {
    const get = (key: string): string | undefined =>
      this.db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?").get(key)?.value;
    return { seq: Number(get("audit_head_seq") ?? 0), hash: get("audit_head_hash") ?? GENESIS_HASH };
  }

  /** Guard triggers that are missing (someone dropped them to edit the tables). */
  missingGuards(): string[] {
    const present = new Set(
      this.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .all()
        .map((r) => r.name),
    );
    return GUARD_TRIGGERS.filter((name) => !present.has(name));
  }

  private appendAuditInTransaction(
    event: AuditEvent,
    batchId: string | null,
    details: AuditDetails,
    at: string,
  ): AuditEntry {
    if (batchId !== null && /[\r\n]/.test(batchId)) throw new Error("batch id must not contain a line break");
    const last = this.statement<[], { seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    ).get();
    const unsigned = {
      seq: (last?.seq ?? 0) + 1,
      at,
      event,
      batchId,
      details: canonicalJson(details),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...unsigned, hash: auditEntryHash(unsigned) };
    this.statement(
      "INSERT INTO audit_log (seq, at, event, batch_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(entry.seq, entry.at, entry.event, entry.batchId, entry.details, entry.prevHash, entry.hash);
    const setMeta = this.statement(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    setMeta.run("audit_head_seq", String(entry.seq));
    setMeta.run("audit_head_hash", entry.hash);
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
