import type { ComplaintSubmission } from '@narahubung/core';
import { collection } from './device-store.js';

/** A submission waiting to be sent, stored before the first attempt. */
export interface OutboxEntry {
  idempotencyKey: string;
  /** The API root it is meant for: one page may embed forms for several intakes. */
  endpoint: string;
  submission: ComplaintSubmission;
  attachments: Blob[];
  savedAt: string;
}

const entries = collection<OutboxEntry>('narahubung', 'outbox');

/** The submissions not yet accepted by a server, durable across reloads. */
export const outbox = {
  put: entries.put,
  delete: entries.delete,
  /** Entries for one endpoint, oldest first. */
  async list(endpoint: string): Promise<OutboxEntry[]> {
    return (await entries.all()).filter((entry) => entry.endpoint === endpoint).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  },
};
