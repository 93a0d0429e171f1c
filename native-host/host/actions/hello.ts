import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { LIMITS, PROTOCOL_VERSION } from "../../../shared/protocol/limits.ts";
import { REQUEST_TYPES, type HelloRequest } from "../../../shared/protocol/requests.ts";
import type { HostContext } from "../host-context.ts";

/** Agrees on the protocol version; returns whether the session may go on. */
export async function hello(ctx: HostContext, request: HelloRequest): Promise<boolean> {
  ctx.log.info("hello", {
    client: request.client.name.slice(0, 64),
    clientVersion: request.client.version.slice(0, 32),
    protocol: request.protocolVersion,
  });
  if (request.protocolVersion !== PROTOCOL_VERSION) {
    throw new HocBaError("HOST_VERSION_MISMATCH", {
      client: request.protocolVersion,
      host: PROTOCOL_VERSION,
    });
  }
  await ctx.reply.send({
    type: "hello",
    requestId: request.requestId,
    hostVersion: ctx.hostVersion,
    protocolVersion: PROTOCOL_VERSION,
    capabilities: [...REQUEST_TYPES],
    limits: {
      maxRequestBytes: LIMITS.maxRequestBytes,
      maxReplyBytes: LIMITS.maxReplyBytes,
      maxDocumentsPerRequest: LIMITS.maxDocumentsPerRequest,
    },
  });
  return true;
}
