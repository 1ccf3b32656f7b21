/**
 * The lifecycle of a complaint (DESIGN.md, "Lifecycle"): which status may follow which. Pure
 * logic: no clock, no I/O; the caller supplies the time and the actor.
 */
import type { ComplaintRecord, HistoryEntry, RejectionReason, Status } from './model.js';
import { REJECTION_REASONS, STATUSES } from './model.js';

// The one table every other function here reads.
const NEXT: Readonly<Record<Status, readonly Status[]>> = Object.freeze({
  received: Object.freeze(['needs_info', 'verified', 'rejected'] as const),
  needs_info: Object.freeze(['verified', 'rejected'] as const),
  verified: Object.freeze(['forwarded', 'in_progress', 'rejected'] as const),
  forwarded: Object.freeze(['in_progress', 'escalated', 'rejected'] as const),
  in_progress: Object.freeze(['resolved', 'escalated', 'needs_info'] as const),
  escalated: Object.freeze(['in_progress', 'resolved'] as const),
  // `in_progress` from `resolved` is a reopening.
  resolved: Object.freeze(['closed', 'in_progress', 'escalated'] as const),
  closed: Object.freeze([] as const),
  rejected: Object.freeze([] as const),
});

/** Statuses nothing follows: `closed` and `rejected`. */
export const FINAL_STATUSES: readonly Status[] = Object.freeze(STATUSES.filter((status) => NEXT[status].length === 0));

function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && (REJECTION_REASONS as readonly string[]).includes(value);
}

/** The statuses that may follow `from`, in the order of DESIGN.md; empty for a final or unknown status. */
export function nextStatuses(from: Status): readonly Status[] {
  return isStatus(from) ? NEXT[from] : [];
}

/**
 * Whether the lifecycle allows `from` -> `to`. False for unknown values; never throws.
 *
 * @example canTransition('received', 'verified') // true
 */
export function canTransition(from: Status, to: Status): boolean {
  return isStatus(to) && nextStatuses(from).includes(to);
}

/** A request to move a complaint on. `at` is an ISO 8601 instant (UTC `...Z` on the wire). */
export interface TransitionInput {
  to: Status;
  /** Who moves it (a focal point or intake officer id); kept in the history, never shown publicly. */
  actor: string;
  at: string;
  /** Public note shown on the status page; `''` when absent. */
  note?: string;
  /** Required when `to` is `rejected`, refused otherwise. */
  reason?: RejectionReason;
}

/**
 * Why a transition was refused. `forbidden_transition` is a conflict with the complaint's current
 * status (HTTP 409); every other code is a problem with one field of the request, named by `path`
 * (HTTP 422).
 */
export type TransitionErrorCode =
  | 'forbidden_transition'
  | 'invalid_status'
  | 'reason_required'
  | 'reason_not_allowed'
  | 'invalid_reason'
  | 'invalid_time'
  | 'actor_required';

/** The request field a {@link TransitionError} is about; null when it is the transition itself. */
export type TransitionErrorPath = 'to' | 'reason' | 'at' | 'actor' | null;

/** A refused transition, as a value: `code` says why, `path` which field. */
export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  readonly code: TransitionErrorCode;
  /** The complaint's status when the transition was asked for. */
  readonly from: Status;
  /** The status asked for, as given (it may not be a status at all when `code` is `invalid_status`). */
  readonly to: string;
  readonly path: TransitionErrorPath;

  constructor(code: TransitionErrorCode, from: Status, to: string, path: TransitionErrorPath, message: string) {
    super(message);
    this.code = code;
    this.from = from;
    this.to = to;
    this.path = path;
  }
}

/** What {@link applyTransition} answers: the new record, or why there is none. */
export type TransitionResult = { ok: true; record: ComplaintRecord } | { ok: false; error: TransitionError };

// Date.parse alone accepts forms such as "June 2, 2021"; history times must be real ISO instants.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function instant(text: unknown): number {
  return typeof text === 'string' && ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
}

/**
 * Moves a complaint on: a new record with the status changed, the step appended to its history
 * and `version` one higher, or the reason it cannot move. The input record is never changed.
 *
 * Refused when `to` is not a status, the lifecycle forbids the step, a rejection lacks a reason
 * (or another step carries one), the actor is empty, or `at` is not an ISO instant or is earlier
 * than the last step of the history.
 *
 * @example
 * const result = applyTransition(record, { to: 'verified', actor: 'fp-1', at: '2021-06-03T02:00:00Z' });
 * if (result.ok) await store.update(result.record);
 * else if (result.error.code === 'forbidden_transition') // 409
 */
export function applyTransition(record: ComplaintRecord, input: TransitionInput): TransitionResult {
  const from = record.status;
  const to: unknown = input.to;
  const refuse = (code: TransitionErrorCode, path: TransitionErrorPath, message: string): TransitionResult => ({
    ok: false,
    error: new TransitionError(code, from, String(to), path, message),
  });

  if (!isStatus(to)) return refuse('invalid_status', 'to', `"${String(to)}" is not a complaint status.`);
  if (!canTransition(from, to)) return refuse('forbidden_transition', null, `A complaint that is "${from}" cannot become "${to}".`);

  const reason: unknown = input.reason;
  if (to === 'rejected') {
    if (reason === undefined) return refuse('reason_required', 'reason', 'A rejection needs a reason.');
    if (!isRejectionReason(reason)) return refuse('invalid_reason', 'reason', `"${String(reason)}" is not a rejection reason.`);
  } else if (reason !== undefined) {
    return refuse('reason_not_allowed', 'reason', `A reason is given only when rejecting, not when moving to "${to}".`);
  }

  if (typeof input.actor !== 'string' || input.actor.trim() === '') return refuse('actor_required', 'actor', 'A transition needs an actor.');

  const at = instant(input.at);
  if (Number.isNaN(at)) return refuse('invalid_time', 'at', `"${String(input.at)}" is not an ISO 8601 instant.`);
  const last = record.history.at(-1);
  const previous = last === undefined ? instant(record.receivedAt) : instant(last.at);
  if (at < previous) {
    return refuse('invalid_time', 'at', `${input.at} is before the complaint's last step (${last?.at ?? record.receivedAt}).`);
  }

  const entry: HistoryEntry = { status: to, at: input.at, actor: input.actor, note: input.note ?? '' };
  if (to === 'rejected' && isRejectionReason(reason)) entry.reason = reason;
  return {
    ok: true,
    record: { ...record, status: to, history: [...record.history, entry], version: record.version + 1 },
  };
}

/** What a reporter may do to their own complaint (with their key). */
export type ReporterAction = 'reply' | 'dispute' | 'withdrawal';

/** Statuses a reporter may withdraw from: any before `resolved`. */
const WITHDRAWABLE: readonly Status[] = ['received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'escalated'];

/**
 * The status a reporter's action leads to, or null when it is not open now:
 * - `reply` answers a request for information: from `needs_info` back to where it was asked
 *   (`received` or `in_progress`), so the deadline clock runs again;
 * - `dispute` reopens a `resolved` complaint: `in_progress`;
 * - `withdrawal` before `resolved`: `rejected`, reason `withdrawn`.
 * (Whether a dispute is still in time is a policy matter: see `disputeOpenUntil`.)
 */
export function reporterActionTarget(record: Pick<ComplaintRecord, 'status' | 'history'>, action: ReporterAction): Status | null {
  switch (action) {
    case 'reply': {
      if (record.status !== 'needs_info') return null;
      // The status before the latest move to needs_info: where the request was made.
      const history = record.history.filter((entry) => entry.kind !== 'assignment');
      const asked = history.map((entry) => entry.status).lastIndexOf('needs_info');
      const before = asked > 0 ? history[asked - 1]!.status : 'received';
      return before === 'in_progress' ? 'in_progress' : 'received';
    }
    case 'dispute':
      return record.status === 'resolved' ? 'in_progress' : null;
    case 'withdrawal':
      return WITHDRAWABLE.includes(record.status) ? 'rejected' : null;
  }
}

/**
 * Applies a reporter's action: the new record with the step in its history (actor `reporter`,
 * `kind` the action, no public note: what the reporter wrote is theirs and the agency's only), or
 * why it cannot be done now (`forbidden_transition`).
 */
export function applyReporterAction(record: ComplaintRecord, action: ReporterAction, at: string): TransitionResult {
  const to = reporterActionTarget(record, action);
  if (to === null) {
    return { ok: false, error: new TransitionError('forbidden_transition', record.status, action, null, `A reporter cannot ${action} a complaint that is "${record.status}".`) };
  }
  const entry: HistoryEntry = { status: to, at, actor: 'reporter', note: '', kind: action };
  if (action === 'withdrawal') entry.reason = 'withdrawn';
  return { ok: true, record: { ...record, status: to, history: [...record.history, entry], version: record.version + 1 } };
}

/** Until when a resolution may be disputed: `days` after the latest move to `resolved`, or null when it is not resolved. */
export function disputeOpenUntil(record: Pick<ComplaintRecord, 'status' | 'history'>, days: number): string | null {
  if (record.status !== 'resolved') return null;
  const resolved = [...record.history].reverse().find((entry) => entry.status === 'resolved' && entry.kind === undefined);
  return resolved ? new Date(Date.parse(resolved.at) + days * 86_400_000).toISOString() : null;
}
