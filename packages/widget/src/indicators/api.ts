/**
 * What `<nh-indicators>` asks of the intake, with plain `fetch`: the indicators (JSON and CSV) and
 * the complaints behind a number. Not core's ky client: a read that fails is shown with a button
 * to ask again, and ky is about 5 KB gzip this bundle does without. Problem answers become core's
 * `ApiError`, as everywhere else.
 */
import { apiErrorFromResponse, networkApiError } from '@narahubung/core';
import type { IndicatorName, IndicatorsAnswer, InboxPage, Locale } from '@narahubung/core';
import { anySignal } from '../any-signal.js';
import { shiftDate } from './period.js';
import type { Period } from './period.js';

/** How long one read may take: a province's ten years is well under this. */
const TIMEOUT_MS = 30_000;

/** The query of `/v1/indicators` (and of its CSV and PDF): no period means the server's default. */
export interface IndicatorsQuery {
  period?: Period | undefined;
  /** `''` for every agency in scope, else `agency:<id>` or `inspectorate:<id>`. */
  scope: string;
}

/** The API's `/v1/<path>?<params>` under `endpoint`. */
export function apiUrl(endpoint: string, path: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/v1/${path}`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(name, value);
  return url.href;
}

/** The parameters `from`, `to`, `agency`, `inspectorate` of an indicators query. */
export function indicatorsParams(query: IndicatorsQuery): Record<string, string | undefined> {
  const [kind, id] = splitScope(query.scope);
  return { from: query.period?.from, to: query.period?.to, agency: kind === 'agency' ? id : undefined, inspectorate: kind === 'inspectorate' ? id : undefined };
}

/** `agency:<id>` as `['agency', '<id>']`; `''` as `['', '']`. */
export function splitScope(scope: string): ['' | 'agency' | 'inspectorate', string] {
  const at = scope.indexOf(':');
  const kind = scope.slice(0, at);
  return kind === 'agency' || kind === 'inspectorate' ? [kind, scope.slice(at + 1)] : ['', ''];
}

interface ReadOptions {
  token: string | undefined;
  locale: Locale;
  signal?: AbortSignal | undefined;
}

/** GETs `url` with the token (when there is one); the answer, or an `ApiError`. */
async function read(url: string, options: ReadOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept: `${accept}, application/problem+json`, 'accept-language': options.locale };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    // A supervisor's numbers are theirs alone: never from or into a shared cache.
    response = await fetch(url, { headers, signal, ...(options.token ? { cache: 'no-store' as const } : {}) });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkApiError(options.locale, timeout.aborted);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  return response;
}

/** `GET /v1/indicators`. */
export async function fetchIndicators(endpoint: string, query: IndicatorsQuery, options: ReadOptions): Promise<IndicatorsAnswer> {
  return (await read(apiUrl(endpoint, 'indicators', indicatorsParams(query)), options, 'application/json')).json() as Promise<IndicatorsAnswer>;
}

/** `GET /v1/indicators.csv` (or `.pdf`) as a file, and the name the server gave it. */
export async function fetchFile(url: string, accept: string, options: ReadOptions): Promise<{ blob: Blob; name: string | undefined }> {
  const response = await read(url, options, accept);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await response.blob(), name };
}

/** `GET /v1/me`: the name of the token's holder. */
export async function fetchHolderName(endpoint: string, options: ReadOptions): Promise<string> {
  return ((await (await read(apiUrl(endpoint, 'me', {}), options, 'application/json')).json()) as { name: string }).name;
}

/** The complaints behind one number: an indicator, the outcome that counts against the agencies, and the answer it came from. */
export interface DrillQuery {
  indicator: IndicatorName;
  outcome: 'met' | 'missed';
  agencyIds: readonly string[];
  /** The indicators' "now" and period, so that the list matches the number exactly. */
  at: string;
  period: Period;
}

/** `GET /v1/inbox?indicator=…&outcome=…&at=…`: a page of the complaints behind a number. */
export async function fetchDrill(endpoint: string, query: DrillQuery, cursor: string | undefined, options: ReadOptions & { limit: number }): Promise<InboxPage> {
  const url = apiUrl(endpoint, 'inbox', {
    indicator: query.indicator,
    outcome: query.outcome,
    at: query.at,
    agency: query.agencyIds.join(','),
    from: query.period.from,
    // The inbox's `to` is inclusive; the indicators' is not.
    to: shiftDate(query.period.to, -1),
    limit: String(options.limit),
    cursor,
  });
  return (await read(url, options, 'application/json')).json() as Promise<InboxPage>;
}
