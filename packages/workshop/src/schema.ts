import * as z from 'zod/mini';

// The workshop file format. The JSON Schema published as `workshop.schema.json` is generated
// from this schema, so the editor's checks and the build's checks cannot drift apart.
// Error texts here are message keys ('detail.*'), translated where problems are reported.
// zod/mini, not full zod: full zod compiles its object parsers with `new Function` and probes for
// it when a schema is made, which a strict Content-Security-Policy reports in a browser.

/** Longest values, in characters, so that a signature block or a heading always fits on its page. */
export const maxLengths = {
  /** A person's name with titles. */
  name: 150,
  /** An institution or organisation. */
  institution: 150,
  /** A position (jabatan). */
  position: 150,
  /** A title, subject or theme. */
  title: 250,
  /** A place (of a letter, of signing). */
  place: 100,
  /** A short reference: letter number, classification, attachments, phone, UID. */
  short: 100,
} as const;

/** Non-empty text after trimming, at most `max` characters when given. */
const textOf = (max?: number) =>
  max === undefined ? z.string().check(z.trim(), z.minLength(1)) : z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const text = textOf();
const optionalText = z.optional(text);
const described = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description));

const isCalendarDate = (value: string): boolean => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
};

/** A calendar date, `YYYY-MM-DD`. */
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'detail.date' }), z.refine(isCalendarDate, { error: 'detail.date' }));

/** A time of day, `HH:MM` (a dot is accepted too, as Indonesian writes 08.00). */
const time = z.string().check(z.regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, { error: 'detail.time' }));

/** A local date and time in the event's time zone, `YYYY-MM-DDTHH:MM`. */
const localDateTime = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { error: 'detail.datetime' }),
    z.refine((value) => isCalendarDate(value.slice(0, 10)), { error: 'detail.datetime' }),
  );

const email = z.email({ error: 'detail.email' });
const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 ()./-]{4,24}$/, { error: 'detail.text' }));

/**
 * A whole number, 0 or more: a number, or digits as text (the failsafe YAML schema reads every
 * scalar as text). Empty text, signs, fractions and exponents are refused, never read as 0.
 */
const count = (max: number) =>
  z.union(
    [
      z.int({ error: 'detail.integer' }).check(z.gte(0, { error: 'detail.integer' }), z.lte(max, { error: 'detail.integer' })),
      z.pipe(
        z.string().check(z.trim(), z.regex(/^[0-9]{1,9}$/, { error: 'detail.integer' })),
        z.pipe(z.transform(Number), z.int().check(z.lte(max, { error: 'detail.integer' }))),
      ),
    ],
    { error: 'detail.integer' },
  );

/** A NIP (civil-servant number): digits, spaces allowed. */
const nip = described(
  z.optional(z.string().check(z.trim(), z.regex(/^[0-9 ]{8,24}$/, { error: 'detail.text' }))),
  'NIP (civil-servant number); in YAML quote it or not, it stays text; in JSON write it as a string',
);

/**
 * Yes or no: a boolean, or the words true/false, yes/no, ya/tidak as text (the failsafe YAML
 * schema reads `true` as text).
 */
const flag = z.union(
  [
    z.boolean(),
    z.pipe(
      z.string().check(z.trim(), z.regex(/^(true|false|yes|no|ya|tidak)$/i, { error: 'detail.flag' })),
      z.transform((value: string) => /^(true|yes|ya)$/i.test(value.trim())),
    ),
  ],
  { error: 'detail.flag' },
);

/** An image: a path relative to the workshop file, or a data: URL. */
const image = described(text, 'PNG, JPEG or SVG (drawn as vectors): a path relative to the workshop file, or a data: URL');

/** Someone who signs: a letter, a certificate. */
const signatory = z.strictObject({
  name: described(textOf(maxLengths.name), 'Full name with titles, as it is signed'),
  position: described(textOf(maxLengths.position), 'Position (jabatan), e.g. Kepala Perwakilan'),
  nip,
});

/** Kinds of agency in the intake server's directory (as `AgencyKind` of @narahubung/core). */
export const agencyKinds = ['ministry', 'agency', 'local_government', 'service_unit', 'inspectorate', 'ombudsman', 'other'] as const;

/** A directory id: lower-case letters, digits and dashes. */
const agencyId = z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { error: 'detail.agencyId' }));

/** What the intake server's directory needs of an institution; every key has a default (see docs/workshop.md). */
const agency = described(
  z.strictObject({
    id: described(z.optional(agencyId), 'Directory id; default the institution name as a slug, e.g. inspektorat-kota-metro'),
    kind: described(z.optional(z.enum(agencyKinds, { error: 'detail.agencyKind' })), 'Default inspectorate when the name says Inspektorat, ombudsman when it says Ombudsman, else agency'),
    regionCode: described(
      z.optional(z.string().check(z.trim(), z.regex(/^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?$/, { error: 'detail.regionCode' }))),
      'Kemendagri region code, e.g. 18 (Lampung) or 18.72 (Kota Metro); default empty (all regions)',
    ),
    parentId: z.optional(agencyId),
    inspectorateId: described(z.optional(agencyId), 'Its inspectorate (APIP), when it is not one itself'),
  }),
  'The institution as an agency of the intake server directory (narahubung-workshop directory)',
);

const organizer = described(
  z.strictObject({
    name: described(textOf(maxLengths.institution), 'Organisation, e.g. OMBUDSMAN REPUBLIK INDONESIA'),
    unit: described(z.optional(textOf(maxLengths.institution)), 'Office or unit, e.g. PERWAKILAN PROVINSI LAMPUNG'),
    address: optionalText,
    phone: z.optional(textOf(maxLengths.short)),
    email: described(email, 'Sender of the calendar invite (ORGANIZER)'),
    website: optionalText,
    logo: described(z.optional(image), 'Emblem on the letterhead, the commitment and the certificates: PNG, JPEG or SVG (drawn as vectors), a path relative to the workshop file or a data: URL'),
    coLogos: described(z.optional(z.array(image).check(z.maxLength(3))), 'Emblems of co-organizers (at most 3), drawn on the right of the letterhead and beside the emblem on the certificates'),
    letterhead: described(z.optional(z.array(text)), 'Lines under the name; default: unit, address and contacts'),
    agency: described(z.optional(agency), 'The organizer as an agency of the directory written by narahubung-workshop directory'),
  }),
  'Who holds the workshop and signs the letters',
);

const event = z
  .strictObject({
    title: textOf(maxLengths.title),
    theme: z.optional(textOf(maxLengths.title)),
    start: described(localDateTime, 'Local start, YYYY-MM-DDTHH:MM, in timeZone'),
    end: described(localDateTime, 'Local end, YYYY-MM-DDTHH:MM, in timeZone'),
    timeZone: described(
      z.string().check(z.refine(isTimeZone, { error: 'detail.timeZone' })),
      'IANA name: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)',
    ),
    venue: z.optional(z.strictObject({ name: textOf(maxLengths.institution), address: optionalText })),
    online: described(z.optional(z.url({ error: 'detail.url' })), 'Link of an online or hybrid meeting'),
    uid: described(z.optional(textOf(maxLengths.short)), 'Calendar UID; default derived from organizer, title and date'),
    sequence: described(
      z._default(count(999_999_999), 0),
      'Raise by one each time the event changes after invitations went out, and before sending a cancellation (RFC 5546)',
    ),
    description: optionalText,
  })
  .check(
    z.refine((value) => value.venue !== undefined || value.online !== undefined, {
      error: 'detail.venueOrOnline',
      path: ['venue'],
    }),
    z.refine((value) => value.end.replace(' ', 'T') > value.start.replace(' ', 'T'), {
      error: 'detail.endBeforeStart',
      path: ['end'],
    }),
  );

const letter = z.strictObject({
  number: described(textOf(maxLengths.short), 'Nomor surat'),
  date: described(date, 'Date of the letter'),
  place: described(textOf(maxLengths.place), 'Place of the letter, e.g. Bandar Lampung'),
  subject: described(textOf(maxLengths.title), 'Hal'),
  classification: described(z.optional(textOf(maxLengths.short)), 'Sifat, e.g. Biasa, Segera'),
  attachments: described(
    z.optional(z.union([textOf(maxLengths.short), z.array(textOf(maxLengths.short)).check(z.minLength(1))])),
    'Lampiran: a text printed as written (e.g. "1 (satu) berkas"; default "-"), or a list of attachments in which the word agenda appends the agenda to every letter',
  ),
  time: described(z.optional(time), 'Start time printed in the letter; default the start of the first agenda item'),
  opening: described(optionalText, 'First paragraph; default a standard invitation sentence'),
  closing: described(optionalText, 'Closing paragraph; default a standard closing'),
  signatory,
  copies: described(z._default(z.array(text), []), 'Tembusan'),
});

const agendaItem = z.strictObject({
  start: time,
  end: z.optional(time),
  activity: text,
  speaker: described(optionalText, 'Speaker or person in charge'),
});

const invitee = z.strictObject({
  name: textOf(maxLengths.name),
  position: textOf(maxLengths.position),
  institution: textOf(maxLengths.institution),
  email,
  phone: z.optional(phone),
  attended: described(z.optional(flag), 'true once the invitee came (or give narahubung-workshop build --attended <file>); certificates go to those who attended'),
});

/** The focal point (pejabat narahubung) an institution names at the workshop. */
const focalPoint = z.strictObject({
  name: textOf(maxLengths.name),
  position: textOf(maxLengths.position),
  email,
  phone: z.optional(phone),
  unit: described(z.optional(textOf(maxLengths.institution)), 'Unit of the institution, e.g. Sekretariat'),
});

const commitmentSignatory = z.strictObject({
  institution: textOf(maxLengths.institution),
  position: textOf(maxLengths.position),
  name: described(z.optional(textOf(maxLengths.name)), 'Leave out to leave a line for the name to be written at signing'),
  nip: described(nip, 'NIP of the signer; without it a line is left to write it (when the name is left out too)'),
  place: described(z.optional(textOf(maxLengths.place)), 'Place of signing when it differs from commitment.place'),
  date: described(z.optional(date), 'Date of signing when it differs from commitment.date'),
  focalPoint: described(z.optional(focalPoint), 'The focal point (narahubung) this institution names; written by narahubung-workshop directory'),
  agency: z.optional(agency),
});

/** Someone who witnesses the commitment (menyaksikan), e.g. a member of Ombudsman RI. */
const witness = z.strictObject({
  name: textOf(maxLengths.name),
  position: textOf(maxLengths.position),
  institution: z.optional(textOf(maxLengths.institution)),
  nip,
});

const commitment = z.strictObject({
  title: textOf(maxLengths.title),
  preamble: described(text, '"Kami yang bertanda tangan di bawah ini ..."'),
  points: z.array(text).check(z.minLength(1)),
  closing: optionalText,
  place: described(z.optional(textOf(maxLengths.place)), 'Default place of signing; default letter.place'),
  date: described(z.optional(date), 'Default date of signing; default the event date'),
  signatories: z.array(commitmentSignatory).check(z.minLength(1)),
  witnesses: described(z._default(z.array(witness), []), 'Menyaksikan: who witnesses the signing; each gets a signature block and field'),
  columns: described(z.optional(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.pipe(z.string().check(z.regex(/^[1-4]$/, { error: 'detail.columns' })), z.transform(Number))], { error: 'detail.columns' })), 'Signature blocks per row, 1 to 4; default 2, or 3 for more than 4 signatories'),
});

const certificate = z.strictObject({
  title: described(z.optional(textOf(maxLengths.title)), 'Default SERTIFIKAT / CERTIFICATE'),
  text: described(text, 'e.g. "sebagai Peserta Workshop Focal Point ..."'),
  place: described(z.optional(textOf(maxLengths.place)), 'Default letter.place'),
  date: described(z.optional(date), 'Default the last day of the event'),
  signatory,
  number: described(
    z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(maxLengths.short), z.regex(/\{seq(:[1-9])?\}/, { error: 'detail.numberPattern' }))),
    'Pattern of the certificate number: {seq} (or {seq:3}, zero-padded to 3 digits), {year}, {month}, {monthRoman}; e.g. {seq:3}/SERT/ORI-LPG/{monthRoman}/{year}',
  ),
  firstNumber: described(z._default(count(999_999_999), 1), 'The {seq} of the first certificate (default 1)'),
  verifyUrl: described(
    z.optional(z.url({ error: 'detail.url' })),
    'Verification page: each certificate gets a QR code of this URL with {number} replaced by its number (or ?number=... appended)',
  ),
}).check(
  z.refine((value) => value.verifyUrl === undefined || value.number !== undefined, { error: 'detail.verifyNeedsNumber', path: ['verifyUrl'] }),
);

/** Columns the attendance list can show (No is always first). */
export const attendanceColumns = ['name', 'position', 'institution', 'email', 'phone', 'signature'] as const;
export type AttendanceColumn = (typeof attendanceColumns)[number];

const attendance = z.strictObject({
  blankRows: described(z._default(count(500), 10), 'Empty rows after the invitees, for walk-in participants'),
  columns: described(
    z.optional(z.array(z.enum(attendanceColumns, { error: 'detail.attendanceColumn' })).check(z.minLength(1))),
    'Columns after No, in order; default name, position, institution, signature (no phone numbers unless asked)',
  ),
});

/** The whole workshop file. */
export const workshopSchema = described(
  z.strictObject({
    $schema: z.optional(z.string()),
    organizer,
    event,
    letter,
    agenda: described(z.array(agendaItem).check(z.minLength(1)), 'Susunan acara'),
    invitees: z.array(invitee).check(z.minLength(1)),
    commitment,
    certificate,
    attendance: z._default(attendance, { blankRows: 10 }),
  }),
  'Narahubung workshop file: one focal-point workshop and everything it needs',
);

/** A workshop file as written (before defaults). */
export type WorkshopFile = z.input<typeof workshopSchema>;
/** A validated workshop, defaults filled in. */
export type Workshop = z.output<typeof workshopSchema>;
export type Invitee = Workshop['invitees'][number];
export type CommitmentSignatory = Workshop['commitment']['signatories'][number];

/** The JSON Schema of the workshop file (draft 2020-12), for editors. */
export function workshopJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workshopSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Narahubung workshop file',
  };
}
export type Witness = Workshop['commitment']['witnesses'][number];
export type Agency = NonNullable<CommitmentSignatory['agency']>;
export type AgencyKind = (typeof agencyKinds)[number];
