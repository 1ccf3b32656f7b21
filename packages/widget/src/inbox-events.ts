/**
 * The events `<nh-focal-point-inbox>` fires. Like the citizen elements' events, each bubbles, is
 * composed and carries its payload in `detail`. None carries the token.
 */
import type { InboxItem, Status } from '@narahubung/core';

const init = { bubbles: true, composed: true } as const;

/** The token was accepted and the first list arrived: `detail.count` complaints match it (the total, not the page). */
export class NhSignedInEvent extends CustomEvent<{ count: number }> {
  constructor(count: number) {
    super('nh-signed-in', { ...init, detail: { count } });
  }
}

/** The focal point signed out, or the server refused the token (`detail.reason`). */
export class NhSignedOutEvent extends CustomEvent<{ reason: 'sign_out' | 'unauthorized' }> {
  constructor(reason: 'sign_out' | 'unauthorized') {
    super('nh-signed-out', { ...init, detail: { reason } });
  }
}

/** A complaint was opened: `detail.item` as the server showed it to this focal point. */
export class NhOpenedEvent extends CustomEvent<{ trackingId: string; item: InboxItem }> {
  constructor(item: InboxItem) {
    super('nh-opened', { ...init, detail: { trackingId: item.trackingId, item } });
  }
}

/** A complaint moved from `detail.from` to `detail.to`; `detail.item` is its new state. */
export class NhTransitionedEvent extends CustomEvent<{ trackingId: string; from: Status; to: Status; item: InboxItem }> {
  constructor(from: Status, item: InboxItem) {
    super('nh-transitioned', { ...init, detail: { trackingId: item.trackingId, from, to: item.status, item } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nh-signed-in': NhSignedInEvent;
    'nh-signed-out': NhSignedOutEvent;
    'nh-opened': NhOpenedEvent;
    'nh-transitioned': NhTransitionedEvent;
  }
}
