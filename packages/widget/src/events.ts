/**
 * The events the elements fire. Each bubbles, is composed (crosses shadow roots) and carries its
 * payload in `detail`; only `nh-submit` is cancelable.
 */
import type { ComplaintSubmission, FieldError, PublicStatus, SubmitAnswer } from '@narahubung/core';

const init = { bubbles: true, composed: true } as const;

/** Before a submission is saved and sent; `preventDefault()` stops it. */
export class NhSubmitEvent extends CustomEvent<{ submission: ComplaintSubmission }> {
  constructor(submission: ComplaintSubmission) {
    super('nh-submit', { ...init, cancelable: true, detail: { submission } });
  }
}

/** The server stored the complaint: `detail.trackingId` is its tracking number. */
export class NhSubmittedEvent extends CustomEvent<{ trackingId: string; answer: SubmitAnswer }> {
  constructor(answer: SubmitAnswer) {
    super('nh-submitted', { ...init, detail: { trackingId: answer.trackingId, answer } });
  }
}

/** The server could not be reached: the submission waits in the outbox and is retried. */
export class NhQueuedEvent extends CustomEvent<{ idempotencyKey: string }> {
  constructor(idempotencyKey: string) {
    super('nh-queued', { ...init, detail: { idempotencyKey } });
  }
}

/** A request failed for a reason retrying will not fix (field errors, not found, ...). */
export class NhErrorEvent extends CustomEvent<{ code: string; status: number; errors: FieldError[] }> {
  constructor(code: string, status: number, errors: FieldError[] = []) {
    super('nh-error', { ...init, detail: { code, status, errors } });
  }
}

/** A public status was found and shown. */
export class NhStatusEvent extends CustomEvent<{ status: PublicStatus }> {
  constructor(status: PublicStatus) {
    super('nh-status', { ...init, detail: { status } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nh-submit': NhSubmitEvent;
    'nh-submitted': NhSubmittedEvent;
    'nh-queued': NhQueuedEvent;
    'nh-error': NhErrorEvent;
    'nh-status': NhStatusEvent;
  }
}
