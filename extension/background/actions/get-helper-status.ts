import type { HelperStatus } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import type { BackgroundDeps } from "../deps.ts";
import type { HelloReply } from "../../../shared/protocol/responses.ts";

/** Asks the helper for its version and the tokens plugged in: never throws, a failure is in `error`. */
export async function getHelperStatus(deps: Pick<BackgroundDeps, "helpers">): Promise<HelperStatus> {
  let hello: HelloReply | undefined;
  try {
    return await deps.helpers.use(async (client) => {
      hello = client.hello;
      const status = await client.status();
      const { engine, server, documents } = status.archive;
      return {
        installed: true,
        version: status.hostVersion,
        tokens: status.tokens.map((t) => t.label),
        ...(engine ? { archive: { engine, documents, ...(server ? { server } : {}) } } : {}),
      };
    });
  } catch (err) {
    // The helper answered hello but failed later: it is installed, just unhappy.
    return {
      installed: hello !== undefined,
      version: hello?.hostVersion,
      tokens: [],
      error: toWireError(err),
    };
  }
}
