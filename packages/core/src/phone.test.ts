import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizePhone } from './phone.js';

const E164 = /^\+[1-9]\d{7,14}$/;

/** An Indonesian mobile number after `+62`: `8`, then 8 to 11 digits. */
const indonesianMobile = fc.stringMatching(/^8[1-9]\d{7,10}$/);

/** Splits digits into groups of 2 to 4, as people write them. */
const groupings = (digits: string) =>
  fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 8 }).map((sizes) => {
    const groups: string[] = [];
    let rest = digits;
    for (const size of sizes) {
      if (rest === '') break;
      groups.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    if (rest !== '') groups.push(rest);
    return groups;
  });

const separator = fc.constantFrom(' ', '-', '.', '\u00a0', '\u2013', ' - ', '');

describe('normalizePhone', () => {
  it('writes the forms people use for one number as the same E.164 number', () => {
    for (const typed of [
      '0812 3456 7890',
      '+62-812-3456-7890',
      '62812 3456 7890',
      '(0812) 3456-7890',
      '081234567890',
      '+6281234567890',
      '0062 812 3456 7890',
      '0812.3456.7890',
      '+62 (0)812 3456 7890',
      '812 3456 7890',
      '  0812 3456 7890  ',
      '0812\u20133456\u20137890',
    ]) {
      expect(normalizePhone(typed), typed).to.equal('+6281234567890');
    }
  });

  it('keeps international numbers of other countries as they are', () => {
    expect(normalizePhone('+44 20 7946 0958')).to.equal('+442079460958');
    expect(normalizePhone('0044 20 7946 0958')).to.equal('+442079460958');
    expect(normalizePhone('+1 (202) 555-0123')).to.equal('+12025550123');
  });

  it('reads national numbers with the country code it is given', () => {
    expect(normalizePhone('020 7946 0958', '44')).to.equal('+442079460958');
    expect(normalizePhone('(202) 555-0123', '1')).to.equal('+12025550123');
    expect(normalizePhone('1 202 555 0123', '1')).to.equal('+12025550123');
  });

  it('refuses text that is not a phone number', () => {
    for (const typed of [
      '',
      '   ',
      '+',
      '0812 3456 789O', // a letter O
      'call me',
      '0812-3456-7890 ext. 12',
      '+62 812 3456 7890 1234', // 16 digits
      '0812 34', // +62 and 5 digits: too few
      '+0812345678', // no country code starts with 0
      '62+81234567890',
      '++6281234567890',
      '081234567890\u0000',
      '٠٨١٢٣٤٥٦٧٨٩٠', // Arabic-Indic digits: not what a phone system dials
      '1'.repeat(100_000),
    ]) {
      expect(normalizePhone(typed), JSON.stringify(typed.slice(0, 40))).to.equal(null);
    }
  });

  it('refuses a default country code that is not one', () => {
    expect(normalizePhone('0812 3456 7890', '')).to.equal(null);
    expect(normalizePhone('0812 3456 7890', '+62')).to.equal(null);
    expect(normalizePhone('0812 3456 7890', '0')).to.equal(null);
  });

  it('normalises every written variant of an Indonesian mobile number to the same number', () => {
    fc.assert(
      fc.property(
        indonesianMobile.chain((number) =>
          fc.tuple(
            fc.constant(number),
            groupings(number),
            fc.constantFrom('0', '+62', '62', '0062', '+62 (0)', '+62-', '(0', ''),
            separator,
          ),
        ),
        ([number, groups, prefix, sep]) => {
          const body = groups.join(sep);
          const typed = prefix === '(0' ? `(0${body.replace(sep, ') ')}` : `${prefix}${body}`;
          expect(normalizePhone(typed), typed).to.equal(`+62${number}`);
        },
      ),
    );
  });

  it('gives E.164 or null for any text, and is stable on its own output', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[+0-9 ()\-.]{0,24}$/)), (typed) => {
        const e164 = normalizePhone(typed);
        if (e164 === null) return;
        expect(e164).to.match(E164);
        expect(normalizePhone(e164)).to.equal(e164);
      }),
    );
  });

  it('never reads a letter as a digit', () => {
    fc.assert(
      fc.property(indonesianMobile, fc.nat(), fc.stringMatching(/^[A-Za-z]$/), (number, at, letter) => {
        const position = at % (number.length + 1);
        const typed = `0${number.slice(0, position)}${letter}${number.slice(position)}`;
        expect(normalizePhone(typed), typed).to.equal(null);
      }),
    );
  });
});
