import type { Locale } from './messages/index.js';

// Dates and times for the documents. Documents must be byte-identical wherever they are built,
// and ICU data differs between Node and browsers, so nothing here formats through Intl; Intl is
// only asked for the numeric UTC offset of a zone outside Indonesia.

const indonesianZones: Record<string, { offset: number; label: string }> = {
  'Asia/Jakarta': { offset: 7 * 60, label: 'WIB' },
  'Asia/Pontianak': { offset: 7 * 60, label: 'WIB' },
  'Asia/Makassar': { offset: 8 * 60, label: 'WITA' },
  'Asia/Jayapura': { offset: 9 * 60, label: 'WIT' },
};

const weekdays: Record<Locale, string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const months: Record<Locale, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** Minutes east of UTC of `timeZone` at the instant `utcMs`. */
export function offsetMinutes(timeZone: string, utcMs: number): number {
  const fixed = indonesianZones[timeZone];
  if (fixed) return fixed.offset;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return Math.round((asUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/** The UTC instant (ms) of a local `YYYY-MM-DDTHH:MM[:SS]` in `timeZone`. */
export function localToUtc(local: string, timeZone: string): number {
  const [datePart = '', timePart = '00:00'] = local.split(/[T ]/);
  const [y = 0, mo = 1, d = 1] = datePart.split('-').map(Number);
  const [h = 0, mi = 0, s = 0] = timePart.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let utc = wall - offsetMinutes(timeZone, wall) * 60_000;
  utc = wall - offsetMinutes(timeZone, utc) * 60_000;
  return utc;
}

/** WIB, WITA, WIT for Indonesia's zones; `UTC+hh:mm` elsewhere (Intl would print GMT+7). */
export function zoneLabel(timeZone: string, utcMs: number): string {
  const fixed = indonesianZones[timeZone];
  if (fixed) return fixed.label;
  const offset = offsetMinutes(timeZone, utcMs);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** `2021-06-02` -> `Rabu, 2 Juni 2021` (or without the weekday). */
export function formatDate(date: string, locale: Locale, withWeekday = true): string {
  const [y = 0, m = 1, d = 1] = date.slice(0, 10).split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const day = `${d} ${months[locale][m - 1]} ${y}`;
  return withWeekday ? `${weekdays[locale][weekday]}, ${day}` : day;
}

/** `08:00` -> `08.00` in Indonesian, `08:00` in English. */
export function formatTime(time: string, locale: Locale): string {
  const normal = time.replace('.', ':').slice(0, 5);
  return locale === 'id' ? normal.replace(':', '.') : normal;
}

/** The date part of a local date-time. */
export function datePart(local: string): string {
  return local.slice(0, 10);
}

/** The time part (`HH:MM`) of a local date-time. */
export function timePart(local: string): string {
  return local.slice(11, 16);
}

/** `2026-03` -> `Maret 2026` (`March 2026`). */
export function formatMonth(month: string, locale: Locale): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return `${months[locale][m - 1] ?? month} ${y}`;
}

/** The local date (`YYYY-MM-DD`) and time (`HH:MM`) of the instant `utcMs` in `timeZone`. */
export function localDateTime(utcMs: number, timeZone: string): { date: string; time: string } {
  const local = new Date(utcMs + offsetMinutes(timeZone, utcMs) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
