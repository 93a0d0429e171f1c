import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { MESSAGES } from "../../../shared/errors/message-table.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { parseGradebook } from "../../../shared/model/parse-gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";

const base = JSON.parse(
  readFileSync(new URL("../../fixtures/gradebook-errors.json", import.meta.url), "utf8"),
) as Gradebook;
const PROFILES = [loadProfile("gdtx-tt43"), loadProfile("thpt-tt22")];

/** Either a gradebook, or a HocBaError; anything else thrown fails the property. */
function parseOrHocBaError(json: unknown): Gradebook | undefined {
  try {
    return parseGradebook(json, "x.json");
  } catch (err) {
    expect(err).toBeInstanceOf(HocBaError);
    return undefined;
  }
}

const anyDiem = fc.oneof(
  fc.constant(null),
  fc.constantFrom("Đ", "CĐ"),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -5, max: 15 }),
  fc.integer({ min: 0, max: 10 }),
  fc.constantFrom(7.55, 6.45, 7.25, 8.125, 1e-7, 0, 10, 11),
);
const anyLevel = fc.constantFrom(null, "T", "K", "Đ", "CĐ");
const anyValue = fc.oneof(
  anyDiem,
  anyLevel,
  fc.string(),
  fc.integer(),
  fc.constant(undefined),
  fc.anything(),
);

interface Replacement {
  sameType: boolean;
  num: number;
  str: string;
  level: string | null;
  other: unknown;
}
const anyReplacement = fc.record({
  sameType: fc.boolean(),
  num: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -5, max: 60 }),
    fc.integer({ min: -3, max: 60 }),
  ),
  str: fc.oneof(
    fc.string(),
    fc.constantFrom("", "2025-02-30", "2027-01-01", "12345678901", "Đ", "CĐ", "T", "K"),
  ),
  level: anyLevel,
  other: anyValue,
});

/** A value like the original (same JSON type) half the time, anything otherwise. */
function replacement(original: unknown, r: Replacement): unknown {
  if (!r.sameType) return r.other;
  if (typeof original === "number") return r.num;
  if (typeof original === "string") return original.length <= 2 && r.level !== null ? r.level : r.str;
  if (original === null) return r.level ?? r.num;
  return r.other;
}

/** Replaces the value at a random path (a walk of key indexes) of a gradebook. */
function mutate(gb: unknown, path: number[], r: Replacement): unknown {
  const copy = structuredClone(gb) as Record<string, unknown>;
  let node: unknown = copy;
  for (const [depth, step] of path.entries()) {
    if (node === null || typeof node !== "object") break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length] as string;
    const child = (node as Record<string, unknown>)[key];
    if (child === null || typeof child !== "object" || depth === path.length - 1) {
      (node as Record<string, unknown>)[key] = replacement(child, r);
      break;
    }
    node = child;
  }
  return copy;
}

describe("never throws anything but HocBaError", () => {
  it("arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        parseOrHocBaError(json);
      }),
      { numRuns: 300 },
    );
  });

  it("mutated gradebooks: parse throws only HocBaError, check never throws and is consistent", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(40), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.array(anyReplacement, { minLength: 4, maxLength: 4 }),
        fc.nat(1),
        (paths, replacements, p) => {
          let json: unknown = base;
          paths.forEach((path, i) => {
            const r = replacements[i];
            if (r) json = mutate(json, path, r);
          });
          const gb = parseOrHocBaError(json);
          if (!gb) return;
          const profile = PROFILES[p] ?? PROFILES[0];
          if (!profile) throw new Error("no profile");
          const report = checkGradebook(gb, profile, { today: "2026-05-25" });
          checked++;
          expect(report.errorCount + report.warningCount).toBe(report.items.length);
          for (const item of report.items) {
            expect(item.code).toMatch(/^CHECK_/);
            // Every placeholder of the template is filled (the data itself may contain braces).
            for (const [, name] of MESSAGES[item.code].vi.matchAll(/\{(\w+)\}/g)) {
              expect(item.params).toHaveProperty(name as string);
            }
          }
        },
      ),
      { numRuns: 800 },
    );
    // The mutations must reach the checker often enough to mean something (about 15% of runs do).
    expect(checked).toBeGreaterThan(50);
  });

  it("random scores in every slot of a valid gradebook", () => {
    fc.assert(
      fc.property(
        fc.array(anyDiem, { minLength: 40, maxLength: 40 }),
        fc.array(anyLevel, { minLength: 8, maxLength: 8 }),
        (diems, levels) => {
          const gb = structuredClone(base);
          let i = 0;
          for (const l of gb.learners) {
            for (const k of l.ketQua) {
              k.hk1.tx = k.hk1.tx.map(() => diems[i++ % diems.length] ?? null);
              k.hk2.gk = diems[i++ % diems.length] ?? null;
              k.cn.tbm =
                typeof diems[i % diems.length] === "number" ? (diems[i % diems.length] as number) : null;
              i++;
            }
            l.hocTap.cn = levels[i % 8] ?? null;
            l.renLuyen.hk2 = levels[(i + 3) % 8] ?? null;
          }
          const parsed = parseOrHocBaError(gb);
          if (!parsed) return;
          for (const profile of PROFILES) {
            const report = checkGradebook(parsed, profile, { today: "2026-05-25" });
            expect(report.items.every((it) => it.message.length > 0)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  // Regression (fast-check seed -431504815): data that looks like a placeholder stays as the data.
  it("a message quotes data containing braces as it is, and fills its own placeholders", () => {
    const gb = parseGradebook({ ...base, profile: "{maHocVien}" }, "x.json");
    const report = checkGradebook(gb, loadProfile("gdtx-tt43"), { today: "2026-05-25" });
    const item = report.items.find((i) => i.message.includes("«{maHocVien}»"));
    expect(item?.message).toMatch(/«gdtx-tt43»/);
  });
});
