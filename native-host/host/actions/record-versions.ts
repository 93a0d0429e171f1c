import type { RecordVersionsRequest } from "../../../shared/protocol/record-versions.ts";
import { signingRolesFor } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { latestVersion, readRecordVersions, type RecordVersion } from "../../archive/read-record-versions.ts";
import type { HostContext } from "../host-context.ts";

/**
 * The latest archived version of each learner's record for the year: one `record-version` reply
 * per learner (with the archived copy carrying the most signatures), then `record-versions-done`.
 * The extension builds the next version from it, as `hocba build` does from the same archive.
 */
export async function recordVersions(ctx: HostContext, request: RecordVersionsRequest): Promise<void> {
  const archive = ctx.archive();
  let found = 0;
  for (const maHocVien of new Set(request.maHocVien)) {
    const versions = readRecordVersions(archive, {
      namHoc: request.namHoc,
      maHocVien,
      ...(request.maTruong !== undefined ? { maTruong: request.maTruong } : {}),
    });
    const latest = latestVersion(versions);
    const copy = latest ? mostSigned(latest) : undefined;
    if (latest && copy) found++;
    await ctx.reply.send(
      {
        type: "record-version",
        requestId: request.requestId,
        maHocVien,
        ...(latest && copy
          ? {
              latest: {
                idBanGhi: latest.idBanGhi,
                phienBan: latest.phienBan,
                suKien: latest.suKien,
                sha256: latest.sha256,
                roles: latest.roles,
                versions: versions.versions.length,
                fileName: copy.fileName,
                xml: copy.bytes.toString("utf8"),
              },
            }
          : {}),
      },
      maHocVien,
    );
  }
  ctx.log.info("record-versions", { namHoc: request.namHoc, asked: request.maHocVien.length, found });
  await ctx.reply.send({ type: "record-versions-done", requestId: request.requestId, found });
}

/** The archived copy signed furthest along the roles (the most recently archived among equals). */
function mostSigned(version: RecordVersion): RecordVersion["documents"][number] | undefined {
  const order = signingRolesFor(version.suKien);
  let best: RecordVersion["documents"][number] | undefined;
  for (const d of version.documents) {
    if (!best || order.indexOf(d.role) >= order.indexOf(best.role)) best = d;
  }
  return best;
}
