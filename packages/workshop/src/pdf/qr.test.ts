import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrOperators } from './qr.js';

/** The encoder's own symbol, its mask chosen by itself. */
function encoderModules(text: string): { size: number; modules: Uint8Array } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, modules: Uint8Array.from(modules.data) };
}

// Characters of each of the encoder's classes: digits, the rest of the alphanumeric set, other ASCII.
const classes = {
  numeric: '0123456789',
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:',
  byte: 'abcdefghijklmnopqrstuvwxyz!"#&\'(),;<=>?@[\\]^_`{|}~',
} as const;
type CharacterClass = keyof typeof classes;

/** Texts of one shape: runs of character classes, each text filling them with other characters. */
const sameShapeTexts = fc
  .array(fc.tuple(fc.constantFrom<CharacterClass>('numeric', 'alphanumeric', 'byte'), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 12 })
  .chain((runs) => {
    const shape = runs.flatMap(([kind, length]) => Array.from({ length }, () => kind));
    const text = fc.tuple(...shape.map((kind) => fc.constantFrom(...classes[kind]))).map((chars) => chars.join(''));
    return fc.array(text, { minLength: 2, maxLength: 4 });
  });

describe('QR codes', () => {
  it('are the modules the qrcode encoder makes with its own mask choice, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 120 }), fc.stringMatching(/^[0-9A-Z %./:-]{1,300}$/)), (text) => {
        fc.pre(text.length > 0);
        expect(qrMatrix(text)).toEqual(encoderModules(text));
      }),
      { numRuns: 300 },
    );
    // Large symbols (up to version 40, 177 modules: six words to a packed row).
    fc.assert(
      fc.property(fc.string({ minLength: 600, maxLength: 2000 }), (text) => {
        expect(qrMatrix(text)).toEqual(encoderModules(text));
      }),
      { numRuns: 20 },
    );
  });

  it('stay the encoder\'s modules when texts of the same shape reuse its split into segments', () => {
    fc.assert(
      fc.property(sameShapeTexts, (texts) => {
        for (const text of texts) expect(qrMatrix(text)).toEqual(encoderModules(text));
      }),
      { numRuns: 150 },
    );
    // Certificate URLs: one shape, a new number each.
    for (let sequence = 1; sequence <= 40; sequence++) {
      const url = `https://ombudsman.example/verifikasi-sertifikat?nomor=${String(sequence).padStart(3, '0')}%2FSERT%2FORI-LPG%2FVI%2F2021`;
      expect(qrMatrix(url)).toEqual(encoderModules(url));
    }
  });

  it('are drawn as rectangles that cover every dark module once and no light one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (text) => {
        const { size, modules } = qrMatrix(text);
        const painted = new Uint8Array(size * size);
        const operators = qrOperators(text, 10, 20, 96);
        for (const [, x, y, width, height] of operators.matchAll(/^(\d+) (\d+) (\d+) (\d+) re$/gm)) {
          for (let row = size - Number(y) - Number(height); row < size - Number(y); row++) {
            for (let column = Number(x); column < Number(x) + Number(width); column++) painted[row * size + column]! += 1;
          }
        }
        expect(painted).toEqual(modules);
      }),
      { numRuns: 100 },
    );
  });
});
