import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { characterSet, type FontFiles } from '../pdf/fonts.js';
import { sampleAnswer } from '../test-support/indicators.js';
import { pdfPages, squash, testFonts } from '../test-support/pdf.js';
import { renderIndicatorsHandout } from './handout.js';

// The names come from a directory the handout does not control: whatever they hold, the PDF is
// made, and what the font can draw comes back out of it.

let fonts: FontFiles;
let drawable: string[];
beforeAll(async () => {
  fonts = await testFonts();
  const bold = new Set(characterSet(fonts.bold));
  // Left-to-right letters, digits, punctuation and symbols both faces draw (as the workshop's own property test).
  const inScope = (codePoint: number) => codePoint < 0x0590 || (codePoint >= 0x1e00 && codePoint < 0x2000) || (codePoint >= 0x2010 && codePoint < 0x2050);
  drawable = characterSet(fonts.regular)
    .filter((codePoint) => bold.has(codePoint) && inScope(codePoint))
    .map((codePoint) => String.fromCodePoint(codePoint))
    .filter((char) => /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) && char.normalize('NFKC') === char);
});

/** Any text: code points of every plane, grapheme clusters, lone surrogates, long runs without spaces. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 60 }),
  fc.string({ unit: 'binary', minLength: 300, maxLength: 600 }),
);

describe('the handout with any agency and inspectorate names', () => {
  it('renders whatever the names hold, one page per inspectorate and then the total', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, async (first, second, inspectorate) => {
        const names = [first, second];
        const answer = sampleAnswer({ agencies: 2, inspectorates: 1, unsupervised: 0, agencyName: (index) => names[index]!, inspectorateName: () => inspectorate });
        const bytes = await renderIndicatorsHandout(answer, { locale: 'id', fonts });
        const pages = pdfPages(bytes, true);
        // A name may itself run over pages; the total's section always starts on a page of its own.
        expect(pages.some((page) => page.split('\n')[1]?.trim() === 'Seluruh instansi')).toBe(true);
        expect(pages.join('')).toContain('Gabungan 2 instansi');
      }),
      { numRuns: 30, seed: 20260601 },
    );
  });

  it('gives back every character the font draws, exactly as the name was written', async () => {
    const name = fc
      .array(
        fc.oneof(
          { weight: 8, arbitrary: fc.nat().map((n) => drawable[n % drawable.length]!) },
          { weight: 2, arbitrary: fc.constantFrom(' ', ' ', 'é', 'ā', 'ñ', 'ö', '-', '(', ')') },
        ),
        { minLength: 1, maxLength: 90 },
      )
      .map((pieces) => pieces.join('').trim())
      .filter((text) => squash(text).length > 0);
    await fc.assert(
      fc.asyncProperty(name, async (agency) => {
        const answer = sampleAnswer({ agencies: 1, inspectorates: 1, unsupervised: 0, agencyName: () => agency });
        const pages = pdfPages(await renderIndicatorsHandout(answer, { locale: 'en', fonts }), true);
        expect(squash(pages[0]!)).toContain(squash(agency));
      }),
      { numRuns: 25, seed: 20260602 },
    );
  });
});
