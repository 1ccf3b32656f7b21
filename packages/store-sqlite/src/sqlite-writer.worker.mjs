// @ts-check
/**
 * The SQLite store's writer, in a worker thread of its own so that COMMIT's fsync never blocks the
 * HTTP event loop. Plain JavaScript so that the same file runs from src/ (tests) and dist/.
 *
 * Protocol: the store posts `{ batch, writes }`, each write ready to bind (see `Write` in
 * sqlite-store.ts): `insert` (a complaint with its key, attachments and notifications), `update` (a
 * complaint's new row, with the idempotency key, attachments and notifications it brings),
 * `enqueue` (notifications alone), `claim` (lease due notifications) and `settle` (a send's
 * outcome). An insert answers `true`, or `{ fingerprint, answer }` (answer as JSON) when the key
 * was already stored; an update answers whether it applied; a claim answers the leased rows. Every
 * batch that arrives while a commit is running joins the next transaction (group commit); after
 * COMMIT returns, each batch is answered with `{ batch, commit, results }`, a result being
 * `{ ok: true, value }` or `{ ok: false, error: { name, code, message } }`. If COMMIT
 * fails, every write of the transaction fails. `{ close: true }` commits what is queued, closes the
 * file and answers `{ closed: true }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const { path, maxBatch } = /** @type {{ path: string; maxBatch: number }} */ (workerData);

const db = new Database(path);
// Per connection: every commit of this writer is on disk when COMMIT returns.
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const statements = {
  keyByName: db.prepare('SELECT fingerprint, answer FROM idempotency_keys WHERE key = ?'),
  insertComplaint: db.prepare(
    `INSERT INTO complaints (tracking_id, agency_id, handling_agency_id, status, confidentiality, received_at, version, record,
       kind, category, received_ms, due_at, due_key, assignee_id,
       facts_month, first_move_ms, verify_by_ms, withdrawn, first_resolved_ms, resolve_by_at_resolution_ms, resolve_by_ms, working_days_to_resolve, public_changes, public_notes, info_requests, info_requests_reached, decisions, explained_decisions, escalated, ever_resolved, completed, disputed, rating_sum, has_facts)
     VALUES (@trackingId, @agencyId, @handlingAgencyId, @status, @confidentiality, @receivedAt, @version, @record,
       @kind, @category, @receivedMs, @dueAt, @dueKey, @assigneeId,
       @factsMonth, @firstMoveMs, @verifyByMs, @withdrawn, @firstResolvedMs, @resolveByAtResolutionMs, @resolveByMs, @workingDaysToResolve, @publicChanges, @publicNotes, @infoRequests, @infoRequestsReached, @decisions, @explainedDecisions, @escalated, @everResolved, @completed, @disputed, @ratingSum, @hasFacts)`,
  ),
  insertSearch: db.prepare('INSERT INTO complaint_search (rowid, document) VALUES (?, ?)'),
  insertUpdate: db.prepare('INSERT OR IGNORE INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry) VALUES (?, ?, ?, ?, ?)'),
  insertKey: db.prepare('INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id, created_at) VALUES (?, ?, ?, ?, ?)'),
  insertAttachment: db.prepare('INSERT INTO attachments (tracking_id, attachment_id, meta, bytes) VALUES (?, ?, ?, ?)'),
  insertNotification: db.prepare(
    `INSERT OR IGNORE INTO notifications (id, kind, recipient, subject, text, html, tracking_id, headers, created_at, due_ms)
     VALUES (@id, @kind, @recipient, @subject, @text, @html, @trackingId, @headers, @createdAt, @dueMs)`,
  ),
  claim: db.prepare(
    `SELECT id, kind, recipient, subject, text, html, tracking_id, headers, created_at, due_ms, attempts, last_error FROM notifications
     WHERE sent_at IS NULL AND due_ms <= ? AND lease_until_ms <= ? ORDER BY due_ms, id LIMIT ?`,
  ),
  lease: db.prepare('UPDATE notifications SET lease_until_ms = ? WHERE id = ?'),
  settleSent: db.prepare('UPDATE notifications SET sent_at = ?, attempts = attempts + 1, lease_until_ms = 0 WHERE id = ?'),
  settleFailed: db.prepare('UPDATE notifications SET due_ms = ?, last_error = ?, attempts = attempts + 1, lease_until_ms = 0 WHERE id = ?'),
  update: db.prepare(
    `UPDATE complaints SET agency_id = @agencyId, handling_agency_id = @handlingAgencyId, status = @status,
       confidentiality = @confidentiality, received_at = @receivedAt, version = @version, record = @record,
       kind = @kind, category = @category, received_ms = @receivedMs, due_at = @dueAt, due_key = @dueKey, assignee_id = @assigneeId,
       facts_month = @factsMonth, first_move_ms = @firstMoveMs, verify_by_ms = @verifyByMs, withdrawn = @withdrawn, first_resolved_ms = @firstResolvedMs, resolve_by_at_resolution_ms = @resolveByAtResolutionMs, resolve_by_ms = @resolveByMs, working_days_to_resolve = @workingDaysToResolve, public_changes = @publicChanges, public_notes = @publicNotes, info_requests = @infoRequests, info_requests_reached = @infoRequestsReached, decisions = @decisions, explained_decisions = @explainedDecisions, escalated = @escalated, ever_resolved = @everResolved, completed = @completed, disputed = @disputed, rating_sum = @ratingSum, has_facts = @hasFacts
     WHERE tracking_id = @trackingId AND version = @previousVersion`,
  ),
};

/** The columns of the complaints table, without what goes to other tables. @param {any} complaint */
function columnsOf(complaint) {
  const { search: _search, updates: _updates, ...columns } = complaint;
  return columns;
}

/** The public changes of a complaint, each once (the history only grows). @param {any} complaint */
function addUpdates(complaint) {
  for (const update of complaint.updates) {
    statements.insertUpdate.run(complaint.trackingId, update.index, update.atMs, complaint.confidentiality, update.entry);
  }
}

/** @param {any[]} attachments @param {string} trackingId */
function addAttachments(trackingId, attachments) {
  for (const attachment of attachments) {
    const bytes = /** @type {Uint8Array} */ (attachment.bytes);
    statements.insertAttachment.run(trackingId, attachment.id, attachment.meta, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}

/** Notifications already in the outbox (same id) are left as they are. @param {any[]} notifications */
function addNotifications(notifications) {
  for (const notification of notifications) statements.insertNotification.run(notification);
}

/** Insert-once: the key is checked and the complaint inserted in the same transaction. @param {any} write */
function insert(write) {
  const known = /** @type {{ fingerprint: string; answer: string } | undefined} */ (statements.keyByName.get(write.idempotencyKey));
  if (known) return { fingerprint: known.fingerprint, answer: known.answer };
  const { complaint } = write;
  const { lastInsertRowid } = statements.insertComplaint.run(columnsOf(complaint));
  statements.insertSearch.run(lastInsertRowid, complaint.search);
  addUpdates(complaint);
  addAttachments(complaint.trackingId, write.attachments);
  statements.insertKey.run(write.idempotencyKey, write.fingerprint, write.answer, complaint.trackingId, new Date().toISOString());
  addNotifications(write.notifications);
  return true;
}

/** A change, with what it brings; nothing at all when the version moved or the key is known. @param {any} write */
function update(write) {
  const { complaint } = write;
  if (write.idempotency && statements.keyByName.get(write.idempotency.key)) return false;
  const applied = statements.update.run({ ...columnsOf(complaint), previousVersion: complaint.version - 1 }).changes === 1;
  if (!applied) return false;
  // Title and description never change, so the search text stays; new public changes are added.
  addUpdates(complaint);
  addAttachments(complaint.trackingId, write.attachments);
  if (write.idempotency) {
    const { key, fingerprint, answer } = write.idempotency;
    statements.insertKey.run(key, fingerprint, answer, complaint.trackingId, new Date().toISOString());
  }
  addNotifications(write.notifications);
  return true;
}

/** Takes due notifications and leases them. @param {any} write */
function claim(write) {
  const rows = statements.claim.all(write.nowMs, write.nowMs, write.limit);
  for (const row of rows) statements.lease.run(write.nowMs + write.leaseMs, /** @type {any} */ (row).id);
  return rows;
}

/** @param {any} write */
function settle(write) {
  if (write.sentAt !== null) statements.settleSent.run(write.sentAt, write.id);
  else statements.settleFailed.run(write.retryMs, write.error, write.id);
  return null;
}

/** @param {any} write */
function apply(write) {
  switch (write.kind) {
    case 'insert':
      return insert(write);
    case 'update':
      return update(write);
    case 'enqueue':
      addNotifications(write.notifications);
      return null;
    case 'claim':
      return claim(write);
    case 'settle':
      return settle(write);
    default:
      throw new Error(`unknown write ${write.kind}`);
  }
}

// One savepoint per write: a failing write is undone alone, its neighbours still commit.
const savepoint = db.transaction((/** @type {any} */ write) => apply(write));
const transaction = db.transaction((/** @type {any[]} */ writes) =>
  writes.map((write) => {
    try {
      return { ok: true, value: savepoint(write) };
    } catch (error) {
      const failure = /** @type {{ name?: string; code?: string; message?: string }} */ (error);
      return { ok: false, error: { name: failure.name ?? 'Error', code: failure.code ?? 'write_failed', message: failure.message ?? '' } };
    }
  }),
);

/** @type {{ batch: number; writes: any[] }[]} */
let queue = [];
let scheduled = false;
let closing = false;
let commits = 0;

function flush() {
  scheduled = false;
  while (queue.length > 0) {
    /** @type {{ batch: number; writes: any[] }[]} */
    const taken = [];
    let count = 0;
    while (queue.length > 0 && (taken.length === 0 || count + queue[0].writes.length <= maxBatch)) {
      const next = /** @type {{ batch: number; writes: any[] }} */ (queue.shift());
      taken.push(next);
      count += next.writes.length;
    }
    let results;
    try {
      // BEGIN IMMEDIATE: take the write lock up front; COMMIT returns once the WAL is fsynced.
      results = transaction.immediate(taken.flatMap((batch) => batch.writes));
    } catch (error) {
      const failure = /** @type {{ name?: string; code?: string; message?: string }} */ (error);
      const result = { ok: false, error: { name: failure.name ?? 'Error', code: failure.code ?? 'commit_failed', message: failure.message ?? '' } };
      for (const batch of taken) port.postMessage({ batch: batch.batch, commit: null, results: batch.writes.map(() => result) });
      continue;
    }
    commits += 1;
    let offset = 0;
    for (const batch of taken) {
      port.postMessage({ batch: batch.batch, commit: commits, results: results.slice(offset, offset + batch.writes.length) });
      offset += batch.writes.length;
    }
  }
  if (closing) {
    db.close();
    port.postMessage({ closed: true });
    port.close();
  }
}

port.on('message', (/** @type {any} */ message) => {
  if (message.close) closing = true;
  else queue.push(message);
  if (!scheduled) {
    scheduled = true;
    // Every batch that arrived while the last commit ran joins this transaction.
    setImmediate(flush);
  }
});
port.postMessage({ ready: true });
