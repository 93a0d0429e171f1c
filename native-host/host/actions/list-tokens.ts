import type { ListTokensRequest } from "../../../shared/protocol/requests.ts";
import type { HostContext } from "../host-context.ts";

/** Tokens with their certificates and PIN state; needs no PIN. */
export async function listTokens(ctx: HostContext, request: ListTokensRequest): Promise<void> {
  const { tokens, moduleErrors } = await ctx.tokenLock.run(() => ctx.backend.listTokens());
  await ctx.reply.send({ type: "tokens", requestId: request.requestId, tokens, moduleErrors });
}
