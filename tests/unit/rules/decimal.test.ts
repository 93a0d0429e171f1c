import { describe, expect, it } from "vitest";
import {
  add,
  compare,
  decimalPlaces,
  div,
  fromNumber,
  parseDecimal,
  roundHalfUp,
  toFixed,
  toNumber,
  toPlainString,
  truncate,
} from "../../../shared/rules/decimal.ts";

describe("exact decimals", () => {
  it("reads a number through its shortest decimal text, not its binary value", () => {
    // 6.45 as a double is 6.45000000000000017763568394002504646778106689453125
    expect(fromNumber(6.45)).toEqual({ n: 129n, d: 20n });
    expect(fromNumber(0.1)).toEqual({ n: 1n, d: 10n });
    expect(fromNumber(1e-7)).toEqual({ n: 1n, d: 10000000n });
    expect(fromNumber(-2.5)).toEqual({ n: -5n, d: 2n });
    // 0.1 + 0.2 is exactly 0.3 here, unlike binary floats
    expect(compare(add(fromNumber(0.1), fromNumber(0.2)), fromNumber(0.3))).toBe(0);
  });

  it.each([
    [7.25, "7.3"],
    [7.249, "7.2"],
    [6.45, "6.5"],
    [7.26, "7.3"],
    [8.05, "8.1"],
    [1.15, "1.2"],
    [9.95, "10.0"],
    [0.04, "0.0"],
    [5, "5.0"],
  ])("rounds %s half-up to %s", (x, expected) => {
    expect(toFixed(roundHalfUp(fromNumber(x), 1), 1)).toBe(expected);
  });

  it("rounds a repeating fraction exactly: 68/9 = 7.555… → 7.6, 22/3 = 7.333… → 7.3", () => {
    expect(toPlainString(roundHalfUp(div(fromNumber(68), 9), 1))).toBe("7.6");
    expect(toPlainString(roundHalfUp(div(fromNumber(22), 3), 1))).toBe("7.3");
    // 6.45 is exactly half-way only when computed exactly: (6.4 + 2·6.475)/3 = 6.45 → 6.5
    expect(toPlainString(roundHalfUp(div(add(fromNumber(6.4), fromNumber(12.95)), 3), 1))).toBe("6.5");
  });

  it("truncates toward zero", () => {
    expect(toPlainString(truncate(fromNumber(7.29), 1))).toBe("7.2");
  });

  it.each([
    [7, 0],
    [7.5, 1],
    [7.55, 2],
    [8.125, 3],
    [1e-7, 7],
    [1.5e-5, 6],
    [1e21, 0],
  ])("counts the decimals of %s: %i", (x, n) => {
    expect(decimalPlaces(x)).toBe(n);
  });

  it("converts back to numbers through text", () => {
    expect(toNumber(roundHalfUp(fromNumber(6.45), 1))).toBe(6.5);
    expect(toNumber(div(fromNumber(1), 3))).toBeCloseTo(0.333333333333, 12);
    expect(toPlainString(div(fromNumber(1), 3))).toBeUndefined();
    expect(toPlainString(fromNumber(6.25))).toBe("6.25");
  });

  it("rejects text that is not a decimal", () => {
    expect(parseDecimal("7,5")).toBeUndefined();
    expect(parseDecimal("abc")).toBeUndefined();
    expect(parseDecimal("1e999")).toBeUndefined();
    expect(() => fromNumber(Number.NaN)).toThrow(RangeError);
  });
});
