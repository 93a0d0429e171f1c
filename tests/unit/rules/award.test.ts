import { describe, expect, it } from "vitest";
import type { DanhHieu, MucXepLoai } from "../../../shared/model/gradebook.ts";
import { decideAward } from "../../../shared/rules/decide-award.ts";
import { fromNumber } from "../../../shared/rules/decimal.ts";
import { TT22, TT43 } from "./helpers.ts";

const year = (high: number, highScore = 9, rest = 8.5) => [
  ...Array.from({ length: high }, () => fromNumber(highScore)),
  ...Array.from({ length: 8 - high }, () => fromNumber(rest)),
];

describe("awards: Xuất sắc (≥ 6 subjects ≥ 9,0 TT22; ≥ 5 TT43) and Giỏi", () => {
  it.each<[string, MucXepLoai, MucXepLoai, number, number, DanhHieu | null, DanhHieu | null]>([
    // name, học tập, rèn luyện, subjects at the score, the score, TT22, TT43
    ["6 subjects at exactly 9,0", "T", "T", 6, 9, "XuatSac", "XuatSac"],
    ["5 subjects at 9,0", "T", "T", 5, 9, "Gioi", "XuatSac"],
    ["4 subjects at 9,0", "T", "T", 4, 9, "Gioi", "Gioi"],
    ["8 subjects at 8,9", "T", "T", 8, 8.9, "Gioi", "Gioi"],
    ["rèn luyện Khá", "T", "K", 8, 9.5, null, null],
    ["học tập Khá", "K", "T", 8, 9.5, null, null],
    ["both Khá", "K", "K", 0, 9, null, null],
  ])("%s (học tập %s, rèn luyện %s)", (_name, hocTap, renLuyen, n, score, tt22, tt43) => {
    expect(decideAward(hocTap, renLuyen, year(n, score), TT22)).toBe(tt22);
    expect(decideAward(hocTap, renLuyen, year(n, score), TT43)).toBe(tt43);
  });
});
