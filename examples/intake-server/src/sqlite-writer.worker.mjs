// @ts-check
/**
 * The SQLite store's writer, in a worker thread of its own so that COMMIT's fsync never blocks the
 * HTTP event loop. Plain JavaScript so that the same file runs from src/ (tests) and dist/.
 *
 * Protocol: the store posts `{ batch, writes }` (each write `{ kind: 'insert', submission }` or
 * `{ kind: 'update', record }`); every batch that arrives while a commit is running joins the next
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
    `INSERT INTO complaints (tracking_id, agency_id, handling_agency_id, status, confidentiality, received_at, version, record)
     VALUES (@trackingId, @agencyId, @handlingAgencyId, @status, @confidentiality, @receivedAt, @version, @record)`,
  ),
  insertKey: db.prepare('INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id, created_at) VALUES (?, ?, ?, ?, ?)'),
  insertAttachment: db.prepare('INSERT INTO attachments (tracking_id, attachment_id, meta, bytes) VALUES (?, ?, ?, ?)'),
  update: db.prepare(
    `UPDATE complaints SET agency_id = @agencyId, handling_agency_id = @handlingAgencyId, status = @status,
       confidentiality = @confidentiality, received_at = @receivedAt, version = @version, record = @record
     WHERE tracking_id = @trackingId AND version = @previousVersion`,
  ),
};

/** @param {any} record */
function columns(record) {
  return {
    trackingId: record.trackingId,
    agencyId: record.agencyId,
    handlingAgencyId: record.handlingAgencyId,
    status: record.status,
    confidentiality: record.submission.confidentiality,
    receivedAt: record.receivedAt,
    version: record.version,
    record: JSON.stringify(record),
  };
}

/** Insert-once: the key is checked and the complaint inserted in the same transaction. @param {any} submission */
function insert(submission) {
  const known = /** @type {{ fingerprint: string; answer: string } | undefined} */ (statements.keyByName.get(submission.idempotencyKey));
  if (known) return { inserted: false, fingerprint: known.fingerprint, answer: JSON.parse(known.answer) };
  const { record } = submission;
  statements.insertComplaint.run(columns(record));
  for (const attachment of submission.attachments) {
    const bytes = /** @type {Uint8Array} */ (attachment.bytes);
    statements.insertAttachment.run(record.trackingId, attachment.meta.id, JSON.stringify(attachment.meta), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  statements.insertKey.run(submission.idempotencyKey, submission.fingerprint, JSON.stringify(submission.answer), record.trackingId, new Date().toISOString());
  return { inserted: true, answer: submission.answer };
}

/** @param {any} record */
function update(record) {
  return statements.update.run({ ...columns(record), previousVersion: record.version - 1 }).changes === 1;
}

// One savepoint per write: a failing write is undone alone, its neighbours still commit.
const savepoint = db.transaction((/** @type {any} */ write) => (write.kind === 'insert' ? insert(write.submission) : update(write.record)));
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
