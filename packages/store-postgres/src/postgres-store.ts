/**
 * Core's `Store` and `CredentialStore` on PostgreSQL, through a node-postgres pool, for servers
 * that run several instances on one database.
 *
 * Inserts are one statement per batch (inserts.ts): submissions that arrive while earlier ones
 * commit go together, so one round trip and one WAL flush serve many. Idempotency-key lookups are
 * batched the same way. Each call resolves only after its statement committed.
 */
import type { ComplaintRecord, CredentialStore, InsertOutcome, NewSubmission, Store, StoredAttachment, StoredAnswer, UpdateEffects } from '@narahubung/core';
import pg from 'pg';
import type { Pool, PoolConfig } from 'pg';
import { createAttachmentFiles } from './attachment-files.js';
import type { AttachmentFiles } from './attachment-files.js';
import { createBatcher } from './batcher.js';
import { complaintRow, COMPLAINT_COLUMNS } from './columns.js';
import { createCredentials } from './credentials.js';
import { createInserts } from './inserts.js';
import { createOutbox, insertNotifications, NOTIFICATION_COLUMNS, notificationArrays } from './notifications.js';
import { createQueries } from './queries.js';
import { migrate } from './schema.js';

export interface PostgresStoreOptions {
  /**
   * node-postgres pool settings beside the connection string (default: at most 20 connections,
   * `application_name` narahubung). Every instance opens its own pool: mind `max_connections`.
   */
  pool?: Omit<PoolConfig, 'connectionString'>;
  /** The largest attachment the store accepts, in bytes (default 10 MiB, core's default policy). */
  maxAttachmentBytes?: number;
  /** The most submissions inserted by one statement (default 100). */
  maxBatch?: number;
  /**
   * Keep attachment bytes as files in this directory instead of in the database (which then holds
   * their metadata only). Every instance must see the same directory.
   */
  attachmentsDir?: string;
  /**
   * Called with errors of idle connections (the database restarted, a connection was cut); the pool
   * drops such a connection and opens a new one when needed. Default: ignored.
   */
  onPoolError?: (error: Error) => void;
}

/** A store problem a caller can act on. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'attachment_too_large' | 'attachment_size_mismatch' | 'attachment_missing' | 'closed',
    detail: string,
  ) {
    super(detail);
  }
}

export interface PostgresStore extends Store, CredentialStore {
  /** The pool the store queries through; share it (e.g. `createPostgresRateCounter(store.pool)`), never end it yourself. */
  readonly pool: Pool;
  /** Migrations this open applied (0 when the schema was current). */
  readonly migrationsApplied: number;
  /** How many insert statements were committed, and how many submissions they carried. */
  commitStats(): { commits: number; writes: number };
  /** Finishes the calls already made (queued submissions are committed), then ends every connection. */
  close(): Promise<void>;
}

/**
 * Replaces a complaint if its version is the one before `next`'s, and adds its new public
 * changes (those already stored stay). Title and description never change: the search column stays.
 */
function updateStatement(attachmentCount: number): string {
  // Parameters: the complaint's columns but the search words (title and description never change;
  // $1 is the tracking id), the public changes' three arrays, the key's three values, the
  // notifications' arrays and their owners, then four per attachment.
  const columns = COMPLAINT_COLUMNS.filter(([column]) => column !== 'search');
  const version = columns.findIndex(([column]) => column === 'version') + 1;
  const assignments = columns.flatMap(([column, type], index) => (column === 'tracking_id' ? [] : [`${column} = $${index + 1}::${type}`]));
  const [indexes, instants, entries, key, fingerprint, answer] = [1, 2, 3, 4, 5, 6].map((offset) => `$${columns.length + offset}`);
  const notificationsFrom = columns.length + 7;
  const attachmentsFrom = notificationsFrom + NOTIFICATION_COLUMNS.length + 1;
  const attachmentRows = Array.from({ length: attachmentCount }, (_, index) => {
    const first = attachmentsFrom + index * 4;
    return `($${first}::text, $${first + 1}::text, $${first + 2}::bytea, $${first + 3}::text)`;
  });
  return `
  WITH changed AS (
    UPDATE complaints SET ${assignments.join(', ')}
    WHERE tracking_id = $1 AND version = $${version}::integer - 1
      -- An idempotent change whose key is already stored happened before: nothing is written.
      AND (${key}::text IS NULL OR NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE key = ${key}::text))
    RETURNING tracking_id, confidentiality
  ), added AS (
    INSERT INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry)
    SELECT c.tracking_id, u.idx, u.at_ms, c.confidentiality, u.entry
    FROM changed AS c, unnest(${indexes}::integer[], ${instants}::bigint[], ${entries}::text[]) AS u (idx, at_ms, entry)
    ON CONFLICT (tracking_id, idx) DO NOTHING
  ), keyed AS (
    INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id)
    SELECT ${key}::text, ${fingerprint}::text, ${answer}::text, c.tracking_id FROM changed AS c WHERE ${key}::text IS NOT NULL
  ), notified AS (
    ${insertNotifications(notificationsFrom, 'changed')}
  )${
    attachmentCount === 0
      ? ''
      : `, new_attachments AS (
    INSERT INTO attachments (tracking_id, attachment_id, meta, bytes, file)
    SELECT c.tracking_id, a.id, a.meta, a.bytes, a.file FROM changed AS c, (VALUES ${attachmentRows.join(', ')}) AS a (id, meta, bytes, file)
  )`
  }
  SELECT count(*)::integer AS applied FROM changed`;
}

/**
 * Opens a pool on `connectionString` (`postgres://user:password@host:port/database`), brings the
 * schema up to date (under an advisory lock: instances starting together take turns) and returns
 * the store. The database must exist and its user may create tables in it.
 * @example
 * const store = await openPostgresStore(process.env.DATABASE_URL!);
 * const handle = createIntakeHandler({ store, directory, calendar, tokens });
 */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ max: 20, application_name: 'narahubung', ...options.pool, connectionString });
  // Without a listener, an idle connection's error (a restart of the database) would end the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  let migrationsApplied: number;
  try {
    const client = await pool.connect();
    try {
      migrationsApplied = await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return createStore(pool, migrationsApplied, options);
}

/** Up to this many attachments, each count has its own prepared update. */
const PREPARED_ATTACHMENT_COUNTS = 8;

/**
 * Insert batches (and key-lookup batches) running at once: later calls wait behind them and go
 * together. Few, so that the pool keeps connections for reads.
 */
const BATCHES_IN_FLIGHT = 4;

function createStore(pool: Pool, migrationsApplied: number, options: PostgresStoreOptions): PostgresStore {
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 10 * 1024 * 1024;
  const files: AttachmentFiles | null = options.attachmentsDir ? createAttachmentFiles(options.attachmentsDir) : null;
  const queries = createQueries(pool);
  const credentials = createCredentials(pool);
  const outbox = createOutbox(pool);
  let closed: Promise<void> | null = null;

  function ensureOpen(): void {
    if (closed) throw new StoreError('closed', 'the store is closed');
  }

  /** Writes in progress: `close()` lets them finish (a queued submission is committed, not dropped). */
  const pending = new Set<Promise<unknown>>();
  function tracked<T>(write: Promise<T>): Promise<T> {
    pending.add(write);
    const forgetIt = () => pending.delete(write);
    write.then(forgetIt, forgetIt);
    return write;
  }

  function checkAttachment(attachment: StoredAttachment): void {
    if (attachment.bytes.byteLength > maxAttachmentBytes) {
      throw new StoreError('attachment_too_large', `attachment ${attachment.meta.id} has ${attachment.bytes.byteLength} bytes, more than ${maxAttachmentBytes}`);
    }
    if (attachment.bytes.byteLength !== attachment.meta.size) {
      throw new StoreError('attachment_size_mismatch', `attachment ${attachment.meta.id} has ${attachment.bytes.byteLength} bytes, its metadata says ${attachment.meta.size}`);
    }
  }

  const inserts = createInserts(pool, { maxBatch: options.maxBatch ?? 100, maxInFlight: BATCHES_IN_FLIGHT });

  /**
   * Attachments as the database takes them: bytes, or (with a directory) the file they were
   * written to, on disk before the row that names it is committed.
   */
  async function storeAttachments(trackingId: string, attachments: readonly StoredAttachment[]): Promise<{ bytes: Buffer | null; file: string | null }[]> {
    if (!files) return attachments.map((attachment) => ({ bytes: Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength), file: null }));
    const written = await files.write(trackingId, attachments.map((attachment) => ({ id: attachment.meta.id, bytes: attachment.bytes })));
    return written.map((file) => ({ bytes: null, file }));
  }

  /** Removes the files of a write that did not happen. */
  async function forget(stored: readonly { file: string | null }[]): Promise<void> {
    const written = stored.flatMap((attachment) => (attachment.file ? [attachment.file] : []));
    if (files && written.length > 0) await files.remove(written);
  }

  async function insertOnce(submission: NewSubmission): Promise<InsertOutcome> {
    submission.attachments.forEach(checkAttachment);
    const stored = await storeAttachments(submission.record.trackingId, submission.attachments);
    let outcome: InsertOutcome;
    try {
      outcome = await inserts.insert({ submission, attachments: stored });
    } catch (error) {
      await forget(stored);
      throw error;
    }
    // Another submission had the key: this one's files belong to nobody.
    if (!outcome.inserted) await forget(stored);
    return outcome;
  }

  async function update(next: ComplaintRecord, effects: UpdateEffects): Promise<boolean> {
    const attachments = effects.attachments ?? [];
    attachments.forEach(checkAttachment);
    const row = complaintRow(next);
    const search = COMPLAINT_COLUMNS.findIndex(([column]) => column === 'search');
    const at = next.history.at(-1)?.at ?? next.receivedAt;
    const key = effects.idempotency ?? null;
    const stored = await storeAttachments(next.trackingId, attachments);
    const values = [
      ...row.values.filter((_, index) => index !== search),
      row.updates.map((update) => update.index),
      row.updates.map((update) => update.atMs),
      row.updates.map((update) => update.entry),
      key?.key ?? null,
      key?.fingerprint ?? null,
      key ? JSON.stringify(key.answer) : null,
      ...notificationArrays((effects.notifications ?? []).map((notification) => ({ notification, at, owner: next.trackingId })), true),
      ...attachments.flatMap((attachment, index) => [attachment.meta.id, JSON.stringify(attachment.meta), stored[index]!.bytes, stored[index]!.file]),
    ];
    const text = updateStatement(attachments.length);
    let applied: boolean;
    try {
      const { rows } = await pool.query<{ applied: number }>(attachments.length <= PREPARED_ATTACHMENT_COUNTS ? { name: `nh_update_${attachments.length}`, text, values } : { text, values });
      applied = rows[0]?.applied === 1;
    } catch (error) {
      await forget(stored);
      throw error;
    }
    // A change that lost its race leaves no files behind.
    if (!applied) await forget(stored);
    return applied;
  }

  const findKeys = createBatcher(
    async (keys: string[]): Promise<PromiseSettledResult<{ fingerprint: string; answer: string } | null>[]> => {
      const { rows } = await pool.query<{ key: string; fingerprint: string; answer: string }>({
        name: 'nh_keys',
        text: 'SELECT key, fingerprint, answer FROM idempotency_keys WHERE key = ANY($1::text[])',
        values: [[...new Set(keys)]],
      });
      const found = new Map(rows.map((row) => [row.key, { fingerprint: row.fingerprint, answer: row.answer }]));
      return keys.map((key) => ({ status: 'fulfilled', value: found.get(key) ?? null }));
    },
    { maxBatch: 500, maxInFlight: BATCHES_IN_FLIGHT },
  );

  return {
    pool,
    migrationsApplied,
    commitStats: inserts.stats,
    insertOnce(submission) {
      try {
        ensureOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      return tracked(insertOnce(submission));
    },

    async findByIdempotencyKey(key) {
      ensureOpen();
      const known = await findKeys(key);
      return known ? { fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as StoredAnswer } : null;
    },

    async findActionByKey(key) {
      ensureOpen();
      const known = await findKeys(key);
      return known ? { fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as unknown } : null;
    },

    async get(trackingId) {
      ensureOpen();
      const { rows } = await pool.query<{ record: string }>({ name: 'nh_get', text: 'SELECT record FROM complaints WHERE tracking_id = $1', values: [trackingId] });
      return rows[0] ? (JSON.parse(rows[0].record) as ComplaintRecord) : null;
    },

    update(next, effects = {}) {
      try {
        ensureOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      return tracked(update(next, effects));
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

    async getAttachment(trackingId, attachmentId) {
      ensureOpen();
      const { rows } = await pool.query<{ meta: string; bytes: Buffer | null; file: string | null }>({
        name: 'nh_attachment',
        text: 'SELECT meta, bytes, file FROM attachments WHERE tracking_id = $1 AND attachment_id = $2',
        values: [trackingId, attachmentId],
      });
      const row = rows[0];
      if (!row) return null;
      const meta = JSON.parse(row.meta) as StoredAttachment['meta'];
      if (row.bytes) return { meta, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
      const bytes = files && row.file ? await files.read(row.file) : null;
      if (!bytes) {
        throw new StoreError('attachment_missing', `attachment ${attachmentId} of ${trackingId} is kept as a file${files ? ', and the file is missing' : ': open the store with attachmentsDir'}`);
      }
      return { meta, bytes };
    },

    async enqueueNotifications(notifications) {
      ensureOpen();
      await outbox.enqueue(notifications);
    },

    async claimNotifications(request) {
      ensureOpen();
      return outbox.claim(request);
    },

    async settleNotification(id, outcome) {
      ensureOpen();
      await outbox.settle(id, outcome);
    },

    ...guarded(credentials, ensureOpen),

    close() {
      // Calls already made are finished (a queued submission is committed, not dropped), then the pool ends.
      closed ??= Promise.allSettled([...pending]).then(() => pool.end());
      return closed;
    },
  };
}

/** The credential methods, each refusing to run on a closed store. */
function guarded(credentials: CredentialStore, ensureOpen: () => void): CredentialStore {
  return {
    listCredentials: async () => (ensureOpen(), credentials.listCredentials()),
    syncCredentials: async (change) => (ensureOpen(), credentials.syncCredentials(change)),
    rotateCredential: async (principalId, tokenHash, at) => (ensureOpen(), credentials.rotateCredential(principalId, tokenHash, at)),
    credentialsVersion: async () => (ensureOpen(), credentials.credentialsVersion()),
  };
}
