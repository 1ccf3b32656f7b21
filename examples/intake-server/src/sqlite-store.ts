/**
 * Core's `Store` on one SQLite file (better-sqlite3). Writes are group-committed: every write that
 * arrives while the event loop is busy joins one transaction, so one fsync serves many complaints,
 * and each caller's promise settles only after that transaction's COMMIT has returned.
 */
import type { ComplaintQuery, ComplaintRecord, InsertOutcome, NewSubmission, Store, StoredAttachment, SubmitAnswer } from '@narahubung/core';
import { openDatabase } from './database.js';
import type { SqliteDatabase } from './database.js';

export interface SqliteStoreOptions {
  /** The largest attachment the store accepts, in bytes (default 10 MiB, core's default policy). */
  maxAttachmentBytes?: number;
  /** The most writes committed in one transaction (default 1000). */
  maxBatch?: number;
}

/** A store problem a caller can act on. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'attachment_too_large' | 'attachment_size_mismatch' | 'closed',
    detail: string,
  ) {
    super(detail);
  }
}

export interface SqliteStore extends Store {
  /** The open database, shared with the token registry. */
  readonly database: SqliteDatabase;
  /** How many write transactions were committed, and how many writes they carried. */
  commitStats(): { commits: number; writes: number };
  close(): Promise<void>;
}

interface PendingWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface ComplaintRow {
  record: string;
}

/** Opens the SQLite file at `path` (created with its folder if missing) as a Store. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return createSqliteStore(openDatabase(path), options);
}

/** A Store over an already open database; `close()` closes it. */
export function createSqliteStore(db: SqliteDatabase, options: SqliteStoreOptions = {}): SqliteStore {
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 10 * 1024 * 1024;
  const maxBatch = options.maxBatch ?? 1000;

  const statements = {
    keyByName: db.prepare<[string], { fingerprint: string; answer: string }>('SELECT fingerprint, answer FROM idempotency_keys WHERE key = ?'),
    insertComplaint: db.prepare(
      `INSERT INTO complaints (tracking_id, agency_id, handling_agency_id, status, confidentiality, received_at, version, record)
       VALUES (@trackingId, @agencyId, @handlingAgencyId, @status, @confidentiality, @receivedAt, @version, @record)`,
    ),
    insertKey: db.prepare('INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertAttachment: db.prepare('INSERT INTO attachments (tracking_id, attachment_id, meta, bytes) VALUES (?, ?, ?, ?)'),
    complaint: db.prepare<[string], ComplaintRow>('SELECT record FROM complaints WHERE tracking_id = ?'),
    update: db.prepare(
      `UPDATE complaints SET agency_id = @agencyId, handling_agency_id = @handlingAgencyId, status = @status,
         confidentiality = @confidentiality, received_at = @receivedAt, version = @version, record = @record
       WHERE tracking_id = @trackingId AND version = @previousVersion`,
    ),
    attachment: db.prepare<[string, string], { meta: string; bytes: Buffer }>('SELECT meta, bytes FROM attachments WHERE tracking_id = ? AND attachment_id = ?'),
  };
  const listStatements = new Map<string, ReturnType<typeof db.prepare<(string | number)[], ComplaintRow>>>();

  // One savepoint per write inside the batch's transaction: a failing write is undone alone.
  const savepoint = db.transaction((run: () => unknown) => run());
  const batchTransaction = db.transaction((batch: PendingWrite[], results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[]) => {
    for (const write of batch) {
      try {
        results.push({ ok: true, value: savepoint(write.run) });
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
  });

  let queue: PendingWrite[] = [];
  let scheduled = false;
  let closed = false;
  let commits = 0;
  let writes = 0;

  function flush(): void {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        // BEGIN IMMEDIATE: take the write lock up front rather than fail to upgrade a read lock.
        batchTransaction.immediate(batch, results);
      } catch (error) {
        // Nothing of this batch was committed: every caller learns it.
        for (const write of batch) write.reject(error);
        continue;
      }
      commits += 1;
      writes += batch.length;
      // Only now, after COMMIT returned, does anyone hear that their write is stored.
      batch.forEach((write, index) => {
        const result = results[index]!;
        if (result.ok) write.resolve(result.value);
        else write.reject(result.error);
      });
    }
  }

  function enqueue<T>(run: () => T): Promise<T> {
    if (closed) return Promise.reject(new StoreError('closed', 'the store is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        // Everything that arrives in this turn of the event loop joins the same transaction.
        setImmediate(flush);
      }
    });
  }

  function complaintColumns(record: ComplaintRecord) {
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

  function checkAttachment(attachment: StoredAttachment): void {
    if (attachment.bytes.byteLength > maxAttachmentBytes) {
      throw new StoreError('attachment_too_large', `attachment ${attachment.meta.id} has ${attachment.bytes.byteLength} bytes, more than ${maxAttachmentBytes}`);
    }
    if (attachment.bytes.byteLength !== attachment.meta.size) {
      throw new StoreError('attachment_size_mismatch', `attachment ${attachment.meta.id} has ${attachment.bytes.byteLength} bytes, its metadata says ${attachment.meta.size}`);
    }
  }

  function insertNow(submission: NewSubmission): InsertOutcome {
    const known = statements.keyByName.get(submission.idempotencyKey);
    if (known) return { inserted: false, fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as SubmitAnswer };
    const { record } = submission;
    statements.insertComplaint.run(complaintColumns(record));
    for (const attachment of submission.attachments) {
      statements.insertAttachment.run(record.trackingId, attachment.meta.id, JSON.stringify(attachment.meta), Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength));
    }
    const answer = JSON.stringify(submission.answer);
    statements.insertKey.run(submission.idempotencyKey, submission.fingerprint, answer, record.trackingId, new Date().toISOString());
    return { inserted: true, answer: JSON.parse(answer) as SubmitAnswer };
  }

  function listStatement(sql: string) {
    let statement = listStatements.get(sql);
    if (!statement) {
      statement = db.prepare<(string | number)[], ComplaintRow>(sql);
      listStatements.set(sql, statement);
    }
    return statement;
  }

  function ensureOpen(): void {
    if (closed) throw new StoreError('closed', 'the store is closed');
  }

  return {
    database: db,

    insertOnce(submission) {
      // Checked before queueing, so one oversized file does not cost the batch a savepoint.
      try {
        submission.attachments.forEach(checkAttachment);
      } catch (error) {
        return Promise.reject(error);
      }
      return enqueue(() => insertNow(submission));
    },

    async findByIdempotencyKey(key) {
      ensureOpen();
      const known = statements.keyByName.get(key);
      return known ? { fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as SubmitAnswer } : null;
    },

    async get(trackingId) {
      ensureOpen();
      const row = statements.complaint.get(trackingId);
      return row ? (JSON.parse(row.record) as ComplaintRecord) : null;
    },

    update(next) {
      return enqueue(() => statements.update.run({ ...complaintColumns(next), previousVersion: next.version - 1 }).changes === 1);
    },

    async list(query: ComplaintQuery) {
      ensureOpen();
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (!query.includeSecret) where.push("confidentiality <> 'secret'");
      if (query.agencyIds) {
        const marks = query.agencyIds.map(() => '?').join(', ');
        where.push(`(agency_id IN (${marks}) OR handling_agency_id IN (${marks}))`);
        params.push(...query.agencyIds, ...query.agencyIds);
      }
      if (query.statuses) {
        where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
        params.push(...query.statuses);
      }
      const sql = `SELECT record FROM complaints ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?`;
      params.push(query.limit ?? -1, query.offset ?? 0);
      const rows = listStatement(sql).all(...params);
      return rows.map((row) => JSON.parse(row.record) as ComplaintRecord);
    },

    async getAttachment(trackingId, attachmentId) {
      ensureOpen();
      const row = statements.attachment.get(trackingId, attachmentId);
      if (!row) return null;
      return { meta: JSON.parse(row.meta) as StoredAttachment['meta'], bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
    },

    commitStats: () => ({ commits, writes }),

    async close() {
      if (closed) return;
      // Writes already accepted are committed, not dropped.
      flush();
      closed = true;
      db.close();
    },
  };
}
