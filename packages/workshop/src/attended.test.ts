import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAttended, type AttendedEntry } from './attended.js';
import { csvField, parseCsv } from './csv.js';
import { WorkshopError } from './errors.js';
import { validateWorkshop } from './parse.js';
import { certificateRecipients, nameKey } from './recipients.js';
import { sampleWorkshop } from './test-support/workshop.js';

const without = (entries: AttendedEntry[]) => entries.map(({ line: _line, ...rest }) => rest);

describe('parseAttended', () => {
  it('reads a list of names or e-mails, one a line, as written at the door', () => {
    const entries = parseAttended('Budi Santoso, S.H.\r\nsiti@example.id\n\n"Made, Wayan",made@example.id\n');
    expect(without(entries)).toEqual([{ name: 'Budi Santoso, S.H.' }, { email: 'siti@example.id' }, { name: 'Made, Wayan', email: 'made@example.id' }]);
    expect(entries.map((entry) => entry.line)).toEqual([1, 2, 4]);
  });

  it('reads columns by their header, in English or Indonesian, with the delimiter a spreadsheet chose', () => {
    const semicolons = parseAttended('\uFEFFNo;Nama;Jabatan;Instansi;Surel\n1;Rina Marlina, S.Sos.;Kepala Bagian;Inspektorat Kota Metro;\n2;;;;ani@example.id\n');
    expect(without(semicolons)).toEqual([{ name: 'Rina Marlina, S.Sos.', position: 'Kepala Bagian', institution: 'Inspektorat Kota Metro' }, { email: 'ani@example.id' }]);
    const tabs = parseAttended('email\tname\nani@example.id\tAni\n');
    expect(without(tabs)).toEqual([{ name: 'Ani', email: 'ani@example.id' }]);
  });

  it('reads a YAML list of names, e-mails or mappings, and reports problems with their lines', () => {
    const entries = parseAttended('# hadir\n- Budi Santoso\n- siti@example.id\n- { name: Rina, institution: Inspektorat Kota Metro }\n', { format: 'yaml' });
    expect(without(entries)).toEqual([{ name: 'Budi Santoso' }, { email: 'siti@example.id' }, { name: 'Rina', institution: 'Inspektorat Kota Metro' }]);
    const error = (() => {
      try {
        parseAttended('- { nama: Budi }\n- {}\n- { name: Ani, email: bukan-email }\n', { locale: 'en' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })() as WorkshopError;
    expect(error).toBeInstanceOf(WorkshopError);
    expect(error.problems.map((problem) => [problem.path, problem.line])).toEqual([
      ['attended[0]', 1],
      ['attended[0]', 1],
      ['attended[1]', 2],
      ['attended[2].email', 3],
    ]);
  });

  it('never throws anything but a WorkshopError, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[-,;"\t\n\r a-z@.:{}[\]#]*$/)), (text) => {
        for (const format of ['csv', 'yaml', undefined] as const) {
          try {
            const entries = parseAttended(text, format ? { format } : {});
            for (const entry of entries) expect(entry.name !== undefined || entry.email !== undefined).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(WorkshopError);
          }
        }
      }),
      { numRuns: 400, seed: 20210602 },
    );
  });

  it('gives back every name and e-mail of a CSV written by a spreadsheet (quotes, delimiters, line breaks in cells)', () => {
    const cell = fc.string({ minLength: 1, maxLength: 30 }).map((value) => value.replace(/\p{Cc}/gu, ' ').trim()).filter((value) => value !== '' && !value.includes('@'));
    const email = fc.emailAddress().filter((value) => /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/.test(value));
    fc.assert(
      fc.property(fc.array(fc.record({ name: cell, email }), { minLength: 1, maxLength: 8 }), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), (people, delimiter, newline) => {
        const text = [['nama', 'email'], ...people.map((person) => [person.name, person.email])].map((row) => row.map((value) => csvField(value, delimiter)).join(delimiter)).join(newline) + newline;
        expect(without(parseAttended(text, { format: 'csv' }))).toEqual(people.map((person) => ({ name: person.name.trim(), email: person.email })));
      }),
      { numRuns: 300, seed: 20210602 },
    );
  });

  it('parses quoted CSV fields exactly, the delimiter and line breaks inside them', () => {
    const rows = parseCsv('a,"b,c","d ""e""\nf"\r\n"",x', ',');
    expect(rows.map((row) => row.cells)).toEqual([['a', 'b,c', 'd "e"\nf'], ['', 'x']]);
    expect(rows.map((row) => row.line)).toEqual([1, 3]);
  });
});

describe('matching the attended list to the invitees', () => {
  it('matches names without titles, accents or case, and e-mails in any case', () => {
    expect(nameKey('Drs. H. Budi Santoso, M.Si.')).toBe(nameKey('budi  santoso'));
    expect(nameKey('Ngurah Rai Wiryawan')).toBe(nameKey('NGURAH RAI WIRYAWAN, S.E.'));
    expect(nameKey('Nguyễn Thị')).toBe(nameKey('Nguyen Thi'));
    expect(nameKey('Budi Santoso')).not.toBe(nameKey('Budi Santosa'));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((value) => /\p{L}/u.test(value) && !value.includes(',')), fc.constantFrom('Dr. ', 'H. ', 'Drs. ', ''), fc.constantFrom(', S.H.', ', M.Si.', ''), (name, before, after) => {
        expect(nameKey(`${before}${name}${after}`)).toBe(nameKey(before === '' ? name : `${before}${name}`));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('refuses a name that two invitees share, asking for the e-mail', () => {
    const workshop = validateWorkshop(sampleWorkshop((file) => file.invitees.push({ ...file.invitees[0]!, email: 'siti2@example.id' })));
    expect(() => certificateRecipients(workshop, [{ name: 'Siti Aminah' }], 'id')).toThrow(/lebih dari satu undangan/);
    expect(certificateRecipients(workshop, [{ email: 'SITI2@example.id' }], 'id').recipients.map((recipient) => recipient.email)).toEqual(['siti2@example.id']);
  });
});
