/**
 * The notification outbox in PostgreSQL. Notifications are written by the statement of the change
 * that causes them (inserts.ts, the update in postgres-store.ts) or alone (`enqueue`); a second
 * insert with the same id is ignored. Senders in every instance claim due rows with
 * `FOR UPDATE SKIP LOCKED` and a lease, so a notification is sent by one sender at a time.
 */
import type { NewNotification, OutboxNotification } from '@narahubung/core';
import type { Pool } from 'pg';

/** The parameters of notifications as arrays (one per column), in the order of `NOTIFICATION_COLUMNS`. */
export const NOTIFICATION_COLUMNS = [
  ['id', 'text'],
  ['kind', 'text'],
  ['recipient', 'text'],
  ['subject', 'text'],
  ['text', 'text'],
  ['html', 'text'],
  ['tracking_id', 'text'],
  ['headers', 'text'],
  ['created_at', 'text'],
  ['due_ms', 'bigint'],
] as const;

/**
 * One array per column of `NOTIFICATION_COLUMNS`, for notifications caused at `at` (each due then),
 * and the owners' array when they belong to changes (see `insertNotifications`).
 */
export function notificationArrays(notifications: readonly { notification: NewNotification; at: string; owner?: string }[], owned = false): unknown[][] {
  return [
    notifications.map(({ notification }) => notification.id),
    notifications.map(({ notification }) => notification.kind),
    notifications.map(({ notification }) => notification.to),
    notifications.map(({ notification }) => notification.subject),
    notifications.map(({ notification }) => notification.text),
    notifications.map(({ notification }) => notification.html),
    notifications.map(({ notification }) => notification.trackingId ?? null),
    notifications.map(({ notification }) => (notification.headers ? JSON.stringify(notification.headers) : null)),
    notifications.map(({ at }) => at),
    notifications.map(({ at }) => Date.parse(at)),
    ...(owned ? [notifications.map(({ owner }) => owner ?? null)] : []),
  ];
}

/**
 * `INSERT … SELECT` of notifications given as arrays from parameter `$first` on. With `owners` (a
 * CTE of the tracking ids whose change happened), one more array after them names each one's
 * complaint, and only those of a change that happened go in. Ids already there are ignored.
 */
export function insertNotifications(first: number, owners: string | null = null): string {
  const columns = NOTIFICATION_COLUMNS.map(([column]) => column);
  const arrays = NOTIFICATION_COLUMNS.map(([, type], index) => `$${first + index}::${type}[]`);
  const owner = `$${first + NOTIFICATION_COLUMNS.length}::text[]`;
  return `INSERT INTO notifications (${columns.join(', ')})
    SELECT ${columns.map((column) => `n.${column}`).join(', ')}
    FROM unnest(${[...arrays, ...(owners ? [owner] : [])].join(', ')}) AS n (${[...columns, ...(owners ? ['owner'] : [])].join(', ')})
    ${owners ? `JOIN ${owners} AS happened ON happened.tracking_id = n.owner` : ''}
    ON CONFLICT (id) DO NOTHING`;
}

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
  due_ms: string;
  attempts: number;
  last_error: string | null;
}

const CLAIM = `
  WITH claimed AS (
    UPDATE notifications SET lease_until_ms = $1::bigint + $3::bigint
    WHERE id IN (
      SELECT id FROM notifications
      WHERE sent_at IS NULL AND due_ms <= $1::bigint AND lease_until_ms <= $1::bigint
      ORDER BY due_ms, id LIMIT $2
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, recipient, subject, text, html, tracking_id, headers, created_at, due_ms, attempts, last_error
  )
  SELECT * FROM claimed ORDER BY due_ms, id`;

export function createOutbox(pool: Pool) {
  return {
    async enqueue(notifications: readonly NewNotification[]): Promise<void> {
      if (notifications.length === 0) return;
      const at = new Date().toISOString();
      await pool.query(insertNotifications(1), notificationArrays(notifications.map((notification) => ({ notification, at }))));
    },

    async claim({ now, limit, leaseMs }: { now: string; limit: number; leaseMs: number }): Promise<OutboxNotification[]> {
      const { rows } = await pool.query<ClaimedRow>({ name: 'nh_claim', text: CLAIM, values: [Date.parse(now), Math.max(0, Math.floor(limit)), leaseMs] });
      return rows.map((row) => ({
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
        dueAt: new Date(Number(row.due_ms)).toISOString(),
        lastError: row.last_error,
      }));
    },

    async settle(id: string, outcome: { sent: true; at: string } | { sent: false; retryAt: string; error: string }): Promise<void> {
      if (outcome.sent) {
        await pool.query('UPDATE notifications SET sent_at = $2, attempts = attempts + 1, lease_until_ms = 0 WHERE id = $1', [id, outcome.at]);
      } else {
        await pool.query('UPDATE notifications SET due_ms = $2::bigint, last_error = $3, attempts = attempts + 1, lease_until_ms = 0 WHERE id = $1', [id, Date.parse(outcome.retryAt), outcome.error.slice(0, 500)]);
      }
    },
  };
}
