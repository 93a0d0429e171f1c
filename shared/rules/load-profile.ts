import { z } from "zod";
import { HocBaError } from "../errors/hocba-error.ts";
import { RulesProfile } from "./rules-profile.ts";
import thptTt22 from "./profiles/thpt-tt22.json" with { type: "json" };
import gdtxTt43 from "./profiles/gdtx-tt43.json" with { type: "json" };

/** The profiles shipped with the tool, by id. */
const BUILT_IN: Readonly<Record<string, unknown>> = {
  "thpt-tt22": thptTt22,
  "gdtx-tt43": gdtxTt43,
};

export const BUILT_IN_PROFILE_IDS: readonly string[] = Object.keys(BUILT_IN);

/** Validates a profile read from JSON (a built-in one or a centre's corrected file). */
export function parseRulesProfile(json: unknown, source: string): RulesProfile {
  const parsed = RulesProfile.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join(".") || "(gốc)"}: ${i.message}`)
      .join("; ");
    throw new HocBaError("CHECK_PROFILE_INVALID", { file: source, detail });
  }
  const profile = parsed.data;
  const problems = semanticProblems(profile);
  if (problems.length > 0) {
    throw new HocBaError("CHECK_PROFILE_INVALID", { file: source, detail: problems.join("; ") });
  }
  return profile;
}

function semanticProblems(p: RulesProfile): string[] {
  const out: string[] = [];
  const tx = p.txCount.value;
  if (tx[tx.length - 1]?.maxPeriods !== null) out.push("txCount: bậc cuối phải có maxPeriods = null");
  for (let i = 1; i < tx.length - 1; i++) {
    const prev = tx[i - 1]?.maxPeriods ?? 0;
    if ((tx[i]?.maxPeriods ?? 0) <= prev) out.push("txCount: maxPeriods phải tăng dần");
  }
  const levels = p.hocTapLevels.value.map((l) => l.level).join(",");
  if (levels !== "T,K,Đ") out.push(`hocTapLevels: phải theo thứ tự T,K,Đ (đang là ${levels})`);
  if (p.scores.value.min >= p.scores.value.max) out.push("scores: min phải nhỏ hơn max");
  return out;
}

/** A built-in profile by id; throws CHECK_PROFILE_UNKNOWN for any other id. */
export function loadProfile(id: string): RulesProfile {
  const json = Object.hasOwn(BUILT_IN, id) ? BUILT_IN[id] : undefined;
  if (json === undefined) {
    throw new HocBaError("CHECK_PROFILE_UNKNOWN", { profile: id, known: BUILT_IN_PROFILE_IDS.join(", ") });
  }
  return parseRulesProfile(json, `${id}.json`);
}

/** JSON Schema of a profile file, for centres who edit one by hand. */
export function rulesProfileJsonSchema(): unknown {
  return z.toJSONSchema(RulesProfile);
}
