import type { TokenList } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";
import { hostError } from "../services/helper-client.ts";

/** The tokens plugged in and their certificates (no PIN needed). */
export async function listTokens(deps: Pick<BackgroundDeps, "helpers">): Promise<TokenList> {
  const reply = await deps.helpers.use((client) => client.listTokens());
  return {
    tokens: reply.tokens,
    moduleErrors: reply.moduleErrors.map((m) => ({
      path: m.path,
      error: m.error ? hostError(m.error).toJSON() : undefined,
    })),
  };
}
