import type { SavedGradebook } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";
import { saveGradebook } from "../services/save-gradebook.ts";

/**
 * A class read from Excel files in the review page: validated against the model, checked and
 * stored like a class read from the portal (its source is "file").
 */
export function importGradebook(
  deps: Pick<BackgroundDeps, "db">,
  gradebook: unknown,
): Promise<SavedGradebook> {
  return saveGradebook(deps, gradebook, "file");
}
