import { describe, expect, it } from "vitest";
import { DEFAULT_PHASES } from "../../../shared/progress/compute-progress.ts";
import { checkPlanPhases, parsePlanPhases } from "../../../shared/progress/parse-plan-phases.ts";

const days = (text: string) => Object.fromEntries(parsePlanPhases(text).map((p) => [p.step, p.daysBefore]));
const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return "no error";
};

describe("parsePlanPhases (the CLI's --ke-hoach, the options' step days)", () => {
  it("keeps the default days for steps not named, in the year's order", () => {
    expect(parsePlanPhases("")).toEqual([...DEFAULT_PHASES]);
    expect(days("nop=0, gvcn = 20")).toEqual({ gvcn: 20, "thu-truong": 7, "dong-dau": 3, nop: 0 });
    expect(parsePlanPhases("nop=0,gvcn=20").map((p) => p.step)).toEqual([
      "gvcn",
      "thu-truong",
      "dong-dau",
      "nop",
    ]);
  });

  it("takes 0 and 365 days, refuses 366, a negative, a fraction, an unknown step or another separator", () => {
    expect(days("gvcn=365").gvcn).toBe(365);
    expect(days("gvcn=0,thu-truong=0,dong-dau=0,nop=0")).toEqual({
      gvcn: 0,
      "thu-truong": 0,
      "dong-dau": 0,
      nop: 0,
    });
    for (const bad of ["gvcn=366", "gvcn=-1", "gvcn=1.5", "hieu-truong=3", "gvcn:14", "gvcn="]) {
      expect(
        code(() => parsePlanPhases(bad)),
        bad,
      ).toBe("PROGRESS_BAD_PHASES");
    }
  });

  it("refuses a step due before the one it follows; equal days are allowed", () => {
    expect(days("thu-truong=14").gvcn).toBe(14);
    expect(code(() => parsePlanPhases("thu-truong=15"))).toBe("PROGRESS_PHASES_ORDER");
    expect(code(() => parsePlanPhases("nop=4"))).toBe("PROGRESS_PHASES_ORDER");
    expect(code(() => checkPlanPhases([{ step: "nop", daysBefore: Number.NaN }]))).toBe(
      "PROGRESS_BAD_PHASES",
    );
    // Only the steps given are compared: a plan without the seal may have the package after the head.
    expect(
      checkPlanPhases([
        { step: "nop", daysBefore: 2 },
        { step: "thu-truong", daysBefore: 5 },
      ]),
    ).toEqual([
      { step: "thu-truong", daysBefore: 5 },
      { step: "nop", daysBefore: 2 },
    ]);
  });
});
