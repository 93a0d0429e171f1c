import type { ErrorBody } from "../../shared/protocol/common.ts";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { SIGNING_ROLES, type SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { archiveSigned } from "../archive/archive-signed.ts";
import type { HocBaArchive } from "../archive/hocba-archive.ts";
import { examineSignature } from "../xmldsig/examine-signature.ts";
import { inspectHocBa } from "../xmldsig/inspect-hocba.ts";
import { checkHandoffPackage, type HandoffPackageCheck } from "./check-handoff-package.ts";
import type { HandoffVerifier } from "./handoff-verification.ts";
import { previousSignedForm } from "./previous-signed-form.ts";

export type ImportOutcome = "imported" | "already-present" | "refused";

export interface ImportedDocument {
  index: number;
  fileName: string;
  maHocVien: string;
  hoTen: string;
  outcome: ImportOutcome;
  roles: SigningRole[];
  problems: ErrorBody[];
}

export interface HandoffImport {
  check: HandoffPackageCheck;
  documents: ImportedDocument[];
  imported: number;
  alreadyPresent: number;
  refused: number;
}

function errorBody(err: unknown): ErrorBody {
  if (err instanceof HocBaError) return { code: err.code, message: err.message, params: { ...err.params } };
  const e = new HocBaError("CLI_INTERNAL", { detail: err instanceof Error ? err.message : String(err) });
  return { code: e.code, message: e.message, params: { ...e.params } };
}

/**
 * Imports a hand-off package into the archive: each document that verifies and agrees with the
 * manifest is archived under its last role (with the bytes that role signed as its input, as if it
 * had been signed on this PC), so the next role's queue finds it; a document already in the archive
 * (same bytes) is left as it is; every other document is refused alone, with its reasons. The
 * import and its outcome per document go into the audit log.
 */
export async function importHandoffPackage(
  archive: HocBaArchive,
  zip: Uint8Array,
  options: { fileName: string; verify: HandoffVerifier; batchId: string },
): Promise<HandoffImport> {
  const check = await checkHandoffPackage(zip, options);
  const documents: ImportedDocument[] = [];
  const { namHoc } = check.manifest;
  for (const d of check.documents) {
    const roles = (d.verification?.signatures ?? [])
      .map((s) => s.role)
      .filter((r): r is SigningRole => (SIGNING_ROLES as readonly string[]).includes(r));
    const base = { index: d.index, fileName: d.fileName, maHocVien: d.maHocVien, hoTen: d.hoTen, roles };
    if (!d.ok || !d.bytes || !d.sha256) {
      documents.push({ ...base, outcome: "refused", problems: d.problems });
      continue;
    }
    try {
      const sha256 = d.sha256;
      if (archive.documentsOf(namHoc, d.maHocVien).some((s) => s.sha256 === sha256)) {
        documents.push({ ...base, outcome: "already-present", problems: [] });
        continue;
      }
      const role = roles[roles.length - 1] as SigningRole;
      const inspected = inspectHocBa(d.bytes).document;
      const last = inspected ? examineSignature(inspected, inspected.containers.length - 1, new Map()) : null;
      const cert = last?.certificates[0];
      const input = previousSignedForm(d.bytes, role, { first: roles.length === 1 });
      if (!cert || !input) {
        throw new HocBaError("HANDOFF_DOCUMENT_UNREADABLE", { name: d.fileName, detail: "DSCKS" });
      }
      const { alreadyArchived } = archiveSigned(archive, {
        batchId: options.batchId,
        fileName: d.fileName,
        role,
        input,
        signed: d.bytes,
        signerCertDer: cert,
        signingTime: last.signingTimeText ?? "",
      });
      documents.push({ ...base, outcome: alreadyArchived ? "already-present" : "imported", problems: [] });
    } catch (err) {
      documents.push({ ...base, outcome: "refused", problems: [errorBody(err)] });
    }
  }
  const count = (o: ImportOutcome) => documents.filter((d) => d.outcome === o).length;
  const result: HandoffImport = {
    check,
    documents,
    imported: count("imported"),
    alreadyPresent: count("already-present"),
    refused: count("refused"),
  };
  archive.appendAudit("package-imported", options.batchId, {
    package: options.fileName,
    lop: check.manifest.lop,
    namHoc,
    maTruong: check.manifest.institution.maTruong,
    buoc: check.manifest.buoc,
    imported: result.imported,
    alreadyPresent: result.alreadyPresent,
    refused: result.refused,
    documents: documents.map((d) => ({
      fileName: d.fileName,
      maHocVien: d.maHocVien,
      outcome: d.outcome,
      problems: d.problems.map((p) => p.code),
    })),
  });
  return result;
}
