/**
 * Dates in words with the full time a hover or a focus away, and the due state of a complaint in
 * working days: the pieces the list and the detail show alike.
 */
import { css, html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '@narahubung/core';
import { formatDate, formatInstant } from '../format.js';
import { ti } from '../messages/inbox.js';
import type { Due } from './due.js';

/**
 * The tip under a date: shown while the pointer is on it or focus is in its row (the row's link),
 * hidden again with Escape (`.tips-off` on an ancestor), and never covering what it explains.
 */
export const tipStyles = css`
  .has-tip { position: relative; }
  .tip {
    display: none; position: absolute; z-index: 2; left: 0; top: 100%; width: max-content; max-width: 18rem;
    padding: 0.25rem 0.5rem; background: var(--_text); color: var(--_bg); border-radius: var(--_radius);
    font-size: 0.875rem; font-weight: 400; white-space: normal;
  }
  .has-tip:hover > .tip, tr:focus-within .has-tip > .tip, .has-tip:focus-within > .tip { display: block; }
  .tips-off .tip { display: none !important; }
  .late svg { vertical-align: -0.15em; margin-right: 0.25rem; }
`;

/** A date in words (`3 Maret 2025`) with the date and time in full as its tip. */
export function renderDate(iso: string, locale: Locale, timeZone: string): TemplateResult {
  return html`<span class="has-tip"><time datetime=${iso}>${formatDate(iso, locale, timeZone)}</time><span class="tip" aria-hidden="true">${formatInstant(iso, locale, timeZone)}</span></span>`;
}

const warning = svg`<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 1 15.5 14.5H.5zm-1 5v4h2V6zm0 5v2h2v-2z"/></svg>`;

/** The due state in words: "due in 2 working days", "3 working days late" (marked with a sign and bold, not by colour alone). */
export function renderDue(due: Due, locale: Locale, timeZone: string): TemplateResult {
  if (due.kind === 'none') return html`<span>${ti(locale, 'inbox.due.none')}</span>`;
  if (due.kind === 'paused') return html`<span>${ti(locale, 'inbox.due.paused')}</span>`;
  const tip = html`<span class="tip" aria-hidden="true">${ti(locale, 'inbox.due.by', { time: formatInstant(due.at, locale, timeZone) })}</span>`;
  if (due.kind === 'late') {
    const text = due.days === 0 ? ti(locale, 'inbox.due.late_less') : due.days === 1 ? ti(locale, 'inbox.due.late_one') : ti(locale, 'inbox.due.late', { n: due.days });
    return html`<span class="has-tip late">${warning}${text}${tip}</span>`;
  }
  const text = due.today
    ? ti(locale, 'inbox.due.today')
    : due.days === 0
      ? ti(locale, 'inbox.due.on', { date: formatDate(due.at, locale, timeZone) })
      : due.days === 1
        ? ti(locale, 'inbox.due.in_one')
        : ti(locale, 'inbox.due.in', { n: due.days });
  return html`<span class="has-tip">${text}${tip}</span>${nothing}`;
}
