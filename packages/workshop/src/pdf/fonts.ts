import fontkit from '@pdf-lib/fontkit';
import type { Font, Fontkit, GlyphRun } from 'pdf-lib/es/types/fontkit';

/** The TTF bytes the documents are set in: a regular and a bold face of one family. */
export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

// pdf-lib asks fontkit to lay out every string twice (to measure it, then to encode it) and then
// places the glyphs by their advance widths alone, dropping the positions shaping computed. Full
// OpenType shaping of the same strings, again and again, was where a plain pdf-lib letter run spent
// its time. The layout given to pdf-lib here maps each code point to its glyph through the font's
// cmap: the same widths pdf-lib used, a glyph per character (so the text extracts exactly as it
// was written), and no shaping cost. Scripts that need shaping (Arabic joining, Indic conjuncts)
// are out of scope, as they were with pdf-lib's own drawing.
const parsed = new WeakMap<Uint8Array, Font>();

/** What pdf-lib reads of a glyph: its number, its advance, and the text it stands for. */
interface PdfGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

function parse(bytes: Uint8Array): Font {
  const known = parsed.get(bytes);
  if (known) return known;
  const font = fontkit.create(bytes) as unknown as Font;
  // fontkit caches a glyph with the code points of the first request for it, and its subsetter
  // asks for glyphs with none: pdf-lib's ToUnicode map, built from those code points, would then
  // depend on what the process drew before. Each code point gets its own record instead.
  const byCodePoint = new Map<number, PdfGlyph>();
  const glyphFor = (codePoint: number): PdfGlyph => {
    let glyph = byCodePoint.get(codePoint);
    if (glyph === undefined) {
      const real = font.glyphForCodePoint(codePoint);
      glyph = { id: real.id, advanceWidth: real.advanceWidth, codePoints: [codePoint] };
      byCodePoint.set(codePoint, glyph);
    }
    return glyph;
  };
  font.layout = (text: string): GlyphRun => {
    const glyphs: PdfGlyph[] = [];
    for (const char of text) glyphs.push(glyphFor(char.codePointAt(0) ?? 0));
    return { glyphs } as unknown as GlyphRun;
  };
  parsed.set(bytes, font);
  return font;
}

/** The fontkit that pdf-lib is given: the real one, with parsing and layout cached. */
export const cachingFontkit: Fontkit = { create: (bytes) => parse(bytes) };

/** Whether `font` has a glyph for `codePoint`. */
export function fontCovers(bytes: Uint8Array, codePoint: number): boolean {
  return parse(bytes).hasGlyphForCodePoint(codePoint);
}

/** Every code point the font maps (for tests drawing from the font's own repertoire). */
export function characterSet(bytes: Uint8Array): readonly number[] {
  return parse(bytes).characterSet;
}
