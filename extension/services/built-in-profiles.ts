import type { RulesProfile } from "../../shared/rules/rules-profile.ts";
import gdtxTt43 from "../../shared/rules/profiles/gdtx-tt43.json" with { type: "json" };
import thptTt22 from "../../shared/rules/profiles/thpt-tt22.json" with { type: "json" };
import { HocBaError } from "../../shared/errors/hocba-error.ts";

/**
 * The built-in rules profiles, without zod: the pages stay under their size budget, and the same
 * JSON files are validated by loadProfile in the unit tests (tests/extension checks they match).
 */
const PROFILES: Readonly<Record<string, RulesProfile>> = {
  "gdtx-tt43": gdtxTt43 as RulesProfile,
  "thpt-tt22": thptTt22 as RulesProfile,
};

export const PROFILE_IDS: readonly string[] = Object.keys(PROFILES);

export function builtInProfile(id: string): RulesProfile {
  const profile = PROFILES[id];
  if (!profile) throw new HocBaError("CHECK_PROFILE_UNKNOWN", { profile: id, known: PROFILE_IDS.join(", ") });
  return profile;
}
