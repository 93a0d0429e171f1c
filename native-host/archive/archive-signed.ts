import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { SigningRole } from "../../shared/protocol/common.ts";
import { describeCertificate } from "../token/certificate-info.ts";
import { sha256Hex } from "./audit-chain.ts";
import type { HocBaArchive, StoredDocument } from "./hocba-archive.ts";
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
  const ids = input.ids ?? readHocBaIds(input.signed);
  if (!ids) throw new HocBaError("ARCHIVE_NOT_HOCBA", { file: input.fileName });
  let subject = input.signerSubject;
  try {
    subject ??= describeCertificate(input.signerCertDer).subject;
  } catch (err) {
    throw new HocBaError("ARCHIVE_BAD_CERTIFICATE", { file: input.fileName, detail: (err as Error).message });
  }
  return archive.recordSigned(
    {
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
    },
    { replaces: input.replaces },
  );
}
