import { readFileSync } from "node:fs";
import { checkGradebook } from "../../../../shared/check/check-gradebook.ts";
import type { Gradebook, Learner } from "../../../../shared/model/gradebook.ts";
import { parseGradebook } from "../../../../shared/model/parse-gradebook.ts";
import { loadProfile } from "../../../../shared/rules/load-profile.ts";

export const FIXTURES_DIR = new URL("../../../fixtures/", import.meta.url);

export function loadFixture(name: string): Gradebook {
  return parseGradebook(JSON.parse(readFileSync(new URL(name, FIXTURES_DIR), "utf8")), name);
}

/** The learners `hocba build` would build: those without check errors. */
export function cleanLearners(gb: Gradebook): Learner[] {
  const report = checkGradebook(gb, loadProfile(gb.profile), { today: "2026-05-25" });
  const blocked = new Set(report.items.filter((i) => i.severity === "error").map((i) => i.path.learnerIndex));
  return gb.learners.filter((_, i) => !blocked.has(i));
}
