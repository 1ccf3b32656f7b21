/**
 * Insert-once, in batches: one statement stores every new submission of a batch. The idempotency
 * keys go in first (`ON CONFLICT DO NOTHING`), and only the rows whose key went in are followed by
 * their complaint and public changes, so the keys' primary key is what makes each insert happen
 * once, whichever process sends it. The statement is its own transaction; it returns after COMMIT,
 * with the server's `synchronous_commit` (on by default: the WAL is on disk).
 *
 * Attachments travel as binary parameters, one per file, so a submission with attachments is a
 * batch of its own (an array of bytea would be sent as hex text, twice the size).
 */
import type { InsertOutcome, NewSubmission, StoredAnswer } from '@narahubung/core';
import type { Pool } from 'pg';
import { createBatcher } from './batcher.js';
import { COMPLAINT_COLUMNS, complaintRow } from './columns.js';
import { insertNotifications, NOTIFICATION_COLUMNS, notificationArrays } from './notifications.js';

/** A submission ready to bind, with each attachment's bytes for the database, or its file (kept in a directory). */
export interface InsertItem {
  submission: NewSubmission;
  attachments: { bytes: Buffer | null; file: string | null }[];
}

/** The parameters of the batch's arrays, in order: the key's, then one array per complaint column. */
const KEY_ARRAYS = [
  ['key', 'text'],
  ['fingerprint', 'text'],
  ['answer', 'text'],
] as const;

/** Up to this many attachments, each count has its own prepared statement. */
const PREPARED_ATTACHMENT_COUNTS = 8;

/** The statement for a batch; `attachmentCount` > 0 only for a batch of one submission. */
export function insertStatement(attachmentCount: number): string {
  const arrays = [...KEY_ARRAYS, ...COMPLAINT_COLUMNS];
  const input = arrays.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  const names = arrays.map(([column]) => column).join(', ');
  const base = arrays.length;
  const updates = [1, 2, 3, 4].map((offset) => `$${base + offset}`);
  const complaintValues = COMPLAINT_COLUMNS.map(([column]) => (column === 'search' ? `array_to_tsvector(string_to_array(i.search, ' '))` : `i.${column}`));
  const notificationsFrom = base + 5;
  const attachmentsFrom = notificationsFrom + NOTIFICATION_COLUMNS.length + 1;
  const attachmentRows = Array.from({ length: attachmentCount }, (_, index) => {
    const first = attachmentsFrom + index * 4;
    return `($${first}::text, $${first + 1}::text, $${first + 2}::bytea, $${first + 3}::text)`;
  });
  return `
    WITH input AS (
      SELECT * FROM unnest(${input}) WITH ORDINALITY AS i (${names}, position)
    ), new_keys AS (
      INSERT INTO idempotency_keys (key, fingerprint, answer, tracking_id)
      SELECT key, fingerprint, answer, tracking_id FROM input
      ON CONFLICT (key) DO NOTHING
      RETURNING key, tracking_id
    ), new_complaints AS (
      INSERT INTO complaints (${COMPLAINT_COLUMNS.map(([column]) => column).join(', ')})
      SELECT ${complaintValues.join(', ')} FROM input AS i JOIN new_keys AS k ON k.key = i.key
      RETURNING tracking_id, confidentiality
    ), new_updates AS (
      INSERT INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry)
      SELECT c.tracking_id, u.idx, u.at_ms, c.confidentiality, u.entry
      FROM new_complaints AS c
      JOIN unnest(${updates[0]}::text[], ${updates[1]}::integer[], ${updates[2]}::bigint[], ${updates[3]}::text[]) AS u (tracking_id, idx, at_ms, entry) ON u.tracking_id = c.tracking_id
    ), new_notifications AS (
      ${insertNotifications(notificationsFrom, 'new_complaints')}
    )${
      attachmentCount === 0
        ? ''
        : `, new_attachments AS (
      INSERT INTO attachments (tracking_id, attachment_id, meta, bytes, file)
      SELECT c.tracking_id, a.id, a.meta, a.bytes, a.file FROM new_complaints AS c, (VALUES ${attachmentRows.join(', ')}) AS a (id, meta, bytes, file)
    )`
    }
    SELECT k.key IS NOT NULL AS inserted, earlier.fingerprint, earlier.answer
    FROM input AS i
    LEFT JOIN new_keys AS k ON k.key = i.key
    LEFT JOIN idempotency_keys AS earlier ON k.key IS NULL AND earlier.key = i.key
    ORDER BY i.position`;
}

/** The parameters of a batch, in the order of `insertStatement`. */
function batchValues(items: readonly InsertItem[]): unknown[] {
  const rows = items.map((item) => ({ item, row: complaintRow(item.submission.record) }));
  const keyArrays = [
    rows.map(({ item }) => item.submission.idempotencyKey),
    rows.map(({ item }) => item.submission.fingerprint),
    rows.map(({ item }) => JSON.stringify(item.submission.answer)),
  ];
  const columnArrays = COMPLAINT_COLUMNS.map((_, column) => rows.map(({ row }) => row.values[column]));
  const updates = rows.flatMap(({ row }) => row.updates.map((update) => ({ trackingId: row.trackingId, ...update })));
  const notifications = notificationArrays(
    rows.flatMap(({ item, row }) => (item.submission.notifications ?? []).map((notification) => ({ notification, at: item.submission.record.receivedAt, owner: row.trackingId }))),
    true,
  );
  const attachments =
    items.length === 1
      ? items[0]!.submission.attachments.flatMap((attachment, index) => {
          const stored = items[0]!.attachments[index];
          return [attachment.meta.id, JSON.stringify(attachment.meta), stored?.bytes ?? null, stored?.file ?? null];
        })
      : [];
  return [
    ...keyArrays,
    ...columnArrays,
    updates.map((update) => update.trackingId),
    updates.map((update) => update.index),
    updates.map((update) => update.atMs),
    updates.map((update) => update.entry),
    ...notifications,
    ...attachments,
  ];
}

interface InsertRow {
  inserted: boolean;
  fingerprint: string | null;
  answer: string | null;
}

/**
 * `insert(item)`: stores a submission once per key, batched with others under load. A batch that
 * fails (one row broke a constraint) is retried one submission at a time, so only that one fails.
 */
export function createInserts(pool: Pool, limits: { maxBatch: number; maxInFlight: number }) {
  let commits = 0;
  let writes = 0;

  async function runStatement(items: readonly InsertItem[]): Promise<InsertRow[]> {
    const attachmentCount = items.length === 1 ? items[0]!.submission.attachments.length : 0;
    const text = insertStatement(attachmentCount);
    const values = batchValues(items);
    const { rows } = await pool.query<InsertRow>(attachmentCount <= PREPARED_ATTACHMENT_COUNTS ? { name: `nh_insert_${attachmentCount}`, text, values } : { text, values });
    commits += 1;
    writes += items.length;
    return rows;
  }

  async function outcome(item: InsertItem, row: InsertRow | undefined): Promise<InsertOutcome> {
    if (row?.inserted) return { inserted: true, answer: item.submission.answer };
    // The key was there. When another process committed it after this statement began, the
    // statement could not see it: read it again, now that it is committed.
    const known = row?.fingerprint != null && row.answer != null ? { fingerprint: row.fingerprint, answer: row.answer } : await keyRow(pool, item.submission.idempotencyKey);
    if (!known) throw new Error('an idempotency key conflicted but cannot be read');
    return { inserted: false, fingerprint: known.fingerprint, answer: JSON.parse(known.answer) as StoredAnswer };
  }

  async function one(item: InsertItem): Promise<InsertOutcome> {
    return outcome(item, (await runStatement([item]))[0]);
  }

  async function run(items: InsertItem[]): Promise<PromiseSettledResult<InsertOutcome>[]> {
    // A submission with attachments goes alone. One whose key is already in the batch waits for
    // the first with that key: it is a replay of it.
    const batch: InsertItem[] = [];
    const alone: InsertItem[] = [];
    const firstWithKey = new Map<string, InsertItem>();
    const repeats: InsertItem[] = [];
    for (const item of items) {
      const key = item.submission.idempotencyKey;
      if (firstWithKey.has(key)) repeats.push(item);
      else if (item.submission.attachments.length > 0) {
        firstWithKey.set(key, item);
        alone.push(item);
      } else {
        firstWithKey.set(key, item);
        batch.push(item);
      }
    }
    const results = new Map<InsertItem, PromiseSettledResult<InsertOutcome>>();
    const settle = async (item: InsertItem, work: Promise<InsertOutcome>) => results.set(item, (await Promise.allSettled([work]))[0]!);
    if (batch.length > 0) {
      let rows: InsertRow[] | null = null;
      try {
        rows = await runStatement(batch);
      } catch {
        // One of them broke a constraint (or the connection failed): each on its own, in order, so
        // the others go in and the same one fails as would have alone.
      }
      if (rows) await Promise.all(batch.map((item, index) => settle(item, outcome(item, rows[index]))));
      else for (const item of batch) await settle(item, one(item));
    }
    await Promise.all(alone.map((item) => settle(item, one(item))));
    for (const item of repeats) {
      const first = firstWithKey.get(item.submission.idempotencyKey)!;
      const earlier = results.get(first)!;
      if (earlier.status === 'rejected') await settle(item, one(item));
      else if (earlier.value.inserted) results.set(item, { status: 'fulfilled', value: { inserted: false, fingerprint: first.submission.fingerprint, answer: earlier.value.answer } });
      else results.set(item, earlier);
    }
    return items.map((item) => results.get(item)!);
  }

  return {
    insert: createBatcher(run, limits),
    /** Insert statements committed, and the submissions they carried. */
    stats: () => ({ commits, writes }),
  };
}

/** What is stored under an idempotency key, or null. */
export async function keyRow(pool: Pool, key: string): Promise<{ fingerprint: string; answer: string } | null> {
  const { rows } = await pool.query<{ fingerprint: string; answer: string }>({ name: 'nh_key', text: 'SELECT fingerprint, answer FROM idempotency_keys WHERE key = $1', values: [key] });
  return rows[0] ?? null;
}
