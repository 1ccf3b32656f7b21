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
