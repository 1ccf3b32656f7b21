import type { OwnStatus, ReporterActionName } from '@narahubung/core';

/**
 * The server accepted the citizen's reply, dispute, rating or withdrawal: `detail.status` is the
 * complaint as it stands now. Bubbles and is composed, so the page hears it from `<nh-complaint-status>`.
 */
export class NhReporterActionEvent extends CustomEvent<{ action: ReporterActionName; trackingId: string; status: OwnStatus }> {
  constructor(action: ReporterActionName, status: OwnStatus) {
    super('nh-reporter-action', { bubbles: true, composed: true, detail: { action, trackingId: status.trackingId, status } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nh-reporter-action': NhReporterActionEvent;
  }
}
