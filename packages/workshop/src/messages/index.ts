import { en } from './en.js';
import { id, type MessageKey } from './id.js';

export type { MessageKey };

/** Languages of the documents and messages. */
export type Locale = 'id' | 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { id, en };

/** The message `key` in `locale`, with `{name}` placeholders filled from `values`. */
export function message(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
