import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ApiError } from '@narahubung/core';
import type { Locale } from '@narahubung/core';
import { NhErrorEvent } from '../events.js';
import { ti } from '../messages/inbox.js';
import { InboxUnauthorizedEvent } from './internal-events.js';

/**
 * What every part does with a failed request: tells the page (`nh-error`), signs out on 401, and
 * gives the words to show for the rest. An aborted request (the view changed) is no failure: null.
 */
export function reportFailure(part: HTMLElement, error: unknown, locale: Locale): { error: ApiError; text: string } | null {
  if (error instanceof DOMException && error.name === 'AbortError') return null;
  if (!(error instanceof ApiError)) throw error;
  part.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
  if (error.status === 401) part.dispatchEvent(new InboxUnauthorizedEvent());
  return { error, text: ti(locale, error.status === 0 ? 'inbox.network' : 'inbox.server_error') };
}

/** Waits for `part` to render, then focuses what `selector` finds in it (scrolling it into view). */
export async function focusIn(part: HTMLElement & { updateComplete: Promise<boolean> }, selector: string, options?: FocusOptions): Promise<void> {
  await part.updateComplete;
  part.shadowRoot?.querySelector<HTMLElement>(selector)?.focus(options);
}

/** A message after an action: what went well is said politely (status), a failure at once (alert). */
export interface Notice {
  tone: 'info' | 'success' | 'error';
  text: string;
}

/**
 * The two live regions a part announces its notice in. Both are always there, so what is put in
 * them is announced; the notice has `id` to take focus.
 */
export function renderNotice(notice: Notice | undefined, id: string): TemplateResult {
  const shown = (tone: 'polite' | 'error') =>
    notice && (notice.tone === 'error') === (tone === 'error') ? html`<p id=${id} class="notice ${notice.tone}" part="notice" tabindex="-1">${notice.text}</p>` : nothing;
  return html`<div role="status">${shown('polite')}</div><div role="alert">${shown('error')}</div>`;
}
