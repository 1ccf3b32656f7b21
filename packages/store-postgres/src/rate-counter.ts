/**
 * A `RateCounter` in PostgreSQL, shared by every instance on the database: a limit of 20
 * submissions a minute stays 20 however a proxy spreads a client over the instances. Each hit is
 * one atomic statement (an upsert that starts a new window when the previous one ended, exactly as
 * core's `createMemoryRateCounter` does). The table is unlogged: windows are lost in a crash of the
 * database (a client then starts afresh), and a hit never waits for a WAL flush.
 */
import type { RateCounter } from '@narahubung/core';
import type { Pool } from 'pg';

const HIT = `
  INSERT INTO rate_windows AS current (client, window_start, hits) VALUES ($1, $2::bigint, 1)
  ON CONFLICT (client) DO UPDATE SET
    window_start = CASE WHEN $2::bigint - current.window_start >= $3::bigint THEN $2::bigint ELSE current.window_start END,
    hits = CASE WHEN $2::bigint - current.window_start >= $3::bigint THEN 1 ELSE current.hits + 1 END
  RETURNING hits, window_start`;

/** How often one process removes windows that ended, in milliseconds of the hits' clock. */
const SWEEP_EVERY_MS = 60_000;

/**
 * A counter on the store's pool (`store.pool`): its table is made by the store's migrations.
 * @example
 * const store = await openPostgresStore(process.env.DATABASE_URL);
 * createIntakeHandler({ store, rateLimit: { submissions: 20, windowSeconds: 60 }, rateCounter: createPostgresRateCounter(store.pool), … });
 */
export function createPostgresRateCounter(pool: Pool): RateCounter {
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async hit(client, at, windowSeconds) {
      const windowMs = Math.round(windowSeconds * 1000);
      const { rows } = await pool.query<{ hits: number; window_start: string }>({ name: 'nh_rate_hit', text: HIT, values: [client, at, windowMs] });
      const row = rows[0]!;
      if (at - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = at;
        // Not awaited, and harmless if it fails: a window that ended restarts on its next hit anyway.
        pool.query('DELETE FROM rate_windows WHERE window_start <= $1::bigint', [at - windowMs]).catch(() => undefined);
      }
      return { count: row.hits, windowStart: Number(row.window_start) };
    },
  };
}
