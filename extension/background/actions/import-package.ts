import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { PackageImport } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";
import { hostError } from "../services/helper-client.ts";

/**
 * Hands a hand-off package (.hocba.zip, base64) to the helper, which verifies every document and
 * archives the good ones; a refused document comes back with its reasons, the others still count.
 */
export async function importPackage(
  deps: Pick<BackgroundDeps, "helpers">,
  fileName: unknown,
  zipBase64: unknown,
): Promise<PackageImport> {
  if (typeof fileName !== "string" || !/\.zip$/i.test(fileName)) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "import-package", field: "fileName" });
  }
  if (typeof zipBase64 !== "string" || zipBase64.length === 0) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "import-package", field: "zipBase64" });
  }
  // The helper answers after verifying each document: give it the batch's idle time, not a request's.
  const { documents, summary } = await deps.helpers.use((client) =>
    client.importPackage({ fileName: fileName.split(/[\\/]/).pop() ?? fileName, zip: zipBase64 }),
  );
  return {
    packageFileName: summary.packageFileName,
    lop: summary.lop,
    namHoc: summary.namHoc,
    buoc: summary.buoc,
    maTruong: summary.institution.maTruong,
    tenTruong: summary.institution.tenTruong,
    imported: summary.imported,
    alreadyPresent: summary.alreadyPresent,
    refused: summary.refused,
    problems: summary.problems.map((p) => hostError(p).toJSON()),
    documents: documents.map((d) => ({
      index: d.index,
      fileName: d.fileName,
      maHocVien: d.maHocVien,
      hoTen: d.hoTen,
      outcome: d.outcome,
      roles: d.roles,
      problems: d.problems.map((p) => hostError(p).toJSON()),
    })),
  };
}
