import type { Locale } from '@narahubung/core';
import { en } from './en.js';
import { id } from './id.js';
import type { WidgetMessageKey } from './id.js';

export type { WidgetMessageKey };

const catalogues: Record<Locale, Record<WidgetMessageKey, string>> = { id, en };

/**
 * A widget message in the locale with `{name}` placeholders filled in.
 * @example t('en', 'counter.left', { n: 12 })
 */
export function t(locale: Locale, key: WidgetMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}
