/**
 * The intake's HTTP contract (docs/api.md) as one web-standard function,
 * `(request: Request) => Promise<Response>`, so Node's HTTP server, Deno, Bun, a service worker
 * or an edge runtime can all mount it.
 */
import { Hono } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import type { WorkCalendar } from '../calendar.js';
import type { Directory } from '../directory.js';
import type { IntakeConfig, Locale } from '../model.js';
import { LOCALES } from '../model.js';
import { message, negotiateLocale } from '../messages/index.js';
import { serverMessage } from '../messages/server.js';
import { defaultPolicy } from '../policy.js';
import type { Policy } from '../policy.js';
import type { Store } from '../store.js';
import { parseTrackingId } from '../tracking-id.js';
import { fileTooLargeError, formatBytes, tooManyFilesError } from '../attachments.js';
import { readMultipartWithFormData } from './multipart.js';
import type { IncomingFile, MultipartLimits, MultipartReader } from './multipart.js';
import { bearerToken, json, mediaType, nestsDeeperThan, problem, readBounded } from './http.js';
import { open311Routes } from './open311.js';
import type { MailLinks } from './notifications.js';
import { createReporterKeys } from './reporter-keys.js';
import { complaintStatus, registerReporterRoutes, REPORTER_GUESSES } from './routes-reporter.js';
import { registerStaffRoutes } from './routes-staff.js';
import { registerIndicatorRoutes } from './routes-indicators.js';
import type { IndicatorsAnswer } from './routes-indicators.js';
import type { RouteKit } from './routes-kit.js';
import { readInboxQuery } from './inbox-query.js';
import { CursorError } from '../store-query.js';
import { createRateLimiter } from './rate-limit.js';
import type { RateCounter, RateLimit } from './rate-limit.js';
import { createIntakeService } from './service.js';
import { createViewTickets } from './view-tickets.js';
import type { IntakeLogEntry } from './service.js';
import type { StaffPrincipal, TokenVerifier } from './tokens.js';
import type { Open311Options } from './open311.js';

export type { Principal, StaffPrincipal, ClientSystemPrincipal, TokenVerifier } from './tokens.js';
export type { Open311Options } from './open311.js';
export type { IntakeLogEntry } from './service.js';
export type { InboxItem, ReporterView } from './views.js';
export type { RateCounter, RateLimit } from './rate-limit.js';
export type { IndicatorsAnswer, IndicatorTableAnswer, Cell } from './routes-indicators.js';

export interface IntakeHandlerOptions {
  store: Store;
  directory: Directory;
  calendar: WorkCalendar;
  tokens: TokenVerifier;
  policy?: Policy;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** The agency a form preselects and Open311 requests go to unless they name one. */
  defaultAgencyId?: string | null;
  /** Agencies offered by `GET /v1/config`; default: every agency of the directory. */
  agencyIds?: readonly string[];
  /** Origins allowed to call the API from a browser (CORS); `'*'` allows any. Default: same origin only. */
  allowedOrigins?: readonly string[];
  /** Submissions allowed per client and window; off by default. */
  rateLimit?: RateLimit;
  /** Where the rate limit counts: this process (default), or a store shared by every instance. */
  rateCounter?: RateCounter;
  /** Receives ids and codes only, never personal data. */
  log?: (entry: IntakeLogEntry) => void;
  /** Where the API is mounted, e.g. `/api`; default the root. */
  basePath?: string;
  /**
   * The server secret reporters' keys and unsubscribe tokens are derived from (at least 32 bytes).
   * Keep it out of the store and the same on every instance. Without it, a random one for this
   * process: keys would not survive a restart (tests only).
   */
  secret?: string | Uint8Array;
  /**
   * Turns on notifications: each change writes its mails to the store's outbox, in the same
   * transaction, for a sender to deliver (the reference server sends them over SMTP). `links` are
   * where the mails point.
   */
  mail?: { links: MailLinks; staffLocale?: Locale };
  /**
   * How multipart bodies are read. Default: the platform's `Request.formData()`, right for browsers,
   * Deno, Bun and workers. In Node pass a streaming reader (the reference server's busboy reader):
   * Node 20's `formData()` holds every body in memory and breaks files on short boundaries.
   */
  readMultipart?: MultipartReader;
  /**
   * Renders the indicators' printable handout for `GET /v1/indicators.pdf` (the reference server
   * passes the workshop package's renderer); without it that route answers 404.
   */
  indicatorsPdf?: (answer: IndicatorsAnswer, locale: Locale) => Promise<Uint8Array>;
  /** Open311's jurisdictions and discovery texts; default: any jurisdiction, generic texts. */
  open311?: Open311Options;
}

/** What the server knows about the connection that a Request does not carry. */
export interface RequestContext {
  /** The client's address, for rate limiting. */
  clientAddress?: string;
}

/** The router's bindings: the connection's context, and the locale every answer speaks. */
export interface IntakeEnv {
  Bindings: RequestContext;
  Variables: { locale: Locale };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;
/** Strict UTF-8 (malformed bytes throw); one decoder serves every request, as decode() without `stream` keeps no state. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** How deep a request's JSON may nest (a submission uses three levels). */
const MAX_DEPTH = 8;

/**
 * The complete intake HTTP API as a fetch-style handler.
 * @example
 * const handle = createIntakeHandler({ store: createMemoryStore(), directory, calendar, tokens });
 * const response = await handle(new Request('http://localhost/v1/config'));
 */
export function createIntakeHandler(options: IntakeHandlerOptions): (request: Request, context?: RequestContext) => Promise<Response> {
  const policy = options.policy ?? defaultPolicy;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const offered = options.agencyIds ?? options.directory.agencies().map((agency) => agency.id);
  const service = createIntakeService({
    store: options.store,
    directory: options.directory,
    policy,
    calendar: options.calendar,
    now,
    log,
    offeredAgencyIds: new Set(offered),
    keys: createReporterKeys(options.secret),
    mail: options.mail ? { directory: options.directory, calendar: options.calendar, policy, links: options.mail.links, staffLocale: options.mail.staffLocale ?? 'id' } : null,
  });
  const tickets = createViewTickets(options.secret);
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit, now, options.rateCounter) : null;
  const defaultAgencyId = options.defaultAgencyId ?? null;

  function config(locale: Locale): IntakeConfig {
    return {
      agencies: offered.map((id) => ({ id, name: service.agencyName(id) })),
      categories: policy.categories.map((code) => ({ code, label: message(locale, `category.${code}`) })),
      kinds: policy.kinds.map((code) => ({ code, label: message(locale, `kind.${code}`) })),
      locales: [...LOCALES],
      timeZone: options.calendar.timeZone,
      // A calendar made another way may not say; clients then count with weekends only.
      holidays: [...(options.calendar.holidays ?? [])],
      weekend: [...(options.calendar.weekend ?? [0, 6])],
      defaultAgencyId,
      limits: {
        descriptionMin: policy.descriptionMin,
        descriptionMax: policy.descriptionMax,
        reporterTextMax: policy.reporterTextMax,
        attachments: { maxFiles: policy.attachments.maxFiles, maxBytes: policy.attachments.maxBytes, types: [...policy.attachments.types] },
      },
      contactRequired: policy.contactRequired,
    };
  }

  /** Staff only: a client system's API key opens Open311's POST and nothing here. */
  async function authenticate(request: Request): Promise<StaffPrincipal | null> {
    const token = bearerToken(request);
    const principal = token ? await options.tokens.verify(token) : null;
    return principal && principal.role !== 'client_system' ? principal : null;
  }

  /** 0 when this client may submit now, else the seconds to wait. */
  const admit = (context: RequestContext | undefined) => async (): Promise<number> => (limiter ? limiter.take(context?.clientAddress ?? 'unknown') : 0);

  const readMultipart = options.readMultipart ?? readMultipartWithFormData;
  const submissionLimits: MultipartLimits = {
    maxBodyBytes: policy.maxBodyBytes,
    maxFieldBytes: policy.maxJsonBytes,
    maxFiles: policy.attachments.maxFiles,
    maxFileBytes: policy.attachments.maxBytes,
    fileField: 'attachments',
  };

  /**
   * Reads a submission: JSON, or multipart with a `complaint` JSON part and `attachments` files.
   * `dispose` releases what the multipart reader kept; the caller runs it once the request is answered.
   */
  async function readSubmission(
    request: Request,
    locale: Locale,
  ): Promise<{ input: unknown; files: IncomingFile[]; locale: Locale; dispose: () => Promise<void> } | { refused: Response; oversized: boolean }> {
    const refuse = (response: Response, oversized = false) => ({ refused: response, oversized });
    const type = mediaType(request);
    if (type !== 'application/json' && type !== 'multipart/form-data') {
      return refuse(problem(locale, 'unsupported_media_type', { expected: 'application/json, multipart/form-data' }));
    }
    let json: Uint8Array;
    let files: IncomingFile[] = [];
    let dispose: () => Promise<void> = async () => undefined;
    if (type === 'application/json') {
      // JSON alone never needs more than maxJsonBytes; only files make a body large.
      const bytes = await readBounded(request, policy.maxJsonBytes);
      if (bytes === 'too_large') return refuse(problem(locale, 'too_large', { max: formatBytes(policy.maxJsonBytes) }), true);
      if (bytes === 'unreadable') return refuse(problem(locale, 'malformed_body'));
      json = bytes;
    } else {
      const form = await readMultipart(request, submissionLimits);
      if (!form.ok) {
        const { failure } = form;
        switch (failure.kind) {
          case 'malformed':
            return refuse(problem(locale, 'malformed_body'));
          case 'unavailable':
            return refuse(problem(locale, 'busy', { seconds: 60 }, { headers: { 'retry-after': '60' } }));
          case 'too_large':
            return refuse(problem(locale, 'too_large', { max: formatBytes(policy.maxBodyBytes) }), true);
          case 'too_many_files':
            return refuse(problem(locale, 'validation_failed', { count: 1 }, { errors: [tooManyFilesError(policy, locale)] }), true);
          case 'file_too_large':
            return refuse(problem(locale, 'validation_failed', { count: 1 }, { errors: [fileTooLargeError(failure.index, failure.name, policy, locale)] }), true);
        }
      }
      dispose = form.dispose;
      const part = form.fields.get('complaint');
      if (part === undefined) {
        await dispose();
        return refuse(problem(locale, 'missing_complaint_part'));
      }
      json = part;
      files = form.files;
    }
    let input: unknown;
    try {
      input = JSON.parse(UTF8.decode(json));
    } catch {
      await dispose();
      return refuse(problem(locale, 'malformed_body'));
    }
    // A submission nests three levels; much deeper JSON is an attack on whatever walks it next.
    if (nestsDeeperThan(input, MAX_DEPTH)) {
      await dispose();
      return refuse(problem(locale, 'too_deep', { max: MAX_DEPTH }));
    }
    const bodyLocale = input && typeof input === 'object' ? (input as { locale?: unknown }).locale : undefined;
    return { input, files, locale: negotiateLocale(bodyLocale, request.headers.get('accept-language')), dispose };
  }

  async function submit(request: Request, locale: Locale, context: RequestContext | undefined): Promise<Response> {
    const key = request.headers.get('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) return problem(locale, 'missing_idempotency_key');
    const read = await readSubmission(request, locale);
    if ('refused' in read) {
      // An oversized body costs the client a submission: 25 bodies of 30 MB in a row are a flood too.
      const wait = read.oversized ? await admit(context)() : 0;
      return wait > 0 ? problem(locale, 'rate_limited', { seconds: wait }, { headers: { 'retry-after': String(wait) } }) : read.refused;
    }
    try {
      const outcome = await service.submit(read.input, read.files, key, read.locale, admit(context));
      switch (outcome.kind) {
        case 'created':
          return json(outcome.answer, 201, { 'content-language': read.locale, location: `${base}/v1/complaints/${outcome.answer.trackingId}` });
        case 'replayed':
          return json(outcome.answer, 200, { 'content-language': read.locale, 'idempotent-replayed': 'true' });
        case 'invalid':
          return problem(read.locale, 'validation_failed', { count: outcome.errors.length }, { errors: outcome.errors });
        case 'key_conflict':
          return problem(read.locale, 'idempotency_conflict');
        case 'rate_limited':
          return problem(read.locale, 'rate_limited', { seconds: outcome.retryAfter }, { headers: { 'retry-after': String(outcome.retryAfter) } });
      }
    } finally {
      await read.dispose();
    }
  }

  /** A small JSON body (at most `limit` bytes), or the problem answer that refuses it. */
  async function readJson(request: Request, locale: Locale, limit = 64 * 1024): Promise<{ body: unknown } | Response> {
    if (mediaType(request) !== 'application/json') return problem(locale, 'unsupported_media_type', { expected: 'application/json' });
    const bytes = await readBounded(request, limit);
    if (bytes === 'too_large') return problem(locale, 'too_large', { max: formatBytes(limit) });
    if (bytes === 'unreadable') return problem(locale, 'malformed_body');
    let body: unknown;
    try {
      body = JSON.parse(UTF8.decode(bytes));
    } catch {
      return problem(locale, 'malformed_body');
    }
    if (nestsDeeperThan(body, MAX_DEPTH)) return problem(locale, 'too_deep', { max: MAX_DEPTH });
    return { body };
  }

  async function transition(request: Request, locale: Locale, trackingId: string): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    const read = await readJson(request, locale);
    if (read instanceof Response) return read;
    const outcome = await service.transition(principal, trackingId, read.body, locale);
    switch (outcome.kind) {
      case 'moved':
        return json(outcome.item);
      case 'not_found':
        return problem(locale, 'not_found', { trackingId });
      case 'invalid':
        return problem(locale, 'validation_failed', { count: outcome.errors.length }, { errors: outcome.errors });
      case 'forbidden':
        return problem(locale, 'transition_forbidden', { from: message(locale, `status.${outcome.from}`), to: message(locale, `status.${outcome.to}`) });
      case 'not_handling':
        return problem(locale, 'not_handling_agency', { agency: service.agencyName(outcome.handlingAgencyId) });
      case 'read_only':
        return problem(locale, 'forbidden');
      case 'conflict':
        return problem(locale, 'conflict');
    }
  }

  async function inboxItem(request: Request, locale: Locale, trackingId: string): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    // Roles in the history ("sistem", "the system") speak the request's language.
    const item = await service.inboxItem(principal, trackingId, locale);
    return item ? json(item) : problem(locale, 'not_found', { trackingId });
  }

  async function inbox(request: Request, url: URL, locale: Locale): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    const query = readInboxQuery(url.searchParams, { principal, calendar: options.calendar, locale, now: now() });
    if (Array.isArray(query)) return problem(locale, 'invalid_query', { count: query.length }, { errors: query });
    try {
      // `counts=true` adds how many match per status (the status filter ignored): an inbox's tabs, in the same answer.
      const withCounts = url.searchParams.get('counts') === 'true';
      const [page, counts] = await Promise.all([service.inbox(principal, query.filter, query.page, locale), withCounts ? service.inboxCounts(principal, query.filter) : null]);
      return json(counts ? { ...page, counts } : page);
    } catch (error) {
      if (error instanceof CursorError) return problem(locale, 'invalid_query', { count: 1 }, { errors: [{ path: 'cursor', code: 'bad_cursor', message: serverMessage(locale, 'validation.bad_cursor') }] });
      throw error;
    }
  }

  /** `GET /v1/me`: who the token belongs to, so an inbox can say "signed in as". */
  async function me(request: Request, locale: Locale): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    return json({
      id: principal.id,
      name: principal.name,
      role: principal.role,
      // A supervisor's office, beside the agencies it reads.
      ...(principal.role === 'supervisor' ? { office: { id: principal.agencyId, name: service.agencyName(principal.agencyId) } } : {}),
      agencies:
        principal.role === 'focal_point' || principal.role === 'officer'
          ? [{ id: principal.agencyId, name: service.agencyName(principal.agencyId) }]
          : principal.agencyIds === 'all'
            ? 'all'
            : principal.agencyIds.map((id) => ({ id, name: service.agencyName(id) })),
    });
  }

  /**
   * `GET /v1/inbox/{trackingId}/attachments/{id}`: a file as the reporter sent it, to those who may
   * read the complaint. Served as a download in a sandbox: a file is never rendered as a page of
   * this origin, whatever it holds. With `?view=<ticket>` instead of a token (a frame cannot send
   * one), the file is shown in place: inline, still sandboxed, framed by this origin only.
   */
  async function attachment(request: Request, url: URL, locale: Locale, rawTrackingId: string, attachmentId: string): Promise<Response> {
    const notFound = () => problem(locale, 'not_found', { trackingId: rawTrackingId.slice(0, 40) });
    const trackingId = parseTrackingId(rawTrackingId);
    const ticket = url.searchParams.get('view');
    if (ticket !== null && !bearerToken(request)) {
      if (!trackingId || !(await tickets.verify(trackingId, attachmentId, ticket, now()))) return notFound();
      const found = await service.attachmentToView(trackingId, attachmentId);
      return found ? fileResponse(found, 'inline') : notFound();
    }
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    const found = trackingId ? await service.attachment(principal, trackingId, attachmentId) : null;
    return found ? fileResponse(found, 'attachment') : notFound();
  }

  /** `POST /v1/inbox/{trackingId}/attachments/{id}/view`: a ticket to show the file in a frame, to those who may read it. */
  async function viewTicket(request: Request, locale: Locale, trackingId: string, attachmentId: string): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    const found = await service.attachment(principal, trackingId, attachmentId);
    if (!found) return problem(locale, 'not_found', { trackingId });
    return json(await tickets.issue(trackingId, attachmentId, now()), 200, { 'cache-control': 'no-store' });
  }

  // ---- Routing: one Hono router for /v1 and /open311/v2 -------------------------------------

  // RegExpRouter: one regular expression for every route, and it refuses (at start) any set of
  // routes it cannot match unambiguously.
  const app = new Hono<IntakeEnv>({ strict: true, router: new RegExpRouter() });
  const api = base ? app.basePath(base) : app;

  // CORS first, so that every answer (errors too) carries it, and preflights end here. Requests
  // that are not cross-origin (no Origin, not a preflight) skip it and carry no CORS headers.
  const corsHeaders = cors({
    origin: (origin) => {
      const allowed = options.allowedOrigins ?? [];
      return allowed.includes('*') ? '*' : allowed.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization', 'Accept-Language'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed', 'Location', 'Content-Language'],
    maxAge: 600,
  });
  // The locale of every answer (?locale=, else Accept-Language, else Indonesian), then CORS.
  api.use('*', (c, next) => {
    c.set('locale', negotiateLocale(c.req.query('locale') ?? null, c.req.header('accept-language') ?? null));
    return c.req.method === 'OPTIONS' || c.req.header('origin') !== undefined ? corsHeaders(c, next) : next();
  });

  const v1 = new Hono<IntakeEnv>({ strict: true, router: new RegExpRouter() });
  /** A tracking number from the path, or the 404 a mistyped one gets. */
  const withTrackingId = (c: Context<IntakeEnv>, run: (trackingId: string) => Promise<Response>): Promise<Response> | Response => {
    const raw = c.req.param('trackingId') ?? '';
    const trackingId = parseTrackingId(raw);
    return trackingId ? run(trackingId) : problem(c.get('locale'), 'not_found', { trackingId: raw.slice(0, 40) });
  };

  endpoint(v1, '/config', {
    GET: (c) => json(config(c.get('locale')), 200, { 'content-language': c.get('locale'), 'cache-control': 'public, max-age=300', vary: 'Accept-Language' }),
  });
  endpoint(v1, '/complaints', { POST: (c) => submit(c.req.raw, c.get('locale'), c.env) });
  const kit: RouteKit = { service, policy, authenticate, readJson, readMultipart, withTrackingId, guessLimiter: createRateLimiter(REPORTER_GUESSES, now, options.rateCounter) };
  endpoint(v1, '/complaints/:trackingId', { GET: (c) => withTrackingId(c, (trackingId) => complaintStatus(c, kit, trackingId)) });
  registerReporterRoutes(v1, kit);
  registerStaffRoutes(v1, kit);
  registerIndicatorRoutes(v1, {
    store: options.store,
    directory: options.directory,
    calendar: options.calendar,
    offered,
    now,
    authenticate,
    ...(options.indicatorsPdf ? { renderPdf: options.indicatorsPdf } : {}),
  });
  endpoint(v1, '/complaints/:trackingId/transitions', { POST: (c) => withTrackingId(c, (trackingId) => transition(c.req.raw, c.get('locale'), trackingId)) });
  endpoint(v1, '/inbox', { GET: (c) => inbox(c.req.raw, new URL(c.req.url), c.get('locale')) });
  endpoint(v1, '/inbox/:trackingId', { GET: (c) => withTrackingId(c, (trackingId) => inboxItem(c.req.raw, c.get('locale'), trackingId)) });
  endpoint(v1, '/inbox/:trackingId/attachments/:attachmentId', {
    GET: (c) => attachment(c.req.raw, new URL(c.req.url), c.get('locale'), c.req.param('trackingId') ?? '', c.req.param('attachmentId') ?? ''),
  });
  endpoint(v1, '/inbox/:trackingId/attachments/:attachmentId/view', {
    POST: (c) => withTrackingId(c, (trackingId) => viewTicket(c.req.raw, c.get('locale'), trackingId, c.req.param('attachmentId') ?? '')),
  });
  endpoint(v1, '/me', { GET: (c) => me(c.req.raw, c.get('locale')) });
  api.route('/v1', v1);

  api.route(
    '/open311/v2',
    open311Routes({
      service,
      policy,
      defaultAgencyId,
      offeredAgencyIds: offered,
      store: options.store,
      tokens: options.tokens,
      options: options.open311 ?? {},
      basePath: base,
      readMultipart,
      // An Open311 POST is a form of short texts: the JSON limit bounds it.
      formLimits: { ...submissionLimits, maxBodyBytes: policy.maxJsonBytes },
      admit,
      now,
      log,
    }),
  );

  api.notFound((c) => problem(c.get('locale') ?? 'id', 'route_not_found'));
  app.notFound((c) => problem(negotiateLocale(c.req.query('locale') ?? null, c.req.header('accept-language') ?? null), 'route_not_found'));
  app.onError((error, c) => {
    // Never the error's text: it may quote the body.
    log({ event: 'request_failed', code: error instanceof Error ? error.name : 'unknown' });
    return problem(c.get('locale') ?? negotiateLocale(null, c.req.header('accept-language') ?? null), 'internal');
  });

  return (request, context) => Promise.resolve(app.fetch(request, context ?? {}));
}

/**
 * An attachment's bytes: as a download, or `inline` for a frame of this origin. Either way in a
 * sandbox with no subresources and no sniffing, so nothing in the file can run as this origin.
 */
function fileResponse(found: { meta: { name: string; type: string }; bytes: Uint8Array }, disposition: 'attachment' | 'inline'): Response {
  const fallbackName = found.meta.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const framed = disposition === 'inline';
  return new Response(found.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': found.meta.type,
      'content-length': String(found.bytes.byteLength),
      'content-disposition': `${disposition}; filename="${fallbackName}"; filename*=UTF-8''${encodeURIComponent(found.meta.name)}`,
      'content-security-policy': framed ? "sandbox; default-src 'none'; frame-ancestors 'self'" : "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      ...(framed ? { 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' } : {}),
    },
  });
}

/** Handlers of one path by method; any other method is answered 405 with `Allow`. */
export function endpoint(router: Hono<IntakeEnv>, path: string, handlers: Partial<Record<'GET' | 'POST', (c: Context<IntakeEnv>) => Response | Promise<Response>>>): void {
  const allowed = Object.keys(handlers).join(', ');
  for (const [method, handler] of Object.entries(handlers)) router.on(method, path, handler);
  router.all(path, (c) => problem(c.get('locale'), 'method_not_allowed', { allowed }, { headers: { allow: allowed } }));
}
