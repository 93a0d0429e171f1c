import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { HeaderMapping } from "../../../shared/portal-adapters/common/header-mapping.ts";
import type { PortalSetting, Settings } from "../../services/settings.ts";
import { validateMapping } from "../../services/validate-mapping.ts";
import type { BackgroundDeps } from "../deps.ts";
import { originOf } from "../sender.ts";

/** The configured portal a page belongs to, with the settings and the generic adapter's mapping. */
export async function portalOf(
  deps: Pick<BackgroundDeps, "settings">,
  url: string,
): Promise<{ portal: PortalSetting; settings: Settings; mapping: HeaderMapping | undefined }> {
  const settings = await deps.settings();
  const origin = originOf(url);
  const portal = settings.portals.find((p) => p.origin === origin);
  if (!portal) throw new HocBaError("EXT_SENDER_REJECTED", { action: "portal", origin: origin ?? "?" });
  let mapping: HeaderMapping | undefined;
  try {
    mapping = validateMapping(settings.genericMapping);
  } catch {
    // The options page refuses to save an invalid mapping; an old invalid one is simply not used.
    mapping = undefined;
  }
  return { portal, settings, mapping };
}
