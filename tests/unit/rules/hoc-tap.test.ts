import { describe, expect, it } from "vitest";
import type { MucXepLoai } from "../../../shared/model/gradebook.ts";
import { classifyHocTap, type SubjectOutcome } from "../../../shared/rules/classify-hoc-tap.ts";
import { fromNumber } from "../../../shared/rules/decimal.ts";
import { TT22, TT43 } from "./helpers.ts";

const s = (x: number): SubjectOutcome => ({ kind: "score", value: fromNumber(x) });
const c = (x: "Đ" | "CĐ"): SubjectOutcome => ({ kind: "comment", value: x });
const scores = (...xs: number[]) => xs.map(s);

// TT22: 8 scored subjects + comment subjects; thresholds count 6 (TT22) or 5 (GDTX profile).
describe("học tập level, TT22 (6 subjects)", () => {
  it.each<[string, SubjectOutcome[], MucXepLoai]>([
    ["all ≥ 8,0 and comments Đ → Tốt", [...scores(8, 8, 8, 8, 8, 8, 8, 8), c("Đ")], "T"],
    ["6 at 8,0 and the rest exactly 6,5 → Tốt", scores(8, 8, 8, 8, 8, 8, 6.5, 6.5), "T"],
    ["only 5 at 8,0 → Khá", scores(8, 8, 8, 8, 8, 7.9, 6.5, 6.5), "K"],
    ["6 at 8,0 but one 6,4 → Khá", scores(8, 8, 8, 8, 8, 8, 6.4, 7), "K"],
    ["Tốt scores but one comment CĐ → Đạt", [...scores(9, 9, 9, 9, 9, 9, 9, 9), c("CĐ")], "Đ"],
    ["6 at 6,5 and rest exactly 5,0 → Khá", scores(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 5), "K"],
    ["only 5 at 6,5 → Đạt", scores(6.5, 6.5, 6.5, 6.5, 6.5, 6.4, 5, 5), "Đ"],
    ["6 at 6,5 but one 4,9 → Đạt", scores(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 4.9, 5), "Đ"],
    ["6 at 5,0 and the rest exactly 3,5 → Đạt", scores(5, 5, 5, 5, 5, 5, 3.5, 3.5), "Đ"],
    ["only 5 at 5,0 → Chưa đạt", scores(5, 5, 5, 5, 5, 4.9, 3.5, 3.5), "CĐ"],
    ["one 3,4 → Chưa đạt", scores(9, 9, 9, 9, 9, 9, 9, 3.4), "CĐ"],
    ["two comment subjects CĐ → Chưa đạt", [...scores(9, 9, 9, 9, 9, 9), c("CĐ"), c("CĐ")], "CĐ"],
    ["one comment CĐ with Đạt scores → Đạt", [...scores(5, 5, 5, 5, 5, 5, 4, 4), c("CĐ"), c("Đ")], "Đ"],
  ])("%s", (_name, outcomes, expected) => {
    expect(classifyHocTap(outcomes, TT22)).toBe(expected);
  });
});

describe("subject-count thresholds: exactly 6 vs 5 (TT22), 5 vs 4 (GDTX)", () => {
  const atLevel = (n: number, high: number, rest: number) => [
    ...Array.from({ length: n }, () => s(high)),
    ...Array.from({ length: 8 - n }, () => s(rest)),
  ];
  it.each<[number, MucXepLoai, MucXepLoai]>([
    // [subjects at the upper score, TT22 result, GDTX result]
    [6, "T", "T"],
    [5, "K", "T"],
    [4, "K", "K"],
  ])("%i subjects at 8,0, the rest 6,5: TT22 %s, GDTX %s", (n, tt22, gdtx) => {
    expect(classifyHocTap(atLevel(n, 8, 6.5), TT22)).toBe(tt22);
    expect(classifyHocTap(atLevel(n, 8, 6.5), TT43)).toBe(gdtx);
  });
  it.each<[number, MucXepLoai, MucXepLoai]>([
    [6, "K", "K"],
    [5, "Đ", "K"],
    [4, "Đ", "Đ"],
  ])("%i subjects at 6,5, the rest 5,0: TT22 %s, GDTX %s", (n, tt22, gdtx) => {
    expect(classifyHocTap(atLevel(n, 6.5, 5), TT22)).toBe(tt22);
    expect(classifyHocTap(atLevel(n, 6.5, 5), TT43)).toBe(gdtx);
  });
  it.each<[number, MucXepLoai, MucXepLoai]>([
    [6, "Đ", "Đ"],
    [5, "CĐ", "Đ"],
    [4, "CĐ", "CĐ"],
  ])("%i subjects at 5,0, the rest 3,5: TT22 %s, GDTX %s", (n, tt22, gdtx) => {
    expect(classifyHocTap(atLevel(n, 5, 3.5), TT22)).toBe(tt22);
    expect(classifyHocTap(atLevel(n, 5, 3.5), TT43)).toBe(gdtx);
  });
});
