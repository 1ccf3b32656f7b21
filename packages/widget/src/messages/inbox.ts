import type { Locale } from '@narahubung/core';
import { inboxEn } from './inbox-en.js';
import { inboxId } from './inbox-id.js';
import type { InboxMessageKey } from './inbox-id.js';

export type { InboxMessageKey };

const catalogues: Record<Locale, Record<InboxMessageKey, string>> = { id: inboxId, en: inboxEn };

/**
 * An inbox message in the locale with `{name}` placeholders filled in.
 * @example ti('en', 'inbox.count', { n: 3 })
 */
export function ti(locale: Locale, key: InboxMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}
