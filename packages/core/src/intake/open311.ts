/**
 * Open311 GeoReport v2 over the same complaints (JSON format only). Mapping, from DESIGN.md:
 * `service_code` is a category; `description` the description and its first words the title;
 * `address_string` or `lat`/`long` the incident place; `first_name`, `last_name`, `email`,
 * `phone` the reporter; `attribute[agency]` the agency (else the intake's default);
 * confidentiality `anonymous`. Errors use Open311's own shape, `[{ code, description }]`.
 */
import type { Category, ComplaintRecord, Locale } from '../model.js';
import { CATEGORIES, STATUSES } from '../model.js';
import { message } from '../messages/index.js';
import { problemMessage } from '../messages/problems.js';
import type { Policy } from '../policy.js';
import type { Store } from '../store.js';
import { parseTrackingId } from '../tracking-id.js';
import { formatBytes } from '../attachments.js';
import { Hono } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { IntakeEnv, RequestContext } from './handler.js';
import type { IntakeLogEntry, IntakeService } from './service.js';

export interface Open311Context {
  service: IntakeService;
  policy: Policy;
  defaultAgencyId: string | null;
  offeredAgencyIds: readonly string[];
  store: Store;
  /** The form's fields; null when the body is too large, `'malformed'` when it cannot be read. */
  readForm: (request: Request) => Promise<{ get(name: string): string | null } | null | 'malformed'>;
  /** For a connection: resolves with 0 when the client may submit now, else seconds to wait. */
  admit: (context: RequestContext | undefined) => () => Promise<number>;
  now: () => Date;
  log: (entry: IntakeLogEntry) => void;
}

/** The Open311 GeoReport v2 routes, mounted under `/open311/v2`. */
export function open311Routes(context: Open311Context): Hono<IntakeEnv> {
  const routes = new Hono<IntakeEnv>({ strict: true, router: new RegExpRouter() });
  routes.all('*', (c) => {
    const locale = c.get('locale');
    const path = c.req.path.slice(c.req.path.indexOf('/open311/v2') + '/open311/v2'.length);
    return handleOpen311(c.req.raw, new URL(c.req.url), path, { ...context, locale, admit: context.admit(c.env) }).catch((error: unknown) => {
      context.log({ event: 'request_failed', code: error instanceof Error ? error.name : 'unknown' });
      return open311Error(500, [problemMessage(locale, 'problem.internal.title')]);
    });
  });
  return routes;
}

interface HandlerContext extends Omit<Open311Context, 'admit' | 'log'> {
  locale: Locale;
  admit: () => Promise<number>;
}

/** One request as Open311 shows it: no reporter identity, whatever the confidentiality. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string;
  zipcode: string;
  lat: number | null;
  long: number | null;
  media_url: string;
}

const TITLE_WORDS = 8;

function open311Json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

function open311Error(status: number, descriptions: string[]): Response {
  return open311Json(descriptions.map((description) => ({ code: status, description })), status);
}

/** The first words of a description, as a title no longer than the policy allows. */
export function titleFrom(description: string, max: number): string {
  const words = description.trim().split(/\s+/);
  let title = words.slice(0, TITLE_WORDS).join(' ');
  if ([...title].length > max) title = [...title].slice(0, max - 1).join('');
  return words.length > TITLE_WORDS || title.length < description.trim().length ? `${title.replace(/[\s.,;:]+$/, '')}…` : title;
}

async function handleOpen311(request: Request, url: URL, path: string, context: HandlerContext): Promise<Response> {
  const { locale, policy } = context;
  const method = request.method.toUpperCase();
  const get = method === 'GET' || method === 'HEAD';
  const format = /\.(\w+)$/.exec(path)?.[1];
  if (format !== 'json') return open311Error(400, [problemMessage(locale, 'open311.format', { format: (format ?? '').slice(0, 10) })]);
  const serviceName = (code: Category) => message(locale, `category.${code}`);

  function toOpen311(record: ComplaintRecord): Open311Request {
    const { deadlines } = context.service.deadlinesOf(record);
    const last = record.history.at(-1);
    const publicNote = [...record.history].reverse().find((entry) => entry.note !== '')?.note ?? '';
    // Free text may name the reporter: shown for public complaints, and for anonymous ones only by policy.
    const confidentiality = record.submission.confidentiality;
    const textShown = confidentiality === 'public' || (confidentiality === 'anonymous' && policy.open311ShowsAnonymousText);
    return {
      service_request_id: record.trackingId,
      status: record.status === 'closed' || record.status === 'rejected' ? 'closed' : 'open',
      status_notes: publicNote,
      service_name: serviceName(record.submission.category),
      service_code: record.submission.category,
      description: textShown ? record.submission.description : '',
      agency_responsible: context.service.agencyName(record.handlingAgencyId),
      service_notice: '',
      requested_datetime: record.receivedAt,
      updated_datetime: last?.at ?? record.receivedAt,
      expected_datetime: deadlines.resolveBy ?? deadlines.respondBy,
      address: textShown ? (record.submission.incident?.place ?? '') : '',
      address_id: '',
      zipcode: '',
      lat: null,
      long: null,
      media_url: '',
    };
  }

  if (path === '/services.json' && get) {
    return open311Json(
      policy.categories.map((code) => ({
        service_code: code,
        service_name: serviceName(code),
        description: serviceName(code),
        metadata: true,
        type: 'realtime',
        keywords: '',
        group: message(locale, 'kind.complaint'),
      })),
    );
  }
  const definition = /^\/services\/([^/]+)\.json$/.exec(path);
  if (definition && get) {
    const code = definition[1] as Category;
    if (!policy.categories.includes(code)) return open311Error(404, [problemMessage(locale, 'open311.service_not_found')]);
    return open311Json({
      service_code: code,
      attributes: [
        {
          variable: true,
          code: 'agency',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: message(locale, 'field.agencyId'),
          order: 1,
          description: message(locale, 'field.agencyId'),
          values: context.offeredAgencyIds.map((id) => ({ key: id, name: context.service.agencyName(id) })),
        },
      ],
    });
  }
  if (path === '/requests.json' && method === 'POST') {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
      return open311Error(415, [problemMessage(locale, 'open311.media_type')]);
    }
    const form = await context.readForm(request);
    if (form === 'malformed') return open311Error(400, [problemMessage(locale, 'open311.unreadable')]);
    if (!form) return open311Error(413, [problemMessage(locale, 'open311.too_large', { max: formatBytes(policy.maxJsonBytes) })]);
    const field = (name: string): string | undefined => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const description = field('description') ?? '';
    const lat = field('lat');
    const long = field('long');
    const place = field('address_string') ?? (lat && long ? `${lat},${long}` : undefined);
    const name = [field('first_name'), field('last_name')].filter(Boolean).join(' ');
    const input = {
      kind: 'complaint',
      agencyId: field('attribute[agency]') ?? context.defaultAgencyId ?? '',
      category: field('service_code') ?? '',
      title: description ? titleFrom(description, policy.titleMax) : '',
      description,
      ...(place ? { incident: { place } } : {}),
      reporter: { name, ...(field('email') ? { email: field('email') } : {}), ...(field('phone') ? { phone: field('phone') } : {}) },
      confidentiality: 'anonymous',
      // An Open311 client collects the citizen's consent under its own terms before it posts.
      consent: true,
      locale,
    };
    const key = request.headers.get('idempotency-key') ?? `open311:${randomKey()}`;
    const outcome = await context.service.submit(input, [], key, locale, context.admit);
    switch (outcome.kind) {
      case 'created':
      case 'replayed':
        return open311Json([{ service_request_id: outcome.answer.trackingId, service_notice: '', account_id: field('account_id') ?? null }], outcome.kind === 'created' ? 201 : 200);
      case 'invalid':
        return open311Error(400, outcome.errors.map((error) => `${open311Field(error.path)}: ${error.message}`));
      case 'key_conflict':
        return open311Error(409, [problemMessage(locale, 'problem.idempotency_conflict.detail')]);
      case 'rate_limited': {
        const response = open311Error(429, [problemMessage(locale, 'problem.rate_limited.detail', { seconds: outcome.retryAfter })]);
        response.headers.set('retry-after', String(outcome.retryAfter));
        return response;
      }
    }
  }
  if (path === '/requests.json' && get) {
    const ids = url.searchParams.get('service_request_id');
    if (ids) {
      const records = await Promise.all(
        ids.split(',').slice(0, 100).map(async (id) => {
          const trackingId = parseTrackingId(id);
          const record = trackingId ? await context.store.get(trackingId) : null;
          return record && record.submission.confidentiality !== 'secret' ? record : null;
        }),
      );
      return open311Json(records.filter((record): record is ComplaintRecord => record !== null).map(toOpen311));
    }
    const codes = url.searchParams.get('service_code')?.split(',').filter((code): code is Category => (CATEGORIES as readonly string[]).includes(code));
    const status = url.searchParams.get('status')?.split(',');
    const end = parseDate(url.searchParams.get('end_date')) ?? new Date(8.64e15);
    const start = parseDate(url.searchParams.get('start_date')) ?? new Date(Math.min(end.getTime(), context.now().getTime()) - 90 * 86_400_000);
    const open = !status || status.includes('open');
    const closed = !status || status.includes('closed');
    const page = await context.store.query({
      // A public listing: never a secret complaint.
      confidentialities: ['public', 'anonymous'],
      ...(codes ? { categories: codes } : {}),
      ...(open && closed ? {} : { statuses: STATUSES.filter((code) => (code === 'closed' || code === 'rejected' ? closed : open)) }),
      receivedFrom: start.toISOString(),
      receivedBefore: new Date(Math.min(end.getTime() + 1, 8.64e15)).toISOString(),
      sort: '-received',
      limit: 1000,
      countTotal: false,
    });
    return open311Json(page.items.map(toOpen311));
  }
  const single = /^\/requests\/([^/]+)\.json$/.exec(path);
  if (single && get) {
    const trackingId = parseTrackingId(decodeURIComponentSafe(single[1]!));
    const record = trackingId ? await context.store.get(trackingId) : null;
    // Looking one up by its number is allowed even when secret, as on the status page.
    if (!record) return open311Error(404, [problemMessage(locale, 'open311.request_not_found')]);
    return open311Json([toOpen311(record)]);
  }
  return open311Error(404, [problemMessage(locale, 'open311.not_found')]);
}

const OPEN311_FIELDS: Record<string, string> = {
  agencyId: 'attribute[agency]',
  category: 'service_code',
  title: 'description',
  description: 'description',
  'incident.place': 'address_string',
  'reporter.name': 'first_name',
  'reporter.email': 'email',
  'reporter.phone': 'phone',
  reporter: 'email',
};

const open311Field = (path: string): string => OPEN311_FIELDS[path] ?? path;

function parseDate(text: string | null): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
