import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { HeaderMapping } from "../../shared/portal-adapters/common/header-mapping.ts";

/** Parses and validates the generic adapter's header mapping typed in the options page. */
export function validateMapping(text: string): HeaderMapping | undefined {
  if (text.trim() === "" || text.trim() === "{}") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HocBaError("EXT_MAPPING_JSON", { detail: err instanceof Error ? err.message : String(err) });
  }
  const parsed = HeaderMapping.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HocBaError("EXT_MAPPING_INVALID", {
      field: issue?.path.map(String).join(".") || "(gốc)",
      detail: issue?.message ?? "?",
    });
  }
  return parsed.data;
}
