import type { Locale } from '@narahubung/core';
import { indicatorsEn } from './indicators-en.js';
import { indicatorsId } from './indicators-id.js';
import type { IndicatorsMessageKey } from './indicators-id.js';

export type { IndicatorsMessageKey };

const catalogues: Record<Locale, Record<IndicatorsMessageKey, string>> = { id: indicatorsId, en: indicatorsEn };

/**
 * A message of `<nh-indicators>` in the locale with `{name}` placeholders filled in.
 * @example tk('en', 'of', { n: 3, of: 4 })
 */
export function tk(locale: Locale, key: IndicatorsMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}
