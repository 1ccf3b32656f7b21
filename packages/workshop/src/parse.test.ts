import { describe, expect, it } from 'vitest';
import { WorkshopError } from './errors.js';
import { parseWorkshop, validateWorkshop } from './parse.js';
import { maxLengths, workshopJsonSchema } from './schema.js';
import { lampungYaml } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

function problemsOf(run: () => unknown): WorkshopError['problems'] {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkshopError) return error.problems;
    throw error;
  }
  throw new Error('expected a WorkshopError');
}

describe('parseWorkshop', () => {
  it('keeps an 18-digit NIP and phone numbers with a leading 0 as the text written', () => {
    const workshop = parseWorkshop(lampungYaml());
    expect(workshop.letter.signatory.nip).toBe('197301011999031001');
    expect(workshop.invitees[0]?.phone).toBe('08127000000');
    expect(workshop.organizer.phone).toBe('0721 000000');
    expect(workshop.agenda[0]?.start).toBe('07.30');
  });

  it('reads the Lampung example as the issue describes it', () => {
    const workshop = parseWorkshop(lampungYaml());
    expect(workshop.event.start).toBe('2021-06-02T08:00');
    expect(workshop.event.venue?.name).toBe('Hotel Novotel Bandar Lampung');
    expect(workshop.agenda.some((item) => item.speaker?.includes('Dadan S. Suharmawijaya'))).toBe(true);
    const institutions = workshop.commitment.signatories.map((signatory) => signatory.institution);
    expect(institutions).toHaveLength(16);
    for (const region of ['Provinsi Lampung', 'Lampung Barat', 'Tanggamus', 'Lampung Selatan', 'Lampung Timur', 'Lampung Tengah', 'Lampung Utara', 'Way Kanan', 'Tulang Bawang', 'Pesawaran', 'Pringsewu', 'Mesuji', 'Tulang Bawang Barat', 'Pesisir Barat', 'Kota Bandar Lampung', 'Kota Metro'])
      expect(institutions.some((institution) => institution.endsWith(region))).toBe(true);
  });

  it('converts sequence to a number and fills defaults', () => {
    const workshop = parseWorkshop('organizer:\n  name: X\n  email: x@example.id\n' + yamlRest('  sequence: 3\n'));
    expect(workshop.event.sequence).toBe(3);
    expect(workshop.attendance.blankRows).toBe(10);
    expect(workshop.letter.copies).toEqual([]);
  });

  it('names the field path and the YAML line of each problem', () => {
    const source = yamlRest('  sequence: tiga\n').replace('email: siti@example.id', 'email: not-an-email');
    const problems = problemsOf(() => parseWorkshop(`organizer:\n  name: X\n${source}`));
    const paths = problems.map((problem) => problem.path);
    expect(paths).toContain('organizer.email');
    expect(paths).toContain('event.sequence');
    expect(paths).toContain('invitees[0].email');
    const email = problems.find((problem) => problem.path === 'invitees[0].email')!;
    const lines = `organizer:\n  name: X\n${source}`.split('\n');
    expect(lines[email.line! - 1]).toContain('not-an-email');
    expect(email.message).toMatch(/invitees\[0\]\.email.*baris \d+/);
    const missing = problems.find((problem) => problem.path === 'organizer.email')!;
    expect(missing.code).toBe('required');
    expect(missing.line).toBe(1);
  });

  it('reports in English when asked', () => {
    const problems = problemsOf(() => parseWorkshop(`organizer:\n  name: X\n${yamlRest('')}`, { locale: 'en' }));
    expect(problems[0]?.message).toBe('organizer.email: required. (line 1)');
  });

  it('refuses unknown keys, bad time zones and an end before the start', () => {
    const problems = problemsOf(() =>
      parseWorkshop(
        JSON.stringify(
          sampleWorkshop((workshop) => {
            (workshop.event as Record<string, unknown>).timezone = 'Asia/Jakarta';
            workshop.event.timeZone = 'WIB';
            workshop.event.end = '2021-06-01T10:00';
          }),
        ),
        { locale: 'en' },
      ),
    );
    const paths = problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['event', 'event.timeZone']));
    expect(problems.find((problem) => problem.path === 'event')?.message).toContain('timezone');
    expect(problems.find((problem) => problem.path === 'event.timeZone')?.message).toBe('event.timeZone: not in the right format (an IANA time zone name, e.g. Asia/Jakarta).');
    expect(problems.find((problem) => problem.path === 'event.end')?.message).toBe('event.end: ends before it starts');
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(() => parseWorkshop('organizer:\n  name: [unclosed\n'));
    expect(problems[0]?.code).toBe('syntax');
    expect(problems[0]?.line).toBeGreaterThan(0);
  });

  it('reads JSON, where a NIP written as a number is refused rather than rounded, asking for quotes', () => {
    const json = JSON.stringify(sampleWorkshop()).replace('"197301011999031001"', '197301011999031001');
    const nip = (locale: 'id' | 'en') => problemsOf(() => parseWorkshop(json, { locale })).filter((problem) => problem.path === 'letter.signatory.nip');
    expect(nip('id').map((problem) => [problem.code, problem.message])).toEqual([
      ['invalid_type', 'letter.signatory.nip: NIP harus berupa teks; tulis di antara tanda kutip, mis. "197301011999031001", agar tidak ada angka yang berubah.'],
    ]);
    expect(nip('en')[0]?.message).toBe('letter.signatory.nip: the NIP must be text; write it in quotes, e.g. "197301011999031001", so that no digit changes.');
    expect(() => parseWorkshop(JSON.stringify(sampleWorkshop()))).not.toThrow();
  });

  it('says what is wrong with a value of the wrong type instead of calling it required', () => {
    const messages = (change: (file: Record<string, unknown>) => void, locale: 'id' | 'en' = 'en') =>
      problemsOf(() => validateWorkshop(sampleWorkshop(change as never), { locale })).map((problem) => problem.message);
    expect(messages((file) => (file.organizer = 5))).toEqual(['organizer: not in the right format (a mapping of keys to values).']);
    expect(messages((file) => ((file.organizer as Record<string, unknown>).name = 5))).toEqual(['organizer.name: must be text, write it in quotes.']);
    expect(messages((file) => ((file.organizer as Record<string, unknown>).name = 5), 'id')).toEqual(['organizer.name: harus berupa teks; tulis nilainya di antara tanda kutip.']);
    expect(messages((file) => ((file.invitees as unknown[])[0] = true))).toEqual(['invitees[0]: not in the right format (a mapping of keys to values).']);
    for (const sequence of [1.5, -1, Number.POSITIVE_INFINITY, '', '1.5', '-1', '1e400', '0x10'])
      expect(messages((file) => ((file.event as Record<string, unknown>).sequence = sequence)), String(sequence)).toEqual([
        'event.sequence: not in the right format (a whole number, 0 or more).',
      ]);
    // The same from JSON text, where 1e400 is read as Infinity.
    const json = JSON.stringify(sampleWorkshop()).replace('"timeZone"', '"sequence":1e400,"timeZone"');
    expect(problemsOf(() => parseWorkshop(json, { locale: 'id' })).map((problem) => problem.message)).toEqual(['event.sequence: formatnya tidak sesuai (bilangan bulat 0 atau lebih).']);
    const yaml = (sequence: string) => problemsOf(() => parseWorkshop(`organizer: { name: X, email: x@example.id }\n${yamlRest(`  sequence: ${sequence}\n`)}`, { locale: 'en' }));
    for (const sequence of ["''", '1.5', '-1', '1e400']) expect(yaml(sequence).map((problem) => problem.message), sequence).toEqual(['event.sequence: not in the right format (a whole number, 0 or more). (line 8)']);
  });

  it('treats ~, null and an empty value as absent, and a quoted "~" as text', () => {
    const workshop = parseWorkshop(`organizer:\n  name: X\n  email: x@example.id\n  unit: ~\n  address: null\n  website:\n  phone: "~"\n${yamlRest('  sequence:\n  theme: ~\n')}`);
    expect(workshop.organizer.unit).toBeUndefined();
    expect(workshop.organizer.address).toBeUndefined();
    expect(workshop.organizer.website).toBeUndefined();
    expect(workshop.organizer.phone).toBe('~');
    expect(workshop.event.theme).toBeUndefined();
    expect(workshop.event.sequence).toBe(0);
    const problems = problemsOf(() => parseWorkshop(`organizer:\n  name: ~\n  email: x@example.id\n${yamlRest('')}`, { locale: 'en' }));
    expect(problems.map((problem) => problem.message)).toEqual(['organizer.name: required. (line 2)']);
    expect(parseWorkshop(JSON.stringify(sampleWorkshop((file) => Object.assign(file.event, { theme: null })))).event.theme).toBeUndefined();
  });

  it('refuses names, institutions, positions and titles longer than the pages can hold', () => {
    const problems = problemsOf(() =>
      validateWorkshop(
        sampleWorkshop((file) => {
          file.commitment.signatories[0]!.institution = 'Inspektorat '.repeat(500);
          file.invitees[0]!.name = 'N'.repeat(maxLengths.name + 1);
          file.event.title = 'T'.repeat(maxLengths.title + 1);
        }),
        { locale: 'en' },
      ),
    );
    expect(problems.map((problem) => [problem.code, problem.message])).toEqual([
      ['too_big', `event.title: too long (at most ${maxLengths.title} characters).`],
      ['too_big', `invitees[0].name: too long (at most ${maxLengths.name} characters).`],
      ['too_big', `commitment.signatories[0].institution: too long (at most ${maxLengths.institution} characters).`],
    ]);
  });

  it('refuses a YAML alias bomb with a syntax problem in the caller\'s language', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n';
    const error = (() => {
      try {
        parseWorkshop(bomb, { locale: 'en' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WorkshopError);
    expect((error as WorkshopError).code).toBe('syntax');
    expect((error as WorkshopError).problems.map((problem) => problem.message)).toEqual(['The workshop file cannot be read: too many YAML aliases (*name); write the values out.']);
    expect(problemsOf(() => parseWorkshop(bomb))[0]?.message).toBe('Berkas workshop tidak dapat dibaca: terlalu banyak alias YAML (*nama); tuliskan nilainya langsung.');
  });

  it('explains common YAML mistakes in the caller\'s language', () => {
    const problems = problemsOf(() => parseWorkshop('organizer:\n  name: X\n  name: Y\n'));
    expect(problems.map((problem) => problem.message)).toEqual(['Berkas workshop tidak dapat dibaca: kunci yang sama ditulis dua kali. (baris 3)']);
  });

  it('publishes a JSON Schema from the same schema', () => {
    const schema = workshopJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['organizer', 'event', 'letter', 'agenda', 'invitees', 'commitment', 'certificate']));
    expect(schema.required).toEqual(expect.arrayContaining(['organizer', 'event', 'letter', 'agenda', 'invitees', 'commitment', 'certificate']));
  });
});

/** Everything after `organizer` of a valid YAML workshop, with extra lines for `event`. */
function yamlRest(eventExtra: string): string {
  return `event:
  title: Workshop
  start: 2021-06-02T08:00
  end: 2021-06-02T12:00
  timeZone: Asia/Jakarta
  venue: { name: Hotel }
${eventExtra}letter:
  number: "1"
  date: 2021-05-26
  place: Bandar Lampung
  subject: Undangan
  signatory: { name: A, position: B, nip: 197301011999031001 }
agenda:
  - { start: "08:00", activity: Pembukaan }
invitees:
  - name: Siti
    position: Inspektur
    institution: Inspektorat
    email: siti@example.id
    phone: 081234567890
commitment:
  title: Komitmen
  preamble: Kami
  points: [Satu]
  signatories:
    - { institution: Inspektorat, position: Inspektur }
certificate:
  text: Peserta
  signatory: { name: A, position: B }
`;
}
