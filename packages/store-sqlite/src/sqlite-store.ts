/**
 * Core's `Store` on one SQLite file (better-sqlite3). Reads run on the caller's thread; writes go to
 * a writer thread (sqlite-writer.worker.mjs) that group-commits them: every write that arrives while
 * a commit runs joins the next transaction, so one fsync serves many complaints, and the HTTP event
 * loop never waits for the disk. Each caller's promise settles only after its transaction's COMMIT
 * has returned, with `synchronous=FULL`.
 */
import { Worker } from 'node:worker_threads';
import type { ComplaintRecord, CredentialStore, InsertOutcome, NewNotification, NewSubmission, OutboxNotification, Store, StoredAttachment, StoredAnswer } from '@narahubung/core';
import { queryColumns } from './columns.js';
import type { QueryColumns } from './columns.js';
import { createQueries } from './queries.js';
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
    readonly code: 'attachment_too_large' | 'attachment_size_mismatch' | 'write_failed' | 'writer_failed' | 'closed',
    detail: string,
  ) {
    super(detail);
  }
}

export interface SqliteStore extends Store, CredentialStore {
  /** The reading connection, shared with the token registry. */
  readonly database: SqliteDatabase;
  /** How many write transactions were committed, and how many writes they carried. */
  commitStats(): { commits: number; writes: number };
  /**
   * A consistent copy of the database in `file` (SQLite's online backup API), taken while the
   * store is in use: committed writes, those still in the WAL included.
   */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

/** A complaint's indexed columns and its record as JSON, as the writer stores them. */
type ComplaintRow = QueryColumns & {
  trackingId: string;
  agencyId: string;
  handlingAgencyId: string;
  status: string;
  receivedAt: string;
  version: number;
  record: string;
};

/**
 * What the writer thread is sent: columns and JSON text, ready to bind. A structured clone of the
 * nested objects cost the HTTP thread more than `JSON.stringify`, and the writer then had to
 * stringify them again; strings cross threads as one copy.
 */
type Write =
  | {
      kind: 'insert';
      idempotencyKey: string;
      fingerprint: string;
      complaint: ComplaintRow;
      answer: string;
      attachments: AttachmentRow[];
      notifications: NotificationRow[];
    }
  | {
      kind: 'update';
      complaint: ComplaintRow;
      idempotency: { key: string; fingerprint: string; answer: string } | null;
      attachments: AttachmentRow[];
      notifications: NotificationRow[];
    }
  | { kind: 'enqueue'; notifications: NotificationRow[] }
  | { kind: 'claim'; nowMs: number; limit: number; leaseMs: number }
  | { kind: 'settle'; id: string; sentAt: string | null; retryMs: number; error: string | null };

interface AttachmentRow {
  id: string;
  meta: string;
  bytes: Uint8Array;
}

/** A notification as the writer inserts it. */
interface NotificationRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  trackingId: string | null;
  headers: string | null;
  createdAt: string;
  dueMs: number;
}

/** A notification as the writer reads it back when claiming. */
interface ClaimedRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  tracking_id: string | null;
  headers: string | null;
  created_at: string;
  due_ms: number;
  attempts: number;
  last_error: string | null;
}
/** An insert answers `true` (stored) or the earlier key's `{ fingerprint, answer }` (answer as JSON); an update answers whether it applied. */
type WriteResult = { ok: true; value: unknown } | { ok: false; error: { name: string; code: string; message: string } };
type WriterMessage = { ready: true } | { closed: true } | { batch: number; commit: number | null; results: WriteResult[] };

interface PendingWrite {
  write: Write;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function rowOf(record: ComplaintRecord): ComplaintRow {
  return {
    trackingId: record.trackingId,
    agencyId: record.agencyId,
    handlingAgencyId: record.handlingAgencyId,
    status: record.status,
    receivedAt: record.receivedAt,
    version: record.version,
    record: JSON.stringify(record),
    ...queryColumns(record),
  };
}

function insertWrite(submission: NewSubmission): Write {
  return {
    kind: 'insert',
    idempotencyKey: submission.idempotencyKey,
    fingerprint: submission.fingerprint,
    complaint: rowOf(submission.record),
    answer: JSON.stringify(submission.answer),
    attachments: submission.attachments.map(attachmentRow),
    notifications: (submission.notifications ?? []).map((notification) => notificationRow(notification, submission.record.receivedAt)),
  };
}

const attachmentRow = (attachment: StoredAttachment): AttachmentRow => ({ id: attachment.meta.id, meta: JSON.stringify(attachment.meta), bytes: attachment.bytes });

function notificationRow(notification: NewNotification, at: string): NotificationRow {
  return {
    id: notification.id,
    kind: notification.kind,
    recipient: notification.to,
    subject: notification.subject,
    text: notification.text,
    html: notification.html,
    trackingId: notification.trackingId ?? null,
    headers: notification.headers ? JSON.stringify(notification.headers) : null,
    createdAt: at,
    dueMs: Date.parse(at),
  };
}

function claimedNotification(row: ClaimedRow): OutboxNotification {
  return {
    id: row.id,
    kind: row.kind,
    to: row.recipient,
    subject: row.subject,
    text: row.text,
    html: row.html,
    ...(row.tracking_id !== null ? { trackingId: row.tracking_id } : {}),
    ...(row.headers !== null ? { headers: JSON.parse(row.headers) as Record<string, string> } : {}),
    createdAt: row.created_at,
    attempts: row.attempts,
    dueAt: new Date(row.due_ms).toISOString(),
    lastError: row.last_error,
  };
}

interface RecordRow {
  record: string;
}

/** Opens the SQLite file at `path` (created with its folder if missing) as a Store. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return createSqliteStore(openDatabase(path), options);
}

/** A Store over an already open (and migrated) database file; `close()` closes it. */
export function createSqliteStore(db: SqliteDatabase, options: SqliteStoreOptions = {}): SqliteStore {
  if (db.memory) throw new Error('the SQLite store needs a file: its writer thread opens the same file');
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 10 * 1024 * 1024;

  const statements = {
    keyByName: db.prepare<[string], { fingerprint: string; answer: string }>('SELECT fingerprint, answer FROM idempotency_keys WHERE key = ?'),
    complaint: db.prepare<[string], RecordRow>('SELECT record FROM complaints WHERE tracking_id = ?'),
    attachment: db.prepare<[string, string], { meta: string; bytes: Buffer }>('SELECT meta, bytes FROM attachments WHERE tracking_id = ? AND attachment_id = ?'),
  };
  const queries = createQueries(db);

  const writer = new Worker(new URL('./sqlite-writer.worker.mjs', import.meta.url), {
    workerData: { path: db.name, maxBatch: options.maxBatch ?? 1000 },
  });
  writer.unref();
  let writerFailure: StoreError | null = null;
  let closed = false;
  let queue: PendingWrite[] = [];
  let scheduled = false;
  let nextBatch = 0;
  const inFlight = new Map<number, PendingWrite[]>();
  let commits = 0;
  let lastCommit = 0;
  let writes = 0;
  let closedByWriter: (() => void) | null = null;

  function failAll(error: StoreError): void {
    writerFailure ??= error;
    for (const batch of inFlight.values()) for (const pending of batch) pending.reject(error);
    inFlight.clear();
    for (const pending of queue) pending.reject(error);
    queue = [];
  }

  writer.on('message', (message: WriterMessage) => {
    if ('ready' in message) return;
    if ('closed' in message) {
      closedByWriter?.();
      return;
    }
    const batch = inFlight.get(message.batch);
    if (!batch) return;
    inFlight.delete(message.batch);
    if (message.commit !== null && message.commit !== lastCommit) {
      lastCommit = message.commit;
      commits += 1;
    }
    writes += batch.length;
    // Only now, after COMMIT returned in the writer, does anyone hear that their write is stored.
    batch.forEach((pending, index) => {
      const result = message.results[index]!;
      if (result.ok) pending.resolve(result.value);
      else pending.reject(new StoreError('write_failed', `${result.error.code}: ${result.error.message}`));
    });
    // The writer keeps the process alive only while someone waits for it.
    if (inFlight.size === 0 && queue.length === 0) writer.unref();
  });
  writer.on('error', (error) => failAll(new StoreError('writer_failed', `the SQLite writer failed: ${error.name}`)));
  writer.on('exit', () => {
    if (!closed) failAll(new StoreError('writer_failed', 'the SQLite writer stopped'));
    closedByWriter?.();
  });

  function send(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = (nextBatch += 1);
    inFlight.set(batch, queue);
    const writes = queue.map((pending) => pending.write);
    // Attachment bytes that own their whole buffer move to the writer instead of being copied:
    // a 50 MB complaint would otherwise be held twice.
    const transfer = writes.flatMap((write) =>
      write.kind === 'insert' || write.kind === 'update' ? write.attachments.map((attachment) => attachment.bytes).filter((bytes) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.byteLength > 64 * 1024).map((bytes) => bytes.buffer as ArrayBuffer) : [],
    );
    writer.postMessage({ batch, writes }, transfer);
    queue = [];
  }

  function enqueue<T>(write: Write): Promise<T> {
    if (closed) return Promise.reject(new StoreError('closed', 'the store is closed'));
    if (writerFailure) return Promise.reject(writerFailure);
    return new Promise<T>((resolve, reject) => {
      queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      writer.ref();
      if (!scheduled) {
        scheduled = true;
        // One message per turn of the event loop; the writer merges what arrives during a commit.
        setImmediate(send);
      }
    });
  }

  function checkAttachment(attachment: StoredAttachment): void {
    if (attachment.bytes.byteLength > maxAttachmentBytes) {
      throw new StoreError('attachment_too_large', `attachment ${attachment.meta.id} has ${attachment.bytes.byteLength} bytes, more than ${maxAttachmentBytes}`);
    }
    if (attachment.bytes.byteLength !== attachment.meta.size) {
      throw new StoreError('attachment_size_mismatch', `attachment ${attachment.meta.id} has ${attachment.bytes.byteLength} bytes, its metadata says ${attachment.meta.size}`);
    }
  }

  function ensureOpen(): void {
    if (closed) throw new StoreError('closed', 'the store is closed');
  }

  return {
    database: db,

    insertOnce(submission) {
      try {
        submission.attachments.forEach(checkAttachment);
      } catch (error) {
        return Promise.reject(error);
      }
      return enqueue<true | { fingerprint: string; answer: string }>(insertWrite(submission)).then(
        (stored): InsertOutcome =>
          stored === true ? { inserted: true, answer: submission.answer } : { inserted: false, fingerprint: stored.fingerprint, answer: JSON.parse(stored.answer) as StoredAnswer },
      );
    },

    async findByIdempotencyKey(key) {
      ensureOpen();
      const known = statements.keyByName.get(key);
      return known ? { fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as StoredAnswer } : null;
    },

    async get(trackingId) {
      ensureOpen();
      const row = statements.complaint.get(trackingId);
      return row ? (JSON.parse(row.record) as ComplaintRecord) : null;
    },

    update(next, effects = {}) {
      try {
        (effects.attachments ?? []).forEach(checkAttachment);
      } catch (error) {
        return Promise.reject(error);
      }
      const at = next.history.at(-1)?.at ?? next.receivedAt;
      return enqueue<boolean>({
        kind: 'update',
        complaint: rowOf(next),
        idempotency: effects.idempotency ? { ...effects.idempotency, answer: JSON.stringify(effects.idempotency.answer) } : null,
        attachments: (effects.attachments ?? []).map(attachmentRow),
        notifications: (effects.notifications ?? []).map((notification) => notificationRow(notification, at)),
      });
    },

    async findActionByKey(key) {
      ensureOpen();
      const known = statements.keyByName.get(key);
      return known ? { fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as unknown } : null;
    },

    enqueueNotifications(notifications) {
      const at = new Date().toISOString();
      return enqueue<null>({ kind: 'enqueue', notifications: notifications.map((notification) => notificationRow(notification, at)) }).then(() => undefined);
    },

    claimNotifications({ now, limit, leaseMs }) {
      return enqueue<ClaimedRow[]>({ kind: 'claim', nowMs: Date.parse(now), limit, leaseMs }).then((rows) => rows.map(claimedNotification));
    },

    settleNotification(id, outcome) {
      return enqueue<null>(
        outcome.sent ? { kind: 'settle', id, sentAt: outcome.at, retryMs: 0, error: null } : { kind: 'settle', id, sentAt: null, retryMs: Date.parse(outcome.retryAt), error: outcome.error.slice(0, 500) },
      ).then(() => undefined);
    },

    async query(query) {
      ensureOpen();
      return queries.query(query);
    },

    async countByStatus(filter) {
      ensureOpen();
      return queries.countByStatus(filter);
    },

    async updates(query) {
      ensureOpen();
      return queries.updates(query);
    },

    async indicatorAggregates(query) {
      ensureOpen();
      return queries.indicatorAggregates(query);
    },

    async listCredentials() {
      ensureOpen();
      return queries.listCredentials();
    },

    async syncCredentials(change) {
      ensureOpen();
      queries.syncCredentials(change);
    },

    async rotateCredential(principalId, tokenHash, at) {
      ensureOpen();
      return queries.rotateCredential(principalId, tokenHash, at);
    },

    async credentialsVersion() {
      ensureOpen();
      return queries.credentialsVersion();
    },

    async getAttachment(trackingId, attachmentId) {
      ensureOpen();
      const row = statements.attachment.get(trackingId, attachmentId);
      if (!row) return null;
      return { meta: JSON.parse(row.meta) as StoredAttachment['meta'], bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
    },

    commitStats: () => ({ commits, writes }),

    async backup(file) {
      ensureOpen();
      await db.backup(file);
    },

    async close() {
      if (closed) return;
      // Writes already accepted are committed, not dropped: the writer drains its queue first.
      send();
      closed = true;
      if (!writerFailure) {
        writer.ref();
        await new Promise<void>((resolve) => {
          closedByWriter = resolve;
          writer.postMessage({ close: true });
        });
      }
      await writer.terminate();
      db.close();
    },
  };
}
