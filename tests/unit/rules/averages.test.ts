import { describe, expect, it } from "vitest";
import type { RulesProfile } from "../../../shared/rules/rules-profile.ts";
import {
  computeSemesterAverage,
  computeYearAverage,
  roundAverage,
} from "../../../shared/rules/compute-averages.ts";
import { fromNumber, toPlainString } from "../../../shared/rules/decimal.ts";
import { evaluateLearner } from "../../../shared/rules/evaluate-learner.ts";
import { gradebook, learner, scored, TT22 } from "./helpers.ts";

const d = (xs: number[]) => xs.map(fromNumber);
const text = (x: ReturnType<typeof fromNumber>) => toPlainString(x);

describe("ĐTBmhk = (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5)", () => {
  it.each([
    // tx 8, 7, 9, 6 (Σ 30); gk 7; ck 8 → (30 + 14 + 24) / 9 = 68/9 = 7,555… → 7,6
    { tx: [8, 7, 9, 6], gk: 7, ck: 8, exact: undefined, rounded: "7.6" },
    // tx 7, 8 (Σ 15); gk 6.5; ck 7.5 → (15 + 13 + 22.5) / 7 = 50.5/7 = 7,214… → 7,2
    { tx: [7, 8], gk: 6.5, ck: 7.5, exact: undefined, rounded: "7.2" },
    // tx 7, 7.5, 7 (Σ 21.5); gk 7.5; ck 7 → (21.5 + 15 + 21) / 8 = 57.5/8 = 7,1875 → 7,2
    { tx: [7, 7.5, 7], gk: 7.5, ck: 7, exact: "7.1875", rounded: "7.2" },
    // tx 6, 7, 6.5 (Σ 19.5); gk 7; ck 7 → (19.5 + 14 + 21) / 8 = 54.5/8 = 6,8125 → 6,8
    { tx: [6, 7, 6.5], gk: 7, ck: 7, exact: "6.8125", rounded: "6.8" },
    // tx 7, 7.5, 7.5 (Σ 22); gk 7; ck 7.5 → (22 + 14 + 22.5) / 8 = 58.5/8 = 7,3125 → 7,3
    { tx: [7, 7.5, 7.5], gk: 7, ck: 7.5, exact: "7.3125", rounded: "7.3" },
    // every entry 7.25 → 7,25 exactly, a true half → 7,3 (half-up)
    { tx: [7.25, 7.25, 7.25], gk: 7.25, ck: 7.25, exact: "7.25", rounded: "7.3" },
  ])("tx $tx, gk $gk, ck $ck → $rounded", ({ tx, gk, ck, exact, rounded }) => {
    const x = computeSemesterAverage(d(tx), fromNumber(gk), fromNumber(ck), TT22);
    if (exact !== undefined) expect(text(x)).toBe(exact);
    expect(text(roundAverage(x, TT22))).toBe(rounded);
  });
});

describe("ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3", () => {
  it.each([
    // (7.2 + 2·8.1)/3 = 23.4/3 = 7,8 exactly
    { hk1: 7.2, hk2: 8.1, rounded: "7.8" },
    // (6.4 + 2·6.5)/3 = 19.4/3 = 6,4666… → 6,5
    { hk1: 6.4, hk2: 6.5, rounded: "6.5" },
    // (5 + 2·4.9)/3 = 14.8/3 = 4,9333… → 4,9 (re-test territory)
    { hk1: 5, hk2: 4.9, rounded: "4.9" },
    // (8.6 + 2·9.2)/3 = 27/3 = 9,0 exactly
    { hk1: 8.6, hk2: 9.2, rounded: "9" },
  ])("($hk1 + 2·$hk2)/3 → $rounded", ({ hk1, hk2, rounded }) => {
    expect(text(roundAverage(computeYearAverage(fromNumber(hk1), fromNumber(hk2), TT22), TT22))).toBe(
      rounded,
    );
  });

  it("uses the rounded semester averages (TT22 Điều 9), the exact ones only when a profile says so", () => {
    // HK I: tx 6, 6, 6.5 (Σ 18.5), gk 6.5, ck 6.5 → (18.5 + 13 + 19.5)/8 = 51/8 = 6,375 → 6,4
    // HK II: every entry 6.45 → 6,45 → 6,5
    // rounded: (6.4 + 2·6.5)/3 = 19.4/3 = 6,4666… → 6,5
    // exact:   (6.375 + 2·6.45)/3 = 19.275/3 = 6,425 → 6,4
    const s = scored("TO");
    const hk = (tx: number[], gk: number, ck: number) => ({ tx, gk, ck, tbm: null, mucDanhGia: null });
    const l = learner([
      {
        maMon: "TO",
        hk1: hk([6, 6, 6.5], 6.5, 6.5),
        hk2: hk([6.45, 6.45, 6.45], 6.45, 6.45),
        cn: { tbm: null, mucDanhGia: null },
        ktLai: null,
        giaoVien: "",
        nhanXet: "",
      },
    ]);
    const gb = gradebook([s], [l]);
    const rounded = evaluateLearner(gb, l, TT22).subjects[0];
    expect(text(rounded?.hk1.tbm ?? fromNumber(-1))).toBe("6.4");
    expect(text(rounded?.hk2.tbm ?? fromNumber(-1))).toBe("6.5");
    expect(text(rounded?.cn.tbm ?? fromNumber(-1))).toBe("6.5");
    expect(text(rounded?.cn.tbmFromUnroundedSemesters ?? fromNumber(-1))).toBe("6.4");

    const exactProfile: RulesProfile = {
      ...TT22,
      yearAverageFromRoundedSemesters: { ...TT22.yearAverageFromRoundedSemesters, value: false },
    };
    const exact = evaluateLearner(gb, l, exactProfile).subjects[0];
    expect(text(exact?.cn.tbmExact ?? fromNumber(-1))).toBe("6.425");
    expect(text(exact?.cn.tbm ?? fromNumber(-1))).toBe("6.4");
    expect(exact?.cn.tbmFromUnroundedSemesters).toBeUndefined();
  });
});
