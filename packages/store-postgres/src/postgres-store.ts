/**
 * Core's `Store` and `CredentialStore` on PostgreSQL, through a node-postgres pool, for servers
 * that run several instances on one database.
 *
 * Inserts are one statement per batch (inserts.ts): submissions that arrive while earlier ones
 * commit go together, so one round trip and one WAL flush serve many. Idempotency-key lookups are
 * batched the same way. Each call resolves only after its statement committed.
 */
import type { ComplaintRecord, CredentialStore, InsertOutcome, NewSubmission, Store, StoredAttachment, SubmitAnswer } from '@narahubung/core';
import pg from 'pg';
import type { Pool, PoolConfig } from 'pg';
import { createAttachmentFiles } from './attachment-files.js';
import type { AttachmentFiles } from './attachment-files.js';
import { createBatcher } from './batcher.js';
import { complaintRow, COMPLAINT_COLUMNS } from './columns.js';
import { createCredentials } from './credentials.js';
import { createInserts } from './inserts.js';
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
  /** Waits for queries in flight, then ends every connection. */
  close(): Promise<void>;
}

/**
 * Replaces a complaint if its version is the one before `next`'s, and adds its new public
 * changes (those already stored stay). Title and description never change: the search column stays.
 */
const UPDATE = `
  WITH changed AS (
    UPDATE complaints SET agency_id = $2, handling_agency_id = $3, status = $4, kind = $5, category = $6, confidentiality = $7,
      received_ms = $8, due_key = $9, assignee_id = $10, version = $11, record = $12
    WHERE tracking_id = $1 AND version = $11::integer - 1
    RETURNING tracking_id, confidentiality
  ), added AS (
    INSERT INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry)
    SELECT c.tracking_id, u.idx, u.at_ms, c.confidentiality, u.entry
    FROM changed AS c, unnest($13::integer[], $14::bigint[], $15::text[]) AS u (idx, at_ms, entry)
    ON CONFLICT (tracking_id, idx) DO NOTHING
  )
  SELECT count(*)::integer AS applied FROM changed`;

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
  let closed: Promise<void> | null = null;

  function ensureOpen(): void {
    if (closed) throw new StoreError('closed', 'the store is closed');
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

  async function insertOnce(submission: NewSubmission): Promise<InsertOutcome> {
    ensureOpen();
    submission.attachments.forEach(checkAttachment);
    const trackingId = submission.record.trackingId;
    // In a directory, the files are on disk before the complaint that names them is committed.
    if (files) await files.write(trackingId, submission.attachments.map((attachment) => ({ id: attachment.meta.id, bytes: attachment.bytes })));
    const attachmentBytes = submission.attachments.map((attachment) => (files ? null : Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength)));
    let outcome: InsertOutcome;
    try {
      outcome = await inserts.insert({ submission, attachmentBytes });
    } catch (error) {
      if (files) await files.remove(trackingId);
      throw error;
    }
    // Another submission had the key: this one's files belong to nobody.
    if (files && !outcome.inserted) await files.remove(trackingId);
    return outcome;
  }

  const findKeys = createBatcher(
    async (keys: string[]): Promise<PromiseSettledResult<{ fingerprint: string; answer: SubmitAnswer } | null>[]> => {
      const { rows } = await pool.query<{ key: string; fingerprint: string; answer: string }>({
        name: 'nh_keys',
        text: 'SELECT key, fingerprint, answer FROM idempotency_keys WHERE key = ANY($1::text[])',
        values: [[...new Set(keys)]],
      });
      const found = new Map(rows.map((row) => [row.key, { fingerprint: row.fingerprint, answer: JSON.parse(row.answer) as SubmitAnswer }]));
      return keys.map((key) => ({ status: 'fulfilled', value: found.get(key) ?? null }));
    },
    { maxBatch: 500, maxInFlight: BATCHES_IN_FLIGHT },
  );

  return {
    pool,
    migrationsApplied,
    commitStats: inserts.stats,
    insertOnce,

    async findByIdempotencyKey(key) {
      ensureOpen();
      return findKeys(key);
    },

    async get(trackingId) {
      ensureOpen();
      const { rows } = await pool.query<{ record: string }>({ name: 'nh_get', text: 'SELECT record FROM complaints WHERE tracking_id = $1', values: [trackingId] });
      return rows[0] ? (JSON.parse(rows[0].record) as ComplaintRecord) : null;
    },

    async update(next) {
      ensureOpen();
      const row = complaintRow(next);
      const search = COMPLAINT_COLUMNS.findIndex(([column]) => column === 'search');
      const values = [
        ...row.values.filter((_, index) => index !== search),
        row.updates.map((update) => update.index),
        row.updates.map((update) => update.atMs),
        row.updates.map((update) => update.entry),
      ];
      const { rows } = await pool.query<{ applied: number }>({ name: 'nh_update', text: UPDATE, values });
      return rows[0]?.applied === 1;
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

    async getAttachment(trackingId, attachmentId) {
      ensureOpen();
      const { rows } = await pool.query<{ meta: string; bytes: Buffer | null }>({
        name: 'nh_attachment',
        text: 'SELECT meta, bytes FROM attachments WHERE tracking_id = $1 AND attachment_id = $2',
        values: [trackingId, attachmentId],
      });
      const row = rows[0];
      if (!row) return null;
      const meta = JSON.parse(row.meta) as StoredAttachment['meta'];
      if (row.bytes) return { meta, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
      const bytes = files ? await files.read(trackingId, attachmentId) : null;
      if (!bytes) {
        throw new StoreError('attachment_missing', `attachment ${attachmentId} of ${trackingId} is kept as a file${files ? ', and the file is missing' : ': open the store with attachmentsDir'}`);
      }
      return { meta, bytes };
    },

    ...guarded(credentials, ensureOpen),

    close() {
      closed ??= pool.end();
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
