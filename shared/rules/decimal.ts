/**
 * Exact decimal arithmetic for scores: every value is a rational n/d of BigInts, so 6.45 is
 * exactly 645/100 and never the binary float 6.4500000000000001776. Numbers enter only through
 * their shortest round-trip decimal string (what JSON shows), never through float arithmetic.
 */
export interface Decimal {
  /** Numerator (sign carried here). */
  readonly n: bigint;
  /** Denominator, always > 0. */
  readonly d: bigint;
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function make(n: bigint, d: bigint): Decimal {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** Parses a plain or exponent decimal string ("7.25", "1e-7"); undefined when it is not one. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [, sign = "", int = "0", frac = "", exp = "0"] = m;
  const e = Number(exp) - frac.length;
  if (!Number.isSafeInteger(e) || Math.abs(e) > 400) return undefined;
  let n = BigInt(int + frac);
  if (sign === "-") n = -n;
  return e >= 0 ? make(n * 10n ** BigInt(e), 1n) : make(n, 10n ** BigInt(-e));
}

/** The exact value of the decimal a JS number prints as (its shortest round-trip string). */
export function fromNumber(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const parsed = parseDecimal(String(x));
  if (!parsed) throw new RangeError(`cannot read number ${x}`);
  return parsed;
}

export function fromInt(i: number | bigint): Decimal {
  return { n: BigInt(i), d: 1n };
}

/** Number of digits after the decimal point in the number's shortest decimal form (7.55 → 2). */
export function decimalPlaces(x: number): number {
  const m = DECIMAL_TEXT.exec(String(x));
  if (!m) return Infinity;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  return Math.max(0, frac.length - Number(m[4] ?? "0"));
}

export function add(a: Decimal, b: Decimal): Decimal {
  return make(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, fromInt(0));
}

export function mul(a: Decimal, b: Decimal | number): Decimal {
  const c = typeof b === "number" ? fromInt(b) : b;
  return make(a.n * c.n, a.d * c.d);
}

export function div(a: Decimal, b: Decimal | number): Decimal {
  const c = typeof b === "number" ? fromInt(b) : b;
  return make(a.n * c.d, a.d * c.n);
}

/** -1, 0 or 1. */
export function compare(a: Decimal, b: Decimal): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function equals(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

/** Rounds half away from zero ("làm tròn": 7,25 → 7,3; 7,249 → 7,2; 6,45 → 6,5). */
export function roundHalfUp(a: Decimal, places: number): Decimal {
  const scale = 10n ** BigInt(places);
  const neg = a.n < 0n;
  const absN = neg ? -a.n : a.n;
  // floor(|a| * scale + 1/2) = floor((2·|n|·scale + d) / (2·d))
  const q = (2n * absN * scale + a.d) / (2n * a.d);
  return make(neg ? -q : q, scale);
}

/** Rounds toward zero (what a portal that truncates would show). */
export function truncate(a: Decimal, places: number): Decimal {
  const scale = 10n ** BigInt(places);
  return make((a.n * scale) / a.d, scale);
}

/** Exact text with `places` digits after the point, or the exact shortest text when places is omitted and the value is a terminating decimal. */
export function toFixed(a: Decimal, places: number): string {
  const r = roundHalfUp(a, places);
  const scale = 10n ** BigInt(places);
  const scaled = (r.n * scale) / r.d;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, "0");
  const int = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return `${neg ? "-" : ""}${int}${places > 0 ? "." + frac : ""}`;
}

/** Shortest plain text of a terminating decimal ("7.3", "8", "6.25"); undefined if it does not terminate. */
export function toPlainString(a: Decimal): string | undefined {
  let d = a.d;
  let places = 0;
  while (d % 10n === 0n) {
    d /= 10n;
    places++;
  }
  while (d % 2n === 0n || d % 5n === 0n) {
    // 1/2, 1/5... need one more digit each
    d = d % 2n === 0n ? d / 2n : d / 5n;
    places++;
  }
  if (d !== 1n) return undefined;
  const text = toFixed(a, places);
  return places > 0 ? text.replace(/\.?0+$/, "") : text;
}

/** A terminating decimal as a JS number, converted from its decimal text (no float arithmetic). */
export function toNumber(a: Decimal): number {
  const text = toPlainString(a) ?? toFixed(a, 12);
  return Number(text);
}
