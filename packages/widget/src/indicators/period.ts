/**
 * Periods of local dates as the indicators read them: complaints received from `from` up to, not
 * including, `to`. People think of the last day as included, so the element shows `to` minus a day.
 */

/** `[from, to)`: local dates `YYYY-MM-DD`, `to` exclusive. */
export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ['this_year', 'last_year', 'last_12_months'] as const;
export type PresetName = (typeof PRESETS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && shiftDate(text, 0) === text;
}

/** The local date `days` after `date` (before, when negative). */
export function shiftDate(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The first day of the month `months` after the month of `date`. */
function monthStart(date: string, months: number): string {
  const [year = 0, month = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/** The local date of an instant in an IANA zone. */
export function localDate(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * A preset's period, seen from `today` (a local date): this year so far (the server's default),
 * last year whole, or this month so far and the eleven before it (twelve bars in the trend).
 */
export function presetPeriod(name: PresetName, today: string): Period {
  const year = Number(today.slice(0, 4));
  switch (name) {
    case 'this_year':
      return { from: `${year}-01-01`, to: shiftDate(today, 1) };
    case 'last_year':
      return { from: `${year - 1}-01-01`, to: `${year}-01-01` };
    case 'last_12_months':
      return { from: monthStart(today, -11), to: shiftDate(today, 1) };
  }
}

/** Every `YYYY-MM` the period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  const last = shiftDate(period.to, -1).slice(0, 7);
  for (let month = period.from.slice(0, 7); month <= last && months.length < 1200; month = monthStart(`${month}-01`, 1).slice(0, 7)) months.push(month);
  return months;
}
