/**
 * The query parameters of `GET /v1/inbox`, read into a store filter, with
 * a field error naming each parameter that cannot be used.
 */
import type { WorkCalendar } from '../calendar.js';
import { shiftLocalDate } from '../calendar.js';
import type { FieldError, Locale } from '../model.js';
import { CATEGORIES, KINDS, STATUSES } from '../model.js';
import { message } from '../messages/index.js';
import type { ComplaintFilter, ComplaintSort } from '../store.js';
import { INDICATOR_NAMES } from '../indicators.js';
import { COMPLAINT_SORTS } from '../store.js';
import { parseTrackingId } from '../tracking-id.js';
import type { StaffPrincipal as Principal } from './tokens.js';

export interface InboxQuery {
  filter: ComplaintFilter;
  page: { sort: ComplaintSort; limit: number; cursor?: string };
}

/** The default and the largest page of the inbox. */
export const INBOX_LIMIT = { default: 50, max: 500 } as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the inbox's parameters: `status`, `kind`, `category` (comma-separated codes), `q` (a
 * tracking number however typed, else words), `overdue=true`, `assignee` (`me`, `none` or an
 * officer's id), `from`/`to` (received, local dates, both inclusive), `agency` (reported about
 * one of these agencies), `indicator` with `outcome` (`met` or `missed`) and `at` (the indicators'
 * "now", default now): the complaints behind an indicator's number, `sort`, `limit`, `cursor`.
 */
export function readInboxQuery(params: URLSearchParams, context: { principal: Principal; calendar: WorkCalendar; locale: Locale; now: Date }): InboxQuery | FieldError[] {
  const { principal, calendar, locale } = context;
  const errors: FieldError[] = [];
  const invalid = (path: string, code: string, key: 'validation.invalid_choice' | 'validation.invalid_date' | 'validation.invalid_type') =>
    errors.push({ path, code, message: message(locale, key, { field: path }) });
  const list = <T extends string>(name: string, allowed: readonly T[]): T[] | undefined => {
    const text = params.get(name);
    if (text === null || text.trim() === '') return undefined;
    const values = text.split(',').map((value) => value.trim()).filter((value) => value !== '');
    if (values.some((value) => !(allowed as readonly string[]).includes(value))) {
      invalid(name, 'invalid_choice', 'validation.invalid_choice');
      return undefined;
    }
    return [...new Set(values)] as T[];
  };

  const filter: ComplaintFilter = {};
  const statuses = list('status', STATUSES);
  if (statuses) filter.statuses = statuses;
  const kinds = list('kind', KINDS);
  if (kinds) filter.kinds = kinds;
  const categories = list('category', CATEGORIES);
  if (categories) filter.categories = categories;

  const q = params.get('q')?.trim() ?? '';
  if (q !== '') {
    // A tracking number however it was typed (spaces, case, no `NH-`, O for 0) finds that complaint.
    const trackingId = parseTrackingId(q);
    if (trackingId) filter.trackingIds = [trackingId];
    else filter.text = q.slice(0, 200);
  }

  const agencies = params.get('agency');
  if (agencies !== null && agencies.trim() !== '') {
    const ids = [...new Set(agencies.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
    if (ids.some((id) => !/^[A-Za-z0-9_.:-]{1,100}$/.test(id))) invalid('agency', 'invalid_choice', 'validation.invalid_choice');
    else filter.reportedAgencyIds = ids;
  }

  const indicator = params.get('indicator');
  if (indicator !== null && indicator !== '') {
    const outcome = params.get('outcome');
    const atText = params.get('at');
    const at = atText === null || atText === '' ? context.now : new Date(atText);
    if (!(INDICATOR_NAMES as readonly string[]).includes(indicator)) invalid('indicator', 'invalid_choice', 'validation.invalid_choice');
    if (outcome !== 'met' && outcome !== 'missed') invalid('outcome', 'invalid_choice', 'validation.invalid_choice');
    if (Number.isNaN(at.getTime()) || (atText !== null && atText !== '' && !/^\d{4}-\d{2}-\d{2}T/.test(atText))) invalid('at', 'invalid_date', 'validation.invalid_date');
    else if ((INDICATOR_NAMES as readonly string[]).includes(indicator) && (outcome === 'met' || outcome === 'missed')) {
      filter.indicator = { name: indicator as (typeof INDICATOR_NAMES)[number], outcome, at: at.toISOString() };
      // The indicators leave secret complaints out; so does the list behind them.
      filter.confidentialities = ['public', 'anonymous'];
    }
  }

  const overdue = params.get('overdue');
  if (overdue === 'true') filter.overdueAt = context.now.toISOString();
  else if (overdue !== null && overdue !== 'false' && overdue !== '') invalid('overdue', 'invalid_choice', 'validation.invalid_choice');

  const assignee = params.get('assignee');
  if (assignee === 'me') filter.assigneeId = principal.id;
  else if (assignee === 'none') filter.assigneeId = null;
  else if (assignee !== null && assignee !== '') {
    if (/^[A-Za-z0-9_.:-]{1,100}$/.test(assignee)) filter.assigneeId = assignee;
    else invalid('assignee', 'invalid_choice', 'validation.invalid_choice');
  }

  for (const name of ['from', 'to'] as const) {
    const text = params.get(name);
    if (text === null || text === '') continue;
    if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
      invalid(name, 'invalid_date', 'validation.invalid_date');
      continue;
    }
    // Local days of the intake's calendar: `to` is inclusive, so the range ends where the next day starts.
    if (name === 'from') filter.receivedFrom = calendar.startOfDay(text).toISOString();
    else filter.receivedBefore = calendar.startOfDay(shiftLocalDate(text, 1)).toISOString();
  }

  const sortText = params.get('sort') ?? 'deadline';
  const sort = (COMPLAINT_SORTS as readonly string[]).includes(sortText) ? (sortText as ComplaintSort) : null;
  if (!sort) invalid('sort', 'invalid_choice', 'validation.invalid_choice');

  const limitText = params.get('limit');
  let limit: number = INBOX_LIMIT.default;
  if (limitText !== null && limitText !== '') {
    const value = Number(limitText);
    if (!Number.isInteger(value) || value < 1 || value > INBOX_LIMIT.max) invalid('limit', 'invalid_type', 'validation.invalid_type');
    else limit = value;
  }

  const cursor = params.get('cursor');
  if (errors.length > 0 || !sort) return errors;
  return { filter, page: { sort, limit, ...(cursor ? { cursor } : {}) } };
}
