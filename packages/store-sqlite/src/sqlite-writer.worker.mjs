// @ts-check
/**
 * The SQLite store's writer, in a worker thread of its own so that COMMIT's fsync never blocks the
 * HTTP event loop. Plain JavaScript so that the same file runs from src/ (tests) and dist/.
 *
 * Protocol: the store posts `{ batch, writes }`, each write ready to bind (see `Write` in
 * sqlite-store.ts): `{ kind: 'insert', idempotencyKey, fingerprint, complaint, answer, attachments }`
 * or `{ kind: 'update', complaint }`, where `complaint` holds the columns and the record as JSON and
 * `answer` and each attachment's `meta` are JSON. An insert answers `true`, or
 * `{ fingerprint, answer }` (answer as JSON) when the key was already stored; an update answers
 * whether it applied. Every batch that arrives while a commit is running joins the next
 * transaction (group commit); after COMMIT returns, each batch is answered with `{ batch, results }`,
 * with the number of the commit that
 * carried it, a result being `{ ok: true, value }` or `{ ok: false, error: { name, code, message } }`. If COMMIT
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
       kind, category, received_ms, due_at, due_key, assignee_id)
     VALUES (@trackingId, @agencyId, @handlingAgencyId, @status, @confidentiality, @receivedAt, @version, @record,
       @kind, @category, @receivedMs, @dueAt, @dueKey, @assigneeId)`,
  ),
  insertSearch: db.prepare('INSERT INTO complaint_search (rowid, document) VALUES (?, ?)'),
  insertUpdate: db.prepare('INSERT OR IGNORE INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry) VALUES (?, ?, ?, ?, ?)'),
  insertKey: db.prepare('INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id, created_at) VALUES (?, ?, ?, ?, ?)'),
  insertAttachment: db.prepare('INSERT INTO attachments (tracking_id, attachment_id, meta, bytes) VALUES (?, ?, ?, ?)'),
  update: db.prepare(
    `UPDATE complaints SET agency_id = @agencyId, handling_agency_id = @handlingAgencyId, status = @status,
       confidentiality = @confidentiality, received_at = @receivedAt, version = @version, record = @record,
       kind = @kind, category = @category, received_ms = @receivedMs, due_at = @dueAt, due_key = @dueKey, assignee_id = @assigneeId
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

/** Insert-once: the key is checked and the complaint inserted in the same transaction. @param {any} write */
function insert(write) {
  const known = /** @type {{ fingerprint: string; answer: string } | undefined} */ (statements.keyByName.get(write.idempotencyKey));
  if (known) return { fingerprint: known.fingerprint, answer: known.answer };
  const { complaint } = write;
  const { lastInsertRowid } = statements.insertComplaint.run(columnsOf(complaint));
  statements.insertSearch.run(lastInsertRowid, complaint.search);
  addUpdates(complaint);
  for (const attachment of write.attachments) {
    const bytes = /** @type {Uint8Array} */ (attachment.bytes);
    statements.insertAttachment.run(complaint.trackingId, attachment.id, attachment.meta, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  statements.insertKey.run(write.idempotencyKey, write.fingerprint, write.answer, complaint.trackingId, new Date().toISOString());
  return true;
}

/** @param {any} complaint */
function update(complaint) {
  const applied = statements.update.run({ ...columnsOf(complaint), previousVersion: complaint.version - 1 }).changes === 1;
  // Title and description never change, so the search text stays; new public changes are added.
  if (applied) addUpdates(complaint);
  return applied;
}

// One savepoint per write: a failing write is undone alone, its neighbours still commit.
const savepoint = db.transaction((/** @type {any} */ write) => (write.kind === 'insert' ? insert(write) : update(write.complaint)));
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
