import { describe, expect, it } from "vitest";
import type { Diem } from "../../../shared/model/gradebook.ts";
import {
  evaluateCommentSemester,
  evaluateCommentYear,
} from "../../../shared/rules/evaluate-comment-subject.ts";
import { requiredTxCount } from "../../../shared/rules/required-tx-count.ts";
import { TT22, TT43 } from "./helpers.ts";

describe("required ĐĐGtx per semester from periods a year", () => {
  it.each([
    [1, 2],
    [35, 2],
    [36, 3],
    [52, 3],
    [70, 3],
    [71, 4],
    [105, 4],
    [140, 4],
  ])("%i periods → %i", (periods, count) => {
    expect(requiredTxCount(periods, TT22)).toBe(count);
    expect(requiredTxCount(periods, TT43)).toBe(count);
  });
});

describe("comment-only subjects (Đạt / Chưa đạt)", () => {
  const D = "Đ" as const;
  const CD = "CĐ" as const;
  it.each<{ name: string; tx: Diem[]; gk: Diem; ck: Diem; expected: "Đ" | "CĐ" | undefined }>([
    { name: "every required check Đ", tx: [D, D], gk: D, ck: D, expected: "Đ" },
    { name: "one ĐĐGtx CĐ", tx: [D, CD], gk: D, ck: D, expected: "CĐ" },
    { name: "mid-term CĐ", tx: [D, D], gk: CD, ck: D, expected: "CĐ" },
    { name: "end-term CĐ", tx: [D, D], gk: D, ck: CD, expected: "CĐ" },
    { name: "a required ĐĐGtx missing (1 of 2)", tx: [D], gk: D, ck: D, expected: "CĐ" },
    { name: "a ĐĐGtx slot left empty", tx: [D, null], gk: D, ck: D, expected: "CĐ" },
    { name: "end-term not done", tx: [D, D], gk: D, ck: null, expected: "CĐ" },
    { name: "more ĐĐGtx than required, all Đ", tx: [D, D, D], gk: D, ck: D, expected: "Đ" },
    { name: "a number among Đ/CĐ: not a result", tx: [D, 7], gk: D, ck: D, expected: undefined },
  ])("$name → $expected", ({ tx, gk, ck, expected }) => {
    expect(evaluateCommentSemester(tx, gk, ck, 2)).toBe(expected);
  });

  it("the year result is the HK II result", () => {
    expect(evaluateCommentYear("CĐ")).toBe("CĐ");
    expect(evaluateCommentYear("Đ")).toBe("Đ");
  });
});
