import type { PDFFont } from 'pdf-lib';

/** A face embedded in one document, with the bytes it came from (the cache key). */
export interface Face {
  pdf: PDFFont;
  bytes: Uint8Array;
}

// Widths depend only on the font file, not on the document: one cache serves every document
// built from the same bytes. Words are measured one by one, so the cache holds words and
// short labels, which repeat from letter to letter, rather than whole lines, which do not.
const widths = new WeakMap<Uint8Array, Map<string, number>>();
const widthCacheLimit = 50_000;

/** Width of `text` in points at `size`. */
export function widthOf(face: Face, text: string, size: number): number {
  let cache = widths.get(face.bytes);
  if (!cache) {
    cache = new Map();
    widths.set(face.bytes, cache);
  }
  let unit = cache.get(text);
  if (unit === undefined) {
    if (cache.size >= widthCacheLimit) cache.clear();
    unit = face.pdf.widthOfTextAtSize(text, 1);
    cache.set(text, unit);
  }
  return unit * size;
}

/** Text as it is drawn: tabs and other spacing become plain spaces, line breaks stay. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f\u00a0\u2028\u2029]/g, (char) => (char === '\u2028' || char === '\u2029' ? '\n' : ' '))
    .normalize('NFC');
}

/** A base character with the combining marks that follow it: never split across lines. */
const cluster = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * Breaks `text` into lines no wider than `maxWidth`: at spaces where possible, inside a word
 * only when the word alone is too wide. Line breaks in the text are kept.
 */
export function wrap(text: string, face: Face, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  const space = widthOf(face, ' ', size);
  for (const paragraph of normaliseText(text).split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      const wordWidth = widthOf(face, word, size);
      if (line !== '' && lineWidth + space + wordWidth <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== '') out.push(line);
      if (wordWidth <= maxWidth) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      // A word wider than the column (a long e-mail address, a name without spaces).
      line = '';
      lineWidth = 0;
      for (const piece of word.match(cluster) ?? []) {
        const pieceWidth = widthOf(face, piece, size);
        if (line !== '' && lineWidth + pieceWidth > maxWidth) {
          out.push(line);
          line = '';
          lineWidth = 0;
        }
        line += piece;
        lineWidth += pieceWidth;
      }
    }
    out.push(line);
  }
  return out;
}
