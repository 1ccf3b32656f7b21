import type { Locale } from '@narahubung/core';
import { citizenEn } from './citizen-en.js';
import { citizenId } from './citizen-id.js';
import type { CitizenMessageKey } from './citizen-id.js';

export type { CitizenMessageKey };

const catalogues: Record<Locale, Record<CitizenMessageKey, string>> = { id: citizenId, en: citizenEn };

/**
 * A message of the reporter's actions in the locale with `{name}` placeholders filled in.
 * @example tc('en', 'dispute.text', { date: '3 March 2025' })
 */
export function tc(locale: Locale, key: CitizenMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}
