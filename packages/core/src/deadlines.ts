/**
 * The three deadlines of a complaint (verify, first response, resolve) and whether the current
 * one has passed. The clock stops while the complaint waits in `needs_info`. The rules, and the
 * law behind each default, are in docs/deadlines.md.
 */
import { addCalendarDays, addWorkingDays, shiftLocalDate } from './calendar.js';
import type { WorkCalendar } from './calendar.js';
import type { ComplaintRecord, Deadlines, Status } from './model.js';
import type { Policy } from './policy.js';

type Clock = 'verify' | 'respond' | 'resolve';

/**
 * The clocks that run in each status. A `needs_info` pause pushes the clocks that ran in the
 * status it was entered from; `isOverdue` checks the clocks of the current status. `received`
 * also runs the response clock: it starts at receipt, so a pause before verification pushes it.
 */
const RUNNING: Readonly<Record<Status, readonly Clock[]>> = {
  received: ['verify', 'respond'],
  needs_info: [],
  verified: ['respond', 'resolve'],
  forwarded: ['respond', 'resolve'],
  in_progress: ['resolve'],
  escalated: ['resolve'],
  resolved: [],
  closed: [],
  rejected: [],
};

interface Pause {
  from: number;
  until: number;
  clocks: readonly Clock[];
}

/**
 * The deadlines of a complaint as ISO 8601 UTC instants.
 *
 * - `verifyBy`: end of the `policy.verifyWorkingDays`-th working day after the local date of receipt.
 * - `respondBy`: end of the local date `policy.respondDays` days after the local date of receipt.
 * - `resolveBy`: null until the first `verified` entry; then the end of the local date
 *   `policy.resolveDays` days after the local date of verification.
 *
 * Each stay in `needs_info` pushes every deadline that was running when it began and had not yet
 * passed, by the length of the stay (for `verifyBy`, by the part of it on working days). A stay
 * that has not ended lasts until `now`, so while a complaint is paused its deadlines move forward
 * with `now`.
 */
export function computeDeadlines(
  record: Pick<ComplaintRecord, 'receivedAt' | 'history' | 'status'>,
  policy: Policy,
  calendar: WorkCalendar,
  now: Date = new Date(),
): Deadlines {
  const receivedAt = parseInstant(record.receivedAt, 'receivedAt');
  const history = record.history
    .map((entry, index) => ({ status: entry.status, at: parseInstant(entry.at, `history.${index}.at`) }))
    .sort((a, b) => a.at - b.at);

  const verifiedAt = history.find((entry) => entry.status === 'verified')?.at;
  const due: { verify: number; respond: number; resolve: number | null } = {
    verify: addWorkingDays(calendar, new Date(receivedAt), policy.verifyWorkingDays).getTime(),
    respond: addCalendarDays(calendar, new Date(receivedAt), policy.respondDays).getTime(),
    resolve: verifiedAt === undefined ? null : addCalendarDays(calendar, new Date(verifiedAt), policy.resolveDays).getTime(),
  };

  for (const pause of pausesOf(history, now.getTime())) {
    for (const clock of pause.clocks) {
      const deadline = due[clock];
      // A deadline already missed stays missed: asking for information cannot rescue it.
      if (deadline === null || deadline < pause.from) continue;
      due[clock] =
        clock === 'verify'
          ? addWorkingTime(calendar, deadline + 1, workingTimeBetween(calendar, pause.from, pause.until)) - 1
          : deadline + (pause.until - pause.from);
    }
  }

  return {
    verifyBy: new Date(due.verify).toISOString(),
    respondBy: new Date(due.respond).toISOString(),
    resolveBy: due.resolve === null ? null : new Date(due.resolve).toISOString(),
  };
}

/**
 * The deadline of the complaint's current stage: the earliest deadline of the clocks that run in
 * its status (`received`: `verifyBy` and `respondBy`; `verified` and `forwarded`: `respondBy` and
 * `resolveBy`; `in_progress` and `escalated`: `resolveBy`), or null when none runs (`needs_info`
 * is paused; `resolved`, `closed` and `rejected` have no deadline). Stores keep it as `dueAt`.
 */
export function currentDeadline(record: Pick<ComplaintRecord, 'status'>, deadlines: Deadlines): string | null {
  const byClock: Record<Clock, string | null> = {
    verify: deadlines.verifyBy,
    respond: deadlines.respondBy,
    resolve: deadlines.resolveBy,
  };
  let earliest: string | null = null;
  for (const clock of RUNNING[record.status] ?? []) {
    const deadline = byClock[clock];
    if (deadline !== null && (earliest === null || Date.parse(deadline) < Date.parse(earliest))) earliest = deadline;
  }
  return earliest;
}

/**
 * True when a deadline of the complaint's current stage has passed (see `currentDeadline`);
 * `needs_info` (paused), `resolved`, `closed` and `rejected` are never overdue. A deadline passes
 * after its last millisecond.
 */
export function isOverdue(record: Pick<ComplaintRecord, 'status'>, deadlines: Deadlines, now: Date): boolean {
  const deadline = currentDeadline(record, deadlines);
  return deadline !== null && now.getTime() > Date.parse(deadline);
}

/** Stays in `needs_info`, in order, each with the clocks that ran just before it. */
function pausesOf(history: readonly { status: Status; at: number }[], now: number): Pause[] {
  const pauses: Pause[] = [];
  let status: Status = 'received';
  let open: { from: number; clocks: readonly Clock[] } | null = null;
  for (const entry of history) {
    if (entry.status === 'needs_info' && open === null) {
      open = { from: entry.at, clocks: RUNNING[status] };
    } else if (entry.status !== 'needs_info' && open !== null) {
      pauses.push({ ...open, until: entry.at });
      open = null;
    }
    status = entry.status;
  }
  if (open !== null) pauses.push({ ...open, until: Math.max(open.from, now) });
  return pauses;
}

/** Milliseconds of [from, until) that fall on working days. */
function workingTimeBetween(calendar: WorkCalendar, from: number, until: number): number {
  let total = 0;
  let date = calendar.localDate(new Date(from));
  let start = calendar.startOfDay(date).getTime();
  while (start < until) {
    const next = shiftLocalDate(date, 1);
    const end = calendar.startOfDay(next).getTime();
    if (calendar.isWorkingDay(date)) total += Math.max(0, Math.min(end, until) - Math.max(start, from));
    date = next;
    start = end;
  }
  return total;
}

/** The earliest instant at which `amount` milliseconds of working-day time have passed since `from`. */
function addWorkingTime(calendar: WorkCalendar, from: number, amount: number): number {
  let left = amount;
  let at = from;
  let date = calendar.localDate(new Date(from));
  while (left > 0) {
    const next = shiftLocalDate(date, 1);
    const end = calendar.startOfDay(next).getTime();
    if (end > at && calendar.isWorkingDay(date)) {
      if (left <= end - at) return at + left;
      left -= end - at;
    }
    at = Math.max(at, end);
    date = next;
  }
  return at;
}

function parseInstant(text: string, path: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`${path} "${String(text)}" is not an ISO 8601 instant.`);
  return ms;
}
