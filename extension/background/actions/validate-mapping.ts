import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { validateMapping } from "../../services/validate-mapping.ts";

/** Validates the generic adapter's header mapping (zod lives in the background, not in the pages). */
export function validateMappingAction(text: unknown): { valid: true } {
  if (typeof text !== "string") {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "validate-mapping", field: "text" });
  }
  validateMapping(text);
  return { valid: true };
}
