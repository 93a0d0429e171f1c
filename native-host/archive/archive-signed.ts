import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../shared/protocol/common.ts";
import { describeCertificate } from "../token/certificate-info.ts";
import { sha256Hex } from "./audit-chain.ts";
import type { HocBaArchive, SignedDocumentRecord, StoredDocument } from "./hocba-archive.ts";
import { readHocBaIds } from "./read-hocba-ids.ts";

export interface ArchiveSignedInput {
  /** The batch: the host's sign-batch requestId, or any id the CLI picks for one run. */
  batchId: string;
  fileName: string;
  role: SigningRole;
  /** The bytes that were signed (before this signature), or their SHA-256 in lower-case hex. */
  input: Uint8Array | { sha256: string };
  /** The signed document. */
  signed: Uint8Array;
  /** The signer certificate, DER. */
  signerCertDer: Uint8Array;
  /** xades:SigningTime of the new signature (ISO 8601). */
  signingTime: string;
  /** The certificate's subject DN, when the caller has it (a batch reads it once, not per document). */
  signerSubject?: string;
  /**
   * Learner code and school year, when the signer already read them from the document it signed
   * (the signature leaves DLHocBa untouched); otherwise they are read from `signed`.
   */
  ids?: { maHocVien: string; namHoc: string };
  /** The id of an archived copy of the same input and role that was looked at and not used. */
  replaces?: number;
}

/**
 * Archives one signed document: reads the learner code and school year from the XML and the
 * subject from the certificate, then stores it with its audit entry in one transaction. Call it
 * right after each document is signed. Returns the stored entry; `alreadyArchived` is true when
 * the same input was meanwhile archived in this role with the same certificate (nothing new is
 * stored then).
 */
export function archiveSigned(
  archive: HocBaArchive,
  input: ArchiveSignedInput,
): { document: StoredDocument; alreadyArchived: boolean } {
  const [result] = archiveSignedGroup(archive, [input]);
  if (!result || result instanceof HocBaError) throw result ?? new Error("nothing archived");
  return result;
}

/**
 * archiveSigned for documents signed one after the other and reported together: stored in one
 * transaction (one durable commit for the group). Returns, per input, the stored entry or the
 * HocBaError that kept that one document out (the others are stored).
 */
export function archiveSignedGroup(
  archive: HocBaArchive,
  inputs: readonly ArchiveSignedInput[],
): Array<{ document: StoredDocument; alreadyArchived: boolean } | HocBaError> {
  const results: Array<{ document: StoredDocument; alreadyArchived: boolean } | HocBaError> = [];
  const records: Array<{ at: number; record: SignedDocumentRecord; replaces?: number | undefined }> = [];
  inputs.forEach((input, at) => {
    try {
      records.push({ at, record: toRecord(input), replaces: input.replaces });
    } catch (err) {
      results[at] = err as HocBaError;
    }
  });
  if (records.length === 0) return results;
  archive.recordSignedGroup(records).forEach((result, i) => {
    const at = records[i]?.at;
    if (at !== undefined) results[at] = result;
  });
  return results;
}

/** What the archive stores for one signed document (throws HocBaError when it cannot be told). */
function toRecord(input: ArchiveSignedInput): SignedDocumentRecord {
  const ids = input.ids ?? readHocBaIds(input.signed);
  if (!ids) throw new HocBaError("ARCHIVE_NOT_HOCBA", { file: input.fileName });
  let subject = input.signerSubject;
  try {
    subject ??= describeCertificate(input.signerCertDer).subject;
  } catch (err) {
    throw new HocBaError("ARCHIVE_BAD_CERTIFICATE", { file: input.fileName, detail: (err as Error).message });
  }
  return {
    batchId: input.batchId,
    fileName: input.fileName,
    maHocVien: ids.maHocVien,
    namHoc: ids.namHoc,
    role: input.role,
    inputSha256: input.input instanceof Uint8Array ? sha256Hex(input.input) : input.input.sha256,
    bytes: input.signed,
    signerCertDer: input.signerCertDer,
    signerSubject: subject,
    signingTime: input.signingTime,
  };
}
