/**
 * The intake's HTTP client, on ky. A submission is retried with the same Idempotency-Key on
 * network errors, timeouts, 408, 429 and 5xx (waiting as `Retry-After` says), so the server
 * records it once however often it is sent. Answers in problem+json become `ApiError`s that carry
 * the field errors.
 */
import ky, { HTTPError, TimeoutError } from 'ky';
import type { KyInstance, Options as KyOptions } from 'ky';
import type { Category, FieldError, IntakeConfig, Kind, Locale, OwnView, PublicStatus, RatingQuestion, Status, SubmitAnswer, TransitionRequest } from './model.js';
import type { ComplaintSort } from './store.js';
import { message } from './messages/index.js';
import type { InboxItem } from './intake/views.js';

export interface ClientOptions {
  /** The API root; the client adds `/v1/...`. */
  endpoint: string;
  /** A fetch to use instead of the global one (tests, service workers, instrumented fetch). */
  fetch?: typeof fetch;
  /** How hard to retry: attempts after the first (default 4) and the longest pause in ms (default 30 s). */
  retry?: { limit?: number; backoffLimit?: number };
  /**
   * Milliseconds one attempt may take (default 120 s; none at all for a submission with
   * attachments, which on a slow link can take minutes).
   */
  timeout?: number | false;
  /** Locale of the client's own messages (network errors); the server answers in the request's. */
  locale?: Locale;
}

export interface RequestOptions {
  locale?: Locale;
  signal?: AbortSignal;
}

export interface SubmitOptions extends RequestOptions {
  idempotencyKey: string;
  /** Files sent as multipart `attachments`; the complaint then travels as the `complaint` part. */
  attachments?: readonly Blob[];
}

/** What the reporter may send with their key, by action: the body of each request. */
export interface ReporterActionBodies {
  /** `POST /v1/complaints/{trackingId}/replies`: an answer to a request for information (files may come with it). */
  reply: { text: string };
  /** `POST …/disputes`: the resolution did not resolve it. */
  dispute: { reason: string };
  /** `POST …/rating`: each score 1 (poor) to 4 (very good), as the national satisfaction survey. */
  rating: { scores: Record<RatingQuestion, 1 | 2 | 3 | 4>; comment?: string };
  /** `POST …/withdrawal`: the reporter takes the complaint back. */
  withdrawal: { reason: string };
}

export type ReporterActionName = keyof ReporterActionBodies;

/** The public status with the reporter's own view: the answer to a request made with their key. */
export type OwnStatus = PublicStatus & { own: OwnView };

export interface ReporterActionOptions extends RequestOptions {
  /** Kept until the server answers: a retry with it gets the first answer, never a second change. */
  idempotencyKey: string;
  /** Files with a reply, sent as multipart `attachments` (the reply travels as the `reply` part). */
  attachments?: readonly Blob[];
}

/** A failed call: an HTTP problem answer, or `status: 0` when the server was not reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when there was no answer (offline, DNS, reset, timeout). */
  readonly status: number;
  /** The problem's stable `code`, or `network_error` / `timeout`. */
  readonly code: string;
  readonly title: string;
  readonly errors: FieldError[];
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  /** True when sending the same request again later may succeed (no answer, 408, 429, 5xx). */
  readonly retryable: boolean;

  constructor(init: { status: number; code: string; title: string; detail: string; errors?: FieldError[]; retryAfter?: number | undefined }) {
    super(init.detail || init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.retryable = init.status === 0 || init.status === 408 || init.status === 429 || init.status >= 500;
  }
}

export interface Client {
  /** `GET /v1/config`: the form's options. */
  config(options?: RequestOptions): Promise<IntakeConfig>;
  /** `POST /v1/complaints`, retried with the same key until the server answers. */
  submit(submission: unknown, options: SubmitOptions): Promise<SubmitAnswer>;
  /** `GET /v1/complaints/{trackingId}`: the public status. */
  status(trackingId: string, options?: RequestOptions): Promise<PublicStatus>;
  /** `GET /v1/complaints/{trackingId}` with the reporter's key (`Authorization: Reporter <key>`): the status and their own view. */
  ownStatus(trackingId: string, reporterKey: string, options?: RequestOptions): Promise<OwnStatus>;
  /**
   * The reporter's reply, dispute, rating or withdrawal, with their key; retried with the same
   * Idempotency-Key as a submission is. A `409 action_not_open` means the complaint's state does not allow it now.
   */
  reporterAction<A extends ReporterActionName>(trackingId: string, reporterKey: string, action: A, body: ReporterActionBodies[A], options: ReporterActionOptions): Promise<OwnStatus>;
  /** `GET /v1/inbox` with a staff token: a page of the complaints that match, with the total and the next page's cursor. */
  inbox(token: string, options?: RequestOptions & InboxQueryOptions): Promise<InboxPage>;
  /** `GET /v1/inbox/{trackingId}`: one complaint, as the token's holder may see it. */
  inboxItem(token: string, trackingId: string, options?: RequestOptions): Promise<InboxItem>;
  /** `GET /v1/me`: who the token belongs to. */
  me(token: string, options?: RequestOptions): Promise<TokenHolder>;
  /** `GET /v1/inbox/{trackingId}/attachments/{id}`: one attachment's bytes. */
  attachment(token: string, trackingId: string, attachmentId: string, options?: RequestOptions): Promise<Blob>;
  /**
   * The URL of a frame that shows one attachment in place, for a short while
   * (`POST /v1/inbox/{trackingId}/attachments/{id}/view`): a frame cannot send the token.
   */
  attachmentViewUrl(token: string, trackingId: string, attachmentId: string, options?: RequestOptions): Promise<string>;
  /** `POST /v1/complaints/{trackingId}/transitions`. */
  transition(token: string, trackingId: string, request: TransitionRequest, options?: RequestOptions): Promise<InboxItem>;
  /** `POST /v1/complaints/{trackingId}/notes`: an internal note, read by staff only. */
  note(token: string, trackingId: string, text: string, options?: RequestOptions): Promise<InboxItem>;
  /** `POST /v1/complaints/{trackingId}/assignment`: to a focal point or officer of the handling agency; null unassigns. */
  assign(token: string, trackingId: string, officerId: string | null, options?: RequestOptions): Promise<InboxItem>;
  /** `POST /v1/complaints/{trackingId}/access`: after an escalation, whether the agency reported may add notes. */
  setNoteAccess(token: string, trackingId: string, reportedAgencyNotes: boolean, options?: RequestOptions): Promise<InboxItem>;
  /** `GET /v1/officers`: whom the token's holder may assign complaints to. */
  officers(token: string, options?: RequestOptions): Promise<AssignableStaff[]>;
}

/** A focal point or officer a complaint may be assigned to (`GET /v1/officers`). */
export interface AssignableStaff {
  id: string;
  name: string;
  position: string;
  agencyId: string;
  role: 'focal_point' | 'officer';
}

/** The inbox's query parameters (docs/api.md, `GET /v1/inbox`). */
export interface InboxQueryOptions {
  statuses?: readonly Status[];
  kinds?: readonly Kind[];
  categories?: readonly Category[];
  /** A tracking number however typed, or words of the title or description. */
  q?: string;
  overdue?: boolean;
  /** `me`, `none` or an officer's id. */
  assignee?: string;
  /** Received on or after / on or before, `YYYY-MM-DD` in the intake's time zone. */
  from?: string;
  to?: string;
  sort?: ComplaintSort;
  limit?: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
  /** Also answer `counts`: how many match per status, the status filter ignored (an inbox's tabs). */
  counts?: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  nextCursor: string | null;
  /** With `counts: true`: how many match per status, the status filter ignored. */
  counts?: Record<Status, number>;
}

/** The query string of an inbox request. */
function inboxSearchParams(options: InboxQueryOptions | undefined): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (!options) return params;
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) params[name] = values.join(',');
  };
  list('status', options.statuses);
  list('kind', options.kinds);
  list('category', options.categories);
  if (options.q) params.q = options.q;
  if (options.overdue) params.overdue = 'true';
  if (options.assignee) params.assignee = options.assignee;
  if (options.from) params.from = options.from;
  if (options.to) params.to = options.to;
  if (options.sort) params.sort = options.sort;
  if (options.limit !== undefined) params.limit = options.limit;
  if (options.cursor) params.cursor = options.cursor;
  if (options.counts) params.counts = 'true';
  return params;
}

/** `GET /v1/me`: the holder of a token. `agencies` is `'all'` for an intake officer of every agency. */
export interface TokenHolder {
  id: string;
  name: string;
  role: 'focal_point' | 'officer' | 'intake_officer' | 'supervisor';
  /** A supervisor's own office (an inspectorate, an Ombudsman office). */
  office?: { id: string; name: string };
  agencies: { id: string; name: string }[] | 'all';
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/**
 * A client for one intake.
 * @example
 * const client = createClient({ endpoint: 'https://lapor.example.go.id/api' });
 * const answer = await client.submit(complaint, { idempotencyKey: crypto.randomUUID() });
 */
export function createClient(options: ClientOptions): Client {
  const prefix = `${options.endpoint.replace(/\/+$/, '')}/v1/`;
  const clientLocale = options.locale ?? 'id';
  const timeout = options.timeout ?? 120_000;
  const http: KyInstance = ky.create({
    prefixUrl: prefix,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeout,
    throwHttpErrors: true,
    retry: {
      limit: options.retry?.limit ?? 4,
      methods: ['get', 'post'],
      statusCodes: RETRY_STATUS,
      afterStatusCodes: [429, 503],
      maxRetryAfter: 5 * 60_000,
      backoffLimit: options.retry?.backoffLimit ?? 30_000,
      retryOnTimeout: true,
      jitter: (delay: number) => delay * (0.8 + Math.random() * 0.4),
    },
  });

  async function call<T>(path: string, init: KyOptions, locale: Locale | undefined): Promise<T> {
    const headers = new Headers(init.headers as HeadersInit | undefined);
    headers.set('accept', 'application/json, application/problem+json');
    if (locale) headers.set('accept-language', locale);
    try {
      return await http(path, { ...init, headers }).json<T>();
    } catch (error) {
      throw await toApiError(error, locale ?? clientLocale);
    }
  }

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const reporterAuth = (key: string) => ({ authorization: `Reporter ${key}` });
  const signalOf = (options?: RequestOptions) => (options?.signal ? { signal: options.signal } : {});

  return {
    config: (request) => call<IntakeConfig>('config', { method: 'get', ...signalOf(request) }, request?.locale),
    status: (trackingId, request) => call<PublicStatus>(`complaints/${encodeURIComponent(trackingId)}`, { method: 'get', ...signalOf(request) }, request?.locale),
    async submit(submission, request) {
      const { body, headers, hasFiles } = submissionBody(submission, request.attachments);
      return call<SubmitAnswer>(
        'complaints',
        { method: 'post', body, headers: { ...headers, 'idempotency-key': request.idempotencyKey }, ...(hasFiles ? { timeout: options.timeout ?? false } : {}), ...signalOf(request) },
        request.locale,
      );
    },
    ownStatus: (trackingId, key, request) =>
      call<OwnStatus>(`complaints/${encodeURIComponent(trackingId)}`, { method: 'get', headers: reporterAuth(key), ...signalOf(request) }, request?.locale),
    async reporterAction(trackingId, key, action, body, request) {
      const { body: payload, headers, hasFiles } = reporterActionBody(action, body, request.attachments);
      return call<OwnStatus>(
        reporterActionPath(trackingId, action),
        { method: 'post', body: payload, headers: { ...headers, ...reporterAuth(key), 'idempotency-key': request.idempotencyKey }, ...(hasFiles ? { timeout: options.timeout ?? false } : {}), ...signalOf(request) },
        request.locale,
      );
    },
    inbox: (token, request) =>
      call<InboxPage>('inbox', { method: 'get', headers: auth(token), searchParams: inboxSearchParams(request), ...signalOf(request) }, request?.locale),
    inboxItem: (token, trackingId, request) =>
      call<InboxItem>(`inbox/${encodeURIComponent(trackingId)}`, { method: 'get', headers: auth(token), ...signalOf(request) }, request?.locale),
    me: (token, request) => call<TokenHolder>('me', { method: 'get', headers: auth(token), ...signalOf(request) }, request?.locale),
    async attachment(token, trackingId, attachmentId, request) {
      try {
        return await http(`inbox/${encodeURIComponent(trackingId)}/attachments/${encodeURIComponent(attachmentId)}`, {
          method: 'get',
          headers: { ...auth(token), ...(request?.locale ? { 'accept-language': request.locale } : {}) },
          ...signalOf(request),
        }).blob();
      } catch (error) {
        throw await toApiError(error, request?.locale ?? clientLocale);
      }
    },
    async attachmentViewUrl(token, trackingId, attachmentId, request) {
      const path = `inbox/${encodeURIComponent(trackingId)}/attachments/${encodeURIComponent(attachmentId)}`;
      const { ticket } = await call<{ ticket: string }>(`${path}/view`, { method: 'post', headers: auth(token), ...signalOf(request) }, request?.locale);
      return new URL(`${prefix}${path}?view=${encodeURIComponent(ticket)}`, globalThis.location?.href).href;
    },
    transition: (token, trackingId, transition, request) =>
      // A transition is not idempotent: it is sent once, never retried.
      call<InboxItem>(`complaints/${encodeURIComponent(trackingId)}/transitions`, { method: 'post', json: transition, headers: auth(token), retry: 0, ...signalOf(request) }, request?.locale),
    // Neither is idempotent either (a note twice is two notes): sent once.
    note: (token, trackingId, text, request) =>
      call<InboxItem>(`complaints/${encodeURIComponent(trackingId)}/notes`, { method: 'post', json: { text }, headers: auth(token), retry: 0, ...signalOf(request) }, request?.locale),
    assign: (token, trackingId, officerId, request) =>
      call<InboxItem>(`complaints/${encodeURIComponent(trackingId)}/assignment`, { method: 'post', json: { officerId }, headers: auth(token), retry: 0, ...signalOf(request) }, request?.locale),
    setNoteAccess: (token, trackingId, reportedAgencyNotes, request) =>
      call<InboxItem>(`complaints/${encodeURIComponent(trackingId)}/access`, { method: 'post', json: { reportedAgencyNotes }, headers: auth(token), retry: 0, ...signalOf(request) }, request?.locale),
    officers: async (token, request) =>
      (await call<{ officers: AssignableStaff[] }>('officers', { method: 'get', headers: auth(token), ...signalOf(request) }, request?.locale)).officers,
  };
}

/**
 * The body of `POST /v1/complaints`: JSON, or with files multipart with the submission as the
 * `complaint` part and each file as an `attachments` part. Shared by every client of the intake.
 */
export function submissionBody(submission: unknown, attachments: readonly Blob[] = []): { body: string | FormData; headers: Record<string, string>; hasFiles: boolean } {
  return jsonOrMultipart('complaint', submission, attachments);
}

/** JSON alone, or multipart with the JSON as the part `part` and each file as an `attachments` part. */
function jsonOrMultipart(part: string, json: unknown, attachments: readonly Blob[]): { body: string | FormData; headers: Record<string, string>; hasFiles: boolean } {
  if (attachments.length === 0) return { body: JSON.stringify(json), headers: { 'content-type': 'application/json' }, hasFiles: false };
  const form = new FormData();
  form.set(part, new Blob([JSON.stringify(json)], { type: 'application/json' }));
  for (const file of attachments) form.append('attachments', file, (file as File).name ?? 'attachment');
  // No content-type: fetch writes multipart's with its boundary.
  return { body: form, headers: {}, hasFiles: true };
}

const ACTION_PATHS: Record<ReporterActionName, string> = { reply: 'replies', dispute: 'disputes', rating: 'rating', withdrawal: 'withdrawal' };

/** The path of a reporter's action under `/v1/`, e.g. `complaints/NH-…/replies`. */
export function reporterActionPath(trackingId: string, action: ReporterActionName): string {
  return `complaints/${encodeURIComponent(trackingId)}/${ACTION_PATHS[action]}`;
}

/**
 * The body of a reporter's action: JSON, or for a reply with files multipart with the reply as the
 * `reply` part and each file as an `attachments` part. Shared by every client of the intake.
 */
export function reporterActionBody(action: ReporterActionName, body: unknown, attachments: readonly Blob[] = []): { body: string | FormData; headers: Record<string, string>; hasFiles: boolean } {
  return jsonOrMultipart('reply', body, action === 'reply' ? attachments : []);
}

/**
 * The `ApiError` for an HTTP answer that is not a success: its problem+json `code`, `title`,
 * `detail` and field `errors`, and `Retry-After`. Shared by every client of the intake, so a
 * problem means the same wherever it is read.
 */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: Partial<{ title: string; detail: string; code: string; errors: FieldError[] }> = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not problem+json: keep the status alone
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError({
    status: response.status,
    code: typeof body.code === 'string' ? body.code : `http_${response.status}`,
    title: typeof body.title === 'string' ? body.title : response.statusText,
    detail: typeof body.detail === 'string' ? body.detail : '',
    errors: Array.isArray(body.errors) ? body.errors : [],
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  });
}

/** The `ApiError` for a request that got no answer (offline, reset, DNS, or `timedOut`). */
export function networkApiError(locale: Locale, timedOut = false): ApiError {
  return new ApiError({
    status: 0,
    code: timedOut ? 'timeout' : 'network_error',
    title: message(locale, 'network.title'),
    detail: message(locale, 'network.detail'),
  });
}

async function toApiError(error: unknown, locale: Locale): Promise<ApiError> {
  if (error instanceof HTTPError) return apiErrorFromResponse(error.response);
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') throw error;
  return networkApiError(locale, error instanceof TimeoutError);
}
