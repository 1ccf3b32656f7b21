/**
 * Events the inbox's parts send to the inbox element, inside its shadow root only (they bubble but
 * are not composed, so a page never sees them). The page sees the documented `nh-*` events.
 */
import type { InboxItem } from '@narahubung/core';
import type { InboxRoute } from './route.js';

/** A part asks to go to another view (a complaint, a filter, a page). */
export class InboxNavigateEvent extends Event {
  constructor(readonly route: InboxRoute, readonly options: { replace?: boolean; cursors?: string[] } = {}) {
    super('nh-inbox-navigate', { bubbles: true });
  }
}

/** A complaint changed (moved, noted, assigned): the list shows it anew. */
export class InboxChangedEvent extends Event {
  constructor(readonly items: readonly InboxItem[]) {
    super('nh-inbox-changed', { bubbles: true });
  }
}

/** The server refused the token (401): the inbox signs out. */
export class InboxUnauthorizedEvent extends Event {
  constructor() {
    super('nh-inbox-unauthorized', { bubbles: true });
  }
}

/** The sign-in form was sent. */
export class InboxSignInEvent extends Event {
  constructor(readonly token: string, readonly remember: boolean) {
    super('nh-inbox-sign-in', { bubbles: true });
  }
}

/** A list page arrived: how many complaints match in all. */
export class InboxListedEvent extends Event {
  constructor(readonly total: number) {
    super('nh-inbox-listed', { bubbles: true });
  }
}

/** A bulk action ended: what to tell the officer, the summary first. */
export class InboxBulkDoneEvent extends Event {
  constructor(readonly report: readonly string[]) {
    super('nh-inbox-bulk-done', { bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'nh-inbox-navigate': InboxNavigateEvent;
    'nh-inbox-changed': InboxChangedEvent;
    'nh-inbox-unauthorized': InboxUnauthorizedEvent;
    'nh-inbox-sign-in': InboxSignInEvent;
    'nh-inbox-listed': InboxListedEvent;
    'nh-inbox-bulk-done': InboxBulkDoneEvent;
  }
}
