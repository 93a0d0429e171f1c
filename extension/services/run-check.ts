import { checkGradebook } from "../../shared/check/check-gradebook.ts";
import type { CheckReport } from "../../shared/check/check-report.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { builtInProfile } from "./built-in-profiles.ts";

/** Checks a gradebook against the rules profile it names (TT22 / TT43). */
export function runCheck(gradebook: Gradebook): CheckReport {
  return checkGradebook(gradebook, builtInProfile(gradebook.profile));
}
