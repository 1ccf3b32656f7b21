/**
 * The reporter's side of the conversation, with their key (`Authorization: Reporter <key>`): their
 * own view, an answer to a request for information, a dispute of a resolution, a rating, a
 * withdrawal; and the unsubscribe link of their mails. Every action is idempotent under retry:
 * the request's Idempotency-Key is stored with the change, and a retry gets the first answer.
 */
import { attachmentName, checkAttachments } from '../attachments.js';
import { applyReporterAction, disputeOpenUntil, reporterActionTarget } from '../lifecycle.js';
import type { ReporterAction } from '../lifecycle.js';
import type { ComplaintRecord, FieldError, Locale, PublicStatus, Rating, RatingQuestion } from '../model.js';
import { RATING_QUESTIONS } from '../model.js';
import type { StoredAttachment } from '../store.js';
import { BodyFields } from './body-fields.js';
import { canonicalJson } from './http.js';
import type { IncomingFile } from './multipart.js';
import type { ServiceKernel } from './service.js';
import { sha256HexSync } from './sha256.js';
import { ownViewOf, requestsOf } from './views.js';

/** What the reporter may send: `reply` and `dispute` and `withdrawal` move the complaint; `rating` does not. */
export type ReporterRequest = ReporterAction | 'rating';

export type ReporterOutcome =
  | { kind: 'done'; status: PublicStatus; replayed: boolean }
  | { kind: 'not_found' }
  | { kind: 'invalid'; errors: FieldError[] }
  /** The action is not open now (e.g. a reply when nothing was asked, a dispute after its time). */
  | { kind: 'not_open'; action: ReporterRequest }
  | { kind: 'key_conflict' }
  | { kind: 'conflict' };

export function createReporterActions(kernel: ServiceKernel) {
  const { store, policy, keys, log } = kernel.deps;

  /** The complaint when `key` is its reporter's key; null when the number is unknown or the key wrong (the caller cannot tell which). */
  async function withKey(trackingId: string, key: string): Promise<ComplaintRecord | null> {
    const record = await store.get(trackingId);
    // The key is checked even when the number is unknown, so that both take the same time.
    const valid = await keys.verifyReporter(trackingId, key);
    if (!record || !valid) {
      log({ event: 'reporter_key_refused', ...(record ? { trackingId } : {}) });
      return null;
    }
    return record;
  }

  function withOwnView(record: ComplaintRecord, locale: Locale): PublicStatus {
    return { ...kernel.statusOf(record, locale), own: ownViewOf(record, policy, kernel.deps.now()) };
  }

  /**
   * `GET /v1/complaints/{trackingId}` with the reporter's key: the public status and their own view.
   * The first look after a request for information records that it reached them.
   */
  async function ownStatus(trackingId: string, key: string, locale: Locale): Promise<PublicStatus | null> {
    const record = await withKey(trackingId, key);
    if (!record) return null;
    const latest = requestsOf(record).at(-1);
    if (latest && !latest.answered && (!record.reporterSeenAt || record.reporterSeenAt < latest.at)) {
      // Best effort: a lost race only delays the record of when it was seen.
      await store.update(kernel.withDueAt({ ...record, reporterSeenAt: kernel.deps.now().toISOString(), version: record.version + 1 })).catch(() => false);
    }
    return withOwnView(record, locale);
  }

  /** Runs one reporter request once per Idempotency-Key. */
  async function act(
    trackingId: string,
    key: string,
    request: ReporterRequest,
    body: unknown,
    files: readonly IncomingFile[],
    idempotencyKey: string,
    locale: Locale,
  ): Promise<ReporterOutcome> {
    const record = await withKey(trackingId, key);
    if (!record) return { kind: 'not_found' };
    const storedKey = `reporter:${trackingId}:${idempotencyKey}`;
    const fingerprint = sha256HexSync(canonicalJson({ request, body, attachments: files.map((file) => file.sha256) }));
    const earlier = await store.findActionByKey(storedKey);
    if (earlier) return replay(earlier, fingerprint);

    const change = await changeFor(record, request, body, files, locale);
    if ('errors' in change) return { kind: 'invalid', errors: change.errors };
    if ('notOpen' in change) return { kind: 'not_open', action: request };
    const next = kernel.withDueAt(change.record);
    const answer = withOwnView(next, locale);
    const stored = await store.update(next, {
      idempotency: { key: storedKey, fingerprint, answer },
      attachments: change.attachments,
      notifications: kernel.changeMails(record, next),
    });
    if (!stored) {
      // Another request won: the same one retried (its answer is stored), or a real conflict.
      const winner = await store.findActionByKey(storedKey);
      return winner ? replay(winner, fingerprint) : { kind: 'conflict' };
    }
    log({ event: 'reporter_action', trackingId, status: next.status, code: request });
    return { kind: 'done', status: answer, replayed: false };
  }

  function replay(earlier: { fingerprint: string; answer: unknown }, fingerprint: string): ReporterOutcome {
    return earlier.fingerprint === fingerprint ? { kind: 'done', status: earlier.answer as PublicStatus, replayed: true } : { kind: 'key_conflict' };
  }

  type Change = { record: ComplaintRecord; attachments: StoredAttachment[] } | { errors: FieldError[] } | { notOpen: true };

  async function changeFor(record: ComplaintRecord, request: ReporterRequest, body: unknown, files: readonly IncomingFile[], locale: Locale): Promise<Change> {
    const max = policy.reporterTextMax;
    const at = kernel.stepTime(record);
    const moved = (action: ReporterAction) => {
      const result = applyReporterAction(record, action, at);
      return result.ok ? result.record : null;
    };
    switch (request) {
      case 'reply': {
        const fields = new BodyFields(body, ['text'], locale, { text: 'field.reply' });
        const text = fields.text('text', { max, required: true });
        fields.errors.push(...checkAttachments(files, policy, locale));
        if (!fields.ok || text === undefined) return { errors: fields.errors };
        const next = moved('reply');
        if (!next) return { notOpen: true };
        const attachments: StoredAttachment[] = [];
        for (const [index, file] of files.entries()) {
          const id = `a${record.attachments.length + index + 1}`;
          const type = file.type!;
          attachments.push({ meta: { id, name: attachmentName(file.name, type, `lampiran-${record.attachments.length + index + 1}`), type, size: file.size, sha256: file.sha256 }, bytes: await file.read() });
        }
        const reply = { at, text, attachmentIds: attachments.map((attachment) => attachment.meta.id) };
        return { record: { ...next, attachments: [...next.attachments, ...attachments.map((attachment) => attachment.meta)], replies: [...(record.replies ?? []), reply] }, attachments };
      }
      case 'dispute': {
        const fields = new BodyFields(body, ['reason'], locale, { reason: 'field.dispute_reason' });
        const reason = fields.text('reason', { max, required: true });
        if (!fields.ok || reason === undefined) return { errors: fields.errors };
        const until = disputeOpenUntil(record, policy.disputeDays);
        const next = until !== null && Date.parse(until) >= kernel.deps.now().getTime() ? moved('dispute') : null;
        if (!next) return { notOpen: true };
        return { record: { ...next, disputes: [...(record.disputes ?? []), { at, reason }] }, attachments: [] };
      }
      case 'withdrawal': {
        const fields = new BodyFields(body, ['reason'], locale, { reason: 'field.withdrawal_reason' });
        const reason = fields.text('reason', { max, required: true });
        if (!fields.ok || reason === undefined) return { errors: fields.errors };
        const next = moved('withdrawal');
        if (!next) return { notOpen: true };
        return { record: { ...next, withdrawal: { at, reason } }, attachments: [] };
      }
      case 'rating': {
        const fields = new BodyFields(body, ['scores', 'comment'], locale, RATING_LABELS);
        const scores = readScores(fields);
        const comment = fields.text('comment', { max }) ?? '';
        if (!fields.ok || !scores) return { errors: fields.errors };
        if (!((record.status === 'resolved' || record.status === 'closed') && !record.rating)) return { notOpen: true };
        const rating: Rating = { at, scores, comment };
        return { record: { ...record, rating, version: record.version + 1 }, attachments: [] };
      }
    }
  }

  /** `POST /v1/complaints/{trackingId}/unsubscribe?token=…`: no more mails about it to the reporter. */
  async function unsubscribe(trackingId: string, token: string): Promise<boolean> {
    const record = await store.get(trackingId);
    if (!record || !(await keys.verifyUnsubscribe(trackingId, token))) return false;
    if (record.submission.emailUpdates !== true) return true;
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = attempt === 0 ? record : await store.get(trackingId);
      if (!current) return false;
      const next = kernel.withDueAt({ ...current, submission: { ...current.submission, emailUpdates: false }, version: current.version + 1 });
      if (await store.update(next)) {
        log({ event: 'unsubscribed', trackingId });
        return true;
      }
    }
    return false;
  }

  /** Whether a request is open now, for a reporter's page. */
  const open = (record: ComplaintRecord, request: ReporterRequest): boolean =>
    request === 'rating' ? (record.status === 'resolved' || record.status === 'closed') && !record.rating : reporterActionTarget(record, request) !== null;

  return {
    reporter: {
      ownStatus,
      act,
      unsubscribe,
      open,
    },
  };
}

const RATING_LABELS = {
  scores: 'field.scores',
  'scores.speed': 'field.scores.speed',
  'scores.clarity': 'field.scores.clarity',
  'scores.conduct': 'field.scores.conduct',
  'scores.outcome': 'field.scores.outcome',
  comment: 'field.comment',
} as const;

/** The four scores, each a whole number 1 to 4, as the national satisfaction survey asks. */
function readScores(fields: BodyFields): Record<RatingQuestion, 1 | 2 | 3 | 4> | null {
  const raw = fields.raw('scores');
  if (raw === undefined) {
    fields.fail('scores', 'required', 'validation.required');
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fields.fail('scores', 'invalid_type', 'validation.invalid_type');
    return null;
  }
  const scores: Partial<Record<RatingQuestion, 1 | 2 | 3 | 4>> = {};
  for (const key of Object.keys(raw)) {
    if (!(RATING_QUESTIONS as readonly string[]).includes(key)) fields.fail(`scores.${key.slice(0, 20)}`, 'unknown_field', 'validation.unknown_field');
  }
  for (const question of RATING_QUESTIONS) {
    const value = (raw as Record<string, unknown>)[question];
    if (value === undefined) fields.fail(`scores.${question}`, 'required', 'validation.required');
    else if (value !== 1 && value !== 2 && value !== 3 && value !== 4) fields.fail(`scores.${question}`, 'invalid_choice', 'validation.score');
    else scores[question] = value;
  }
  return fields.ok ? (scores as Record<RatingQuestion, 1 | 2 | 3 | 4>) : null;
}
