import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/limits.ts";
import type { StatusRequest } from "../../../shared/protocol/requests.ts";
import type { StatusReply } from "../../../shared/protocol/responses.ts";
import { archiveServerLabel, isArchiveUrl, redactArchiveUrl } from "../../archive/pg/archive-url.ts";
import type { HostContext } from "../host-context.ts";

/** Host version, PKCS#11 libraries, tokens present and the archive: what a support call needs. */
export async function status(ctx: HostContext, request: StatusRequest): Promise<void> {
  const { modules, tokens } = await ctx.tokenLock.run(async () => ({
    modules: await ctx.backend.modules(),
    tokens: (await ctx.backend.listTokens()).tokens,
  }));
  let archive: StatusReply["archive"];
  // The shared archive's URL holds its password: only its redacted form leaves the helper.
  const where = isArchiveUrl(ctx.archivePath)
    ? {
        path: redactArchiveUrl(ctx.archivePath),
        engine: "postgres" as const,
        server: archiveServerLabel(ctx.archivePath),
      }
    : // The PC's own file: said as before (no engine); the popup names only the shared one.
      { path: ctx.archivePath };
  try {
    archive = { ...where, documents: ctx.archive().count() };
  } catch (err) {
    archive = { ...where, documents: 0, ...(isHocBaError(err) ? { error: err.toJSON() } : {}) };
  }
  await ctx.reply.send({
    type: "status",
    requestId: request.requestId,
    hostVersion: ctx.hostVersion,
    protocolVersion: PROTOCOL_VERSION,
    modules,
    tokens: tokens.map(({ label, manufacturer, model, serialNumber, modulePath }) => ({
      label,
      manufacturer,
      model,
      serialNumber,
      modulePath,
    })),
    archive,
  });
}
