/**
 * Tracking numbers: `NH-` and 13 symbols of Crockford's base32, 12 random and one check symbol,
 * written `NH-XXXX-XXXX-XXXX-C`. People read them out over the phone, so parsing forgives the
 * spelling (case, spaces, dashes, a missing `NH-`, O for 0, I or L for 1) and the check symbol
 * refuses the typing errors. See docs/tracking-numbers.md.
 *
 * Why the check catches every substitution and every neighbour swap: the 13 symbols s0..s12 are
 * read as elements of GF(32) = GF(2)[x]/(x^5 + x^2 + 1), and the check symbol makes
 * Σ α^(12−i)·s_i = 0, where α = x is a primitive element (the polynomial is primitive, so α has
 * order 31 and the weights α^12..α^0 are 13 distinct non-zero elements). Addition in GF(32) is XOR,
 * so subtracting is adding. Replacing s_i by s_i + e (e ≠ 0) changes the sum by α^(12−i)·e, which is
 * not zero because a field has no zero divisors. Swapping neighbours a ≠ b at positions i and i+1
 * (the last data symbol and the check symbol included) changes it by
 * α^(11−i)·(α + 1)·(a + b), not zero because α ≠ 1 and a ≠ b. Integer checks fail where the field
 * does not: modulo 32, weight 2 times a difference of 16 is 0; modulo 31, 0 and Z (31) are the same
 * residue; Luhn mod 32 cannot tell `0Z` from `Z0`.
 */

/** Crockford's base32: the digits and the upper-case letters without I, L, O and U. */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const PREFIX = 'NH';
const DATA_SYMBOLS = 12;
const SYMBOLS = DATA_SYMBOLS + 1;

/** Spaces and the dashes people and word processors type: - ‐ ‑ – —. */
const SEPARATORS = /[\s\-\u2010\u2011\u2013\u2014]/gu;

/** Value of each symbol as typed, in either case; the look-alikes are other spellings of 0 and 1. */
const SYMBOL_VALUES: ReadonlyMap<string, number> = new Map([
  ...[...TRACKING_ALPHABET].flatMap((symbol, value) => [
    [symbol, value] as const,
    [symbol.toLowerCase(), value] as const,
  ]),
  ...Object.entries({ O: 0, o: 0, I: 1, i: 1, L: 1, l: 1 }),
]);

/** Multiplies by α in GF(32): shift, then reduce by x^5 + x^2 + 1 (0b100101). */
function timesAlpha(value: number): number {
  const shifted = value << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/** Σ α^(n−1−i)·s_i over the given symbols, by Horner's rule. */
function weightedSum(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum = timesAlpha(sum) ^ value;
  return sum;
}

function format(values: readonly number[]): string {
  const symbols = values.map((value) => TRACKING_ALPHABET[value]).join('');
  return `${PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}-${symbols.slice(12)}`;
}

// Each call to getRandomValues costs tens of microseconds in Node (WebCrypto's bindings), more
// than the rest of an id: bytes are drawn 1 KB at a time and each byte is used once.
const pool = new Uint8Array(1024);
let poolOffset = pool.length;

function randomBytes(count: number): Uint8Array {
  if (poolOffset + count > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.slice(poolOffset, poolOffset + count);
  pool.fill(0, poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

/**
 * A new tracking number with 60 random bits from `crypto.getRandomValues`.
 * @example createTrackingId() // 'NH-7K3M-9XQ2-4TDV-8'
 */
export function createTrackingId(): string {
  const bytes = randomBytes(DATA_SYMBOLS);
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
  const data = Array.from(bytes, (byte) => byte & 0b11111);
  // With weight α^0 = 1 on the check symbol c, α·weightedSum(data) + c = 0, and −1 = 1 here.
  return format([...data, timesAlpha(weightedSum(data))]);
}

/**
 * The canonical tracking number (`NH-XXXX-XXXX-XXXX-C`) that `text` spells, or null when it is not
 * one: wrong length, a symbol outside the alphabet (U included), a failed check, or not a string.
 * @example parseTrackingId('nh 7k3m 9xq2 4tdv 8') // 'NH-7K3M-9XQ2-4TDV-8'
 */
export function parseTrackingId(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  let compact = text.replace(SEPARATORS, '');
  // The length tells a prefix from data that happens to start with N and H.
  if (compact.length === PREFIX.length + SYMBOLS && compact.slice(0, PREFIX.length).toUpperCase() === PREFIX) {
    compact = compact.slice(PREFIX.length);
  }
  if (compact.length !== SYMBOLS) return null;
  const values: number[] = [];
  for (const symbol of compact) {
    const value = SYMBOL_VALUES.get(symbol);
    if (value === undefined) return null;
    values.push(value);
  }
  return weightedSum(values) === 0 ? format(values) : null;
}
