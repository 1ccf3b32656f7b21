import ICAL from 'ical.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkshop } from './build.js';
import { characterSet, type FontFiles } from './pdf/fonts.js';
import { pdfPages, squash, testFonts } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

// Random names and texts drawn from the embedded font's own character map: left-to-right
// letters, digits, punctuation and symbols (Latin, IPA, Greek, Cyrillic, Armenian and their
// extended blocks), combining marks after a base letter, quotes, commas, semicolons and line
// breaks. Right-to-left and shaped scripts are out of scope (pdf-lib does no bidi or shaping).

let fonts: FontFiles;
let bases: string[];
let marks: string[];
beforeAll(async () => {
  fonts = await testFonts();
  const bold = new Set(characterSet(fonts.bold));
  const both = characterSet(fonts.regular).filter((codePoint) => bold.has(codePoint));
  const inScope = (codePoint: number) => codePoint < 0x0590 || (codePoint >= 0x1e00 && codePoint < 0x2000) || (codePoint >= 0x2010 && codePoint < 0x2050);
  bases = both
    .filter(inScope)
    .map((codePoint) => String.fromCodePoint(codePoint))
    .filter((char) => /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) && char.normalize('NFKC') === char);
  marks = both.filter((codePoint) => codePoint >= 0x0300 && codePoint < 0x0370).map((codePoint) => String.fromCodePoint(codePoint));
});

const piece = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.nat().map((n) => bases[n % bases.length]!) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([b, m]) => `${'aeiouAEIOU'[b % 10]}${marks[m % marks.length]}`) },
    { weight: 1, arbitrary: fc.constantFrom('"', "'", ',', ';', ':', '^', ' ', ' ', '\n') },
  );
const text = (max: number) =>
  fc
    .array(piece(), { minLength: 1, maxLength: max })
    .map((pieces) => pieces.join('').trim())
    .filter((value) => squash(value).length > 0);

describe('random Unicode in a workshop', () => {
  it('never crashes and comes back out of the PDF text and the .ics unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(text(40), text(120), async (name, institution) => {
        const workshop = sampleWorkshop((file) => {
          file.invitees = [{ name, position: 'Inspektur', institution, email: 'p@example.id' }];
          file.commitment.signatories = [{ institution, position: 'Inspektur' }];
        });
        const outputs = await buildWorkshop(workshop, { fonts });
        const bytes = (path: string) => outputs.find((output) => output.path === path)!.bytes;
        const letter = squash(pdfPages(bytes('invitations.pdf'), true).join(''));
        expect(letter).toContain(squash(name));
        expect(letter).toContain(squash(institution));
        expect(squash(pdfPages(bytes('certificates.pdf'), true).join(''))).toContain(squash(name));
        expect(squash(pdfPages(bytes('commitment.pdf'), true).join(''))).toContain(squash(institution));
        const calendar = new ICAL.Component(ICAL.parse(new TextDecoder().decode(bytes('invitation.ics'))));
        const attendee = calendar.getFirstSubcomponent('vevent')!.getFirstProperty('attendee')!;
        expect(attendee.getParameter('cn')).toBe(name.normalize('NFC'));
      }),
      { numRuns: 25, seed: 20210602 },
    );
  });
});
