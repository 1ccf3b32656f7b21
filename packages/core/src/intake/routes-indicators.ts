/**
 * `GET /v1/indicators`, `/v1/indicators.csv` and `/v1/indicators.pdf`: the seed's indicators per
 * agency, per inspectorate and for every agency together. Public without a token (the agencies the
 * intake offers; counts of 1 to 4 in a category × month cell shown as "< 5"); with a staff token,
 * exact numbers for the agencies that token reads (a supervisor's: those it supervises).
 */
import type { Context, Hono } from 'hono';
import type { WorkCalendar } from '../calendar.js';
import { shiftLocalDate } from '../calendar.js';
import { csvRows } from '../csv.js';
import type { Directory } from '../directory.js';
import type { IndicatorTable, Indicators, Share } from '../indicators.js';
import { indicatorsFromAggregates, periodBounds } from '../indicators.js';
import { message } from '../messages/index.js';
import { indicatorMessage } from '../messages/indicators.js';
import type { IndicatorMessageKey } from '../messages/indicators.js';
import type { Category, FieldError, Locale } from '../model.js';
import type { Store } from '../store.js';
import type { IntakeEnv } from './handler.js';
import { endpoint } from './handler.js';
import { json, problem } from './http.js';
import type { StaffPrincipal as Principal } from './tokens.js';

/** A count publicly shown only from 5 up: a smaller cell could point at a person. */
export type Cell = number | '< 5';
export const SMALL_CELL = '< 5';

/** An indicator table as answered: with a name, and cells that may be hidden. */
export interface IndicatorTableAnswer extends Omit<IndicatorTable, 'trend' | 'byCategory'> {
  name: string;
  trend: Record<string, Partial<Record<Category, Cell>>>;
  byCategory: Partial<Record<Category, Cell>>;
}

/** The body of `GET /v1/indicators`. */
export interface IndicatorsAnswer {
  period: { from: string; to: string };
  at: string;
  timeZone: string;
  /** False in the public answer: cells of 1 to 4 read "< 5". */
  exact: boolean;
  agencies: (IndicatorTableAnswer & { agencyId: string })[];
  inspectorates: (IndicatorTableAnswer & { inspectorateId: string; agencyIds: string[] })[];
  total: IndicatorTableAnswer;
}

export interface IndicatorRouteDeps {
  store: Store;
  directory: Directory;
  calendar: WorkCalendar;
  offered: readonly string[];
  now: () => Date;
  authenticate(request: Request): Promise<Principal | null>;
  /** Renders the printable handout; without it `/v1/indicators.pdf` answers 404. */
  renderPdf?: (answer: IndicatorsAnswer, locale: Locale) => Promise<Uint8Array>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (text: string) => ISO_DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
/** The longest period one request may ask for (a province's whole history fits). */
const MAX_YEARS = 30;

interface IndicatorRequest {
  from: string;
  to: string;
  agencyIds: string[];
  exact: boolean;
}

/** The agencies a principal's exact numbers cover: what its inbox reads. */
function scopeOf(principal: Principal, directory: Directory): string[] {
  if (principal.role === 'focal_point' || principal.role === 'officer') return [principal.agencyId];
  if (principal.agencyIds === 'all') return directory.agencies().map((agency) => agency.id);
  return [...principal.agencyIds];
}

/** Reads `from`, `to`, `agency` and `inspectorate` within `scope`, or the field errors. */
export function readIndicatorRequest(params: URLSearchParams, scope: readonly string[], context: { directory: Directory; calendar: WorkCalendar; now: Date; locale: Locale }): Omit<IndicatorRequest, 'exact'> | FieldError[] {
  const { directory, locale } = context;
  const errors: FieldError[] = [];
  const invalid = (path: string, code: string, key: 'validation.invalid_choice' | 'validation.invalid_date') => errors.push({ path, code, message: message(locale, key, { field: path }) });
  const today = context.calendar.localDate(context.now);
  const read = (name: 'from' | 'to', fallback: string): string => {
    const text = params.get(name)?.trim() ?? '';
    if (text === '') return fallback;
    if (!isDate(text)) invalid(name, 'invalid_date', 'validation.invalid_date');
    return text;
  };
  // By default the year so far: from 1 January up to and including today.
  const from = read('from', `${today.slice(0, 4)}-01-01`);
  const to = read('to', shiftLocalDate(today, 1));
  if (errors.length === 0 && (to <= from || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > MAX_YEARS)) {
    errors.push({ path: 'to', code: 'invalid_range', message: message(locale, 'validation.invalid_date', { field: 'to' }) });
  }
  let agencyIds = [...scope];
  const agencyText = params.get('agency')?.trim() ?? '';
  if (agencyText !== '') {
    const asked = [...new Set(agencyText.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
    if (asked.some((id) => !scope.includes(id))) invalid('agency', 'invalid_choice', 'validation.invalid_choice');
    else agencyIds = scope.filter((id) => asked.includes(id));
  }
  const inspectorate = params.get('inspectorate')?.trim() ?? '';
  if (inspectorate !== '') {
    const supervised = directory.supervisedBy(inspectorate);
    if (supervised.length === 0) invalid('inspectorate', 'invalid_choice', 'validation.invalid_choice');
    else agencyIds = agencyIds.filter((id) => supervised.includes(id));
  }
  return errors.length > 0 ? errors : { from, to, agencyIds };
}

/** The indicators of a request from the store's aggregates (never by reading records). */
export async function indicatorsOf(deps: Pick<IndicatorRouteDeps, 'store' | 'directory' | 'calendar'>, request: Omit<IndicatorRequest, 'exact'>, now: Date): Promise<Indicators> {
  const { fromMs, beforeMs } = periodBounds(deps.calendar, request.from, request.to);
  const aggregates = await deps.store.indicatorAggregates({
    receivedFrom: new Date(fromMs).toISOString(),
    receivedBefore: new Date(beforeMs).toISOString(),
    now: now.toISOString(),
    agencyIds: request.agencyIds,
  });
  return indicatorsFromAggregates(aggregates, {
    agencyIds: request.agencyIds,
    inspectorateOf: (agencyId) => deps.directory.agency(agencyId)?.inspectorateId ?? null,
    from: request.from,
    to: request.to,
    now,
  });
}

/** The answer: names beside ids, and small cells hidden unless `exact`. */
export function answerOf(indicators: Indicators, directory: Directory, timeZone: string, exact: boolean): IndicatorsAnswer {
  const cell = (count: number): Cell => (exact || count === 0 || count >= 5 ? count : SMALL_CELL);
  const table = (from: IndicatorTable, name: string): IndicatorTableAnswer => {
    const { trend, byCategory, ...groups } = from;
    const hiddenTrend: IndicatorTableAnswer['trend'] = {};
    for (const [month, counts] of Object.entries(trend)) hiddenTrend[month] = Object.fromEntries(Object.entries(counts).map(([category, count]) => [category, cell(count ?? 0)]));
    return { name, ...groups, trend: hiddenTrend, byCategory: Object.fromEntries(Object.entries(byCategory).map(([category, count]) => [category, cell(count ?? 0)])) };
  };
  const name = (id: string) => directory.agency(id)?.name ?? id;
  return {
    period: indicators.period,
    at: indicators.at,
    timeZone,
    exact,
    agencies: indicators.agencies.map(({ agencyId, ...rest }) => ({ agencyId, ...table(rest, name(agencyId)) })),
    inspectorates: indicators.inspectorates.map(({ inspectorateId, agencyIds, ...rest }) => ({ inspectorateId, agencyIds, ...table(rest, name(inspectorateId)) })),
    total: table(indicators.total, ''),
  };
}

/** The CSV's columns: stable codes for machines, and `label` in words. */
export const INDICATOR_CSV_HEADER = ['from', 'to', 'at', 'scope', 'id', 'name', 'group', 'indicator', 'label', 'n', 'of', 'share', 'value', 'grade'] as const;

/** One row per agency (then inspectorate, then all agencies) and indicator, as RFC 4180 CSV with a BOM. */
export function indicatorsCsv(answer: IndicatorsAnswer, locale: Locale): string {
  const rows: (string | number | null)[][] = [[...INDICATOR_CSV_HEADER]];
  type Scope = [scope: 'agency' | 'inspectorate' | 'total', id: string, table: IndicatorTableAnswer];
  const scopes: Scope[] = [
    ...answer.agencies.map((entry): Scope => ['agency', entry.agencyId, entry]),
    ...answer.inspectorates.map((entry): Scope => ['inspectorate', entry.inspectorateId, entry]),
    ['total', '', { ...answer.total, name: indicatorMessage(locale, 'scope.total') }],
  ];
  for (const [scope, id, table] of scopes) {
    const row = (group: string, indicator: string, values: { n?: number; of?: number; share?: number | null; value?: number | null; grade?: string }) =>
      rows.push([
        answer.period.from,
        answer.period.to,
        answer.at,
        scope,
        id,
        table.name,
        group,
        indicator,
        indicatorMessage(locale, `indicator.${indicator}` as IndicatorMessageKey),
        values.n ?? null,
        values.of ?? null,
        values.share ?? null,
        values.value ?? null,
        values.grade ?? null,
      ]);
    const share = (group: string, indicator: string, value: Share) => row(group, indicator, { n: value.n, of: value.of, share: value.share });
    row('', 'received', { value: table.received });
    share('cepat', 'verifiedOnTime', table.cepat.verifiedOnTime);
    share('cepat', 'resolvedOnTime', table.cepat.resolvedOnTime);
    row('cepat', 'medianWorkingDaysToResolve', { value: table.cepat.medianWorkingDaysToResolve });
    share('transparan', 'publicNotes', table.transparan.publicNotes);
    share('transparan', 'answeredInfoRequests', table.transparan.answeredInfoRequests);
    share('akuntabel', 'explainedResolutions', table.akuntabel.explainedResolutions);
    share('akuntabel', 'escalated', table.akuntabel.escalated);
    share('tuntas', 'completed', table.tuntas.completed);
    row('tuntas', 'openOverdue', { value: table.tuntas.openOverdue });
    share('tuntas', 'disputed', table.tuntas.disputed);
    const satisfaction = table.tuntas.satisfaction;
    row('tuntas', 'satisfaction', satisfaction ? { n: satisfaction.responses, value: satisfaction.index, grade: satisfaction.grade } : { n: 0 });
  }
  // The byte order mark tells Excel the file is UTF-8 (names such as "Dinas Kependudukan dan …").
  return `\uFEFF${csvRows(rows)}`;
}

export function registerIndicatorRoutes(v1: Hono<IntakeEnv>, deps: IndicatorRouteDeps): void {
  /** The request's answer, or the problem that refuses it. */
  async function answer(c: Context<IntakeEnv>): Promise<IndicatorsAnswer | Response> {
    const locale = c.get('locale');
    const now = deps.now();
    let scope: readonly string[] = deps.offered;
    let exact = false;
    if (c.req.header('authorization') !== undefined) {
      // A token that is presented must be good: a mistyped one should not quietly give the public numbers.
      const principal = await deps.authenticate(c.req.raw);
      if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
      scope = scopeOf(principal, deps.directory);
      exact = true;
    }
    const read = readIndicatorRequest(new URL(c.req.url).searchParams, scope, { directory: deps.directory, calendar: deps.calendar, now, locale });
    if (Array.isArray(read)) return problem(locale, 'invalid_query', { count: read.length }, { errors: read });
    return answerOf(await indicatorsOf(deps, read, now), deps.directory, deps.calendar.timeZone, exact);
  }
  const headers = (c: Context<IntakeEnv>, exact: boolean): Record<string, string> => ({
    'content-language': c.get('locale'),
    // Public numbers may be cached a minute; a supervisor's are theirs alone.
    'cache-control': exact ? 'private, no-store' : 'public, max-age=60',
    vary: 'Authorization, Accept-Language',
  });

  endpoint(v1, '/indicators', {
    GET: async (c) => {
      const result = await answer(c);
      return result instanceof Response ? result : json(result, 200, headers(c, result.exact));
    },
  });
  endpoint(v1, '/indicators.csv', {
    GET: async (c) => {
      const result = await answer(c);
      if (result instanceof Response) return result;
      return new Response(indicatorsCsv(result, c.get('locale')), {
        headers: {
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `attachment; filename="indikator-${result.period.from}-${result.period.to}.csv"`,
          ...headers(c, result.exact),
        },
      });
    },
  });
  endpoint(v1, '/indicators.pdf', {
    GET: async (c) => {
      if (!deps.renderPdf) return problem(c.get('locale'), 'route_not_found');
      const result = await answer(c);
      if (result instanceof Response) return result;
      const bytes = await deps.renderPdf(result, c.get('locale'));
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          'content-type': 'application/pdf',
          'content-length': String(bytes.byteLength),
          'content-disposition': `inline; filename="indikator-${result.period.from}-${result.period.to}.pdf"`,
          ...headers(c, result.exact),
        },
      });
    },
  });
}
