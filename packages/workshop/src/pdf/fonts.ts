import fontkit from '@pdf-lib/fontkit';
import type { Font, Fontkit, GlyphRun } from 'pdf-lib/es/types/fontkit';

/** The TTF bytes the documents are set in: a regular and a bold face of one family. */
export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

// Shaping the same strings again and again in fontkit is where a plain pdf-lib letter run spends
// its time (every institution name, every label, in every letter). A font is parsed once per
// byte array and its layout is memoised per string; pdf-lib asks for each string's layout twice
// (to measure, then to encode), and a run of 500 letters repeats most strings 500 times.
const parsed = new WeakMap<Uint8Array, Font>();
const layoutCacheLimit = 20_000;

function parse(bytes: Uint8Array): Font {
  const known = parsed.get(bytes);
  if (known) return known;
  const font = fontkit.create(bytes) as unknown as Font;
  const layout = font.layout.bind(font);
  const cache = new Map<string, GlyphRun>();
  font.layout = (text, features) => {
    // Features are fixed per embedded font, so the text alone is the key.
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = cache.get(key);
    if (run === undefined) {
      if (cache.size >= layoutCacheLimit) cache.clear();
      run = layout(text, features);
      cache.set(key, run);
    }
    return run;
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
