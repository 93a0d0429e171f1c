import type { ListTokensRequest } from "../../../shared/protocol/requests.ts";
import type { HostContext } from "../host-context.ts";

/** Tokens with their certificates and PIN state; needs no PIN. Starts the document worker. */
export async function listTokens(ctx: HostContext, request: ListTokensRequest): Promise<void> {
  const { tokens, moduleErrors } = await ctx.tokenLock.run(() => ctx.backend.listTokens());
  await ctx.reply.send({ type: "tokens", requestId: request.requestId, tokens, moduleErrors });
  // A page that lists the tokens is about to sign: the document worker loads meanwhile, after the
  // reply, instead of in front of the batch's first check.
  void ctx.documents.warmUp();
}
