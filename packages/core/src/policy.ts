import type { AttachmentType, Category, Kind } from './model.js';
import { ATTACHMENT_TYPES, CATEGORIES, KINDS } from './model.js';

/**
 * Every Indonesian default as a value an agency can change. The law behind each default is cited
 * in docs/deadlines.md and docs/api.md.
 */
export interface Policy {
  /** Working days to verify a complaint after receipt (SP4N-LAPOR!: 3). */
  verifyWorkingDays: number;
  /** Calendar days to a first response after receipt (UU 25/2009: 14). */
  respondDays: number;
  /** Calendar days to resolve once the file is complete, i.e. verified (Perpres 76/2013: 60). */
  resolveDays: number;
  /** Oldest incident that may be reported, in years (UU 37/2008 art. 24: 2). */
  incidentMaxAgeYears: number;
  /** Shortest description, in characters; 0 makes the description optional. */
  descriptionMin: number;
  /** 4,000 as Open311. */
  descriptionMax: number;
  titleMax: number;
  /** When false, a report with neither email nor phone is accepted. */
  contactRequired: boolean;
  /** When false, a report without the reporter's name is accepted (its `reporter.name` is `""`). */
  nameRequired: boolean;
  /** Default country calling code for phone numbers written nationally (`0812...`). */
  defaultCountryCode: string;
  /**
   * The national ID number (NIK: 16 digits) as a regular expression the whole number must match,
   * written as for an HTML `pattern` attribute so that a form can use it too. Spaces are ignored.
   */
  idNumberPattern: string;
  categories: readonly Category[];
  kinds: readonly Kind[];
  attachments: { maxFiles: number; maxBytes: number; types: readonly AttachmentType[] };
  /**
   * Whether Open311 shows the free text (description, incident place) of `anonymous` complaints.
   * Off by default: citizens write their names into descriptions. `secret` complaints never show it.
   */
  open311ShowsAnonymousText: boolean;
  /** Days after `resolved` in which the reporter may dispute the resolution (reopening it). */
  disputeDays: number;
  /** Longest reply, dispute reason, withdrawal reason or rating comment, in characters. */
  reporterTextMax: number;
  /**
   * What a report through Open311 must carry beyond what GeoReport v2 requires (a `service_code`
   * and a location). The specification makes the description, the name and the contacts optional,
   * and so does the default; an agency that needs them sets them here, and a request without them
   * is refused with an error naming the Open311 field.
   */
  open311Requires: { descriptionMin: number; name: boolean; contact: boolean };
  /** Largest request body accepted, in bytes (attachments included). */
  maxBodyBytes: number;
  /**
   * Largest JSON accepted, in bytes: a whole JSON body, or the `complaint` part of a multipart one.
   * A complaint at its longest is about 30 KB; a larger JSON is refused before it is read further.
   */
  maxJsonBytes: number;
}

export const defaultPolicy: Policy = Object.freeze({
  verifyWorkingDays: 3,
  respondDays: 14,
  resolveDays: 60,
  incidentMaxAgeYears: 2,
  descriptionMin: 30,
  descriptionMax: 4000,
  titleMax: 150,
  contactRequired: true,
  nameRequired: true,
  defaultCountryCode: '62',
  idNumberPattern: '\\d{16}',
  categories: CATEGORIES,
  kinds: KINDS,
  attachments: Object.freeze({ maxFiles: 5, maxBytes: 10 * 1024 * 1024, types: ATTACHMENT_TYPES }),
  open311ShowsAnonymousText: false,
  disputeDays: 14,
  reporterTextMax: 4000,
  open311Requires: Object.freeze({ descriptionMin: 0, name: false, contact: false }),
  maxBodyBytes: 52 * 1024 * 1024,
  maxJsonBytes: 256 * 1024,
});

/** A policy with some values changed. */
export function createPolicy(overrides: Partial<Policy> = {}): Policy {
  return Object.freeze({ ...defaultPolicy, ...overrides });
}
