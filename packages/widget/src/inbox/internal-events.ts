/**
 * Events the inbox's parts send up to the inbox element. Those for the inbox element cross the
 * parts' shadow roots (composed) and the inbox element stops them: a page never sees them. The page
 * sees the documented `nh-*` events.
 */
import type { InboxItem } from '@narahubung/core';
import type { InboxRoute } from './route.js';

const toInbox = { bubbles: true, composed: true } as const;

/**
 * A part asks to go to another view (a complaint, a filter, a page): a route, or a change of the
 * current one (two filters changed in a row both apply).
 */
export class InboxNavigateEvent extends Event {
  constructor(readonly to: InboxRoute | ((current: InboxRoute) => InboxRoute), readonly options: { replace?: boolean; cursors?: string[] } = {}) {
    super('nh-inbox-navigate', toInbox);
  }
}

/** Complaints changed (moved, noted, assigned): the list shows them anew. */
export class InboxChangedEvent extends Event {
  constructor(readonly items: readonly InboxItem[]) {
    super('nh-inbox-changed', toInbox);
  }
}

/** The server refused the token (401): the inbox signs out. */
export class InboxUnauthorizedEvent extends Event {
  constructor() {
    super('nh-inbox-unauthorized', toInbox);
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
    super('nh-inbox-listed', toInbox);
  }
}

/** A bulk action ended (to the list only): what to tell the officer, the summary first. */
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
