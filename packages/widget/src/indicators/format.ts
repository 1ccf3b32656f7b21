/**
 * Numbers, shares and dates of the indicators as people read them, in the element's language.
 * Local dates (`YYYY-MM-DD`, `YYYY-MM`) are formatted as dates of no zone: they already are local.
 */
import type { Cell, Locale, Share } from '@narahubung/core';

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n${locale}${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(intlLocale(locale), options)));
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d${locale}${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' })));
  return format;
}

/** A count: `1.234` in Indonesian, `1,234` in English. */
export const formatCount = (locale: Locale, value: number): string => numberFormat(locale, {}).format(value);

/** A number with at most one decimal (medians, the satisfaction index). */
export const formatDecimal = (locale: Locale, value: number): string => numberFormat(locale, { maximumFractionDigits: 1 }).format(value);

/** A share as a percentage with at most one decimal: `41,7%`, `41.7%`. */
export const formatPercent = (locale: Locale, share: Share): string | null =>
  share.share === null ? null : numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share.share);

/** A cell that may be hidden ("< 5") as shown. */
export const formatCell = (locale: Locale, cell: Cell | undefined): string => (typeof cell === 'string' ? cell : formatCount(locale, cell ?? 0));

/** A local date in words: `31 Desember 2026`. */
export const formatLocalDate = (locale: Locale, date: string): string => dateFormat(locale, { dateStyle: 'long' }).format(new Date(`${date}T00:00:00Z`));

/** A month `YYYY-MM` in words: `Des 2026` (short) or `Desember 2026` (long). */
export const formatMonth = (locale: Locale, month: string, style: 'short' | 'long' = 'long'): string =>
  dateFormat(locale, { month: style, year: 'numeric' }).format(new Date(`${month}-01T00:00:00Z`));

/** A month's short name alone: `Des`, `Dec`. */
export const formatMonthName = (locale: Locale, month: string): string => dateFormat(locale, { month: 'short' }).format(new Date(`${month}-01T00:00:00Z`));
