/**
 * The intake's HTTP contract (docs/api.md) as one web-standard function,
 * `(request: Request) => Promise<Response>`, so Node's HTTP server, Deno, Bun, a service worker
 * or an edge runtime can all mount it.
 */
import type { WorkCalendar } from '../calendar.js';
import type { Directory } from '../directory.js';
import type { IntakeConfig, Locale, Status } from '../model.js';
import { LOCALES, STATUSES } from '../model.js';
import { message, negotiateLocale } from '../messages/index.js';
import { problemMessage } from '../messages/problems.js';
import { defaultPolicy } from '../policy.js';
import type { Policy } from '../policy.js';
import type { Store } from '../store.js';
import { parseTrackingId } from '../tracking-id.js';
import { fileTooLargeError, formatBytes, tooManyFilesError } from '../attachments.js';
import { readMultipartWithFormData } from './multipart.js';
import type { IncomingFile, MultipartLimits, MultipartReader } from './multipart.js';
import { bearerToken, json, mediaType, nestsDeeperThan, problem, readBounded } from './http.js';
import { handleOpen311 } from './open311.js';
import { readInboxQuery } from './inbox-query.js';
import { CursorError } from '../store-query.js';
import { createRateLimiter } from './rate-limit.js';
import type { RateCounter, RateLimit } from './rate-limit.js';
import { createIntakeService } from './service.js';
import type { IntakeLogEntry } from './service.js';
import type { Principal, TokenVerifier } from './tokens.js';

export type { Principal, TokenVerifier } from './tokens.js';
export type { IntakeLogEntry } from './service.js';
export type { InboxItem, ReporterView } from './views.js';
export type { RateCounter, RateLimit } from './rate-limit.js';

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
   * How multipart bodies are read. Default: the platform's `Request.formData()`, right for browsers,
   * Deno, Bun and workers. In Node pass a streaming reader (the reference server's busboy reader):
   * Node 20's `formData()` holds every body in memory and breaks files on short boundaries.
   */
  readMultipart?: MultipartReader;
}

/** What the server knows about the connection that a Request does not carry. */
export interface RequestContext {
  /** The client's address, for rate limiting. */
  clientAddress?: string;
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
  const service = createIntakeService({ store: options.store, directory: options.directory, policy, calendar: options.calendar, now, log, offeredAgencyIds: new Set(offered) });
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit, now, options.rateCounter) : null;
  const defaultAgencyId = options.defaultAgencyId ?? null;

  function config(locale: Locale): IntakeConfig {
    return {
      agencies: offered.map((id) => ({ id, name: service.agencyName(id) })),
      categories: policy.categories.map((code) => ({ code, label: message(locale, `category.${code}`) })),
      kinds: policy.kinds.map((code) => ({ code, label: message(locale, `kind.${code}`) })),
      locales: [...LOCALES],
      timeZone: options.calendar.timeZone,
      defaultAgencyId,
      limits: {
        descriptionMax: policy.descriptionMax,
        attachments: { maxFiles: policy.attachments.maxFiles, maxBytes: policy.attachments.maxBytes, types: [...policy.attachments.types] },
      },
      contactRequired: policy.contactRequired,
    };
  }

  async function authenticate(request: Request): Promise<Principal | null> {
    const token = bearerToken(request);
    return token ? options.tokens.verify(token) : null;
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

  async function transition(request: Request, locale: Locale, trackingId: string): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    if (mediaType(request) !== 'application/json') return problem(locale, 'unsupported_media_type', { expected: 'application/json' });
    const bytes = await readBounded(request, 64 * 1024);
    if (bytes === 'too_large') return problem(locale, 'too_large', { max: formatBytes(64 * 1024) });
    if (bytes === 'unreadable') return problem(locale, 'malformed_body');
    let body: unknown;
    try {
      body = JSON.parse(UTF8.decode(bytes));
    } catch {
      return problem(locale, 'malformed_body');
    }
    if (nestsDeeperThan(body, MAX_DEPTH)) return problem(locale, 'too_deep', { max: MAX_DEPTH });
    const outcome = await service.transition(principal, trackingId, body, locale);
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
      case 'conflict':
        return problem(locale, 'conflict');
    }
  }

  async function inbox(request: Request, url: URL, locale: Locale, trackingId: string | null): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    if (trackingId !== null) {
      const item = await service.inboxItem(principal, trackingId);
      return item ? json(item) : problem(locale, 'not_found', { trackingId });
    }
    const query = readInboxQuery(url.searchParams, { principal, calendar: options.calendar, locale, now: now() });
    if (Array.isArray(query)) return problem(locale, 'invalid_query', { count: query.length }, { errors: query });
    try {
      return json(await service.inbox(principal, query.filter, query.page));
    } catch (error) {
      if (error instanceof CursorError) return problem(locale, 'invalid_query', { count: 1 }, { errors: [{ path: 'cursor', code: 'bad_cursor', message: message(locale, 'validation.bad_cursor') }] });
      throw error;
    }
  }

  /** `GET /v1/inbox/counts`: how many of the caller's complaints match, per status (the status filter ignored). */
  async function inboxCounts(request: Request, url: URL, locale: Locale): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    const query = readInboxQuery(url.searchParams, { principal, calendar: options.calendar, locale, now: now() });
    if (Array.isArray(query)) return problem(locale, 'invalid_query', { count: query.length }, { errors: query });
    const counts = await service.inboxCounts(principal, query.filter);
    return json({ counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0) });
  }

  /** `GET /v1/me`: who the token belongs to, so an inbox can say "signed in as". */
  async function me(request: Request, locale: Locale): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    return json({
      id: principal.id,
      name: principal.name,
      role: principal.role,
      agencies:
        principal.role === 'focal_point'
          ? [{ id: principal.agencyId, name: service.agencyName(principal.agencyId) }]
          : principal.agencyIds === 'all'
            ? 'all'
            : principal.agencyIds.map((id) => ({ id, name: service.agencyName(id) })),
    });
  }

  /**
   * `GET /v1/inbox/{trackingId}/attachments/{id}`: a file as the reporter sent it, to those who may
   * read the complaint. Served as a download in a sandbox: a file is never rendered as a page of
   * this origin, whatever it holds.
   */
  async function attachment(request: Request, locale: Locale, rawTrackingId: string, attachmentId: string): Promise<Response> {
    const principal = await authenticate(request);
    if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
    const trackingId = parseTrackingId(rawTrackingId);
    const found = trackingId ? await service.attachment(principal, trackingId, attachmentId) : null;
    if (!found) return problem(locale, 'not_found', { trackingId: rawTrackingId.slice(0, 40) });
    const fallbackName = found.meta.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return new Response(found.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': found.meta.type,
        'content-length': String(found.bytes.byteLength),
        'content-disposition': `attachment; filename="${fallbackName}"; filename*=UTF-8''${encodeURIComponent(found.meta.name)}`,
        'content-security-policy': "sandbox; default-src 'none'",
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  }

  async function route(request: Request, context: RequestContext | undefined): Promise<Response> {
    const url = new URL(request.url);
    const locale = negotiateLocale(url.searchParams.get('locale'), request.headers.get('accept-language'));
    if (base && !url.pathname.startsWith(`${base}/`)) return problem(locale, 'route_not_found');
    const path = url.pathname.slice(base.length);
    const method = request.method.toUpperCase();
    const only = (allowed: string, run: () => Promise<Response> | Response): Promise<Response> | Response =>
      allowed.split(', ').includes(method) || (method === 'HEAD' && allowed.includes('GET'))
        ? run()
        : problem(locale, 'method_not_allowed', { allowed }, { headers: { allow: allowed } });

    if (path === '/v1/config') return only('GET', () => json(config(locale), 200, { 'content-language': locale, 'cache-control': 'public, max-age=300', vary: 'Accept-Language' }));
    if (path === '/v1/complaints') return only('POST', () => submit(request, locale, context));
    if (path === '/v1/inbox') return only('GET', () => inbox(request, url, locale, null));
    if (path === '/v1/inbox/counts') return only('GET', () => inboxCounts(request, url, locale));
    if (path === '/v1/me') return only('GET', () => me(request, locale));
    const file = /^\/v1\/inbox\/([^/]+)\/attachments\/([^/]+)$/.exec(path);
    if (file) return only('GET', () => attachment(request, locale, safeDecode(file[1]!), safeDecode(file[2]!)));
    const inboxItem = /^\/v1\/inbox\/([^/]+)$/.exec(path);
    if (inboxItem) {
      const trackingId = parseTrackingId(safeDecode(inboxItem[1]!));
      return only('GET', () => (trackingId ? inbox(request, url, locale, trackingId) : problem(locale, 'not_found', { trackingId: inboxItem[1]!.slice(0, 40) })));
    }
    const complaint = /^\/v1\/complaints\/([^/]+)(\/transitions)?$/.exec(path);
    if (complaint) {
      const raw = safeDecode(complaint[1]!);
      const trackingId = parseTrackingId(raw);
      if (complaint[2]) {
        return only('POST', () => (trackingId ? transition(request, locale, trackingId) : problem(locale, 'not_found', { trackingId: raw.slice(0, 40) })));
      }
      return only('GET', async () => {
        const status = trackingId ? await service.publicStatus(trackingId) : null;
        return status ? json(status, 200, { 'content-language': locale }) : problem(locale, 'not_found', { trackingId: raw.slice(0, 40) });
      });
    }
    if (path.startsWith('/open311/v2/')) {
      return handleOpen311(request, url, path.slice('/open311/v2'.length), {
        service,
        policy,
        locale,
        defaultAgencyId,
        offeredAgencyIds: offered,
        store: options.store,
        readForm: async () => {
          if (mediaType(request) === 'multipart/form-data') {
            // Open311 takes no files: every part is a text field.
            const form = await readMultipart(request, { ...submissionLimits, maxFiles: 0, fileField: '' });
            if (!form.ok) return form.failure.kind === 'too_large' || form.failure.kind === 'too_many_files' ? null : 'malformed';
            await form.dispose();
            const fields = new Map([...form.fields].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
            return { get: (name: string) => fields.get(name) ?? null };
          }
          const bytes = await readBounded(request, policy.maxJsonBytes);
          if (bytes === 'unreadable') return 'malformed';
          return bytes === 'too_large' ? null : new URLSearchParams(new TextDecoder().decode(bytes));
        },
        admit: admit(context),
        now,
      }).catch((error: unknown) => {
        log({ event: 'request_failed', code: error instanceof Error ? error.name : 'unknown' });
        return new Response(JSON.stringify([{ code: 500, description: problemMessage(locale, 'problem.internal.title') }]), {
          status: 500,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        });
      });
    }
    return problem(locale, 'route_not_found');
  }

  function withCors(request: Request, response: Response): Response {
    const origin = request.headers.get('origin');
    const allowed = options.allowedOrigins ?? [];
    if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return response;
    const headers = new Headers(response.headers);
    headers.set('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
    headers.append('vary', 'Origin');
    headers.set('access-control-expose-headers', 'Retry-After, Idempotent-Replayed, Location, Content-Language');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  return async function handle(request, context) {
    if (request.method.toUpperCase() === 'OPTIONS') {
      const response = new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'Content-Type, Idempotency-Key, Authorization, Accept-Language',
          'access-control-max-age': '600',
        },
      });
      return withCors(request, response);
    }
    try {
      return withCors(request, await route(request, context));
    } catch (error) {
      // Never the error's text: it may quote the body.
      log({ event: 'request_failed', code: error instanceof Error ? error.name : 'unknown' });
      const locale = negotiateLocale(localeParam(request.url), request.headers.get('accept-language'));
      return withCors(request, problem(locale, 'internal'));
    }
  };
}

function clampInt(text: string | null, min: number, max: number, fallback: number): number {
  const value = text === null ? NaN : Number.parseInt(text, 10);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function localeParam(url: string): string | null {
  try {
    return new URL(url).searchParams.get('locale');
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
