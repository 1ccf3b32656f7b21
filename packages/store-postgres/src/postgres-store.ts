/**
 * Core's `Store` and `CredentialStore` on PostgreSQL, through a node-postgres pool, for servers
 * that run several instances on one database.
 *
 * An insert is one statement (one round trip, one transaction): the idempotency key goes in first
 * with `ON CONFLICT DO NOTHING`, and the complaint, its public changes and its attachments are
 * inserted only from the key's RETURNING row. The key's primary key is what makes an insert happen
 * once, whichever process sends it; PostgreSQL commits with the server's `synchronous_commit` (on
 * by default), so the call resolves once the complaint is on disk.
 */
import type { ComplaintRecord, CredentialStore, InsertOutcome, NewSubmission, Store, StoredAttachment, SubmitAnswer } from '@narahubung/core';
import pg from 'pg';
import type { Pool, PoolConfig } from 'pg';
import { createAttachmentFiles } from './attachment-files.js';
import type { AttachmentFiles } from './attachment-files.js';
import { complaintRow, COMPLAINT_COLUMNS } from './columns.js';
import { createCredentials } from './credentials.js';
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
  /** Waits for queries in flight, then ends every connection. */
  close(): Promise<void>;
}

/** Up to this many attachments, each count has its own prepared insert. */
const PREPARED_ATTACHMENT_COUNTS = 8;

/** The insert-once statement for a submission with `attachmentCount` attachments. */
function insertStatement(attachmentCount: number): string {
  const complaintParameters = COMPLAINT_COLUMNS.map(([column, type], index) => (column === 'search' ? `array_to_tsvector($${index + 1}::text[])` : `$${index + 1}::${type}`));
  const base = COMPLAINT_COLUMNS.length;
  const [key, fingerprint, answer, indexes, instants, entries] = [1, 2, 3, 4, 5, 6].map((offset) => `$${base + offset}`);
  const attachmentRows = Array.from({ length: attachmentCount }, (_, index) => {
    const first = base + 7 + index * 3;
    return `($${first}::text, $${first + 1}::text, $${first + 2}::bytea)`;
  });
  return `
    WITH new_key AS (
      INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id) VALUES (${key}, ${fingerprint}, ${answer}, $1)
      ON CONFLICT (key) DO NOTHING
      RETURNING tracking_id
    ), new_complaint AS (
      INSERT INTO complaints (${COMPLAINT_COLUMNS.map(([column]) => column).join(', ')})
      SELECT ${complaintParameters.join(', ')} FROM new_key
      RETURNING tracking_id, confidentiality
    ), new_updates AS (
      INSERT INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry)
      SELECT c.tracking_id, u.idx, u.at_ms, c.confidentiality, u.entry
      FROM new_complaint AS c, unnest(${indexes}::integer[], ${instants}::bigint[], ${entries}::text[]) AS u (idx, at_ms, entry)
    )${
      attachmentCount === 0
        ? ''
        : `, new_attachments AS (
      INSERT INTO attachments (tracking_id, attachment_id, meta, bytes)
      SELECT c.tracking_id, a.id, a.meta, a.bytes FROM new_complaint AS c, (VALUES ${attachmentRows.join(', ')}) AS a (id, meta, bytes)
    )`
    }
    SELECT inserted.yes AS inserted, k.fingerprint, k.answer
    FROM (SELECT count(*) > 0 AS yes FROM new_complaint) AS inserted
    LEFT JOIN idempotency_keys AS k ON NOT inserted.yes AND k.key = ${key}`;
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

  async function insertOnce(submission: NewSubmission): Promise<InsertOutcome> {
    ensureOpen();
    submission.attachments.forEach(checkAttachment);
    const row = complaintRow(submission.record);
    const count = submission.attachments.length;
    // In a directory, the files are on disk before the complaint that names them is committed.
    if (files) await files.write(row.trackingId, submission.attachments.map((attachment) => ({ id: attachment.meta.id, bytes: attachment.bytes })));
    const values: unknown[] = [
      ...row.values,
      submission.idempotencyKey,
      submission.fingerprint,
      JSON.stringify(submission.answer),
      row.updates.map((update) => update.index),
      row.updates.map((update) => update.atMs),
      row.updates.map((update) => update.entry),
      ...submission.attachments.flatMap((attachment) => [
        attachment.meta.id,
        JSON.stringify(attachment.meta),
        files ? null : Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength),
      ]),
    ];
    const text = insertStatement(count);
    let stored: { inserted: boolean; fingerprint: string | null; answer: string | null } | undefined;
    try {
      const result = await pool.query<{ inserted: boolean; fingerprint: string | null; answer: string | null }>(
        count <= PREPARED_ATTACHMENT_COUNTS ? { name: `nh_insert_${count}`, text, values } : { text, values },
      );
      stored = result.rows[0];
    } catch (error) {
      if (files) await files.remove(row.trackingId);
      throw error;
    }
    if (stored?.inserted) return { inserted: true, answer: submission.answer };
    if (files) await files.remove(row.trackingId);
    // The key was there. When another process committed it after this statement began, the
    // statement could not see it: read it again, now that it is committed.
    const known = stored?.fingerprint != null && stored.answer != null ? { fingerprint: stored.fingerprint, answer: stored.answer } : await keyRow(submission.idempotencyKey);
    if (!known) throw new Error(`the idempotency key ${submission.idempotencyKey} conflicted but cannot be read`);
    return { inserted: false, fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as SubmitAnswer };
  }

  async function keyRow(key: string): Promise<{ fingerprint: string; answer: string } | null> {
    const { rows } = await pool.query<{ fingerprint: string; answer: string }>({ name: 'nh_key', text: 'SELECT fingerprint, answer FROM idempotency_keys WHERE key = $1', values: [key] });
    return rows[0] ?? null;
  }

  return {
    pool,
    migrationsApplied,
    insertOnce,

    async findByIdempotencyKey(key) {
      ensureOpen();
      const known = await keyRow(key);
      return known ? { fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as SubmitAnswer } : null;
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
