import type { Diem } from "../model/gradebook.ts";
import { decimalPlaces, fromNumber, type Decimal } from "./decimal.ts";
import type { RulesProfile } from "./rules-profile.ts";

/** What one assessment entry is, judged against the subject's form and the profile's scale. */
export type ScoreReading =
  | { kind: "missing" }
  | { kind: "score"; value: Decimal }
  | { kind: "muc"; value: "Đ" | "CĐ" }
  | { kind: "outOfRange"; value: number }
  | { kind: "tooManyDecimals"; value: number }
  | { kind: "wrongKind"; value: number | string };

/** Reads a score entry of a scored subject (DiemSo). */
export function readScore(entry: Diem | undefined, profile: RulesProfile): ScoreReading {
  if (entry === null || entry === undefined) return { kind: "missing" };
  if (typeof entry !== "number") return { kind: "wrongKind", value: entry };
  const { min, max, maxDecimals } = profile.scores.value;
  if (!Number.isFinite(entry) || entry < min || entry > max) return { kind: "outOfRange", value: entry };
  if (decimalPlaces(entry) > maxDecimals) return { kind: "tooManyDecimals", value: entry };
  return { kind: "score", value: fromNumber(entry) };
}

/** Reads an entry of a comment subject (NhanXet): Đ or CĐ. */
export function readMuc(entry: Diem | undefined): ScoreReading {
  if (entry === null || entry === undefined) return { kind: "missing" };
  if (entry === "Đ" || entry === "CĐ") return { kind: "muc", value: entry };
  return { kind: "wrongKind", value: entry };
}
