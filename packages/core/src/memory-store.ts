import type { ComplaintRecord } from './model.js';
import type { ComplaintQuery, InsertOutcome, NewSubmission, Store, StoredAttachment } from './store.js';

export interface MemoryStoreOptions {
  /**
   * Awaited between looking an idempotency key up and inserting it. Tests use it to widen the
   * race window: the store stays atomic however long it takes.
   */
  betweenLookupAndInsert?: () => Promise<void>;
}

interface Entry {
  record: ComplaintRecord;
  attachments: StoredAttachment[];
}

const clone = <T>(value: T): T => structuredClone(value);

/** A Store in memory, for tests, demos and edge functions that keep nothing. */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const complaints = new Map<string, Entry>();
  const keys = new Map<string, { fingerprint: string; answer: NewSubmission['answer'] }>();
  // One insertion per key at a time: a second caller with the same key waits for the first.
  const inFlight = new Map<string, Promise<InsertOutcome>>();
  let order = 0;
  const position = new Map<string, number>();

  async function insert(submission: NewSubmission): Promise<InsertOutcome> {
    const known = keys.get(submission.idempotencyKey);
    if (options.betweenLookupAndInsert) await options.betweenLookupAndInsert();
    if (known) return { inserted: false, fingerprint: known.fingerprint, answer: clone(known.answer) };
    if (complaints.has(submission.record.trackingId)) {
      throw new Error(`tracking id ${submission.record.trackingId} already exists`);
    }
    complaints.set(submission.record.trackingId, { record: clone(submission.record), attachments: clone(submission.attachments) });
    position.set(submission.record.trackingId, (order += 1));
    keys.set(submission.idempotencyKey, { fingerprint: submission.fingerprint, answer: clone(submission.answer) });
    return { inserted: true, answer: clone(submission.answer) };
  }

  return {
    async insertOnce(submission) {
      const key = submission.idempotencyKey;
      for (;;) {
        const running = inFlight.get(key);
        if (!running) break;
        await running.catch(() => undefined);
      }
      const attempt = insert(submission);
      inFlight.set(key, attempt);
      try {
        return await attempt;
      } finally {
        if (inFlight.get(key) === attempt) inFlight.delete(key);
      }
    },
    async findByIdempotencyKey(key) {
      const known = keys.get(key);
      return known ? { fingerprint: known.fingerprint, answer: clone(known.answer) } : null;
    },
    async get(trackingId) {
      const entry = complaints.get(trackingId);
      return entry ? clone(entry.record) : null;
    },
    async update(next) {
      const entry = complaints.get(next.trackingId);
      if (!entry || entry.record.version + 1 !== next.version) return false;
      entry.record = clone(next);
      return true;
    },
    async list(query: ComplaintQuery) {
      const agencies = query.agencyIds ? new Set(query.agencyIds) : null;
      const statuses = query.statuses ? new Set(query.statuses) : null;
      const matching = [...complaints.values()]
        .map((entry) => entry.record)
        .filter((record) => query.includeSecret || record.submission.confidentiality !== 'secret')
        .filter((record) => !agencies || agencies.has(record.agencyId) || agencies.has(record.handlingAgencyId))
        .filter((record) => !statuses || statuses.has(record.status))
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || (position.get(b.trackingId) ?? 0) - (position.get(a.trackingId) ?? 0));
      const offset = query.offset ?? 0;
      const limit = query.limit ?? matching.length;
      return matching.slice(offset, offset + limit).map(clone);
    },
    async getAttachment(trackingId, attachmentId) {
      const found = complaints.get(trackingId)?.attachments.find((attachment) => attachment.meta.id === attachmentId);
      return found ? clone(found) : null;
    },
  };
}
