import type { ReporterActionBodies, ReporterActionName } from '@narahubung/core';
import { collection } from './device-store.js';

/** A reporter's action waiting for the server's answer, stored before the first attempt (as the outbox does for submissions). */
export interface PendingAction {
  idempotencyKey: string;
  endpoint: string;
  trackingId: string;
  action: ReporterActionName;
  body: ReporterActionBodies[ReporterActionName];
  /** A reply's files. */
  attachments: Blob[];
  savedAt: string;
}

const entries = collection<PendingAction>('narahubung-reporter', 'actions');

/** The reporter's actions not yet answered by a server, durable across reloads. */
export const pendingActions = {
  put: entries.put,
  delete: entries.delete,
  /** The actions waiting for one complaint, oldest first. */
  async list(endpoint: string, trackingId: string): Promise<PendingAction[]> {
    return (await entries.all()).filter((entry) => entry.endpoint === endpoint && entry.trackingId === trackingId).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  },
};
