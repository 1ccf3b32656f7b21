/**
 * Open311 GeoReport v2 over the same complaints, in XML (the required format) and JSON, with
 * FixMyStreet's `servicerequestupdates` extension. Mapping, from DESIGN.md: `service_code` is a
 * category; `description` the description and its first words the title; `address_string` and
 * `lat`/`long` the incident's place and location; `first_name`, `last_name`, `email`, `phone` the
 * reporter; `attribute[agency]` the agency (else the intake's default); confidentiality `anonymous`.
 * Errors use the specification's shape (`errors`/`error` with `code` and `description`) in the
 * format asked for. docs/api.md, "Open311 GeoReport v2", is the reference.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { Category, ComplaintRecord, Locale, Status } from '../model.js';
import { CATEGORIES, STATUSES } from '../model.js';
import { message } from '../messages/index.js';
import { problemMessage } from '../messages/problems.js';
import type { Policy } from '../policy.js';
import type { Store } from '../store.js';
import { parseTrackingId } from '../tracking-id.js';
import { formatBytes } from '../attachments.js';
import { validateComplaint } from '../validate.js';
import type { IntakeEnv, RequestContext } from './handler.js';
import type { MultipartLimits, MultipartReader } from './multipart.js';
import { mediaType, readBounded } from './http.js';
import type { IntakeLogEntry, IntakeService } from './service.js';
import type { ClientSystemPrincipal, TokenVerifier } from './tokens.js';
import { Open311List, open311Errors, open311Response, OPEN311_FORMATS } from './open311/document.js';
import type { Open311Format } from './open311/document.js';
import { mapRequest, open311Field, open311Policy, retryKeys } from './open311/submission.js';
import type { FormFields } from './open311/submission.js';
import { open311Status, requestView, updateView, w3cDateTime } from './open311/views.js';
import type { Open311Request } from './open311/views.js';

export type { Open311Request, Open311Update, UpdateStatus } from './open311/views.js';

/** How a deployment presents its Open311 endpoint. Every field is optional. */
export interface Open311Options {
  /**
   * The `jurisdiction_id`s this endpoint serves. When given, a request naming another is refused
   * (404, as the specification says); a request naming none is served. Default: any value or none.
   */
  jurisdictions?: readonly string[];
  /** Discovery's `contact`: how to reach the people who run the endpoint. */
  contact?: string;
  /** Discovery's `key_service`: how a client system gets an `api_key`. */
  keyService?: string;
}

export interface Open311Context {
  service: IntakeService;
  policy: Policy;
  defaultAgencyId: string | null;
  offeredAgencyIds: readonly string[];
  store: Store;
  /** Verifies `api_key`s: only a client system's key may post. */
  tokens: TokenVerifier;
  options: Open311Options;
  /** Where the API is mounted (`''` or e.g. `/api`), for discovery's URL. */
  basePath: string;
  readMultipart: MultipartReader;
  /** The body limits of a POST (its fields; Open311 takes no files). */
  formLimits: MultipartLimits;
  /** For a connection: resolves with 0 when the client may submit now, else seconds to wait. */
  admit: (context: RequestContext | undefined) => () => Promise<number>;
  now: () => Date;
  log: (entry: IntakeLogEntry) => void;
}

/** The specification this endpoint implements, as discovery names it. */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** At most this many requests or updates in one answer (the specification's default limit). */
const LIST_MAX = 1000;
/** The default span of a listing: the specification's "most recent 90 days". */
const DEFAULT_SPAN_MS = 90 * 86_400_000;
const MAX_IDS = 100;

/** The format of a path by its extension (`requests.xml`), or its extension when unsupported. */
function formatOf(path: string): { format: Open311Format } | { unsupported: string } {
  const extension = /\.([^./]*)$/.exec(path)?.[1] ?? '';
  return extension === 'xml' || extension === 'json' ? { format: extension } : { unsupported: extension };
}

/** `name.xml` -> `{ name, format }`; null for another extension. */
function splitFile(file: string): { name: string; format: Open311Format } | null {
  const match = /^(.*)\.(xml|json)$/.exec(file);
  return match ? { name: match[1]!, format: match[2] as Open311Format } : null;
}

/** A W3C date-time (`2026-11-02T00:00:00Z`, a date alone, or with an offset), else null. */
function parseW3c(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) return null;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The Open311 GeoReport v2 routes, mounted under `/open311/v2`. */
export function open311Routes(context: Open311Context): Hono<IntakeEnv> {
  const { policy, service, store } = context;
  const channelPolicy = open311Policy(policy);
  const jurisdictions = context.options.jurisdictions ?? [];
  // Discovery's changeset: services and their definitions change only when the server restarts with another directory or policy.
  const changeset = w3cDateTime(context.now().toISOString());
  const routes = new Hono<IntakeEnv>({ strict: true, router: new RegExpRouter() });

  const serviceName = (locale: Locale, code: string): string | null =>
    (policy.categories as readonly string[]).includes(code) ? message(locale, `category.${code as Category}`) : null;

  const viewContext = (locale: Locale) => ({
    policy,
    locale,
    agencyName: service.agencyName,
    expectedBy: (record: ComplaintRecord) => {
      if (open311Status(record.status) === 'closed') return null;
      const { deadlines } = service.deadlinesOf(record);
      return deadlines.resolveBy ?? deadlines.respondBy;
    },
  });
  const requestsDocument = (records: readonly ComplaintRecord[], locale: Locale) => ({
    root: 'service_requests',
    item: 'request',
    items: records.map((record): Open311Request => requestView(record, viewContext(locale))),
  });

  /** A jurisdiction this endpoint does not serve, or null when served (or none named). */
  const foreignJurisdiction = (named: string | null | undefined): string | null =>
    named && named.trim() !== '' && jurisdictions.length > 0 && !jurisdictions.includes(named.trim()) ? named.trim().slice(0, 100) : null;

  /**
   * Runs a route with its format: refuses a jurisdiction it does not serve, and answers a failure
   * 500 in the format asked for (never the error's text: it may quote the request).
   */
  function route(format: Open311Format, run: (c: Context<IntakeEnv>, locale: Locale) => Promise<Response> | Response) {
    return async (c: Context<IntakeEnv>): Promise<Response> => {
      const locale = c.get('locale');
      const foreign = foreignJurisdiction(c.req.query('jurisdiction_id'));
      if (foreign !== null) return open311Errors(format, 404, [problemMessage(locale, 'open311.jurisdiction_not_found', { jurisdiction: foreign })]);
      try {
        return await run(c, locale);
      } catch (error) {
        context.log({ event: 'request_failed', code: error instanceof Error ? error.name : 'unknown' });
        return open311Errors(format, 500, [problemMessage(locale, 'problem.internal.title')]);
      }
    };
  }

  /** A path with a format, answered by `handlers` per method; any other method 405 with `Allow`. */
  function resource(path: string, handlers: Partial<Record<'GET' | 'POST', (c: Context<IntakeEnv>, locale: Locale, format: Open311Format) => Promise<Response> | Response>>): void {
    const allowed = Object.keys(handlers).join(', ');
    for (const format of OPEN311_FORMATS) {
      for (const [method, handler] of Object.entries(handlers)) routes.on(method, `${path}.${format}`, route(format, (c, locale) => handler(c, locale, format)));
      routes.all(`${path}.${format}`, (c) => open311Errors(format, 405, [problemMessage(c.get('locale'), 'open311.method_not_allowed', { allowed })], { allow: allowed }));
    }
  }

  /** A path `…/{id}.{format}`: `run` gets the id; another extension is the unsupported-format error. */
  function item(path: string, run: (c: Context<IntakeEnv>, locale: Locale, format: Open311Format, id: string) => Promise<Response> | Response): void {
    routes.get(`${path}/:file`, async (c) => {
      const file = splitFile(c.req.param('file') ?? '');
      if (!file) return unsupported(c);
      return route(file.format, (inner, locale) => run(inner, locale, file.format, file.name))(c);
    });
    routes.all(`${path}/:file`, (c) => {
      const file = splitFile(c.req.param('file') ?? '');
      return open311Errors(file?.format ?? 'xml', 405, [problemMessage(c.get('locale'), 'open311.method_not_allowed', { allowed: 'GET' })], { allow: 'GET' });
    });
  }

  function unsupported(c: Context<IntakeEnv>): Response {
    const found = formatOf(c.req.path);
    const locale = c.get('locale');
    // XML is the format every client reads (the specification requires it).
    if ('unsupported' in found && found.unsupported !== '') return open311Errors('xml', 400, [problemMessage(locale, 'open311.format', { format: found.unsupported.slice(0, 10) })]);
    return open311Errors('format' in found ? found.format : 'xml', 404, [problemMessage(locale, 'open311.not_found')]);
  }

  // ---- Service discovery -------------------------------------------------------------------
  resource('/discovery', {
    GET: (c, locale, format) =>
      open311Response(format, {
        root: 'discovery',
        object: {
          changeset,
          contact: context.options.contact ?? problemMessage(locale, 'open311.contact'),
          key_service: context.options.keyService ?? problemMessage(locale, 'open311.key_service'),
          endpoints: new Open311List('endpoint', [
            {
              specification: SPECIFICATION,
              url: `${new URL(c.req.url).origin}${context.basePath}/open311/v2`,
              changeset,
              type: 'production',
              formats: new Open311List('format', ['text/xml', 'application/json']),
            },
          ]),
        },
      }),
  });

  // ---- Services ------------------------------------------------------------------------------
  resource('/services', {
    GET: (_c, locale, format) =>
      open311Response(format, {
        root: 'services',
        item: 'service',
        items: policy.categories.map((code) => ({
          service_code: code,
          service_name: message(locale, `category.${code}`),
          description: message(locale, `category.${code}`),
          // Every service has the `agency` attribute (the service definition).
          metadata: true,
          type: 'realtime',
          keywords: null,
          group: message(locale, 'kind.complaint'),
        })),
      }),
  });

  item('/services', (_c, locale, format, code) => {
    if (serviceName(locale, code) === null) return open311Errors(format, 404, [problemMessage(locale, 'open311.service_not_found')]);
    return open311Response(format, {
      root: 'service_definition',
      object: {
        service_code: code,
        attributes: new Open311List('attribute', [
          {
            variable: true,
            code: 'agency',
            datatype: 'singlevaluelist',
            required: false,
            datatype_description: message(locale, 'field.agencyId'),
            order: 1,
            description: message(locale, 'field.agencyId'),
            values: new Open311List(
              'value',
              context.offeredAgencyIds.map((id) => ({ key: id, name: service.agencyName(id) })),
            ),
          },
        ]),
      },
    });
  });

  // ---- Requests ------------------------------------------------------------------------------
  async function postRequest(c: Context<IntakeEnv>, locale: Locale, format: Open311Format): Promise<Response> {
    const request = c.req.raw;
    const type = mediaType(request);
    if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return open311Errors(format, 415, [problemMessage(locale, 'open311.media_type')]);
    const fields = await readForm(request, type);
    if (fields === 'malformed') return open311Errors(format, 400, [problemMessage(locale, 'open311.unreadable')]);
    if (fields === 'files') return open311Errors(format, 400, [problemMessage(locale, 'open311.files')]);
    if (fields === 'too_large') return open311Errors(format, 413, [problemMessage(locale, 'open311.too_large', { max: formatBytes(context.formLimits.maxBodyBytes) })]);
    if (fields === 'busy') return open311Errors(format, 503, [problemMessage(locale, 'problem.busy.title')], { 'retry-after': '60' });
    const first = (name: string) => fields.find(([field]) => field === name)?.[1]?.trim();

    const client = await clientSystem(first('api_key'));
    if (!client) return open311Errors(format, 403, [problemMessage(locale, 'open311.api_key')]);
    const foreign = foreignJurisdiction(first('jurisdiction_id'));
    if (foreign !== null) return open311Errors(format, 404, [problemMessage(locale, 'open311.jurisdiction_not_found', { jurisdiction: foreign })]);

    const mapped = mapRequest(fields, { clientSystemId: client.id, defaultAgencyId: context.defaultAgencyId, titleMax: policy.titleMax, serviceName: (code) => serviceName(locale, code), locale });
    if (mapped.errors.length > 0) {
      // Every problem at once: Open311's own, then what core's validation finds in the rest.
      const checked = validateComplaint(mapped.input, { locale, policy: channelPolicy, now: context.now() });
      return fieldErrors(format, [...mapped.errors, ...(checked.ok ? [] : checked.errors)]);
    }
    const keys = retryKeys(client.id, mapped, context.now());
    // A retry of a request made in the previous 24-hour window answers it too.
    const earlier = await store.findByIdempotencyKey(keys.previous);
    const outcome = earlier
      ? ({ kind: 'replayed', answer: earlier.answer } as const)
      : await service.submit(mapped.input, [], keys.current, locale, context.admit(c.env), { open311: mapped.details, policy: channelPolicy });
    switch (outcome.kind) {
      case 'created':
      case 'replayed': {
        const { answer } = outcome;
        return open311Response(
          format,
          {
            root: 'service_requests',
            item: 'request',
            items: [
              {
                service_request_id: answer.trackingId,
                service_notice: problemMessage(locale, 'open311.notice', { trackingId: answer.trackingId, verifyBy: w3cDateTime(answer.deadlines.verifyBy), respondBy: w3cDateTime(answer.deadlines.respondBy) }),
                account_id: mapped.details.accountId ?? null,
              },
            ],
          },
          outcome.kind === 'created' ? 201 : 200,
        );
      }
      case 'invalid':
        return fieldErrors(format, outcome.errors);
      case 'key_conflict':
        // Not reachable: the key is a hash of the request itself.
        return open311Errors(format, 409, [problemMessage(locale, 'problem.idempotency_conflict.detail')]);
      case 'rate_limited':
        return open311Errors(format, 429, [problemMessage(locale, 'problem.rate_limited.detail', { seconds: outcome.retryAfter })], { 'retry-after': String(outcome.retryAfter) });
    }
  }

  async function clientSystem(apiKey: string | undefined): Promise<ClientSystemPrincipal | null> {
    if (!apiKey) return null;
    const principal = await context.tokens.verify(apiKey);
    // A staff token is not an API key: staff post through the v1 form, as themselves.
    return principal?.role === 'client_system' ? principal : null;
  }

  /** The form's fields in order; or why they cannot be read. Open311 takes no files. */
  async function readForm(request: Request, type: string): Promise<FormFields | 'malformed' | 'too_large' | 'files' | 'busy'> {
    if (type === 'multipart/form-data') {
      const form = await context.readMultipart(request, { ...context.formLimits, maxFiles: 0, fileField: '' });
      if (!form.ok) {
        const { kind } = form.failure;
        return kind === 'too_many_files' || kind === 'file_too_large' ? 'files' : kind === 'unavailable' ? 'busy' : kind;
      }
      await form.dispose();
      // One value per name in multipart (the readers keep the first); repeat fields form-encoded.
      return [...form.fields].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)] as const);
    }
    const bytes = await readBounded(request, context.formLimits.maxFieldBytes);
    if (bytes === 'unreadable') return 'malformed';
    if (bytes === 'too_large') return 'too_large';
    return [...new URLSearchParams(new TextDecoder().decode(bytes))];
  }

  function fieldErrors(format: Open311Format, errors: readonly { path: string; message: string }[]): Response {
    return open311Errors(
      format,
      400,
      errors.map((error) => `${open311Field(error.path)}: ${error.message}`),
    );
  }

  async function listRequests(c: Context<IntakeEnv>, locale: Locale, format: Open311Format): Promise<Response> {
    const query = (name: string) => c.req.query(name)?.trim() || undefined;
    const ids = query('service_request_id');
    if (ids !== undefined) {
      // The specification: service_request_id overrides every other argument.
      const trackingIds = [...new Set(ids.split(',').slice(0, MAX_IDS).map((id) => parseTrackingId(id.trim())).filter((id): id is string => id !== null))];
      const found = trackingIds.length === 0 ? [] : (await store.query({ trackingIds, confidentialities: ['public', 'anonymous'], sort: '-received', limit: MAX_IDS, countTotal: false })).items;
      return open311Response(format, requestsDocument(found, locale));
    }
    const problems: string[] = [];
    const start = query('start_date');
    const end = query('end_date');
    const startDate = start === undefined ? null : parseW3c(start);
    const endDate = end === undefined ? null : parseW3c(end);
    if (start !== undefined && !startDate) problems.push(problemMessage(locale, 'open311.bad_date', { field: 'start_date' }));
    if (end !== undefined && !endDate) problems.push(problemMessage(locale, 'open311.bad_date', { field: 'end_date' }));
    const statuses = query('status')?.split(',').map((status) => status.trim().toLowerCase());
    if (statuses?.some((status) => status !== 'open' && status !== 'closed')) problems.push(problemMessage(locale, 'open311.bad_status'));
    if (problems.length > 0) return open311Errors(format, 400, problems);
    const codes = query('service_code')?.split(',').map((code) => code.trim());
    const categories = codes?.filter((code): code is Category => (CATEGORIES as readonly string[]).includes(code));
    // A service that does not exist has no requests.
    if (categories && categories.length === 0) return open311Response(format, requestsDocument([], locale));
    const { from, before } = span(startDate, endDate);
    const open = !statuses || statuses.includes('open');
    const closed = !statuses || statuses.includes('closed');
    const page = await store.query({
      // A public listing: never a secret complaint.
      confidentialities: ['public', 'anonymous'],
      ...(categories ? { categories } : {}),
      ...(open && closed ? {} : { statuses: STATUSES.filter((status: Status) => (open311Status(status) === 'closed' ? closed : open)) }),
      receivedFrom: from,
      receivedBefore: before,
      sort: '-received',
      limit: LIST_MAX,
      countTotal: false,
    });
    return open311Response(format, requestsDocument(page.items, locale));
  }

  /**
   * The instants a listing covers. Times are shown to the second, so a bound covers its whole
   * second: `end_date` is inclusive. Without dates, the most recent 90 days; with one, 90 days from
   * or to it.
   */
  function span(start: Date | null, end: Date | null): { from: string; before: string } {
    const second = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;
    const last = end ? second(end) : start ? second(start) + DEFAULT_SPAN_MS : second(context.now());
    const first = start ? second(start) : last - DEFAULT_SPAN_MS;
    const clamp = (ms: number) => new Date(Math.max(-8.64e15, Math.min(8.64e15, ms))).toISOString();
    return { from: clamp(first), before: clamp(last + 1000) };
  }

  resource('/requests', { GET: listRequests, POST: postRequest });

  item('/requests', async (_c, locale, format, id) => {
    const trackingId = parseTrackingId(id);
    const record = trackingId ? await store.get(trackingId) : null;
    // Looking one up by its number is allowed even when secret, as on the status page (its free text is not shown).
    if (!record) return open311Errors(format, 404, [problemMessage(locale, 'open311.request_not_found')]);
    return open311Response(format, requestsDocument([record], locale));
  });

  // Every request gets its id at once (type `realtime`): no token is ever issued.
  item('/tokens', (_c, locale, format) => open311Errors(format, 404, [problemMessage(locale, 'open311.token_not_found')]));

  // ---- FixMyStreet's extension: service request updates ---------------------------------------
  resource('/servicerequestupdates', {
    GET: async (c, locale, format) => {
      const start = c.req.query('start_date')?.trim() || undefined;
      const end = c.req.query('end_date')?.trim() || undefined;
      const startDate = start === undefined ? null : parseW3c(start);
      const endDate = end === undefined ? null : parseW3c(end);
      const problems = [
        ...(start !== undefined && !startDate ? [problemMessage(locale, 'open311.bad_date', { field: 'start_date' })] : []),
        ...(end !== undefined && !endDate ? [problemMessage(locale, 'open311.bad_date', { field: 'end_date' })] : []),
      ];
      if (problems.length > 0) return open311Errors(format, 400, problems);
      const { from, before } = span(startDate, endDate);
      const updates = [];
      let cursor: string | undefined;
      // Oldest first, at most LIST_MAX: a client that gets that many asks again from the last one's time.
      do {
        const page = await store.updates({ from, before, confidentialities: ['public', 'anonymous'], limit: LIST_MAX, ...(cursor !== undefined ? { cursor } : {}) });
        // Index 0 is the complaint being received: not a change, and the client made it itself.
        updates.push(...page.items.filter((update) => update.index > 0));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && updates.length < LIST_MAX);
      return open311Response(format, { root: 'service_request_updates', item: 'request_update', items: updates.slice(0, LIST_MAX).map((update) => updateView(update, locale)) });
    },
  });

  // Anything else under /open311/v2: not found, or a format we do not speak, in the format asked for.
  routes.all('*', unsupported);
  return routes;
}
