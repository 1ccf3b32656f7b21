import * as z from 'zod';

// The workshop file format. The JSON Schema published as `workshop.schema.json` is generated
// from this schema, so the editor's checks and the build's checks cannot drift apart.
// Error texts here are message keys ('detail.*'), translated where problems are reported.

const text = z.string().trim().min(1);
const optionalText = z.string().trim().min(1).optional();

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
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'detail.date' })
  .refine(isCalendarDate, { error: 'detail.date' });

/** A time of day, `HH:MM` (a dot is accepted too, as Indonesian writes 08.00). */
const time = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, { error: 'detail.time' });

/** A local date and time in the event's time zone, `YYYY-MM-DDTHH:MM`. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { error: 'detail.datetime' })
  .refine((value) => isCalendarDate(value.slice(0, 10)), { error: 'detail.datetime' });

const email = z.email({ error: 'detail.email' });
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()./-]{4,24}$/, { error: 'detail.text' });

/** Someone who signs: a letter, a certificate. */
const signatory = z.strictObject({
  name: text.describe('Full name with titles, as it is signed'),
  position: text.describe('Position (jabatan), e.g. Kepala Perwakilan'),
  nip: z
    .string()
    .trim()
    .regex(/^[0-9 ]{8,24}$/, { error: 'detail.text' })
    .optional()
    .describe('NIP (civil-servant number); quote it or not, it stays text'),
});

const organizer = z
  .strictObject({
    name: text.describe('Organisation, e.g. OMBUDSMAN REPUBLIK INDONESIA'),
    unit: optionalText.describe('Office or unit, e.g. PERWAKILAN PROVINSI LAMPUNG'),
    address: optionalText,
    phone: z.string().trim().min(1).optional(),
    email: email.describe('Sender of the calendar invite (ORGANIZER)'),
    website: optionalText,
    logo: optionalText.describe('PNG or JPEG: a path relative to the workshop file, or a data: URL'),
    letterhead: z.array(text).optional().describe('Lines under the name; default: unit, address and contacts'),
  })
  .describe('Who holds the workshop and signs the letters');

const event = z
  .strictObject({
    title: text,
    theme: optionalText,
    start: localDateTime.describe('Local start, YYYY-MM-DDTHH:MM, in timeZone'),
    end: localDateTime.describe('Local end, YYYY-MM-DDTHH:MM, in timeZone'),
    timeZone: z.string().refine(isTimeZone, { error: 'detail.timeZone' }).describe('IANA name: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)'),
    venue: z.strictObject({ name: text, address: optionalText }).optional(),
    online: z.url({ error: 'detail.url' }).optional().describe('Link of an online or hybrid meeting'),
    uid: optionalText.describe('Calendar UID; default derived from organizer, title and date'),
    sequence: z.coerce
      .number({ error: 'detail.integer' })
      .int({ error: 'detail.integer' })
      .min(0, { error: 'detail.integer' })
      .default(0)
      .describe('Raise by one each time the event changes after invitations went out'),
    description: optionalText,
  })
  .refine((value) => value.venue !== undefined || value.online !== undefined, {
    error: 'detail.venueOrOnline',
    path: ['venue'],
  })
  .refine((value) => value.end.replace(' ', 'T') > value.start.replace(' ', 'T'), {
    error: 'detail.endBeforeStart',
    path: ['end'],
  });

const letter = z.strictObject({
  number: text.describe('Nomor surat'),
  date: date.describe('Date of the letter'),
  place: text.describe('Place of the letter, e.g. Bandar Lampung'),
  subject: text.describe('Hal'),
  classification: optionalText.describe('Sifat, e.g. Biasa, Segera'),
  attachments: optionalText.describe('Lampiran, e.g. 1 (satu) berkas; default "-"'),
  opening: optionalText.describe('First paragraph; default a standard invitation sentence'),
  closing: optionalText.describe('Closing paragraph; default a standard closing'),
  signatory,
  copies: z.array(text).default([]).describe('Tembusan'),
});

const agendaItem = z.strictObject({
  start: time,
  end: time.optional(),
  activity: text,
  speaker: optionalText.describe('Speaker or person in charge'),
});

const invitee = z.strictObject({
  name: text,
  position: text,
  institution: text,
  email,
  phone: phone.optional(),
});

const commitmentSignatory = z.strictObject({
  institution: text,
  position: text,
  name: optionalText.describe('Leave out to leave a line for the name to be written at signing'),
  place: optionalText.describe('Place of signing; default commitment.place'),
  date: date.optional().describe('Date of signing; default commitment.date'),
});

const commitment = z.strictObject({
  title: text,
  preamble: text.describe('"Kami yang bertanda tangan di bawah ini ..."'),
  points: z.array(text).min(1),
  closing: optionalText,
  place: optionalText.describe('Default place of signing; default letter.place'),
  date: date.optional().describe('Default date of signing; default the event date'),
  signatories: z.array(commitmentSignatory).min(1),
});

const certificate = z.strictObject({
  title: optionalText.describe('Default SERTIFIKAT / CERTIFICATE'),
  text: text.describe('e.g. "sebagai Peserta Workshop Focal Point ..."'),
  place: optionalText.describe('Default letter.place'),
  date: date.optional().describe('Default the last day of the event'),
  signatory,
});

const attendance = z.strictObject({
  blankRows: z.coerce
    .number({ error: 'detail.integer' })
    .int({ error: 'detail.integer' })
    .min(0, { error: 'detail.integer' })
    .max(500, { error: 'detail.integer' })
    .default(10)
    .describe('Empty rows after the invitees, for walk-in participants'),
});

/** The whole workshop file. */
export const workshopSchema = z
  .strictObject({
    $schema: z.string().optional(),
    organizer,
    event,
    letter,
    agenda: z.array(agendaItem).min(1).describe('Susunan acara'),
    invitees: z.array(invitee).min(1),
    commitment,
    certificate,
    attendance: attendance.default({ blankRows: 10 }),
  })
  .describe('Narahubung workshop file: one focal-point workshop and everything it needs');

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
