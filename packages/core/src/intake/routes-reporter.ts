/**
 * `/v1` routes of the reporter, with their key (`Authorization: Reporter <key>`): their own view in
 * `GET /v1/complaints/{trackingId}`, and `replies`, `disputes`, `rating`, `withdrawal`, each once
 * per Idempotency-Key; and the unsubscribe link of their mails. A wrong key is answered exactly as a
 * number that does not exist (404); a missing one as any request without credentials (401).
 */
import type { Context, Hono } from 'hono';
import type { Locale } from '../model.js';
import { serverMessage } from '../messages/server.js';
import type { IntakeEnv } from './handler.js';
import { endpoint } from './handler.js';
import { json, mediaType, nestsDeeperThan, problem } from './http.js';
import type { IncomingFile } from './multipart.js';
import { escapeHtml } from './notifications.js';
import type { ReporterRequest } from './reporter-actions.js';
import type { RouteKit } from './routes-kit.js';

/** How often one client may present a reporter key: far more than a person needs, far too few to guess a 256-bit key. */
export const REPORTER_GUESSES = { submissions: 60, windowSeconds: 600 } as const;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;
const MAX_DEPTH = 8;

/** The key of `Authorization: Reporter <key>`, `''` for that scheme without a usable key, null without the scheme. */
function reporterKeyOf(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header || !/^Reporter(\s|$)/i.test(header)) return null;
  const match = /^Reporter\s+([A-Za-z0-9_-]{1,128})\s*$/i.exec(header);
  return match ? match[1]! : '';
}

/** 429 when this client presented too many reporter keys lately, else null. */
async function guessLimited(c: Context<IntakeEnv>, kit: RouteKit): Promise<Response | null> {
  const wait = await kit.guessLimiter.take(`reporter-key:${c.env.clientAddress ?? 'unknown'}`);
  return wait > 0 ? problem(c.get('locale'), 'rate_limited', { seconds: wait }, { headers: { 'retry-after': String(wait) } }) : null;
}

/** `GET /v1/complaints/{trackingId}`: the public status, and with the reporter's key their own view. */
export async function complaintStatus(c: Context<IntakeEnv>, kit: RouteKit, trackingId: string): Promise<Response> {
  const locale = c.get('locale');
  const key = reporterKeyOf(c.req.raw);
  if (key === null) {
    const status = await kit.service.publicStatus(trackingId, locale);
    return status ? json(status, 200, { 'content-language': locale }) : problem(locale, 'not_found', { trackingId });
  }
  const limited = await guessLimited(c, kit);
  if (limited) return limited;
  const own = key === '' ? null : await kit.service.reporter.ownStatus(trackingId, key, locale);
  return own ? json(own, 200, { 'content-language': locale }) : problem(locale, 'not_found', { trackingId });
}

export function registerReporterRoutes(v1: Hono<IntakeEnv>, kit: RouteKit): void {
  const action = (request: ReporterRequest) => (c: Context<IntakeEnv>) =>
    kit.withTrackingId(c, async (trackingId) => {
      const locale = c.get('locale');
      const key = reporterKeyOf(c.req.raw);
      if (key === null) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Reporter' } });
      const limited = await guessLimited(c, kit);
      if (limited) return limited;
      const idempotencyKey = c.req.header('idempotency-key');
      if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) return problem(locale, 'missing_idempotency_key');
      const read: ReadBody | Response = request === 'reply' ? await readReply(c.req.raw, locale, kit) : await kit.readJson(c.req.raw, locale);
      if (read instanceof Response) return read;
      try {
        const outcome = await kit.service.reporter.act(trackingId, key, request, read.body, read.files ?? [], idempotencyKey, locale);
        switch (outcome.kind) {
          case 'done':
            return json(outcome.status, 200, { 'content-language': locale, ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}) });
          case 'not_found':
            return problem(locale, 'not_found', { trackingId });
          case 'invalid':
            return problem(locale, 'validation_failed', { count: outcome.errors.length }, { errors: outcome.errors });
          case 'not_open':
            return problem(locale, 'action_not_open');
          case 'key_conflict':
            return problem(locale, 'idempotency_conflict');
          case 'conflict':
            return problem(locale, 'conflict');
        }
      } finally {
        await read.dispose?.();
      }
    });
  endpoint(v1, '/complaints/:trackingId/replies', { POST: action('reply') });
  endpoint(v1, '/complaints/:trackingId/disputes', { POST: action('dispute') });
  endpoint(v1, '/complaints/:trackingId/rating', { POST: action('rating') });
  endpoint(v1, '/complaints/:trackingId/withdrawal', { POST: action('withdrawal') });

  // The unsubscribe link of a reporter's mails. GET only asks (mail scanners open links); POST
  // does it, from the page's button or a mail client's one-click unsubscribe (RFC 8058).
  endpoint(v1, '/complaints/:trackingId/unsubscribe', {
    GET: (c) => kit.withTrackingId(c, async (trackingId) => unsubscribePage(c.get('locale'), trackingId, c.req.query('token') ?? '', 'ask')),
    POST: (c) =>
      kit.withTrackingId(c, async (trackingId) => {
        const token = c.req.query('token') ?? '';
        const done = await kit.service.reporter.unsubscribe(trackingId, token);
        return unsubscribePage(c.get('locale'), trackingId, token, done ? 'done' : 'invalid');
      }),
  });
}

/** A body as read: its JSON, the files that came with it, and what releases them. */
interface ReadBody {
  body: unknown;
  files?: IncomingFile[];
  dispose?: () => Promise<void>;
}

/** A reply's body: JSON `{ text }`, or multipart with a `reply` JSON part and `attachments` files (the checks of a submission). */
async function readReply(request: Request, locale: Locale, kit: RouteKit): Promise<ReadBody | Response> {
  if (mediaType(request) !== 'multipart/form-data') return kit.readJson(request, locale);
  const { policy } = kit;
  const form = await kit.readMultipart(request, { maxBodyBytes: policy.maxBodyBytes, maxFieldBytes: policy.maxJsonBytes, maxFiles: policy.attachments.maxFiles, maxFileBytes: policy.attachments.maxBytes, fileField: 'attachments' });
  if (!form.ok) {
    switch (form.failure.kind) {
      case 'too_large':
      case 'too_many_files':
      case 'file_too_large':
        return problem(locale, 'too_large', { max: `${policy.attachments.maxFiles} × ${Math.round(policy.attachments.maxBytes / 1024 / 1024)} MB` });
      case 'unavailable':
        return problem(locale, 'busy', { seconds: 60 }, { headers: { 'retry-after': '60' } });
      case 'malformed':
        return problem(locale, 'malformed_body');
    }
  }
  const part = form.fields.get('reply');
  let body: unknown;
  try {
    if (!part) throw new Error('no reply part');
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(part));
  } catch {
    await form.dispose();
    return problem(locale, 'malformed_body');
  }
  if (nestsDeeperThan(body, MAX_DEPTH)) {
    await form.dispose();
    return problem(locale, 'too_deep', { max: MAX_DEPTH });
  }
  return { body, files: form.files, dispose: form.dispose };
}

/** A small page in the reporter's language, under the intake's strict CSP (no script, no inline style). */
function unsubscribePage(locale: Locale, trackingId: string, token: string, state: 'ask' | 'done' | 'invalid'): Response {
  const title = serverMessage(locale, 'unsubscribe.title');
  const body =
    state === 'ask'
      ? `<p>${escapeHtml(serverMessage(locale, 'unsubscribe.ask', { trackingId }))}</p><form method="post" action="?token=${encodeURIComponent(token)}"><button type="submit">${escapeHtml(serverMessage(locale, 'unsubscribe.button'))}</button></form>`
      : `<p>${escapeHtml(serverMessage(locale, state === 'done' ? 'unsubscribe.done' : 'unsubscribe.invalid', { trackingId }))}</p>`;
  return new Response(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`, {
    status: state === 'invalid' ? 404 : 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; form-action 'self'", 'referrer-policy': 'no-referrer' },
  });
}
