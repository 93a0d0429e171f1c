import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { isSignerRole } from "../../models/wire.ts";
import { reviewPath } from "../../services/review-url.ts";
import type { BackgroundDeps } from "../deps.ts";

/** Opens the review page on the given classes (and straight on a role's sign flow, if given). */
export async function openReview(
  deps: Pick<BackgroundDeps, "openTab">,
  classKeys: unknown,
  role: unknown,
): Promise<{ tabId?: number }> {
  if (!Array.isArray(classKeys) || classKeys.length === 0 || !classKeys.every((k) => typeof k === "string")) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "open-review", field: "classKeys" });
  }
  if (role !== undefined && !isSignerRole(role)) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "open-review", field: "role" });
  }
  const tab = await deps.openTab(reviewPath(classKeys, role));
  return { tabId: tab.id };
}
