import type { Locale } from '@narahubung/core';

// Intl prints "GMT+7" in English: Indonesia's zones get their usual names in both languages.
const zoneLabels: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** An instant as a date and time in the intake's time zone, e.g. `3 Juni 2021 14.00 WIB`. */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = zoneLabels[timeZone];
  try {
    const text = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(date);
    if (zone) return `${text} ${zone}`;
    const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value;
    return name ? `${text} ${name}` : text;
  } catch {
    return date.toISOString();
  }
}
