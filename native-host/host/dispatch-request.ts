import type { HostRequest } from "../../shared/protocol/requests.ts";
import { archiveList } from "./actions/archive-list.ts";
import { cancel } from "./actions/cancel.ts";
import { hello } from "./actions/hello.ts";
import { listTokens } from "./actions/list-tokens.ts";
import { signBatch } from "./actions/sign-batch.ts";
import { status } from "./actions/status.ts";
import { verify } from "./actions/verify.ts";
import type { HostContext } from "./host-context.ts";

/** Routes a validated request to its action. Actions send their own replies and throw on failure. */
export async function dispatchRequest(ctx: HostContext, request: HostRequest): Promise<void> {
  switch (request.type) {
    case "hello":
      await hello(ctx, request);
      return;
    case "status":
      return status(ctx, request);
    case "list-tokens":
      return listTokens(ctx, request);
    case "sign-batch":
      return signBatch(ctx, request);
    case "verify":
      return verify(ctx, request);
    case "cancel":
      return cancel(ctx, request);
    case "archive-list":
      return archiveList(ctx, request);
  }
}
