/**
 * What the intake does, apart from HTTP: take a submission, show a status, move a complaint on,
 * list an inbox. The v1 routes and the Open311 routes both call these, so both keep the same
 * rules, idempotency and redaction.
 */
import { computeDeadlines, currentDeadline, isOverdue } from '../deadlines.js';
import { indicatorFactsOf } from '../indicators.js';
import type { WorkCalendar } from '../calendar.js';
import type { Directory } from '../directory.js';
import { applyTransition, nextStatuses } from '../lifecycle.js';
import type { ComplaintRecord, Deadlines, FieldError, Locale, Open311Details, PublicStatus, Status, SubmitAnswer } from '../model.js';
import { REJECTION_REASONS, STATUSES } from '../model.js';
import { message } from '../messages/index.js';
import { serverMessage } from '../messages/server.js';
import type { Policy } from '../policy.js';
import type { ComplaintFilter, ComplaintSort, NewNotification, Store, StoredAnswer, StoredAttachment } from '../store.js';
import { createTrackingId } from '../tracking-id.js';
import { validateComplaint } from '../validate.js';
import { cleanText } from '../text.js';
import { attachmentName, checkAttachments } from '../attachments.js';
import { canonicalJson } from './http.js';
import { sha256HexSync } from './sha256.js';
import { createReporterActions } from './reporter-actions.js';
import { createStaffActions } from './staff-actions.js';
import type { IncomingFile } from './multipart.js';
import type { StaffPrincipal as Principal } from './tokens.js';
import { mailsForChange, mailsForNewComplaint } from './notifications.js';
import type { MailContext } from './notifications.js';
import type { ReporterKeys } from './reporter-keys.js';
import { attachmentFor, inboxItemOf, mayAccess, mayAssign, mayMove, mayNote, nextStepsOf, publicStatusOf } from './views.js';
import type { InboxItem } from './views.js';


/** A log line: ids and codes only, never anything the reporter typed. */
export interface IntakeLogEntry {
  event:
    | 'complaint_received'
    | 'complaint_replayed'
    | 'complaint_transitioned'
    | 'complaint_noted'
    | 'complaint_assigned'
    | 'reporter_action'
    | 'reporter_key_refused'
    | 'unsubscribed'
    | 'request_failed';
  trackingId?: string;
  agencyId?: string;
  status?: Status;
  actor?: string;
  code?: string;
}

export interface ServiceDependencies {
  store: Store;
  directory: Directory;
  policy: Policy;
  calendar: WorkCalendar;
  now: () => Date;
  log: (entry: IntakeLogEntry) => void;
  /** The agencies this intake takes complaints about. */
  offeredAgencyIds: ReadonlySet<string>;
  /** Derives reporters' keys and unsubscribe tokens. */
  keys: ReporterKeys;
  /** Where mails go and what they link to; null: no notifications are written. */
  mail: MailContext | null;
}

export type SubmitOutcome =
  | { kind: 'created'; answer: SubmitAnswer }
  | { kind: 'replayed'; answer: SubmitAnswer }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'key_conflict' }
  | { kind: 'rate_limited'; retryAfter: number };

export type TransitionOutcome =
  | { kind: 'moved'; item: InboxItem }
  | { kind: 'not_found' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'forbidden'; from: Status; to: Status }
  | { kind: 'not_handling'; handlingAgencyId: string }
  /** A supervisor: reads, never moves. */
  | { kind: 'read_only' }
  | { kind: 'conflict' };

const NOTE_MAX = 2000;

export function createIntakeService(deps: ServiceDependencies) {
  const { store, directory, policy, calendar } = deps;

  const agencyName = (id: string): string => directory.agency(id)?.name ?? id;

  function stepTime(record: ComplaintRecord): string {
    const now = deps.now().toISOString();
    const last = record.history.at(-1)?.at ?? record.receivedAt;
    return now >= last ? now : last;
  }

  /** The mails a new complaint causes (none when mail is off). */
  const newComplaintMails = (record: ComplaintRecord, deadlines: Deadlines): NewNotification[] => (deps.mail ? mailsForNewComplaint(record, deadlines, deps.mail) : []);
  /** The mails a change causes (none when mail is off). */
  const changeMails = (before: ComplaintRecord, after: ComplaintRecord): NewNotification[] =>
    deps.mail ? mailsForChange(before, after, computeDeadlines(after, policy, calendar, deps.now()), deps.mail) : [];

  function deadlinesOf(record: ComplaintRecord): { deadlines: Deadlines; overdue: boolean } {
    const now = deps.now();
    const deadlines = computeDeadlines(record, policy, calendar, now);
    return { deadlines, overdue: isOverdue(record, deadlines, now) };
  }

  /**
   * The record with what stores index brought up to date: the current deadline (`dueAt`) and its
   * indicator facts. Every write goes through here.
   */
  function withDueAt(record: ComplaintRecord): ComplaintRecord {
    const next = { ...record, dueAt: currentDeadline(record, computeDeadlines(record, policy, calendar, deps.now())) };
    return { ...next, facts: indicatorFactsOf(next, calendar, policy) };
  }

  /** The fingerprint of a submission: its JSON, canonically, and its attachments' hashes. */
  function fingerprintOf(input: unknown, files: readonly IncomingFile[]): string {
    return sha256HexSync(canonicalJson({ input, attachments: files.map((file) => file.sha256) }));
  }

  /**
   * Takes a submission. A replay of a known key is answered first, before `admit` (the rate
   * limit) and before validation: an outbox retrying a stored complaint always gets its answer.
   */
  async function submit(
    input: unknown,
    files: readonly IncomingFile[],
    idempotencyKey: string,
    locale: Locale,
    admit: () => Promise<number> = async () => 0,
    /** The channel it came through, when not v1: what it keeps on the record, and the policy it is validated with. */
    channel: { open311?: Open311Details; policy?: Policy } = {},
  ): Promise<SubmitOutcome> {
    const fingerprint = fingerprintOf(input, files);
    const earlier = await store.findByIdempotencyKey(idempotencyKey);
    if (earlier) return replayOf(earlier, fingerprint);
    const wait = await admit();
    if (wait > 0) return { kind: 'rate_limited', retryAfter: wait };

    const now = deps.now();
    const validation = validateComplaint(input, { locale, policy: channel.policy ?? policy, now });
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    if (validation.ok && !(directory.agency(validation.value.agencyId) && deps.offeredAgencyIds.has(validation.value.agencyId))) {
      errors.push({ path: 'agencyId', code: 'unknown_agency', message: message(locale, 'validation.unknown_agency', { field: message(locale, 'field.agencyId') }) });
    }
    errors.push(...checkAttachments(files, policy, locale));
    if (!validation.ok || errors.length > 0) return { kind: 'invalid', errors };
    const submission = validation.value;

    const receivedAt = now.toISOString();
    const routing = directory.route({ agencyId: submission.agencyId, category: submission.category }, now);
    // Read one after another: a server may hold the files on disk until now.
    const attachments: StoredAttachment[] = [];
    for (const [index, file] of files.entries()) {
      const type = file.type!;
      attachments.push({
        meta: { id: `a${index + 1}`, name: attachmentName(file.name, type, `lampiran-${index + 1}`), type, size: file.size, sha256: file.sha256 },
        bytes: await file.read(),
      });
    }
    const record: ComplaintRecord = withDueAt({
      trackingId: createTrackingId(),
      submission,
      status: 'received',
      receivedAt,
      agencyId: submission.agencyId,
      handlingAgencyId: submission.agencyId,
      focalPointIds: routing.focalPoints.map((focalPoint) => focalPoint.id),
      history: [{ status: 'received', at: receivedAt, actor: 'system', note: '' }],
      attachments: attachments.map((attachment) => attachment.meta),
      version: 1,
      assigneeId: null,
      ...(channel.open311 ? { open311: channel.open311 } : {}),
    });
    const first = routing.focalPoints[0];
    const { deadlines } = deadlinesOf(record);
    // The stored answer has no reporter key: it is derived anew for every answer, replays included.
    const answer: StoredAnswer = {
      trackingId: record.trackingId,
      status: record.status,
      receivedAt,
      deadlines,
      focalPoint: first ? { name: first.name, position: first.position, agency: agencyName(first.agencyId) } : null,
    };
    const outcome = await store.insertOnce({ idempotencyKey, fingerprint, record, attachments, answer, notifications: newComplaintMails(record, deadlines) });
    if (!outcome.inserted) return replayOf(outcome, fingerprint);
    deps.log({ event: 'complaint_received', trackingId: record.trackingId, agencyId: record.agencyId });
    return { kind: 'created', answer: { ...outcome.answer, reporterKey: await deps.keys.reporterKey(record.trackingId) } };
  }

  async function replayOf(earlier: { fingerprint: string; answer: StoredAnswer }, fingerprint: string): Promise<SubmitOutcome> {
    if (earlier.fingerprint !== fingerprint) return { kind: 'key_conflict' };
    deps.log({ event: 'complaint_replayed', trackingId: earlier.answer.trackingId });
    // The outbox may have lost the first answer: the replay carries the same key.
    return { kind: 'replayed', answer: { ...earlier.answer, reporterKey: await deps.keys.reporterKey(earlier.answer.trackingId) } };
  }

  /** The public status of a complaint in a locale (no personal data), or null. */
  function statusOf(record: ComplaintRecord, locale: Locale): PublicStatus {
    const now = deps.now();
    const { deadlines, overdue } = deadlinesOf(record);
    return publicStatusOf(record, { directory, locale, deadlines, overdue, nextSteps: nextStepsOf(record, directory, overdue, now) });
  }

  async function publicStatus(trackingId: string, locale: Locale): Promise<PublicStatus | null> {
    const record = await store.get(trackingId);
    return record ? statusOf(record, locale) : null;
  }

  function itemFor(record: ComplaintRecord, principal: Principal, single: boolean, locale: Locale = 'id'): InboxItem {
    const { deadlines, overdue } = deadlinesOf(record);
    return inboxItemOf(record, principal, {
      directory,
      locale,
      deadlines,
      overdue,
      single,
      rights: {
        allowedTransitions: mayMove(record, principal) ? [...nextStatuses(record.status)] : [],
        note: mayNote(record, principal),
        assign: mayAssign(record, principal),
        setNoteAccess: mayAssign(record, principal) && record.handlingAgencyId !== record.agencyId,
      },
    });
  }

  /** The complaints a principal may read, as a filter: its agency, its listed agencies, or all. */
  function scopeOf(principal: Principal): ComplaintFilter {
    if (principal.role === 'focal_point' || principal.role === 'officer') return { agencyIds: [principal.agencyId] };
    return principal.agencyIds === 'all' ? {} : { agencyIds: principal.agencyIds };
  }

  /**
   * A page of a principal's complaints that match `filter`, in the order asked for (`deadline`:
   * overdue first, then the nearest deadline), with the total of all that match.
   */
  async function inbox(
    principal: Principal,
    filter: ComplaintFilter,
    page: { sort: ComplaintSort; limit: number; cursor?: string },
    locale: Locale = 'id',
  ): Promise<{ items: InboxItem[]; total: number; nextCursor: string | null }> {
    const found = await store.query({ ...filter, ...scopeOf(principal), sort: page.sort, limit: page.limit, ...(page.cursor !== undefined ? { cursor: page.cursor } : {}) });
    return {
      items: found.items.filter((record) => mayAccess(record, principal)).map((record) => itemFor(record, principal, false, locale)),
      total: found.total,
      nextCursor: found.nextCursor,
    };
  }

  /** How many of a principal's complaints match `filter` (its status ignored), per status: the inbox's tabs. */
  async function inboxCounts(principal: Principal, filter: ComplaintFilter): Promise<Record<Status, number>> {
    const { statuses: _all, ...rest } = filter;
    return store.countByStatus({ ...rest, ...scopeOf(principal) });
  }

  /** An attachment's bytes, for a principal who may read its complaint. */
  async function attachment(principal: Principal, trackingId: string, attachmentId: string): Promise<StoredAttachment | null> {
    const record = await store.get(trackingId);
    if (!record || !mayAccess(record, principal)) return null;
    const stored = await store.getAttachment(trackingId, attachmentId);
    return stored ? { meta: attachmentFor(record, principal, stored.meta), bytes: stored.bytes } : null;
  }

  /**
   * An attachment for a ticket's frame: whoever holds the ticket was allowed to read it when it was
   * issued. Always the neutral name (`lampiran-1.pdf`): a frame's URL is not tied to a reader.
   */
  async function attachmentToView(trackingId: string, attachmentId: string): Promise<StoredAttachment | null> {
    const stored = await store.getAttachment(trackingId, attachmentId);
    const record = stored ? await store.get(trackingId) : null;
    if (!stored || !record) return null;
    const index = record.attachments.findIndex((attachment) => attachment.id === attachmentId);
    return { meta: { ...stored.meta, name: attachmentName('', stored.meta.type, `lampiran-${index + 1}`) }, bytes: stored.bytes };
  }

  async function inboxItem(principal: Principal, trackingId: string, locale: Locale = 'id'): Promise<InboxItem | null> {
    const record = await store.get(trackingId);
    if (!record || !mayAccess(record, principal)) return null;
    return itemFor(record, principal, true, locale);
  }

  function transitionErrors(body: unknown, locale: Locale): FieldError[] {
    const errors: FieldError[] = [];
    const field = (path: string) => serverMessage(locale, `field.${path}` as 'field.to');
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return [{ path: '', code: 'not_an_object', message: message(locale, 'validation.not_an_object') }];
    }
    const { to, note, reason, ...unknown } = body as Record<string, unknown>;
    for (const key of Object.keys(unknown)) {
      errors.push({ path: key.slice(0, 50), code: 'unknown_field', message: message(locale, 'validation.unknown_field', { field: key.slice(0, 50) }) });
    }
    if (to === undefined) errors.push({ path: 'to', code: 'required', message: message(locale, 'validation.required', { field: field('to') }) });
    else if (!STATUSES.includes(to as Status)) errors.push({ path: 'to', code: 'invalid_choice', message: message(locale, 'validation.invalid_choice', { field: field('to') }) });
    if (note !== undefined && typeof note !== 'string') errors.push({ path: 'note', code: 'invalid_type', message: message(locale, 'validation.invalid_type', { field: field('note') }) });
    else if (typeof note === 'string' && cleanText(note) === null) errors.push({ path: 'note', code: 'invalid_text', message: message(locale, 'validation.invalid_text', { field: field('note') }) });
    else if (typeof note === 'string' && [...note].length > NOTE_MAX) errors.push({ path: 'note', code: 'too_long', message: message(locale, 'validation.too_long', { field: field('note'), max: NOTE_MAX }) });
    if (reason !== undefined && !REJECTION_REASONS.includes(reason as never)) errors.push({ path: 'reason', code: 'invalid_choice', message: message(locale, 'validation.invalid_choice', { field: field('reason') }) });
    return errors;
  }

  async function transition(principal: Principal, trackingId: string, body: unknown, locale: Locale): Promise<TransitionOutcome> {
    const record = await store.get(trackingId);
    if (!record || !mayAccess(record, principal)) return { kind: 'not_found' };
    if (principal.role === 'supervisor') return { kind: 'read_only' };
    if (!mayMove(record, principal)) return { kind: 'not_handling', handlingAgencyId: record.handlingAgencyId };
    const errors = transitionErrors(body, locale);
    if (errors.length > 0) return { kind: 'invalid', errors };
    const request = body as { to: Status; note?: string; reason?: (typeof REJECTION_REASONS)[number] };
    const result = applyTransition(record, {
      to: request.to,
      actor: principal.id,
      at: stepTime(record),
      ...(request.note !== undefined ? { note: cleanText(request.note) ?? '' } : {}),
      ...(request.reason !== undefined ? { reason: request.reason } : {}),
    });
    if (!result.ok) {
      const { error } = result;
      if (error.code === 'forbidden_transition') return { kind: 'forbidden', from: record.status, to: request.to };
      const path = error.path ?? 'to';
      const code = error.code === 'reason_required' ? 'reason_required' : error.code === 'reason_not_allowed' ? 'reason_not_allowed' : 'invalid_choice';
      const text =
        code === 'reason_required' ? serverMessage(locale, 'validation.reason_required')
        : code === 'reason_not_allowed' ? serverMessage(locale, 'validation.reason_not_allowed')
        : message(locale, 'validation.invalid_choice', { field: serverMessage(locale, `field.${path}` as 'field.to') });
      return { kind: 'invalid', errors: [{ path, code, message: text }] };
    }
    let next = withActor(result.record, principal);
    if (next.status === 'escalated') {
      const target = directory.escalationTarget(next.agencyId, next.handlingAgencyId);
      if (target) next = { ...next, handlingAgencyId: target.id };
    }
    next = withDueAt(next);
    if (!(await store.update(next, { notifications: changeMails(record, next) }))) return { kind: 'conflict' };
    deps.log({ event: 'complaint_transitioned', trackingId, status: next.status, actor: principal.id });
    return { kind: 'moved', item: itemFor(next, principal, true, locale) };
  }

  const kernel: ServiceKernel = { deps, deadlinesOf, withDueAt, itemFor, statusOf, changeMails, stepTime };

  return {
    submit,
    publicStatus,
    inbox,
    inboxCounts,
    inboxItem,
    attachment,
    attachmentToView,
    transition,
    ...createStaffActions(kernel),
    ...createReporterActions(kernel),
    agencyName,
    deadlinesOf,
    withDueAt,
  };
}

/** What the actions of staff and reporters share with the rest of the service. */
export interface ServiceKernel {
  deps: ServiceDependencies;
  deadlinesOf(record: ComplaintRecord): { deadlines: Deadlines; overdue: boolean };
  withDueAt(record: ComplaintRecord): ComplaintRecord;
  itemFor(record: ComplaintRecord, principal: Principal, single: boolean, locale?: Locale): InboxItem;
  statusOf(record: ComplaintRecord, locale: Locale): PublicStatus;
  changeMails(before: ComplaintRecord, after: ComplaintRecord): NewNotification[];
  /** The time of a new step: now, but never before the last step recorded (clocks of instances differ a little). */
  stepTime(record: ComplaintRecord): string;
}

/** The record with its last step signed by a staff member: their name and agency, as they are now. */
export function withActor(record: ComplaintRecord, principal: Principal): ComplaintRecord {
  const last = record.history.at(-1);
  if (!last) return record;
  const agencyId = principal.role === 'intake_officer' ? principal.agencyId : principal.agencyId;
  const signed = { ...last, actorName: principal.name, ...(agencyId ? { actorAgencyId: agencyId } : {}) };
  return { ...record, history: [...record.history.slice(0, -1), signed] };
}

export type IntakeService = ReturnType<typeof createIntakeService>;


