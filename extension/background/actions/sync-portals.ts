import { originPattern } from "../../services/settings.ts";
import type { BackgroundDeps } from "../deps.ts";

/**
 * Registers the content script on the configured portal origins the user granted, and nowhere
 * else. Runs when settings change, at install/startup and when a permission is removed.
 */
export async function syncPortals(
  deps: Pick<BackgroundDeps, "settings" | "grantedOrigins" | "registerPortalScript">,
): Promise<{ origins: string[] }> {
  const settings = await deps.settings();
  const granted = new Set(await deps.grantedOrigins());
  const origins = settings.portals
    .map((p) => p.origin)
    .filter((origin) => granted.has(originPattern(origin)));
  const patterns = [...new Set(origins.map(originPattern))].sort();
  await deps.registerPortalScript(patterns);
  return { origins };
}
