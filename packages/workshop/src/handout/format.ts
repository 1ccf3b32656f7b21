/**
 * The handout's numbers and dates as printed. Nothing here goes through Intl (ICU data differs
 * between Node and browsers, and the same answer must give the same bytes): digits are grouped
 * and decimals written by hand, Indonesian with `.` and `,`, English with `,` and `.`.
 */
import { CATEGORIES, hasMessage, message as coreMessage } from '@narahubung/core';
import type { Cell, IndicatorsAnswer, Satisfaction, Share } from '@narahubung/core';
import { message, type Locale } from '../messages/index.js';
import { formatDate, formatTime, localDateTime, zoneLabel } from '../time.js';

/** Shown for a share with nothing to count (`of` 0), a median without resolutions, no ratings. */
export const NOTHING = '—';

const separators: Record<Locale, { group: string; decimal: string }> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** `1234.5` -> `1.234,5` (id) or `1,234.5` (en), with `decimals` digits after the point. */
export function formatNumber(value: number, locale: Locale, decimals = 0): string {
  const { group, decimal } = separators[locale];
  // toFixed is exactly specified: the same digits in every engine.
  const [whole = '0', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `${decimal}${fraction}` : ''}`;
}

/** A count or a hidden small count (`"< 5"`) as printed. */
export function formatCell(cell: Cell | undefined, locale: Locale): string {
  return typeof cell === 'number' ? formatNumber(cell, locale) : (cell ?? '0');
}

/** `87,5%` and `14/16`, or null when nothing was counted (`of` 0: printed "—", not 0%). */
export function formatShare(share: Share, locale: Locale): { percent: string; count: string } | null {
  if (share.share === null) return null;
  return { percent: `${formatNumber(share.share * 100, locale, 1)}%`, count: `${formatNumber(share.n, locale)}/${formatNumber(share.of, locale)}` };
}

/** A median number of working days: whole or half days. */
export function formatDays(days: number | null, locale: Locale): string {
  return days === null ? NOTHING : formatNumber(days, locale, Number.isInteger(days) ? 0 : 1);
}

/** `82,50 B` over `12 tanggapan`, or "—" without ratings. */
export function formatSatisfaction(satisfaction: Satisfaction | null, locale: Locale): string {
  if (!satisfaction) return NOTHING;
  return `${formatNumber(satisfaction.index, locale, 2)} ${satisfaction.grade}\n${message(locale, 'handout.responses', { count: formatNumber(satisfaction.responses, locale) })}`;
}

/** The day before a local date `YYYY-MM-DD` (the period's `to` is excluded; people read the last day included). */
export function dayBefore(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** "Pengaduan yang diterima 1 Januari 2026 s.d. 31 Desember 2026; dihitung pada …". */
export function periodLine(answer: Pick<IndicatorsAnswer, 'period' | 'at' | 'timeZone'>, locale: Locale): string {
  const atMs = Date.parse(answer.at);
  const at = Number.isNaN(atMs)
    ? answer.at
    : (() => {
        const local = localDateTime(atMs, answer.timeZone);
        return message(locale, 'handout.at', { date: formatDate(local.date, locale, false), time: formatTime(local.time, locale), zone: zoneLabel(answer.timeZone, atMs) });
      })();
  return message(locale, 'handout.period', {
    from: formatDate(answer.period.from, locale, false),
    to: formatDate(dayBefore(answer.period.to), locale, false),
    at,
  });
}

/** Every month `YYYY-MM` of the period, and any other month the trend names, in order. */
export function monthsOf(period: { from: string; to: string }, trendMonths: Iterable<string>): string[] {
  const months = new Set(trendMonths);
  const last = dayBefore(period.to).slice(0, 7);
  let [y = 0, m = 1] = period.from.slice(0, 7).split('-').map(Number);
  // Bounded: the API refuses periods longer than 30 years.
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.add(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return [...months].sort();
}

/** The categories that occur, in the catalogue's order (codes a policy added, after them). */
export function categoriesOf(byCategory: Readonly<Record<string, Cell | undefined>>): string[] {
  const present = Object.keys(byCategory).filter((code) => byCategory[code] !== undefined && byCategory[code] !== 0);
  const known = (CATEGORIES as readonly string[]).filter((code) => present.includes(code));
  return [...known, ...present.filter((code) => !known.includes(code)).sort()];
}

/** A category's name in `locale` (core's catalogue, as the form and the CSV say it); the code when it has none. */
export function categoryLabel(code: string, locale: Locale): string {
  const key = `category.${code}`;
  return hasMessage(key) ? coreMessage(locale, key) : code;
}
