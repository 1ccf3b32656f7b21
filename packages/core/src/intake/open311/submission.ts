/**
 * A GeoReport v2 POST as a Narahubung submission: the mapping of its fields, what the Open311
 * channel requires (the specification's requirements, plus what the agency's policy adds), and the
 * key that makes a client's retry answer the first request instead of making a second complaint.
 */
import type { FieldError, Locale, Open311Details } from '../../model.js';
import { problemMessage } from '../../messages/problems.js';
import type { Policy } from '../../policy.js';
import { createPolicy } from '../../policy.js';
import { cleanText } from '../../text.js';
import { canonicalJson } from '../http.js';
import { sha256HexSync } from '../sha256.js';

/** A form's fields in the order sent; a name may come several times (`media_url`). */
export type FormFields = readonly (readonly [name: string, value: string])[];

/** The first words of a description make the title. */
const TITLE_WORDS = 8;
/** Most `media_url`s kept; more are refused with an error on the field. */
export const MEDIA_URLS_MAX = 10;
/** Longest `media_url`, `address_id`, `device_id`, `account_id`, `jurisdiction_id`. */
const URL_MAX = 2000;
const ID_MAX = 200;

/** Where each field of a submission comes from in an Open311 POST, for error messages that name what the client sent. */
const OPEN311_FIELDS: Readonly<Record<string, string>> = {
  '': 'service_code',
  agencyId: 'attribute[agency]',
  category: 'service_code',
  title: 'description',
  description: 'description',
  incident: 'address_string',
  'incident.place': 'address_string',
  'incident.location': 'lat',
  'incident.location.lat': 'lat',
  'incident.location.long': 'long',
  reporter: 'email',
  'reporter.name': 'first_name',
  'reporter.email': 'email',
  'reporter.phone': 'phone',
};

/** The Open311 field a submission's field came from. */
export function open311Field(path: string): string {
  return OPEN311_FIELDS[path] ?? path;
}

/**
 * The policy the Open311 channel validates with: the agency's, with the description, the name and
 * the contacts required only as far as `policy.open311Requires` says.
 */
export function open311Policy(policy: Policy): Policy {
  const requires = policy.open311Requires;
  return createPolicy({ ...policy, descriptionMin: requires.descriptionMin, nameRequired: requires.name, contactRequired: requires.contact });
}

/** The first words of a description, as a title no longer than `max` characters. */
export function titleFrom(description: string, max: number): string {
  const words = description.trim().split(/\s+/);
  let title = words.slice(0, TITLE_WORDS).join(' ');
  if ([...title].length > max) title = [...title].slice(0, max - 1).join('');
  return words.length > TITLE_WORDS || title.length < description.trim().length ? `${title.replace(/[\s.,;:]+$/, '')}…` : title;
}

/** A decimal number as forms send it (`-5.4294`, `105.26`); anything else stays text and fails validation on its field. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const coordinate = (text: string): number | string => (DECIMAL.test(text) ? Number(text) : text);

export interface MappedRequest {
  /** The submission, for core's validation. */
  input: Record<string, unknown>;
  /** What is kept beside it on the record. */
  details: Open311Details;
  /** Problems only Open311 has (location, media URLs, identifiers), as Open311 field errors. */
  errors: FieldError[];
}

/**
 * Maps a POST's fields onto a submission. Blank fields count as absent (the specification: "the
 * response should be the same whether a parameter is passed and is empty or is not passed").
 * Unknown fields and attributes other than `attribute[agency]` are ignored: FixMyStreet sends its
 * own (`attribute[uprn]`, `attribute[title]`, …).
 */
export function mapRequest(fields: FormFields, options: { clientSystemId: string; defaultAgencyId: string | null; titleMax: number; serviceName: (code: string) => string | null; locale: Locale }): MappedRequest {
  const { locale } = options;
  const all = (name: string): string[] => fields.filter(([field]) => field === name).map(([, value]) => value.trim()).filter((value) => value !== '');
  const one = (name: string): string | undefined => all(name)[0];
  const errors: FieldError[] = [];
  const refuse = (field: string, code: string, key: 'open311.invalid_text' | 'open311.too_long' | 'open311.media_url' | 'open311.too_many' | 'open311.location_required' | 'open311.coordinate_pair', params: Record<string, string | number> = {}) =>
    errors.push({ path: field, code, message: problemMessage(locale, key, { field, ...params }) });

  /** An identifier or URL as kept: visible text, at most `max` characters. */
  const text = (field: string, max: number, value = one(field)): string | undefined => {
    if (value === undefined) return undefined;
    const clean = cleanText(value);
    if (clean === null) return void refuse(field, 'invalid_text', 'open311.invalid_text');
    if ([...clean].length > max) return void refuse(field, 'too_long', 'open311.too_long', { max });
    return clean === '' ? undefined : clean;
  };

  const description = one('description') ?? '';
  const serviceCode = one('service_code') ?? '';
  const lat = one('lat');
  const long = one('long');
  const place = one('address_string');
  const addressId = text('address_id', ID_MAX);
  if (lat === undefined && long === undefined && place === undefined && addressId === undefined) refuse('lat', 'required', 'open311.location_required');
  if ((lat === undefined) !== (long === undefined)) refuse(lat === undefined ? 'lat' : 'long', 'required', 'open311.coordinate_pair');

  const mediaUrls: string[] = [];
  const sentUrls = all('media_url');
  if (sentUrls.length > MEDIA_URLS_MAX) refuse('media_url', 'too_many', 'open311.too_many', { max: MEDIA_URLS_MAX });
  for (const sent of sentUrls.slice(0, MEDIA_URLS_MAX)) {
    const url = text('media_url', URL_MAX, sent);
    if (url === undefined) continue;
    // Only web addresses: a `javascript:` or `data:` URL shown by a dashboard would run or embed anything.
    if (!/^https?:\/\/[^\s/?#]+/i.test(url) || !URL.canParse(url)) refuse('media_url', 'invalid_url', 'open311.media_url');
    else mediaUrls.push(url);
  }

  const name = [one('first_name'), one('last_name')].filter((part) => part !== undefined).join(' ');
  const email = one('email');
  const phone = one('phone');
  const title = description !== '' ? titleFrom(description, options.titleMax) : (options.serviceName(serviceCode) ?? serviceCode);
  const input: Record<string, unknown> = {
    kind: 'complaint',
    agencyId: one('attribute[agency]') ?? options.defaultAgencyId ?? '',
    category: serviceCode,
    title,
    description,
    ...(place !== undefined || lat !== undefined || long !== undefined
      ? {
          incident: {
            ...(place !== undefined ? { place } : {}),
            ...(lat !== undefined && long !== undefined ? { location: { lat: coordinate(lat), long: coordinate(long) } } : {}),
          },
        }
      : {}),
    reporter: { name, ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone } : {}) },
    // Open311 reports are anonymous: the agency's focal point sees no identity, only intake officers do.
    confidentiality: 'anonymous',
    // An Open311 client collects the citizen's consent under its own terms before it posts.
    consent: true,
    locale,
  };
  const jurisdictionId = text('jurisdiction_id', ID_MAX);
  const deviceId = text('device_id', ID_MAX);
  const accountId = text('account_id', ID_MAX);
  const details: Open311Details = {
    clientSystemId: options.clientSystemId,
    ...(jurisdictionId !== undefined ? { jurisdictionId } : {}),
    ...(addressId !== undefined ? { addressId } : {}),
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    ...(mediaUrls.length > 0 ? { mediaUrls } : {}),
  };
  return { input, details, errors };
}

/** How long a retried POST answers the first request's id: at least this, at most twice this. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The idempotency keys of a POST: for the current 24-hour window and the one before, so that the
 * same client sending the same request again within 24 hours (however the windows fall) finds the
 * first. The key carries a hash of everything the request becomes, never the fields themselves.
 */
export function retryKeys(clientSystemId: string, request: Pick<MappedRequest, 'input' | 'details'>, now: Date): { current: string; previous: string } {
  const hash = sha256HexSync(canonicalJson({ input: request.input, details: request.details }));
  const window = Math.floor(now.getTime() / RETRY_WINDOW_MS);
  const key = (index: number) => `open311:${clientSystemId}:${index}:${hash}`;
  return { current: key(window), previous: key(window - 1) };
}
