/**
 * Instants as people read them, in the intake's time zone and the reader's language:
 * `3 Juni 2021 pukul 14.00 WIB`, `3 June 2021 at 14:00 WIB`. Indonesia's zones get their usual
 * names (WIB, WITA, WIT) in both languages: Intl prints "GMT+7" in English. For mails, pages and the
 * widget; not for documents that must be byte-identical (ICU differs between runtimes).
 */
import type { Locale } from './model.js';

const ZONE_LABELS: Readonly<Record<string, string>> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

function zoneLabel(date: Date, timeZone: string): string | undefined {
  return (
    ZONE_LABELS[timeZone] ??
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' }).formatToParts(date).find((part) => part.type === 'timeZoneName')?.value
  );
}

/** An instant as a date and time with its zone, e.g. `3 Juni 2021 pukul 14.00 WIB`; the ISO text when it is not an instant. */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const text = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
    const zone = zoneLabel(date, timeZone);
    return zone ? `${text} ${zone}` : text;
  } catch {
    return date.toISOString();
  }
}

/** The calendar date of an instant in the zone, in words: `3 Juni 2021`. */
export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
