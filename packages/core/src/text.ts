/**
 * The one rule for text a person sends (submissions, notes, replies, reasons, comments), used by
 * the server and, through `validateComplaint`, by the widget before it sends anything.
 */

/**
 * Characters nobody means to type and nobody can see: C0 controls but tab, line feed and carriage
 * return (NUL, BEL, ESC…), DEL, C1 controls, the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069: a right-to-left override makes stored text read differently
 * from how it shows) and the noncharacters U+FFFE, U+FFFF. They are removed: nothing the person
 * can see is lost.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

/** A UTF-16 surrogate without its partner: no character at all, and it breaks UTF-8 encoders downstream. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text as it is kept: invisible control characters removed, then trimmed. Null when the text is
 * not text at all (it holds a lone surrogate, which no keyboard produces): the caller answers with
 * an `invalid_text` error on the field.
 * @example cleanText(' Judul\u0000 \u202Etxt.exe ') // 'Judul txt.exe'
 */
export function cleanText(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return null;
  return text.replace(INVISIBLE_CONTROLS, '').trim();
}
