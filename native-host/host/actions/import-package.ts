import type { ImportPackageRequest } from "../../../shared/protocol/requests.ts";
import { importHandoffPackage } from "../../handoff/import-handoff-package.ts";
import type { HostContext } from "../host-context.ts";

/**
 * Imports a hand-off package into the archive (verification in the document worker): one
 * `package-document` per document, then `package-imported`. A package unsafe as a whole throws
 * (HANDOFF_*), answered by one `error`.
 */
export async function importPackage(ctx: HostContext, request: ImportPackageRequest): Promise<void> {
  const zip = Buffer.from(request.zip, "base64");
  const result = await importHandoffPackage(ctx.archive(), zip, {
    fileName: request.fileName,
    verify: (bytes, fileName) => ctx.documents.verify(bytes, fileName),
    batchId: request.requestId,
  });
  for (const d of result.documents) {
    await ctx.reply.send({ type: "package-document", requestId: request.requestId, ...d }, d.fileName);
  }
  const m = result.check.manifest;
  await ctx.reply.send({
    type: "package-imported",
    requestId: request.requestId,
    packageFileName: request.fileName,
    lop: m.lop,
    namHoc: m.namHoc,
    buoc: m.buoc,
    institution: m.institution,
    imported: result.imported,
    alreadyPresent: result.alreadyPresent,
    refused: result.refused,
    problems: result.check.problems,
  });
}
