import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { z as fullZod } from 'zod';
import { complaintSubmissionSchema, validateComplaint } from './validate.js';
import type { ValidateOptions, ValidationResult } from './validate.js';
import { CATEGORIES, CONFIDENTIALITY, KINDS } from './model.js';
import type { FieldError, Locale } from './model.js';
import { createPolicy } from './policy.js';
import { message, hasMessage } from './messages/index.js';

/** 05:00 UTC: already 15 June in Indonesia and in UTC+14, still 14 June in UTC-12. */
const NOW = new Date('2026-06-15T05:00:00Z');
const DAY_MS = 86_400_000;

const CODES = new Set([
  'required',
  'too_short',
  'too_long',
  'invalid_choice',
  'invalid_email',
  'invalid_phone',
  'invalid_date',
  'date_in_future',
  'incident_too_old',
  'contact_required',
  'consent_required',
  'unknown_field',
  'invalid_type',
  'invalid_id_number',
  'out_of_range',
  'not_an_object',
]);

type Submission = Record<string, any>;

/** The example of DESIGN.md, with dates before NOW. */
function valid(): Submission {
  return {
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'KTP-el tidak kunjung terbit',
    description: 'Saya mengajukan KTP-el pada 1 Maret 2026 dan sampai sekarang belum terbit.',
    incident: { date: '2026-03-01', place: 'Kantor Disdukcapil Kota Bandar Lampung' },
    priorAttempt: { date: '2026-04-10', contacted: 'Loket pelayanan', response: 'Diminta menunggu' },
    expectedResolution: 'KTP-el diterbitkan',
    reporter: {
      name: 'Siti Aminah',
      email: 'siti@example.id',
      phone: '0812 3456 7890',
      address: 'Jl. Pagar Alam No. 1, Bandar Lampung',
      idNumber: '1871012345678901',
    },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
  };
}

/** Every field a person fills in, as dotted paths. */
const FIELDS = [
  'kind',
  'agencyId',
  'unit',
  'category',
  'title',
  'description',
  'incident',
  'incident.date',
  'incident.place',
  'priorAttempt',
  'priorAttempt.date',
  'priorAttempt.contacted',
  'priorAttempt.response',
  'expectedResolution',
  'reporter',
  'reporter.name',
  'reporter.email',
  'reporter.phone',
  'reporter.address',
  'reporter.idNumber',
  'confidentiality',
  'consent',
  'locale',
] as const;
const LEAVES = FIELDS.filter((path) => !['incident', 'priorAttempt', 'reporter'].includes(path));

/** A copy of `submission` with `value` at `path` (objects on the way created); `undefined` removes it. */
function withField(submission: Submission, path: string, value: unknown): Submission {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const copy = { ...submission };
  let target = copy;
  for (const key of keys) {
    target[key] = typeof target[key] === 'object' && target[key] !== null ? { ...target[key] } : {};
    target = target[key];
  }
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

const check = (input: unknown, options: ValidateOptions = {}): ValidationResult =>
  validateComplaint(input, { now: NOW, ...options });

const errorsOf = (result: ValidationResult): FieldError[] => (result.ok ? [] : result.errors);

/** The result has one of the two documented shapes, with one error per path and known codes. */
function expectWellFormed(result: ValidationResult): void {
  expect(result).to.be.an('object');
  if (result.ok) {
    expect(result.value).to.be.an('object');
    return;
  }
  expect(result.errors.length).to.be.greaterThan(0);
  const paths = new Set<string>();
  for (const error of result.errors) {
    expect(Object.keys(error).sort()).to.deep.equal(['code', 'message', 'path']);
    expect(error.path).to.be.a('string');
    expect(CODES.has(error.code), error.code).to.be.true;
    expect(error.message).to.be.a('string');
    expect(error.message.length).to.be.greaterThan(0);
    expect(error.message).not.to.include('{');
    expect(paths.has(error.path), `two errors at ${error.path}`).to.be.false;
    paths.add(error.path);
  }
}

/** Every string in the value, with its path. */
function stringsIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => stringsIn(inner, path ? `${path}.${key}` : key));
}

describe('validateComplaint: valid submissions', () => {
  it('accepts the example of DESIGN.md and normalises it', () => {
    const result = check(valid());
    expect(result.ok).to.be.true;
    if (!result.ok) return;
    expect(result.value).to.deep.equal({ ...valid(), reporter: { ...valid().reporter, phone: '+6281234567890' } });
  });

  it('trims every string', () => {
    const padded = valid();
    for (const path of LEAVES) {
      const keys = path.split('.');
      const parent = keys.length === 2 ? padded[keys[0] as string] : padded;
      const key = keys[keys.length - 1] as string;
      if (typeof parent[key] === 'string') parent[key] = ` \t${parent[key]}\n\u00a0`;
    }
    const result = check(padded);
    expect(result.ok, JSON.stringify(errorsOf(result))).to.be.true;
    if (!result.ok) return;
    expect(result.value).to.deep.equal(check(valid()).ok && (check(valid()) as { value: unknown }).value);
  });

  it('treats empty, blank and null optional fields as absent, and drops objects left empty', () => {
    const form = valid();
    form.unit = '';
    form.expectedResolution = '   ';
    form.incident = { date: '', place: ' ' };
    form.priorAttempt = { date: null, contacted: '', response: '\n' };
    form.reporter = { name: 'Siti Aminah', email: '', phone: '0812 3456 7890', address: null, idNumber: ' ' };
    form.confidentiality = '';
    form.locale = null;
    const result = check(form);
    expect(result.ok, JSON.stringify(errorsOf(result))).to.be.true;
    if (!result.ok) return;
    expect(result.value).to.deep.equal({
      kind: 'complaint',
      agencyId: 'disdukcapil-bandar-lampung',
      category: 'undue_delay',
      title: 'KTP-el tidak kunjung terbit',
      description: valid().description,
      reporter: { name: 'Siti Aminah', phone: '+6281234567890' },
      confidentiality: 'anonymous',
      consent: true,
      locale: 'id',
    });
    expect(Object.keys(result.value)).not.to.include('unit');
    expect(Object.keys(result.value.reporter)).to.deep.equal(['name', 'phone']);
  });

  it('defaults confidentiality to anonymous and the locale to id', () => {
    const form = withField(withField(valid(), 'confidentiality', undefined), 'locale', undefined);
    const result = check(form);
    expect(result.ok && result.value.confidentiality).to.equal('anonymous');
    expect(result.ok && result.value.locale).to.equal('id');
  });

  it('accepts every kind, category and confidentiality', () => {
    for (const kind of KINDS) expect(check({ ...valid(), kind }).ok, kind).to.be.true;
    for (const category of CATEGORIES) expect(check({ ...valid(), category }).ok, category).to.be.true;
    for (const confidentiality of CONFIDENTIALITY) expect(check({ ...valid(), confidentiality }).ok).to.be.true;
  });

  it('accepts objects without a prototype, frozen objects, and does not change its input', () => {
    const plain = Object.assign(Object.create(null), valid(), { reporter: Object.assign(Object.create(null), valid().reporter) });
    expect(check(plain).ok).to.be.true;
    const frozen = Object.freeze({ ...valid(), reporter: Object.freeze({ ...valid().reporter, email: '' }) });
    const before = JSON.stringify(frozen);
    expect(check(frozen).ok).to.be.true;
    expect(JSON.stringify(frozen)).to.equal(before);
  });

  it('counts characters as code points: 150 emoji make a title, 4,000 a description', () => {
    expect(check({ ...valid(), title: '😀'.repeat(150) }).ok).to.be.true;
    expect(check({ ...valid(), description: '𝔸'.repeat(4000) }).ok).to.be.true;
    expect(check({ ...valid(), description: '😀'.repeat(30) }).ok).to.be.true;
  });

  it('gives the same rules through complaintSubmissionSchema, which accepts its own output unchanged', () => {
    // The schema reads the real clock: dates a month back stay valid whenever the test runs.
    const lastMonth = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);
    const result = validateComplaint(withField(withField(valid(), 'incident.date', lastMonth), 'priorAttempt.date', lastMonth));
    if (!result.ok) throw new Error('the example must be valid');
    const parsed = complaintSubmissionSchema.safeParse(result.value);
    expect(parsed.success).to.be.true;
    expect(parsed.data).to.deep.equal(result.value);
    expect(complaintSubmissionSchema.safeParse({ ...result.value, extra: 1 }).success).to.be.false;
    expect(complaintSubmissionSchema.safeParse({ ...result.value, consent: false }).success).to.be.false;
    expect(complaintSubmissionSchema.safeParse({ ...result.value, title: ' ' }).success).to.be.false;
    expect(complaintSubmissionSchema.safeParse({ ...result.value, description: 'too short' }).success).to.be.false;
  });
});

describe('validateComplaint: rules', () => {
  const only = (result: ValidationResult): Pick<FieldError, 'path' | 'code'>[] =>
    errorsOf(result).map(({ path, code }) => ({ path, code }));

  it('refuses anything that is not an object: not_an_object', () => {
    for (const input of [null, undefined, 42, 'complaint', true, [], [valid()], new Date(), () => valid(), Symbol('x'), 10n]) {
      expect(only(check(input)), String(typeof input)).to.deep.equal([{ path: '', code: 'not_an_object' }]);
    }
  });

  it('requires the required fields: required', () => {
    for (const path of ['kind', 'agencyId', 'category', 'title', 'description', 'reporter', 'reporter.name']) {
      expect(only(check(withField(valid(), path, undefined))), path).to.deep.equal([{ path, code: 'required' }]);
      expect(only(check(withField(valid(), path, null))), path).to.deep.equal([{ path, code: 'required' }]);
    }
    for (const path of ['kind', 'agencyId', 'category', 'title', 'description', 'reporter.name']) {
      expect(only(check(withField(valid(), path, ' \n\t '))), path).to.deep.equal([{ path, code: 'required' }]);
    }
  });

  it('refuses values of the wrong type: invalid_type', () => {
    expect(only(check({ ...valid(), title: 42 }))).to.deep.equal([{ path: 'title', code: 'invalid_type' }]);
    expect(only(check({ ...valid(), title: ['a'] }))).to.deep.equal([{ path: 'title', code: 'invalid_type' }]);
    expect(only(check({ ...valid(), reporter: 'Siti' }))).to.deep.equal([{ path: 'reporter', code: 'invalid_type' }]);
    expect(only(check({ ...valid(), incident: ['2026-03-01'] }))).to.deep.equal([{ path: 'incident', code: 'invalid_type' }]);
    expect(only(check(withField(valid(), 'reporter.email', { address: 'x' })))).to.deep.equal([
      { path: 'reporter.email', code: 'invalid_type' },
    ]);
  });

  it('offers only the listed kinds, categories, confidentialities and locales: invalid_choice', () => {
    expect(only(check({ ...valid(), kind: 'pengaduan' }))).to.deep.equal([{ path: 'kind', code: 'invalid_choice' }]);
    expect(only(check({ ...valid(), category: 'corruption' }))).to.deep.equal([{ path: 'category', code: 'invalid_choice' }]);
    expect(only(check({ ...valid(), confidentiality: 'private' }))).to.deep.equal([
      { path: 'confidentiality', code: 'invalid_choice' },
    ]);
    expect(only(check({ ...valid(), locale: 'fr' }))).to.deep.equal([{ path: 'locale', code: 'invalid_choice' }]);
    const policy = createPolicy({ kinds: ['complaint'], categories: ['undue_delay', 'other'] });
    expect(only(check({ ...valid(), kind: 'aspiration' }, { policy }))).to.deep.equal([{ path: 'kind', code: 'invalid_choice' }]);
    expect(only(check({ ...valid(), category: 'no_service' }, { policy }))).to.deep.equal([
      { path: 'category', code: 'invalid_choice' },
    ]);
  });

  it('limits lengths in code points after trimming: too_long and too_short', () => {
    expect(only(check({ ...valid(), title: 'x'.repeat(151) }))).to.deep.equal([{ path: 'title', code: 'too_long' }]);
    expect(only(check({ ...valid(), title: '😀'.repeat(151) }))).to.deep.equal([{ path: 'title', code: 'too_long' }]);
    expect(check({ ...valid(), title: `  ${'x'.repeat(150)}  ` }).ok).to.be.true;
    expect(only(check({ ...valid(), description: 'x'.repeat(4001) }))).to.deep.equal([{ path: 'description', code: 'too_long' }]);
    expect(only(check({ ...valid(), description: `${' '.repeat(10)}${'x'.repeat(29)}${' '.repeat(10)}` }))).to.deep.equal([
      { path: 'description', code: 'too_short' },
    ]);
    expect(check({ ...valid(), description: 'x'.repeat(30) }).ok).to.be.true;
    expect(only(check(withField(valid(), 'reporter.name', 'n'.repeat(1000))))).to.deep.equal([
      { path: 'reporter.name', code: 'too_long' },
    ]);
    const policy = createPolicy({ titleMax: 10, descriptionMin: 5, descriptionMax: 50 });
    expect(only(check({ ...valid(), title: 'x'.repeat(11), description: 'Lima!' }, { policy }))).to.deep.equal([
      { path: 'title', code: 'too_long' },
    ]);
    expect(only(check({ ...valid(), title: 'KTP-el', description: 'x'.repeat(51) }, { policy }))).to.deep.equal([
      { path: 'description', code: 'too_long' },
    ]);
  });

  it('checks email syntax: invalid_email', () => {
    for (const email of ['siti', 'siti@', '@example.id', 'siti@example', 'siti@@example.id', 'siti@exa mple.id', 'si..ti@example.id', '.siti@example.id', 'siti@-example.id', 'siti@example.id.', `${'a'.repeat(250)}@example.id`, 'siti@example.1d']) {
      expect(only(check(withField(valid(), 'reporter.email', email))), email).to.deep.equal([
        { path: 'reporter.email', code: 'invalid_email' },
      ]);
    }
    for (const email of ['siti@example.id', 'Siti.Aminah+lapor@mail.example.go.id', 'siti_aminah@sub-domain.example.co.id', 'siti@contoh.xn--p1ai', 'müller@bücher.de', 'siti@例え.テスト']) {
      expect(check(withField(valid(), 'reporter.email', email)).ok, email).to.be.true;
    }
  });

  it('normalises phone numbers to E.164 and refuses others: invalid_phone', () => {
    for (const phone of ['0812 3456 7890', '+62-812-3456-7890', '62812 3456 7890', '(0812) 3456-7890']) {
      const result = check(withField(valid(), 'reporter.phone', phone));
      expect(result.ok && result.value.reporter.phone, phone).to.equal('+6281234567890');
    }
    for (const phone of ['0812-CALL-ME', '12', '+62 812 3456 7890 12345', 'x'.repeat(1000)]) {
      expect(only(check(withField(valid(), 'reporter.phone', phone))), phone).to.deep.equal([
        { path: 'reporter.phone', code: 'invalid_phone' },
      ]);
    }
    const policy = createPolicy({ defaultCountryCode: '44' });
    const british = check(withField(valid(), 'reporter.phone', '020 7946 0958'), { policy });
    expect(british.ok && british.value.reporter.phone).to.equal('+442079460958');
  });

  it('takes real calendar dates written YYYY-MM-DD: invalid_date', () => {
    for (const date of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '15-03-2026', '2026-3-1', '2026/03/01', '2026-03-01T00:00:00Z', 'kemarin', '２０２６-03-01']) {
      expect(only(check(withField(valid(), 'incident.date', date))), date).to.deep.equal([
        { path: 'incident.date', code: 'invalid_date' },
      ]);
      expect(only(check(withField(valid(), 'priorAttempt.date', date))), date).to.deep.equal([
        { path: 'priorAttempt.date', code: 'invalid_date' },
      ]);
    }
    expect(check(withField(valid(), 'priorAttempt.date', '2024-02-29')).ok).to.be.true;
  });

  it('refuses dates after today in the first time zone (UTC+14): date_in_future', () => {
    // At 05:00 UTC it is 15 June everywhere from UTC-5 eastwards, and still 15 June in UTC+14.
    expect(check(withField(valid(), 'incident.date', '2026-06-15')).ok).to.be.true;
    expect(only(check(withField(valid(), 'incident.date', '2026-06-16')))).to.deep.equal([
      { path: 'incident.date', code: 'date_in_future' },
    ]);
    expect(only(check(withField(valid(), 'priorAttempt.date', '2027-01-01')))).to.deep.equal([
      { path: 'priorAttempt.date', code: 'date_in_future' },
    ]);
    // 16:30 UTC is 01:30 on 16 June in Jayapura (WIT): its today is accepted by a server anywhere.
    const jayapuraAfterMidnight = new Date('2026-06-15T16:30:00Z');
    expect(check(withField(valid(), 'incident.date', '2026-06-16'), { now: jayapuraAfterMidnight }).ok).to.be.true;
    expect(check(withField(valid(), 'priorAttempt.date', '2026-06-16'), { now: jayapuraAfterMidnight }).ok).to.be.true;
    expect(only(check(withField(valid(), 'incident.date', '2026-06-17'), { now: jayapuraAfterMidnight }))).to.deep.equal([
      { path: 'incident.date', code: 'date_in_future' },
    ]);
  });

  it('refuses incidents older than the policy allows: incident_too_old', () => {
    // In UTC-12 it is still 14 June 2026: two years back is 14 June 2024.
    expect(check(withField(valid(), 'incident.date', '2024-06-14')).ok).to.be.true;
    expect(only(check(withField(valid(), 'incident.date', '2024-06-13')))).to.deep.equal([
      { path: 'incident.date', code: 'incident_too_old' },
    ]);
    // An earlier complaint to the agency may be older than the age limit of the incident.
    expect(check(withField(valid(), 'priorAttempt.date', '2020-01-01')).ok).to.be.true;
    const leapDay = new Date('2028-02-29T12:00:00Z');
    expect(check(withField(valid(), 'incident.date', '2026-02-28'), { now: leapDay }).ok).to.be.true;
    expect(only(check(withField(valid(), 'incident.date', '2026-02-27'), { now: leapDay }))).to.deep.equal([
      { path: 'incident.date', code: 'incident_too_old' },
    ]);
    const policy = createPolicy({ incidentMaxAgeYears: 5 });
    expect(check(withField(valid(), 'incident.date', '2022-01-01'), { policy }).ok).to.be.true;
  });

  it('asks for an email or a phone number on reporter.email: contact_required', () => {
    const contactless = withField(withField(valid(), 'reporter.email', undefined), 'reporter.phone', '  ');
    expect(only(check(contactless))).to.deep.equal([{ path: 'reporter.email', code: 'contact_required' }]);
    expect(check(contactless, { policy: createPolicy({ contactRequired: false }) }).ok).to.be.true;
    expect(check(withField(valid(), 'reporter.email', undefined)).ok).to.be.true;
    expect(check(withField(valid(), 'reporter.phone', undefined)).ok).to.be.true;
    // A contact that is given but wrong is that field's error, not a missing contact.
    expect(only(check(withField(contactless, 'reporter.phone', 'abc')))).to.deep.equal([
      { path: 'reporter.phone', code: 'invalid_phone' },
    ]);
    // Shown together with the reporter's other problems.
    expect(only(check(withField(contactless, 'reporter.name', '')))).to.deep.equal([
      { path: 'reporter.name', code: 'required' },
      { path: 'reporter.email', code: 'contact_required' },
    ]);
  });

  it('requires consent to be true: consent_required', () => {
    for (const consent of [undefined, null, false, 'true', 1, 'yes', {}]) {
      expect(only(check({ ...valid(), consent })), String(consent)).to.deep.equal([{ path: 'consent', code: 'consent_required' }]);
    }
  });

  it('refuses fields the wire shape does not have: unknown_field', () => {
    expect(only(check({ ...valid(), nickname: 'x' }))).to.deep.equal([{ path: 'nickname', code: 'unknown_field' }]);
    expect(only(check(withField(valid(), 'reporter.nik', '1871012345678901')))).to.deep.equal([
      { path: 'reporter.nik', code: 'unknown_field' },
    ]);
    expect(only(check(withField(valid(), 'incident.time', '10:00')))).to.deep.equal([
      { path: 'incident.time', code: 'unknown_field' },
    ]);
    // A blank unknown field is still unknown: it is not something a form of ours sends.
    expect(only(check({ ...valid(), nickname: '' }))).to.deep.equal([{ path: 'nickname', code: 'unknown_field' }]);
    // A key that is not a short identifier is not echoed back.
    const result = check({ ...valid(), '<img src=x onerror=alert(1)>': 1 });
    expect(only(result)).to.deep.equal([{ path: '*', code: 'unknown_field' }]);
    expect(errorsOf(result)[0]?.message).not.to.include('img');
  });

  it('checks the national ID number against the policy pattern: invalid_id_number', () => {
    for (const idNumber of ['12345', '18710123456789012', '187101234567890A', '1871-0123-4567-8901', '１８７１０１２３４５６７８９０１']) {
      expect(only(check(withField(valid(), 'reporter.idNumber', idNumber))), idNumber).to.deep.equal([
        { path: 'reporter.idNumber', code: 'invalid_id_number' },
      ]);
    }
    const spaced = check(withField(valid(), 'reporter.idNumber', '1871 0123 4567 8901'));
    expect(spaced.ok && spaced.value.reporter.idNumber).to.equal('1871012345678901');
    const policy = createPolicy({ idNumberPattern: '[A-Z]\\d{7}' });
    expect(check(withField(valid(), 'reporter.idNumber', 'A1234567'), { policy }).ok).to.be.true;
    expect(only(check(valid(), { policy }))).to.deep.equal([{ path: 'reporter.idNumber', code: 'invalid_id_number' }]);
  });

  it('takes an incident location as WGS84 numbers in range, each refused on its own field: out_of_range, invalid_type, required', () => {
    const located = (location: unknown) => withField(valid(), 'incident.location', location);
    const ok = check(located({ lat: -5.4294, long: 105.2611 }));
    expect(ok.ok && ok.value.incident?.location).to.deep.equal({ lat: -5.4294, long: 105.2611 });
    for (const [lat, long] of [[-90, -180], [90, 180], [0, 0]]) expect(check(located({ lat, long })).ok, `${lat},${long}`).to.equal(true);
    expect(only(check(located({ lat: -90.0001, long: 180.5 })))).to.deep.equal([
      { path: 'incident.location.lat', code: 'out_of_range' },
      { path: 'incident.location.long', code: 'out_of_range' },
    ]);
    expect(only(check(located({ lat: '-5.4', long: Number.NaN })))).to.deep.equal([
      { path: 'incident.location.lat', code: 'invalid_type' },
      { path: 'incident.location.long', code: 'invalid_type' },
    ]);
    expect(only(check(located({ lat: 1 })))).to.deep.equal([{ path: 'incident.location.long', code: 'required' }]);
    expect(only(check(located({ lat: 1, long: 2, alt: 3 })))).to.deep.equal([{ path: 'incident.location.alt', code: 'unknown_field' }]);
    expect(only(check(located('-5.4,105.2')))).to.deep.equal([{ path: 'incident.location', code: 'invalid_type' }]);
  });

  it('makes the description and the name optional when the policy says so (descriptionMin 0, nameRequired false)', () => {
    const policy = createPolicy({ descriptionMin: 0, nameRequired: false });
    const result = check({ ...withField(valid(), 'reporter.name', undefined), description: '' }, { policy });
    expect(result.ok && [result.value.description, result.value.reporter.name]).to.deep.equal(['', '']);
    expect(only(check({ ...valid(), description: '' }))).to.deep.equal([{ path: 'description', code: 'required' }]);
  });

  it('gives one error per field, in the order of the form', () => {
    const form = valid();
    form.consent = false;
    form.reporter.email = 'siti@';
    form.reporter.phone = 'x';
    form.title = 12;
    form.kind = 'x';
    form.zzz = 1;
    form.incident.date = '2099-01-01';
    expect(only(check(form))).to.deep.equal([
      { path: 'kind', code: 'invalid_choice' },
      { path: 'title', code: 'invalid_type' },
      { path: 'incident.date', code: 'date_in_future' },
      { path: 'reporter.email', code: 'invalid_email' },
      { path: 'reporter.phone', code: 'invalid_phone' },
      { path: 'consent', code: 'consent_required' },
      { path: 'zzz', code: 'unknown_field' },
    ]);
  });
});

describe('validateComplaint: messages', () => {
  /** One submission per code, each with that one error. */
  const cases: { path: string; code: string; input: unknown }[] = [
    { path: '', code: 'not_an_object', input: [] },
    { path: 'title', code: 'required', input: withField(valid(), 'title', '') },
    { path: 'agencyId', code: 'invalid_type', input: withField(valid(), 'agencyId', 7) },
    { path: 'category', code: 'invalid_choice', input: withField(valid(), 'category', 'x') },
    { path: 'title', code: 'too_long', input: withField(valid(), 'title', 't'.repeat(151)) },
    { path: 'description', code: 'too_short', input: withField(valid(), 'description', 'pendek') },
    { path: 'reporter.email', code: 'invalid_email', input: withField(valid(), 'reporter.email', 'siti@') },
    { path: 'reporter.phone', code: 'invalid_phone', input: withField(valid(), 'reporter.phone', '12') },
    { path: 'incident.date', code: 'invalid_date', input: withField(valid(), 'incident.date', '2026-02-30') },
    { path: 'priorAttempt.date', code: 'date_in_future', input: withField(valid(), 'priorAttempt.date', '2030-01-01') },
    { path: 'incident.date', code: 'incident_too_old', input: withField(valid(), 'incident.date', '2001-01-01') },
    {
      path: 'reporter.email',
      code: 'contact_required',
      input: withField(withField(valid(), 'reporter.email', undefined), 'reporter.phone', undefined),
    },
    { path: 'consent', code: 'consent_required', input: withField(valid(), 'consent', false) },
    { path: 'nickname', code: 'unknown_field', input: withField(valid(), 'nickname', 'Siti') },
    { path: 'reporter.idNumber', code: 'invalid_id_number', input: withField(valid(), 'reporter.idNumber', '123') },
    { path: 'incident.location.lat', code: 'out_of_range', input: withField(valid(), 'incident.location', { lat: 91, long: 105.26 }) },
  ];

  it('covers every code', () => {
    expect(new Set(cases.map((c) => c.code))).to.deep.equal(CODES);
  });

  for (const { path, code, input } of cases) {
    it(`${code} at "${path}" in Indonesian and English, naming the field`, () => {
      const messages: Record<Locale, string> = { id: '', en: '' };
      for (const locale of ['id', 'en'] as const) {
        const result = check(input, { locale });
        expectWellFormed(result);
        const errors = errorsOf(result);
        expect(errors.map((e) => [e.path, e.code])).to.deep.equal([[path, code]]);
        const text = errors[0]?.message ?? '';
        messages[locale] = text;
        const label = `field.${path}`;
        if (!['not_an_object', 'contact_required', 'consent_required'].includes(code)) {
          expect(text).to.include(hasMessage(label) ? message(locale, label) : path);
        }
      }
      expect(messages.id).not.to.equal(messages.en);
    });
  }

  it('names the field in words the reporter knows', () => {
    const input = withField(valid(), 'reporter.email', 'siti@');
    expect(errorsOf(check(input, { locale: 'en' }))[0]?.message.toLowerCase()).to.include('email');
    expect(errorsOf(check(input, { locale: 'id' }))[0]?.message).to.include('Email pelapor');
    const tooLong = withField(valid(), 'title', 't'.repeat(151));
    expect(errorsOf(check(tooLong, { locale: 'en' }))[0]?.message).to.equal('Title must be 150 characters or fewer.');
    expect(errorsOf(check(tooLong, { locale: 'id' }))[0]?.message).to.equal('Judul laporan maksimal 150 karakter.');
  });

  it("answers in the submission's own locale when none is asked for, else in Indonesian", () => {
    const english = withField(withField(valid(), 'title', ''), 'locale', 'en');
    expect(errorsOf(check(english))[0]?.message).to.equal(message('en', 'validation.required', { field: 'Title' }));
    expect(errorsOf(check(english, { locale: 'id' }))[0]?.message).to.equal('Judul laporan wajib diisi.');
    expect(errorsOf(check(withField(valid(), 'title', '')))[0]?.message).to.equal('Judul laporan wajib diisi.');
    expect(errorsOf(check(withField(english, 'locale', 'fr')))[0]?.message).to.equal('Judul laporan wajib diisi.');
  });

  it('never repeats what the reporter typed', () => {
    const canary = 'CANARY-5f3a<b>';
    let form = valid();
    for (const path of LEAVES) form = withField(form, path, canary);
    form.title = canary.repeat(20);
    form.description = canary;
    form[canary] = canary;
    form.reporter[canary] = canary;
    for (const locale of ['id', 'en'] as const) {
      const result = check(form, { locale });
      expectWellFormed(result);
      // Every field with a format or a choice, the unknown keys, and the title too long.
      expect(errorsOf(result).length).to.equal(14);
      for (const error of errorsOf(result)) {
        expect(error.message).not.to.include('CANARY');
        expect(error.path).not.to.include('CANARY');
      }
    }
  });
});

describe('validateComplaint: hostile input', () => {
  it('survives cycles', () => {
    const form = valid();
    form.self = form;
    form.reporter.self = form.reporter;
    form.title = { toString: () => form };
    const result = check(form);
    expectWellFormed(result);
    expect(errorsOf(result).map((e) => e.path)).to.deep.equal(['title', 'reporter.self', 'self']);
  });

  it('turns a property that throws into a value of the wrong type', () => {
    const form = valid();
    Object.defineProperty(form, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
    Object.defineProperty(form.reporter, 'email', { enumerable: true, get: () => { throw new Error('boom'); } });
    const result = check(form);
    expectWellFormed(result);
    expect(errorsOf(result).map((e) => [e.path, e.code])).to.deep.equal([
      ['title', 'invalid_type'],
      ['reporter.email', 'invalid_type'],
    ]);
  });

  it('survives proxies whose traps throw, and revoked proxies', () => {
    const throwing = (trap: keyof ProxyHandler<object>) => new Proxy(valid(), { [trap]: () => { throw new Error(trap); } });
    for (const trap of ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has'] as const) {
      const root = check(throwing(trap));
      expectWellFormed(root);
      const nested = check({ ...valid(), reporter: throwing(trap) });
      expectWellFormed(nested);
    }
    const { proxy, revoke } = Proxy.revocable(valid(), {});
    revoke();
    expect(errorsOf(check(proxy)).map((e) => e.code)).to.deep.equal(['not_an_object']);
    expect(errorsOf(check({ ...valid(), incident: proxy })).map((e) => [e.path, e.code])).to.deep.equal([['incident', 'invalid_type']]);
  });

  it('survives values whose conversions throw', () => {
    const poison = { toString() { throw new Error('x'); }, valueOf() { throw new Error('x'); }, toJSON() { throw new Error('x'); } };
    for (const path of FIELDS) {
      const result = check(withField(valid(), path, poison));
      expectWellFormed(result);
      expect(result.ok, path).to.be.false;
    }
    expect(check(withField(valid(), 'title', Symbol('t'))).ok).to.be.false;
    expect(check(withField(valid(), 'title', 10n)).ok).to.be.false;
  });

  it('refuses __proto__ and constructor keys without polluting any prototype', () => {
    const json = JSON.stringify({ ...valid(), reporter: { ...valid().reporter } })
      .replace('{', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},')
      .replace('"reporter":{', '"reporter":{"__proto__":{"consent":true,"polluted":"yes"},');
    const result = check(JSON.parse(json));
    expect(errorsOf(result).map((e) => [e.path, e.code])).to.deep.equal([
      ['reporter.__proto__', 'unknown_field'],
      ['__proto__', 'unknown_field'],
      ['constructor', 'unknown_field'],
    ]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).to.be.false;
    // A prototype's properties are not the submission's.
    const inherited = Object.create(valid());
    expect(errorsOf(check(inherited)).map((e) => e.code)).to.include('required');
  });

  it('answers quickly and correctly for huge strings in every field', () => {
    const huge = `${'x'.repeat(2_000_000)}@example.id`;
    for (const path of LEAVES) {
      const result = check(withField(valid(), path, huge));
      expectWellFormed(result);
      expect(result.ok, path).to.be.false;
    }
    const hugeKey = check({ ...valid(), [huge]: 1 });
    expect(errorsOf(hugeKey).map((e) => [e.path, e.code])).to.deep.equal([['*', 'unknown_field']]);
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]));
    const manyKeys = check({ ...valid(), ...wide });
    expectWellFormed(manyKeys);
    expect(errorsOf(manyKeys).length).to.be.at.most(20);
  });

  it('accepts options from untyped callers without throwing', () => {
    expectWellFormed(validateComplaint(valid()));
    expectWellFormed(validateComplaint(valid(), { locale: 'fr' as Locale }));
    expectWellFormed(validateComplaint(valid(), { now: new Date(Number.NaN) }));
    expectWellFormed(validateComplaint(valid(), { now: 'yesterday' as unknown as Date }));
    expectWellFormed(validateComplaint(valid(), null as unknown as ValidateOptions));
  });
});

describe('validateComplaint: properties', () => {
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
    stringUnit: 'binary',
  });

  it('returns a result for any value at all', () => {
    fc.assert(fc.property(anything, (input) => expectWellFormed(check(input))), { numRuns: 300 });
  });

  it('returns a result for any value in any field of a valid submission, with errors only there', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), anything, (path, value) => {
        const result = check(withField(valid(), path, value));
        expectWellFormed(result);
        for (const error of errorsOf(result)) {
          expect(error.path === path || error.path.startsWith(`${path}.`), `${error.path} for ${path}`).to.be.true;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns a result for any Unicode text in any field, with errors only there', () => {
    const unicode = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 5000 }));
    fc.assert(
      fc.property(fc.constantFrom(...LEAVES), unicode, (path, text) => {
        const result = check(withField(valid(), path, text));
        expectWellFormed(result);
        for (const error of errorsOf(result)) expect(error.path).to.equal(path);
      }),
      { numRuns: 300 },
    );
  });

  /** Text with no blank ends: a letter at each end of any code points but invisible controls (cleanText removes those). */
  const filled = (min: number, max: number) =>
    fc
      .string({ unit: 'binary', minLength: Math.max(0, min - 2), maxLength: max - 2 })
      // eslint-disable-next-line no-control-regex
      .map((inner) => `A${inner.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/gu, 'x')}Z`);
  const optionalText = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
  const daysAgo = (min: number, max: number) =>
    fc.integer({ min, max }).map((days) => new Date(NOW.getTime() - days * DAY_MS).toISOString().slice(0, 10));
  const phone = fc
    .tuple(fc.stringMatching(/^8[1-9]\d{7,10}$/), fc.constantFrom('0', '+62 ', '62', '(0', '0062 '))
    .map(([number, prefix]) => `${prefix}${number.slice(0, 3)}${prefix === '(0' ? ')' : ''} ${number.slice(3, 7)}-${number.slice(7)}`);
  const contact = fc.oneof(
    fc.record({ email: fc.emailAddress() }),
    fc.record({ phone }),
    fc.record({ email: fc.emailAddress(), phone }),
  );
  const submission = fc
    .record(
      {
        kind: fc.constantFrom(...KINDS),
        agencyId: fc.stringMatching(/^[a-z][a-z0-9-]{0,60}$/),
        unit: optionalText(200),
        category: fc.constantFrom(...CATEGORIES),
        title: filled(1, 150),
        description: filled(30, 600),
        incident: fc.record({ date: daysAgo(0, 700), place: optionalText(300) }, { requiredKeys: [] }),
        priorAttempt: fc.record(
          { date: daysAgo(0, 3000), contacted: optionalText(200), response: optionalText(500) },
          { requiredKeys: [] },
        ),
        expectedResolution: optionalText(500),
        reporter: fc
          .tuple(
            fc.record(
              { name: filled(1, 200), address: optionalText(500), idNumber: fc.stringMatching(/^\d{16}$/) },
              { requiredKeys: ['name'] },
            ),
            contact,
          )
          .map(([identity, contacts]) => ({ ...identity, ...contacts })),
        confidentiality: fc.constantFrom(...CONFIDENTIALITY),
        consent: fc.constant(true as const),
        locale: fc.constantFrom('id', 'en'),
      },
      { requiredKeys: ['kind', 'agencyId', 'category', 'title', 'description', 'reporter', 'consent'] },
    );

  it('accepts every valid submission, normalised so that validating again changes nothing', () => {
    fc.assert(
      fc.property(submission, (form) => {
        const result = check(form);
        expect(result.ok, JSON.stringify(errorsOf(result))).to.be.true;
        if (!result.ok) return;
        for (const [path, text] of stringsIn(result.value)) {
          expect(text.trim(), path).to.equal(text);
          expect(text, path).not.to.equal('');
        }
        for (const group of ['incident', 'priorAttempt'] as const) {
          if (result.value[group]) expect(Object.keys(result.value[group] ?? {})).not.to.have.length(0);
        }
        if (result.value.reporter.phone !== undefined) expect(result.value.reporter.phone).to.match(/^\+62\d{9,12}$/);
        expect(check(result.value)).to.deep.equal(result);
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateComplaint under a strict Content-Security-Policy', () => {
  /** Runs `body` with `Function` replaced by a spy that still works; gives how often code was compiled. */
  function countCompilations(body: () => void): number {
    const original = globalThis.Function;
    let compilations = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args, newTarget) {
        compilations++;
        return Reflect.construct(target, args, newTarget) as object;
      },
      apply(target, self, args) {
        compilations++;
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    try {
      body();
    } finally {
      globalThis.Function = original;
    }
    return compilations;
  }

  it('builds and runs its schemas without evaluating code', () => {
    const compilations = countCompilations(() => {
      // A policy not seen before, so that its schema is built under the spy.
      const policy = createPolicy({ titleMax: 99 });
      for (const input of [valid(), { ...valid(), title: 1 }, null, { ...valid(), extra: 1 }]) {
        validateComplaint(input, { policy });
        validateComplaint(input);
      }
      complaintSubmissionSchema.safeParse(valid());
    });
    expect(compilations).to.equal(0);
  });

  it('would notice: full zod compiles its object parsers with Function', () => {
    const compilations = countCompilations(() => {
      fullZod.object({ title: fullZod.string() }).parse({ title: 'x' });
    });
    expect(compilations).to.be.greaterThan(0);
  });
});

describe('text that is not text', () => {
  it('refuses lone surrogates, which no encoder can write, naming the field', () => {
    const base = {
      kind: 'complaint', agencyId: 'a', category: 'other', title: 'Judul', consent: true,
      description: 'Uraian yang cukup panjang untuk lolos batas minimal tiga puluh karakter.',
      reporter: { name: 'Siti', email: 'siti@example.id' },
    };
    const broken = validateComplaint({ ...base, title: 'Judul \uDC00' }, { locale: 'en' });
    expect(broken.ok).to.equal(false);
    if (!broken.ok) expect(broken.errors.map((error) => [error.path, error.code])).to.deep.equal([['title', 'invalid_text']]);
    const pair = validateComplaint({ ...base, title: 'Judul \uD83D\uDE00' }, { locale: 'en' });
    expect(pair.ok).to.equal(true);
  });
});
