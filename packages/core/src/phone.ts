/**
 * Phone numbers as people type them, normalised to E.164 (`+` and 8 to 15 digits), so that
 * `0812 3456 7890`, `+62-812-3456-7890`, `62812 3456 7890` and `(0812) 3456-7890` are one number.
 * This is a syntax check, not a numbering-plan check: it does not know which numbers are assigned.
 */

/** Anything longer is not a phone number; the limit also bounds the work done on hostile input. */
const MAX_TYPED_LENGTH = 64;

/** The trunk prefix written in parentheses after a country code, as in `+62 (0)812 3456 7890`. */
const TRUNK_IN_PARENTHESES = /^([+]|00)(\d{1,3})\(0\)/;

/** Spaces (any kind), dots, and the dashes people and word processors type: - ‐ ‑ ‒ – —. */
const SEPARATORS = /[\s.\-\u2010-\u2015]/gu;

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * The number in E.164, or `null` when the text is not a phone number (letters, a misplaced `+`,
 * too few or too many digits). A number written nationally (`0812...`), or without its country
 * code, gets `defaultCountryCode`.
 * @example normalizePhone('0812 3456 7890') // '+6281234567890'
 * @example normalizePhone('020 7946 0958', '44') // '+442079460958'
 */
export function normalizePhone(text: string, defaultCountryCode = '62'): string | null {
  if (typeof text !== 'string' || text.length > MAX_TYPED_LENGTH) return null;
  if (!/^[1-9]\d{0,2}$/.test(defaultCountryCode)) return null;
  const typed = text.replace(SEPARATORS, '').replace(TRUNK_IN_PARENTHESES, '$1$2').replace(/[()]/g, '');
  let international: string;
  if (typed.startsWith('+')) international = typed;
  else if (typed.startsWith('00')) international = `+${typed.slice(2)}`;
  else if (typed.startsWith('0')) international = `+${defaultCountryCode}${typed.slice(1)}`;
  else if (typed.startsWith(defaultCountryCode)) international = `+${typed}`;
  // Written without the trunk prefix (`812 3456 7890`), or in a plan that has none (NANP).
  else international = `+${defaultCountryCode}${typed}`;
  return E164.test(international) ? international : null;
}
