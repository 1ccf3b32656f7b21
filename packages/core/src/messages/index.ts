import type { Locale } from '../model.js';
import { en } from './en.js';
import { id } from './id.js';
import type { MessageKey } from './id.js';

export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { id, en };

/**
 * A message from the locale's catalogue with `{name}` placeholders filled in.
 * @example message('en', 'validation.too_long', { field: 'Title', max: 150 })
 */
export function message(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** True when `key` names a message (e.g. a field label built from a path). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(id, key);
}

/** The locale to answer in: `requested` when supported, else the first supported one in `Accept-Language`, else `id`. */
export function negotiateLocale(requested: unknown, acceptLanguage?: string | null): Locale {
  if (requested === 'id' || requested === 'en') return requested;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        const weight = q === undefined ? 1 : Number(q.slice(2));
        return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
      })
      .filter((entry) => entry.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    for (const { tag } of ranked) {
      const primary = tag.split('-')[0];
      if (primary === 'id' || primary === 'in') return 'id';
      if (primary === 'en') return 'en';
    }
  }
  return 'id';
}
