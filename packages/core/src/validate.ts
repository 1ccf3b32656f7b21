/**
 * Validation of a complaint submission: the wire schema (zod/mini, so that the widget can carry
 * the same rules as the server at a quarter of full zod's size) and `validateComplaint`, which
 * takes anything at all, forgives what web forms send, and answers with field errors in the
 * reporter's language.
 *
 * Content-Security-Policy: zod 4 compiles object parsers with `new Function` when it may, and the
 * probe alone is reported as a violation under a strict CSP. zod/mini's objects never take that
 * path (`ZodMiniObject` is built on `$ZodObject`, not `$ZodObjectJIT`; checked in zod 4.6's
 * `v4/core/schemas.js`), so nothing here evaluates code and the host page's global zod config is
 * left alone (no `z.config({ jitless: true })`, which would also slow the host's own full-zod
 * schemas). Every parse still passes `{ jitless: true }`, which zod honours per parse (`ctx.jitless`
 * in `$ZodObjectJIT`), so that a later zod/mini that compiles objects would not compile ours;
 * validate.test.ts watches `Function` while schemas are built and used, and would see a probe.
 */
import * as z from 'zod/mini';
import type { ComplaintSubmission, FieldError, Kind, Category, Locale } from './model.js';
import { CATEGORIES, CONFIDENTIALITY, KINDS, LOCALES } from './model.js';
import { hasMessage, message } from './messages/index.js';
import type { MessageKey } from './messages/index.js';
import { normalizePhone } from './phone.js';
import { cleanText } from './text.js';
import { defaultPolicy } from './policy.js';
import type { Policy } from './policy.js';

/** The stable codes of field errors. */
export type ValidationCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'invalid_choice'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_date'
  | 'date_in_future'
  | 'incident_too_old'
  | 'contact_required'
  | 'consent_required'
  | 'unknown_field'
  | 'invalid_type'
  | 'invalid_text'
  | 'invalid_id_number'
  | 'out_of_range'
  | 'not_an_object'
  | 'email_required_for_updates';

export type ValidationResult = { ok: true; value: ComplaintSubmission } | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** Language of the messages; default the submission's own `locale` when valid, else `id`. */
  locale?: Locale;
  policy?: Policy;
  /** The present, for the date rules; default the clock. */
  now?: Date;
}

/** Longest free texts the policy does not set; they bound what one report can store. */
const TEXT_MAX = {
  agencyId: 100,
  unit: 200,
  place: 300,
  contacted: 200,
  response: 2000,
  expectedResolution: 2000,
  name: 200,
  address: 500,
} as const;

/** RFC 5321: 254 octets in a path; anything longer is not an address. */
const EMAIL_MAX = 254;

/**
 * An address people can receive mail at, not every string RFC 5322 allows (no quoted local parts,
 * no IP literals). Letters beyond ASCII are accepted (RFC 6531), as are punycode top-level domains.
 * The labels cannot contain a dot, so the repetition cannot backtrack badly; length is checked first.
 */
const EMAIL =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?:(?!-)[\p{L}\p{M}\p{N}-]{1,63}(?<!-)\.)+(?:\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59})$/iu;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ID number longer than this is refused before the policy's pattern sees it. */
const ID_NUMBER_MAX = 64;

/**
 * "Today" for the date rules. A date is in the future only when it is after today's date in
 * UTC+14, the first time zone to start a day: a reporter anywhere (Jayapura at UTC+9 included)
 * never finds their own today refused, whatever the server's zone. The age limit counts from
 * today's date in UTC-12, the last zone to leave a day, for the same reason. Leniency is at most
 * one day each way.
 */
const FIRST_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;
const LAST_ZONE_OFFSET_MS = -12 * 60 * 60 * 1000;

type Params = Record<string, string | number>;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` that names a day of the Gregorian calendar, else null. */
function parseDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date at `instant` in the zone `offsetMs` from UTC. */
function dateAt(instant: Date, offsetMs: number): CalendarDate {
  const shifted = new Date(instant.getTime() + offsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The same day `years` earlier; 29 February becomes the 28th in a common year. */
function yearsBefore(date: CalendarDate, years: number): CalendarDate {
  const year = date.year - years;
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/** Whether `text` has more than `max` Unicode code points, without counting past `max`. */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  // Each code point takes one or two UTF-16 units.
  if (text.length > 2 * max) return true;
  let count = 0;
  for (const _codePoint of text) {
    if (++count > max) return true;
  }
  return false;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _codePoint of text) count++;
  return count;
}

type Payload = z.core.ParsePayload<string>;

/** Records a field problem with our code; it stops the field's later checks. */
function fail(payload: z.core.ParsePayload, code: ValidationCode, params: Params = {}, path: string[] = []): void {
  payload.issues.push({ code: 'custom', message: code, input: payload.value, path, params: { ...params, code } });
}

/**
 * A string as `cleanText` keeps it (invisible controls removed, trimmed); `rule` sees that text and
 * may replace it (`payload.value`).
 */
function text(rule: (payload: Payload) => void) {
  return z.string().check(
    z.check<string>((payload) => {
      const clean = cleanText(payload.value);
      if (clean === null) return fail(payload, 'invalid_text');
      payload.value = clean;
      rule(payload);
    }),
  );
}

function requiredText(max: number) {
  return text((payload) => {
    if (payload.value === '') fail(payload, 'required');
    else if (longerThan(payload.value, max)) fail(payload, 'too_long', { max });
  });
}

function optionalText(max: number) {
  return z.optional(
    text((payload) => {
      if (longerThan(payload.value, max)) fail(payload, 'too_long', { max });
    }),
  );
}

/** The moving parts a schema reads when it parses. */
interface Clock {
  now: () => Date;
}

/** A WGS84 coordinate in degrees: a finite number within ±`limit`. */
function coordinate(limit: number) {
  return z.number().check(
    z.check<number>((payload) => {
      if (!Number.isFinite(payload.value) || payload.value < -limit || payload.value > limit) fail(payload, 'out_of_range', { min: -limit, max: limit });
    }),
  );
}

function dateField(clock: Clock, maxAgeYears: number | null) {
  return z.optional(
    text((payload) => {
      const date = parseDate(payload.value);
      if (!date) return fail(payload, 'invalid_date');
      let now = clock.now();
      if (Number.isNaN(now.getTime())) now = new Date();
      if (payload.value > formatDate(dateAt(now, FIRST_ZONE_OFFSET_MS))) return fail(payload, 'date_in_future');
      if (maxAgeYears !== null && Number.isFinite(maxAgeYears)) {
        const oldest = yearsBefore(dateAt(now, LAST_ZONE_OFFSET_MS), maxAgeYears);
        if (payload.value < formatDate(oldest)) fail(payload, 'incident_too_old', { years: maxAgeYears });
      }
    }),
  );
}

/** The wire schema with the policy's choices and limits; `clock` gives the present for the date rules. */
function buildSchema(policy: Policy, clock: Clock) {
  const idNumber = new RegExp(`^(?:${policy.idNumberPattern})$`, 'u');
  const kinds = z.enum([...KINDS]).check(
    z.check<Kind>((payload) => {
      if (!policy.kinds.includes(payload.value)) fail(payload, 'invalid_choice');
    }),
  );
  const categories = z.enum([...CATEGORIES]).check(
    z.check<Category>((payload) => {
      if (!policy.categories.includes(payload.value)) fail(payload, 'invalid_choice');
    }),
  );
  const reporter = z
    .strictObject({
      name: policy.nameRequired ? requiredText(TEXT_MAX.name) : z._default(optionalText(TEXT_MAX.name), ''),
      email: z.optional(
        text((payload) => {
          if (payload.value.length > EMAIL_MAX || !EMAIL.test(payload.value)) fail(payload, 'invalid_email');
        }),
      ),
      phone: z.optional(
        text((payload) => {
          const e164 = normalizePhone(payload.value, policy.defaultCountryCode);
          if (e164 === null) fail(payload, 'invalid_phone');
          else payload.value = e164;
        }),
      ),
      address: optionalText(TEXT_MAX.address),
      idNumber: z.optional(
        text((payload) => {
          const digits = payload.value.length > ID_NUMBER_MAX ? payload.value : payload.value.replace(/\s/gu, '');
          if (digits.length > ID_NUMBER_MAX || !idNumber.test(digits)) fail(payload, 'invalid_id_number');
          else payload.value = digits;
        }),
      ),
    })
    .check(
      // Runs even when another reporter field failed, so that the form shows every problem at once.
      // The error is on `reporter.email`, the first contact field, which the form focuses.
      z.check(
        (payload) => {
          const value = payload.value as { email?: unknown; phone?: unknown };
          if (policy.contactRequired && value.email === undefined && value.phone === undefined) {
            fail(payload, 'contact_required', {}, ['email']);
          }
        },
        { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
      ),
    );
  return z.strictObject({
    kind: kinds,
    agencyId: requiredText(TEXT_MAX.agencyId),
    unit: optionalText(TEXT_MAX.unit),
    category: categories,
    title: requiredText(policy.titleMax),
    description: text((payload) => {
      // Counting stops a little past the limit: 2 × max + 2 UTF-16 units hold more than max code points.
      const length = payload.value === '' ? 0 : codePoints(payload.value.slice(0, 2 * policy.descriptionMax + 2));
      if (length === 0 && policy.descriptionMin > 0) fail(payload, 'required');
      else if (length > 0 && length < policy.descriptionMin) fail(payload, 'too_short', { min: policy.descriptionMin });
      else if (length > policy.descriptionMax) fail(payload, 'too_long', { max: policy.descriptionMax });
    }),
    incident: z.optional(
      z.strictObject({
        date: dateField(clock, policy.incidentMaxAgeYears),
        place: optionalText(TEXT_MAX.place),
        location: z.optional(z.strictObject({ lat: coordinate(90), long: coordinate(180) })),
      }),
    ),
    priorAttempt: z.optional(
      z.strictObject({
        date: dateField(clock, null),
        contacted: optionalText(TEXT_MAX.contacted),
        response: optionalText(TEXT_MAX.response),
      }),
    ),
    expectedResolution: optionalText(TEXT_MAX.expectedResolution),
    reporter,
    confidentiality: z._default(z.enum([...CONFIDENTIALITY]), 'anonymous'),
    consent: z.literal(true),
    locale: z._default(z.enum([...LOCALES]), 'id'),
    emailUpdates: z.optional(z.boolean()),
  }).check(
    // Updates go by email: asking for them needs an address, and the error sits on the address field.
    z.check(
      (payload) => {
        const value = payload.value as { emailUpdates?: unknown; reporter?: { email?: unknown } };
        if (value.emailUpdates === true && (typeof value.reporter !== 'object' || value.reporter === null || value.reporter.email === undefined)) {
          fail(payload, 'email_required_for_updates', {}, ['reporter', 'email']);
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  );
}

const liveClock: Clock = { now: () => new Date() };

/**
 * The wire shape of a submission (DESIGN.md, "Wire shapes") with the default policy's rules:
 * unknown fields refused, strings trimmed, phone numbers to E.164, defaults filled in, dates
 * checked against the clock. It checks a submission as it travels; `validateComplaint` also
 * forgives what forms send (empty strings and `null` for absent fields) and gives messages.
 */
export const complaintSubmissionSchema = buildSchema(defaultPolicy, liveClock);

type ComplaintSchema = ReturnType<typeof buildSchema>;

/** One schema per policy, reused; its clock is set for each call. */
const schemas = new WeakMap<Policy, { schema: ComplaintSchema; clock: Clock & { at: Date } }>();

function schemaFor(policy: Policy): { schema: ComplaintSchema; clock: Clock & { at: Date } } {
  let entry = schemas.get(policy);
  if (!entry) {
    const clock = { at: new Date(), now: () => clock.at };
    entry = { schema: buildSchema(policy, clock), clock };
    schemas.set(policy, entry);
  }
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Reading the input: whatever arrives is copied into plain records before zod sees it, so that
// getters, proxies, cycles and prototypes cannot reach the parser, and a property that throws is
// just a value of the wrong type.

/** Stands for a value that is not a JSON scalar, or could not be read. */
const OPAQUE: unique symbol = Symbol('opaque');

type Plain = Record<string, unknown>;

/** The nested objects of a submission, each with its optional fields. */
const NESTED: Record<string, { optional: boolean; fields: ReadonlySet<string> }> = {
  incident: { optional: true, fields: new Set(['date', 'place', 'location']) },
  priorAttempt: { optional: true, fields: new Set(['date', 'contacted', 'response']) },
  reporter: { optional: false, fields: new Set(['email', 'phone', 'address', 'idNumber']) },
};
const OPTIONAL_TOP = new Set(['unit', 'incident', 'priorAttempt', 'expectedResolution', 'confidentiality', 'locale', 'emailUpdates']);

/** Every field path in the order of the form; errors are reported in this order. */
const FORM_ORDER = [
  '',
  'kind',
  'agencyId',
  'unit',
  'category',
  'title',
  'description',
  'incident',
  'incident.date',
  'incident.place',
  'incident.location',
  'incident.location.lat',
  'incident.location.long',
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
  'emailUpdates',
];
const FORM_POSITION = new Map(FORM_ORDER.map((path, index) => [path, index]));

/** A JSON scalar as it will be checked (strings trimmed, choices included), or OPAQUE. */
function scalar(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  const type = typeof value;
  return value === null || value === undefined || type === 'number' || type === 'boolean' ? value : OPAQUE;
}

/** The own enumerable properties of a plain object, each read once; undefined for anything else. */
function readRecord(value: unknown): Plain | undefined {
  try {
    if (typeof value !== 'object' || value === null) return undefined;
    // Arrays, dates, maps and the like are not submissions; objects from other realms are.
    if (Object.prototype.toString.call(value) !== '[object Object]') return undefined;
    const record: Plain = Object.create(null) as Plain;
    for (const key of Object.keys(value)) {
      let field: unknown;
      try {
        field = (value as Plain)[key];
      } catch {
        field = OPAQUE;
      }
      // A plain assignment: with no prototype there is no `__proto__` setter to reach, so this
      // creates an own data property like defineProperty would, and keeps V8's fast properties.
      record[key] = field;
    }
    return record;
  } catch {
    return undefined;
  }
}

/** A web form's way of leaving a field out. */
const isBlank = (value: unknown): boolean => value === null || (typeof value === 'string' && value.trim() === '');

/** The submission as plain data, strings trimmed, blank optional fields removed; undefined when not an object. */
function readSubmission(input: unknown): Plain | undefined {
  const submission = readRecord(input);
  if (!submission) return undefined;
  for (const key of Object.keys(submission)) {
    const value = submission[key];
    const nested = Object.prototype.hasOwnProperty.call(NESTED, key) ? NESTED[key] : undefined;
    if (nested) {
      const record = readRecord(value);
      if (record) {
        for (const field of Object.keys(record)) {
          if (nested.fields.has(field) && isBlank(record[field])) delete record[field];
          else if (key === 'incident' && field === 'location') record[field] = readLocation(record[field]);
          else record[field] = scalar(record[field]);
        }
        if (nested.optional && Object.keys(record).length === 0) delete submission[key];
        else submission[key] = record;
        continue;
      }
    }
    if (OPTIONAL_TOP.has(key) && isBlank(value)) delete submission[key];
    else submission[key] = scalar(value);
  }
  return submission;
}

/** `incident.location` as plain data (its two numbers), or the scalar it is when not an object. */
function readLocation(value: unknown): unknown {
  const location = readRecord(value);
  if (!location) return scalar(value);
  for (const field of Object.keys(location)) location[field] = scalar(location[field]);
  return location;
}

function valueAt(record: Plain, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Plain)[key];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Errors.

/** A key that may appear in a path and a message: a short identifier, nothing a person wrote. */
const NAMEABLE_KEY = /^[A-Za-z_$][\w$-]{0,63}$/;

/** An unknown key that is not nameable shows as `*`: its text is the sender's, not ours. */
const UNNAMED = '*';

/** Unknown fields reported at most; more say nothing new. */
const UNKNOWN_FIELDS_MAX = 20;

interface Problem {
  path: string;
  code: ValidationCode;
  params: Params;
}

function problemsOf(issues: readonly z.core.$ZodIssue[], submission: Plain): Problem[] {
  const problems: Problem[] = [];
  let unknownFields = 0;
  for (const issue of issues) {
    const keys = issue.path.map((key) => (typeof key === 'string' ? key : UNNAMED));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (++unknownFields > UNKNOWN_FIELDS_MAX) break;
        const name = NAMEABLE_KEY.test(key) ? key : UNNAMED;
        problems.push({ path: [...keys, name].join('.'), code: 'unknown_field', params: {} });
      }
      continue;
    }
    const path = keys.join('.');
    if (issue.code === 'custom') {
      const { code, ...params } = (issue.params ?? {}) as Params & { code: ValidationCode };
      problems.push({ path, code, params });
    } else if (path === 'consent') {
      problems.push({ path, code: 'consent_required', params: {} });
    } else if (isBlank(valueAt(submission, keys)) || valueAt(submission, keys) === undefined) {
      problems.push({ path, code: 'required', params: {} });
    } else if (issue.code === 'invalid_value') {
      problems.push({ path, code: 'invalid_choice', params: {} });
    } else {
      problems.push({ path, code: 'invalid_type', params: {} });
    }
  }
  return problems;
}

function fieldLabel(locale: Locale, path: string): string {
  const key = `field.${path}`;
  if (hasMessage(key)) return message(locale, key);
  // Only unknown fields get here, and their paths hold nameable keys or `*`.
  return path;
}

function toFieldError(locale: Locale, { path, code, params }: Problem): FieldError {
  const unnamed = code === 'unknown_field' && path.split('.').includes(UNNAMED);
  const key: MessageKey = unnamed ? 'validation.unknown_field_unnamed' : `validation.${code}`;
  return { path, code, message: message(locale, key, { ...params, field: fieldLabel(locale, path) }) };
}

/** One error per path (the first found, which zod's check order makes the most basic), in form order. */
function toFieldErrors(locale: Locale, problems: readonly Problem[]): FieldError[] {
  const byPath = new Map<string, Problem>();
  for (const problem of problems) if (!byPath.has(problem.path)) byPath.set(problem.path, problem);
  const position = (path: string): number => FORM_POSITION.get(path) ?? FORM_ORDER.length;
  return [...byPath.values()]
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => position(a.problem.path) - position(b.problem.path) || a.index - b.index)
    .map(({ problem }) => toFieldError(locale, problem));
}

function notAnObject(locale: Locale): ValidationResult {
  return { ok: false, errors: [toFieldError(locale, { path: '', code: 'not_an_object', params: {} })] };
}

/**
 * Checks and normalises a submission: strings trimmed, blank optional fields (`''`, `null`)
 * removed, phone numbers in E.164, defaults filled in. Never throws, whatever `input` is.
 * @example
 * const result = validateComplaint(JSON.parse(body), { locale: 'en' });
 * if (!result.ok) return problem(422, result.errors); // [{ path: 'reporter.email', code: 'invalid_email', message: '...' }]
 */
export function validateComplaint(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const { locale: requested, policy = defaultPolicy, now } = options ?? {};
  // Outside the try: a policy whose pattern is not a regular expression is the deployer's error.
  const { schema, clock } = schemaFor(policy);
  const supported = (locale: unknown): locale is Locale => locale === 'id' || locale === 'en';
  let locale: Locale = supported(requested) ? requested : 'id';
  try {
    const submission = readSubmission(input);
    if (!submission) return notAnObject(locale);
    if (!supported(requested) && supported(submission.locale)) locale = submission.locale;
    // Set and restored around the parse, so that a nested call cannot leave its present behind.
    const previous = clock.at;
    clock.at = now instanceof Date ? now : new Date();
    try {
      const result = schema.safeParse(submission, { jitless: true });
      if (result.success) return { ok: true, value: result.data as ComplaintSubmission };
      return { ok: false, errors: toFieldErrors(locale, problemsOf(result.error.issues, submission)) };
    } finally {
      clock.at = previous;
    }
  } catch {
    // Not reachable with plain data; kept so that the promise "never throws" does not rest on zod.
    return notAnObject(locale);
  }
}
