/**
 * Working-day calendars: which local days count, and where a local day begins and ends in a time
 * zone. Offsets come from `Intl.DateTimeFormat`, so any IANA zone works (with or without daylight
 * saving time) in browsers, Node and workers alike. See docs/deadlines.md.
 */

export interface WorkCalendarOptions {
  /** IANA time zone, e.g. `Asia/Jakarta` (WIB, UTC+7), `Asia/Makassar` (WITA), `Asia/Jayapura` (WIT). */
  timeZone: string;
  /** Days off as local dates (`YYYY-MM-DD`), e.g. the year's national holidays and cuti bersama. */
  holidays?: readonly string[];
  /** Days of the week that are never working days: 0 = Sunday … 6 = Saturday. Default `[0, 6]`. */
  weekend?: readonly number[];
}

/** A working calendar in one time zone. Local dates are `YYYY-MM-DD` strings. */
export interface WorkCalendar {
  readonly timeZone: string;
  /** The days off given, sorted (`YYYY-MM-DD`): what a client needs to count working days the intake's way. */
  readonly holidays?: readonly string[];
  /** The days of the week that are never working days (0 = Sunday … 6 = Saturday), sorted. */
  readonly weekend?: readonly number[];
  /** True when the local date is neither a weekend day nor a holiday. */
  isWorkingDay(localDate: string): boolean;
  /** The local date of an instant in this calendar's zone. */
  localDate(instant: Date): string;
  /** The first instant of a local date (usually 00:00 local; later when DST skips midnight). */
  startOfDay(localDate: string): Date;
  /** The last millisecond of a local date (23:59:59.999 local). */
  endOfDay(localDate: string): Date;
}

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar for one time zone, weekend and holiday list. Throws a `RangeError` naming the value
 * for an unknown zone, a malformed holiday or a weekend that leaves no working day.
 *
 * @example
 * const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2025-03-31', '2025-04-01'] });
 */
export function createWorkCalendar(options: WorkCalendarOptions): WorkCalendar {
  const { timeZone } = options;
  let format: Intl.DateTimeFormat;
  try {
    // Intl silently takes the host's zone when none is given: a missing zone is an error too.
    if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError();
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`Unknown time zone "${String(timeZone)}": use an IANA name such as "Asia/Jakarta".`);
  }

  const holidays = new Set<string>();
  for (const holiday of options.holidays ?? []) {
    if (parseLocalDate(holiday) === null) {
      throw new RangeError(`Holiday "${String(holiday)}" is not a local date in the form YYYY-MM-DD.`);
    }
    holidays.add(holiday);
  }

  const weekend = new Set<number>();
  for (const day of options.weekend ?? [0, 6]) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new RangeError(`Weekend day ${String(day)} is not a day of the week (0 = Sunday … 6 = Saturday).`);
    }
    weekend.add(day);
  }
  if (weekend.size === 7) throw new RangeError('A weekend of all seven days leaves no working day.');

  /** The zone's wall clock at an instant, read as if it were UTC (milliseconds dropped). */
  const wallClock = (ms: number): number => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(fields.year ?? NaN, (fields.month ?? NaN) - 1, fields.day ?? NaN, (fields.hour ?? NaN) % 24, fields.minute ?? NaN, fields.second ?? NaN);
    // Date.UTC maps years 0–99 to 1900–1999.
    const year = fields.year ?? NaN;
    return year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  };
  const offsetAt = (ms: number): number => wallClock(ms) - Math.floor(ms / 1000) * 1000;

  const computeStartOfDay = (date: string): Date => {
    const wall = requireLocalDate(date);
    // Offsets in force a day either side; one of them is the day's own unless a transition
    // skips its midnight, in which case the day begins at the transition (found by bisection).
    const before = offsetAt(wall - DAY_MS);
    const after = offsetAt(wall + DAY_MS);
    const valid = [wall - before, wall - after].filter((t) => wallClock(t) === wall);
    if (valid.length > 0) return new Date(Math.min(...valid));
    let low = wall - Math.max(before, after);
    let high = wall - Math.min(before, after);
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (formatLocalDate(wallClock(mid)) >= date) high = mid;
      else low = mid;
    }
    return new Date(high);
  };

  // Asking Intl for a wall clock costs microseconds, and deadlines are computed for every view
  // of every complaint: the start of each local day is computed once and kept (a zone's rules
  // do not change while the process runs).
  const starts = new Map<string, number>();
  const startOfDayMs = (date: string): number => {
    let start = starts.get(date);
    if (start === undefined) {
      if (starts.size >= 20_000) starts.clear();
      start = computeStartOfDay(date).getTime();
      starts.set(date, start);
    }
    return start;
  };
  const startOfDay = (date: string): Date => new Date(startOfDayMs(date));

  // The day last found, as [start, end): most instants asked about (submissions as they come in)
  // fall on the same local day as the one before.
  let lastDay = { date: '', start: 0, end: 0 };
  const localDate = (instant: Date): string => {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid Date has no local date.');
    if (lastDay.start <= ms && ms < lastDay.end) return lastDay.date;
    // Every offset in use is within a day of UTC, so the local date is the UTC date or a neighbour.
    const utcDate = formatLocalDate(ms);
    for (const candidate of [utcDate, shiftLocalDate(utcDate, -1), shiftLocalDate(utcDate, 1)]) {
      const start = startOfDayMs(candidate);
      const end = startOfDayMs(shiftLocalDate(candidate, 1));
      if (start <= ms && ms < end) {
        lastDay = { date: candidate, start, end };
        return candidate;
      }
    }
    return formatLocalDate(wallClock(ms));
  };

  return Object.freeze({
    timeZone,
    holidays: Object.freeze([...holidays].sort()),
    weekend: Object.freeze([...weekend].sort((a, b) => a - b)),
    isWorkingDay(date: string): boolean {
      const wall = requireLocalDate(date);
      return !weekend.has(new Date(wall).getUTCDay()) && !holidays.has(date);
    },
    localDate,
    startOfDay,
    endOfDay: (date: string): Date => new Date(startOfDay(shiftLocalDate(date, 1)).getTime() - 1),
  });
}

/**
 * The deadline `days` working days after an instant: the end (23:59:59.999 local) of the n-th
 * working day after the instant's local date, as a UTC instant. The day of the instant never
 * counts, whatever its hour; weekends and holidays are skipped. `days` 0 gives the end of the
 * instant's own local date.
 *
 * @example
 * // Friday 7 March 2025, 19:30 WIB, plus 3 working days: Wednesday 12 March, 23:59:59.999 WIB.
 * addWorkingDays(jakarta, '2025-03-07T12:30:00Z', 3).toISOString(); // '2025-03-12T16:59:59.999Z'
 */
export function addWorkingDays(calendar: WorkCalendar, instant: Date | string, days: number): Date {
  requireDayCount(days);
  let date = calendar.localDate(toDate(instant));
  for (let counted = 0; counted < days; ) {
    date = shiftLocalDate(date, 1);
    if (calendar.isWorkingDay(date)) counted += 1;
  }
  return calendar.endOfDay(date);
}

/**
 * The deadline `days` calendar days after an instant: the end (23:59:59.999 local) of the local
 * date `days` days after the instant's local date, weekends and holidays included.
 */
export function addCalendarDays(calendar: WorkCalendar, instant: Date | string, days: number): Date {
  requireDayCount(days);
  return calendar.endOfDay(shiftLocalDate(calendar.localDate(toDate(instant)), days));
}

/**
 * The working days after `from` up to and including `to` (local dates, `YYYY-MM-DD`); negative
 * when `to` is before `from`. How an inbox says "due in 2 working days" or "3 working days late".
 *
 * @example
 * // Friday 7 March 2025 to Wednesday 12 March: Monday, Tuesday, Wednesday.
 * workingDaysBetween(jakarta, '2025-03-07', '2025-03-12'); // 3
 */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  const sign = to < from ? -1 : 1;
  const [start, end] = sign === 1 ? [from, to] : [to, from];
  let count = 0;
  for (let date = shiftLocalDate(start, 1); date <= end; date = shiftLocalDate(date, 1)) {
    if (calendar.isWorkingDay(date)) count += 1;
  }
  return sign * count;
}

/** The local date `days` days after (or before, when negative) a local date. */
export function shiftLocalDate(localDate: string, days: number): string {
  return formatLocalDate(requireLocalDate(localDate) + days * DAY_MS);
}

function toDate(instant: Date | string): Date {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(instant)}" is not a valid instant.`);
  return date;
}

function requireDayCount(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`A number of days must be a whole number of at least 0, not ${String(days)}.`);
  }
}

/** Midnight UTC of a local date, or null when the text is not a real `YYYY-MM-DD` date. */
// Deadlines parse the same few dates again and again: the parse of each is kept.
const parsedDates = new Map<string, number | null>();

function parseLocalDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const known = parsedDates.get(text);
  if (known !== undefined) return known;
  const match = LOCAL_DATE.exec(text);
  let midnight: number | null = null;
  if (match !== null) {
    const candidate = new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (formatLocalDate(candidate) === text) midnight = candidate;
  }
  if (parsedDates.size >= 20_000) parsedDates.clear();
  parsedDates.set(text, midnight);
  return midnight;
}

function requireLocalDate(text: string): number {
  const midnight = parseLocalDate(text);
  if (midnight === null) throw new RangeError(`"${String(text)}" is not a local date in the form YYYY-MM-DD.`);
  return midnight;
}

// Counting working days walks the same dates again for every deadline: the text of each midnight is kept.
const formattedMidnights = new Map<number, string>();

function formatLocalDate(ms: number): string {
  if (ms % DAY_MS !== 0) return formatInstantDate(ms);
  let text = formattedMidnights.get(ms);
  if (text === undefined) {
    if (formattedMidnights.size >= 20_000) formattedMidnights.clear();
    text = formatInstantDate(ms);
    formattedMidnights.set(ms, text);
  }
  return text;
}

function formatInstantDate(ms: number): string {
  const date = new Date(ms);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}
