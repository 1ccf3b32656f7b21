import type { ComplaintRecord } from './model.js';
import { aggregateFacts } from './indicators.js';
import type { ComplaintUpdate, CredentialStore, InsertOutcome, NewNotification, NewSubmission, OutboxNotification, Store, StoredAttachment, StoredCredential } from './store.js';
import {
  compareComplaints,
  compareUpdates,
  complaintMatches,
  decodeCursor,
  decodeUpdateCursor,
  emptyStatusCounts,
  encodeCursor,
  encodeUpdateCursor,
  isAfter,
  isPublicChange,
  isUpdateAfter,
  searchWords,
  sortKey,
} from './store-query.js';

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

/**
 * A Store in memory, for tests, demos and edge functions that keep nothing. It reads every
 * complaint for a query: right for its purpose, and the reference the other stores agree with.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store & CredentialStore {
  const complaints = new Map<string, Entry>();
  const keys = new Map<string, { fingerprint: string; answer: NewSubmission['answer'] }>();
  // One insertion per key at a time: a second caller with the same key waits for the first.
  const inFlight = new Map<string, Promise<InsertOutcome>>();
  const actions = new Map<string, { fingerprint: string; answer: unknown }>();
  const credentials = new Map<string, StoredCredential>();
  let credentialsVersion = 0;
  const outbox = new Map<string, OutboxNotification & { sentAt: string | null; leaseUntil: number }>();

  function enqueue(notifications: readonly NewNotification[] | undefined, at: string): void {
    for (const notification of notifications ?? []) {
      if (outbox.has(notification.id)) continue;
      outbox.set(notification.id, { ...clone(notification), createdAt: at, attempts: 0, dueAt: at, lastError: null, sentAt: null, leaseUntil: 0 });
    }
  }

  async function insert(submission: NewSubmission): Promise<InsertOutcome> {
    const known = keys.get(submission.idempotencyKey);
    if (options.betweenLookupAndInsert) await options.betweenLookupAndInsert();
    if (known) return { inserted: false, fingerprint: known.fingerprint, answer: clone(known.answer) };
    if (complaints.has(submission.record.trackingId)) {
      throw new Error(`tracking id ${submission.record.trackingId} already exists`);
    }
    complaints.set(submission.record.trackingId, { record: clone(submission.record), attachments: clone(submission.attachments) });
    keys.set(submission.idempotencyKey, { fingerprint: submission.fingerprint, answer: clone(submission.answer) });
    enqueue(submission.notifications, submission.record.receivedAt);
    return { inserted: true, answer: clone(submission.answer) };
  }

  const records = () => [...complaints.values()].map((entry) => entry.record);

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
    async update(next, effects = {}) {
      const entry = complaints.get(next.trackingId);
      if (!entry || entry.record.version + 1 !== next.version) return false;
      if (effects.idempotency && (actions.has(effects.idempotency.key) || keys.has(effects.idempotency.key))) return false;
      entry.record = clone(next);
      if (effects.idempotency) actions.set(effects.idempotency.key, clone({ fingerprint: effects.idempotency.fingerprint, answer: effects.idempotency.answer }));
      entry.attachments.push(...clone(effects.attachments ?? []));
      enqueue(effects.notifications, next.history.at(-1)?.at ?? next.receivedAt);
      return true;
    },
    async indicatorAggregates(query) {
      const from = Date.parse(query.receivedFrom);
      const before = Date.parse(query.receivedBefore);
      const entries = records()
        .filter((record) => record.facts && record.submission.confidentiality !== 'secret' && (!query.agencyIds || query.agencyIds.includes(record.agencyId)))
        .filter((record) => Date.parse(record.receivedAt) >= from && Date.parse(record.receivedAt) < before)
        .map((record) => ({ agencyId: record.agencyId, category: record.submission.category, status: record.status, dueAt: record.dueAt, facts: record.facts! }));
      return aggregateFacts(entries, new Date(query.now));
    },
    async findActionByKey(key) {
      const known = actions.get(key);
      return known ? clone(known) : null;
    },
    async enqueueNotifications(notifications) {
      enqueue(notifications, new Date().toISOString());
    },
    async claimNotifications({ now, limit, leaseMs }) {
      const at = Date.parse(now);
      const due = [...outbox.values()]
        .filter((notification) => notification.sentAt === null && Date.parse(notification.dueAt) <= at && notification.leaseUntil <= at)
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      for (const notification of due) notification.leaseUntil = at + leaseMs;
      return due.map(({ sentAt: _sent, leaseUntil: _lease, ...notification }) => clone(notification));
    },
    async settleNotification(id, outcome) {
      const notification = outbox.get(id);
      if (!notification) return;
      notification.attempts += 1;
      notification.leaseUntil = 0;
      if (outcome.sent) notification.sentAt = outcome.at;
      else {
        notification.dueAt = outcome.retryAt;
        notification.lastError = outcome.error;
      }
    },
    async query(query) {
      const words = query.text ? searchWords(query.text) : [];
      const matching = records().filter((record) => complaintMatches(record, query, words));
      const position = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
      const ordered = matching.filter((record) => !position || isAfter(record, position, query.sort)).sort(compareComplaints(query.sort));
      const items = ordered.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(clone),
        total: query.countTotal === false ? -1 : matching.length,
        nextCursor: ordered.length > query.limit && last ? encodeCursor({ sort: query.sort, key: sortKey(last, query.sort), trackingId: last.trackingId }) : null,
      };
    },
    async countByStatus(filter) {
      const words = filter.text ? searchWords(filter.text) : [];
      const counts = emptyStatusCounts();
      for (const record of records()) if (complaintMatches(record, filter, words)) counts[record.status] += 1;
      return counts;
    },
    async updates(query) {
      const from = Date.parse(query.from);
      const before = Date.parse(query.before);
      const all: ComplaintUpdate[] = [];
      for (const record of records()) {
        if (!query.confidentialities.includes(record.submission.confidentiality)) continue;
        record.history.forEach((entry, index) => {
          const at = Date.parse(entry.at);
          if (at >= from && at < before && isPublicChange(entry)) all.push({ trackingId: record.trackingId, index, entry: clone(entry) });
        });
      }
      const position = query.cursor ? decodeUpdateCursor(query.cursor) : null;
      const ordered = all.filter((update) => !position || isUpdateAfter(update, position)).sort(compareUpdates);
      const items = ordered.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: ordered.length > query.limit && last ? encodeUpdateCursor(last) : null };
    },
    async getAttachment(trackingId, attachmentId) {
      const found = complaints.get(trackingId)?.attachments.find((attachment) => attachment.meta.id === attachmentId);
      return found ? clone(found) : null;
    },
    async listCredentials() {
      return [...credentials.values()].map(clone);
    },
    async syncCredentials(change) {
      for (const credential of change.insert) credentials.set(credential.principalId, clone(credential));
      for (const { principalId, principal } of change.updatePrincipals) {
        const existing = credentials.get(principalId);
        if (existing) existing.principal = clone(principal);
      }
      for (const principalId of change.remove) credentials.delete(principalId);
      credentialsVersion += 1;
    },
    async rotateCredential(principalId, tokenHash, at) {
      const existing = credentials.get(principalId);
      if (!existing) return false;
      existing.tokenHash = tokenHash;
      existing.rotatedAt = at;
      credentialsVersion += 1;
      return true;
    },
    async credentialsVersion() {
      return credentialsVersion;
    },
  };
}
