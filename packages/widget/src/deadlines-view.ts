import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { Deadlines, Locale } from '@narahubung/core';
import { formatInstant } from './format.js';
import { t } from './messages/index.js';
import type { WidgetMessageKey } from './messages/index.js';

/** The three deadlines as a description list, in the intake's time zone. */
export function renderDeadlines(deadlines: Deadlines, locale: Locale, timeZone: string): TemplateResult {
  const row = (key: WidgetMessageKey, at: string | null) =>
    html`<div><dt>${t(locale, key)}</dt><dd>${at ? html`<time datetime=${at}>${formatInstant(at, locale, timeZone)}</time>` : t(locale, 'deadline.after_verification')}</dd></div>`;
  return html`<dl>
    ${row('deadline.verifyBy', deadlines.verifyBy)} ${row('deadline.respondBy', deadlines.respondBy)}
    ${row('deadline.resolveBy', deadlines.resolveBy)}
  </dl>`;
}
