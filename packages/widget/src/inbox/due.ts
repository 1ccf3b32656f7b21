/**
 * When a complaint is due, in working days of the intake's calendar: "due in 2 working days", "3
 * working days late". The deadline is the one of the complaint's current stage (core's
 * `currentDeadline`), so the words agree with the server's `overdue` and its "overdue" filter.
 */
import { currentDeadline, workingDaysBetween } from '@narahubung/core';
import type { InboxItem, WorkCalendar } from '@narahubung/core';

export type Due =
  /** No clock runs: resolved, closed, rejected. */
  | { kind: 'none' }
  /** The clock is stopped while the reporter is asked for information. */
  | { kind: 'paused' }
  /** `days` working days left (0: due today, or on a day off before the next working day). */
  | { kind: 'due'; days: number; today: boolean; at: string }
  /** Past the deadline by `days` working days (0: less than a working day). */
  | { kind: 'late'; days: number; at: string };

/** The complaint's due state at `now`, counted in the calendar's working days. */
export function dueOf(item: Pick<InboxItem, 'status' | 'deadlines' | 'overdue'>, calendar: WorkCalendar, now: Date): Due {
  const at = currentDeadline(item, item.deadlines);
  if (at === null) return item.status === 'needs_info' ? { kind: 'paused' } : { kind: 'none' };
  const today = calendar.localDate(now);
  const day = calendar.localDate(new Date(at));
  if (item.overdue || now.getTime() > Date.parse(at)) return { kind: 'late', days: Math.max(0, workingDaysBetween(calendar, day, today)), at };
  return { kind: 'due', days: Math.max(0, workingDaysBetween(calendar, today, day)), today: day === today, at };
}
