import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createTrackingId, parseTrackingId, TRACKING_ALPHABET } from './tracking-id.js';

const SYMBOL = '[0-9A-HJKMNP-TV-Z]';
const CANONICAL = new RegExp(`^NH-${SYMBOL}{4}-${SYMBOL}{4}-${SYMBOL}{4}-${SYMBOL}$`);

/** Checked against an independent implementation of the GF(32) check; they pin the algorithm. */
const GOLDEN = [
  'NH-0000-0000-0000-0',
  'NH-ZZZZ-ZZZZ-ZZZZ-R',
  'NH-1234-5678-9ABC-B',
  'NH-7K3M-9XQ2-4TDV-8', // the example in DESIGN.md
  'NH-NH00-0000-0000-G', // data that starts with the prefix's letters
  'NH-0Z0Z-0Z0Z-0Z0Z-8', // the neighbours Luhn mod 32 cannot order
];

/** The 13 symbols of a canonical id. */
const symbolsOf = (id: string): string => id.slice(3).replaceAll('-', '');

/** 13 symbols written in the canonical groups. */
const spell = (symbols: string): string =>
  `NH-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}-${symbols.slice(12)}`;

type Accepts = (symbols: string) => boolean;

const acceptedByParse: Accepts = (symbols) => parseTrackingId(spell(symbols)) !== null;

/** The 12 data symbols and the one check symbol that `accepts` takes after them. */
function withCheckSymbol(data: string, accepts: Accepts): string {
  const valid = [...TRACKING_ALPHABET].filter((check) => accepts(data + check));
  if (valid.length !== 1) throw new Error(`${data} has ${valid.length} check symbols`);
  return data + valid[0];
}

interface TypingErrorScan {
  substitutions: number;
  swaps: number;
  missedSubstitutions: string[];
  missedSwaps: string[];
}

/** Tries every substitution and every swap of two different neighbours; lists those accepted. */
function scanTypingErrors(ids: readonly string[], accepts: Accepts): TypingErrorScan {
  const scan: TypingErrorScan = { substitutions: 0, swaps: 0, missedSubstitutions: [], missedSwaps: [] };
  for (const symbols of ids) {
    for (let position = 0; position < symbols.length; position++) {
      for (const other of TRACKING_ALPHABET) {
        if (other === symbols[position]) continue;
        const typed = symbols.slice(0, position) + other + symbols.slice(position + 1);
        scan.substitutions++;
        if (accepts(typed)) scan.missedSubstitutions.push(`${symbols} -> ${typed}`);
      }
      const [left, right] = [symbols[position], symbols[position + 1]];
      if (right === undefined || left === right) continue;
      const typed = symbols.slice(0, position) + right + left + symbols.slice(position + 2);
      scan.swaps++;
      if (accepts(typed)) scan.missedSwaps.push(`${symbols} -> ${typed}`);
    }
  }
  return scan;
}

/** Luhn mod 32 (the Luhn mod N algorithm): a check that passes samples and still misses swaps. */
const acceptedByLuhnMod32: Accepts = (symbols) => {
  let sum = 0;
  [...symbols].reverse().forEach((symbol, fromRight) => {
    const addend = TRACKING_ALPHABET.indexOf(symbol) * (fromRight % 2 === 0 ? 1 : 2);
    sum += Math.floor(addend / 32) + (addend % 32);
  });
  return sum % 32 === 0;
};

const RANDOM_IDS = 500;
const SCANNED = [...GOLDEN.map(symbolsOf), ...Array.from({ length: RANDOM_IDS }, () => symbolsOf(createTrackingId()))];
const SUBSTITUTIONS = SCANNED.length * 13 * 31;

describe('the check symbol', () => {
  it('accepts the fixed ids, which an independent implementation computed', () => {
    for (const id of GOLDEN) expect(parseTrackingId(id)).to.equal(id);
  });

  it(`rejects all ${SUBSTITUTIONS} substitutions and every neighbour swap of ${SCANNED.length} ids`, () => {
    const scan = scanTypingErrors(SCANNED, acceptedByParse);
    expect({ missedSubstitutions: scan.missedSubstitutions, missedSwaps: scan.missedSwaps }).to.deep.equal({
      missedSubstitutions: [],
      missedSwaps: [],
    });
    expect(scan.substitutions).to.equal(SUBSTITUTIONS);
    // 12 neighbour pairs per id, 31 in 32 of them different: about 5,800 swaps.
    expect(scan.swaps).to.be.above(RANDOM_IDS * 12 * 0.9);
  });

  it('the same scan finds the swaps of 0 and Z that Luhn mod 32 misses', () => {
    const luhnIds = SCANNED.map((symbols) => withCheckSymbol(symbols.slice(0, 12), acceptedByLuhnMod32));
    const scan = scanTypingErrors(luhnIds, acceptedByLuhnMod32);
    expect(scan.missedSubstitutions).to.deep.equal([]);
    expect(scan.missedSwaps.length).to.be.above(0);
    for (const miss of scan.missedSwaps) {
      const [before = '', after = ''] = miss.split(' -> ');
      const changed = [...before].filter((symbol, position) => symbol !== after[position]).sort().join('');
      expect(changed).to.equal('0Z');
    }
  });

  it('has exactly one valid check symbol for any 12 data symbols', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...TRACKING_ALPHABET), minLength: 12, maxLength: 12 }), (data) => {
        expect(withCheckSymbol(data, acceptedByParse)).to.have.length(13);
      }),
    );
  });
});

describe('createTrackingId', () => {
  const count = 2000;
  it(`makes ${count} distinct canonical ids that parse to themselves and use the whole alphabet`, () => {
    const ids = Array.from({ length: count }, () => createTrackingId());
    for (const id of ids) {
      expect(id).to.match(CANONICAL);
      expect(parseTrackingId(id)).to.equal(id);
    }
    expect(new Set(ids).size).to.equal(count);
    const dataSymbols = new Set(ids.flatMap((id) => [...symbolsOf(id).slice(0, 12)]));
    expect([...dataSymbols].sort().join('')).to.equal(TRACKING_ALPHABET);
  });
});

describe('parseTrackingId', () => {
  it('forgives how a person writes an id', () => {
    expect(parseTrackingId('nh 7k3m 9xq2 4tdv 8')).to.equal('NH-7K3M-9XQ2-4TDV-8');
    expect(parseTrackingId('  7K3M—9XQ2–4TDV‑8 ')).to.equal('NH-7K3M-9XQ2-4TDV-8');
    expect(parseTrackingId('NH7K3M9XQ24TDV8')).to.equal('NH-7K3M-9XQ2-4TDV-8');
    expect(parseTrackingId('oooo oooo oooo o')).to.equal('NH-0000-0000-0000-0');
    expect(parseTrackingId('NH-L234-5678-9ABC-B')).to.equal('NH-1234-5678-9ABC-B');
    expect(parseTrackingId('nh-i234-5678-9abc-b')).to.equal('NH-1234-5678-9ABC-B');
  });

  it('tells a missing prefix from data that starts with N and H', () => {
    expect(parseTrackingId('NH00-0000-0000-G')).to.equal('NH-NH00-0000-0000-G');
    expect(parseTrackingId('NHNH0000000000G')).to.equal('NH-NH00-0000-0000-G');
  });

  it('rejects U, other characters, wrong lengths and other prefixes', () => {
    for (const text of [
      '',
      'NH-',
      'NH-ZZZZ-ZZZZ-ZZZU-R', // U is not a look-alike of anything
      'NH-0000-0000-0000',
      'NH-0000-0000-0000-00',
      'NH-NH-0000-0000-0000-0',
      'XY-0000-0000-0000-0',
      'NH-0000_0000_0000_0',
      'NH-０000-0000-0000-0', // full-width digit
      'NH-ı234-5678-9ABC-B', // dotless i, which upper-cases to I
      'NH-0000-0000-0000-0\u200b', // zero-width space is not a space
    ]) {
      expect(parseTrackingId(text), text).to.equal(null);
    }
  });

  it('returns null for anything that is not a string', () => {
    for (const value of [undefined, null, 0, 42n, true, {}, [], Symbol('id'), new String('NH-0000-0000-0000-0'), () => 'NH-0000-0000-0000-0']) {
      expect(parseTrackingId(value)).to.equal(null);
    }
  });

  const separator = fc
    .array(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000', '-', '\u2010', '\u2011', '\u2013', '\u2014'), { maxLength: 3 })
    .map((characters) => characters.join(''));
  const spelling = fc.record({
    prefix: fc.constantFrom('', 'NH', 'NH-', 'nh', 'nh-', 'Nh ', 'nH — ', 'N H'),
    symbols: fc.array(fc.record({ before: separator, lowerCase: fc.boolean(), lookAlike: fc.nat(2) }), {
      minLength: 13,
      maxLength: 13,
    }),
    after: separator,
  });
  const validSymbols = fc
    .string({ unit: fc.constantFrom(...TRACKING_ALPHABET), minLength: 12, maxLength: 12 })
    .map((data) => withCheckSymbol(data, acceptedByParse));

  it('reads back every spelling of an id: case, spaces, dashes, prefix, O/I/L look-alikes', () => {
    fc.assert(
      fc.property(validSymbols, spelling, (symbols, { prefix, symbols: options, after }) => {
        const typed = [...symbols].map((symbol, position) => {
          const { before = '', lowerCase = false, lookAlike = 0 } = options[position] ?? {};
          const spelled = symbol === '0' ? ['0', 'O', 'O'][lookAlike] : symbol === '1' ? ['1', 'I', 'L'][lookAlike] : symbol;
          return before + (lowerCase ? spelled?.toLowerCase() : spelled);
        });
        expect(parseTrackingId(prefix + typed.join('') + after)).to.equal(spell(symbols));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and returns null or a canonical id that parses to itself', () => {
    const nearlyIds = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZnhoilu -—\u00a0'),
      minLength: 12,
      maxLength: 20,
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), nearlyIds), (value) => {
        const id = parseTrackingId(value);
        if (id !== null) {
          expect(id).to.match(CANONICAL);
          expect(parseTrackingId(id)).to.equal(id);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
