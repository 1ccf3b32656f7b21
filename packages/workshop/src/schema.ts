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

/** Someone who signs: a letter, a certificate. */
const signatory = z.strictObject({
  name: described(textOf(maxLengths.name), 'Full name with titles, as it is signed'),
  position: described(textOf(maxLengths.position), 'Position (jabatan), e.g. Kepala Perwakilan'),
  nip: described(
    z.optional(z.string().check(z.trim(), z.regex(/^[0-9 ]{8,24}$/, { error: 'detail.text' }))),
    'NIP (civil-servant number); in YAML quote it or not, it stays text; in JSON write it as a string',
  ),
});

const organizer = described(
  z.strictObject({
    name: described(textOf(maxLengths.institution), 'Organisation, e.g. OMBUDSMAN REPUBLIK INDONESIA'),
    unit: described(z.optional(textOf(maxLengths.institution)), 'Office or unit, e.g. PERWAKILAN PROVINSI LAMPUNG'),
    address: optionalText,
    phone: z.optional(textOf(maxLengths.short)),
    email: described(email, 'Sender of the calendar invite (ORGANIZER)'),
    website: optionalText,
    logo: described(optionalText, 'PNG or JPEG: a path relative to the workshop file, or a data: URL'),
    letterhead: described(z.optional(z.array(text)), 'Lines under the name; default: unit, address and contacts'),
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
  attachments: described(z.optional(textOf(maxLengths.short)), 'Lampiran, e.g. 1 (satu) berkas; default "-"'),
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
});

const commitmentSignatory = z.strictObject({
  institution: textOf(maxLengths.institution),
  position: textOf(maxLengths.position),
  name: described(z.optional(textOf(maxLengths.name)), 'Leave out to leave a line for the name to be written at signing'),
  place: described(z.optional(textOf(maxLengths.place)), 'Place of signing; default commitment.place'),
  date: described(z.optional(date), 'Date of signing; default commitment.date'),
});

const commitment = z.strictObject({
  title: textOf(maxLengths.title),
  preamble: described(text, '"Kami yang bertanda tangan di bawah ini ..."'),
  points: z.array(text).check(z.minLength(1)),
  closing: optionalText,
  place: described(z.optional(textOf(maxLengths.place)), 'Default place of signing; default letter.place'),
  date: described(z.optional(date), 'Default date of signing; default the event date'),
  signatories: z.array(commitmentSignatory).check(z.minLength(1)),
});

const certificate = z.strictObject({
  title: described(z.optional(textOf(maxLengths.title)), 'Default SERTIFIKAT / CERTIFICATE'),
  text: described(text, 'e.g. "sebagai Peserta Workshop Focal Point ..."'),
  place: described(z.optional(textOf(maxLengths.place)), 'Default letter.place'),
  date: described(z.optional(date), 'Default the last day of the event'),
  signatory,
});

const attendance = z.strictObject({
  blankRows: described(z._default(count(500), 10), 'Empty rows after the invitees, for walk-in participants'),
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
