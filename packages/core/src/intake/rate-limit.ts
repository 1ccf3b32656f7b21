/**
 * Submissions per client in fixed windows. The count lives in a `RateCounter`: in this process by
 * default, or in a database shared by every instance (`@narahubung/store-postgres` has one), so that
 * a limit of 20 a minute stays 20 however many instances a proxy spreads a client over.
 */
export interface RateLimit {
  /** Submissions allowed per client in one window. */
  submissions: number;
  windowSeconds: number;
}

/** Where hits are counted. */
export interface RateCounter {
  /**
   * Counts one hit of `client` at `at` (milliseconds) and resolves with the count in its current
   * window, this hit included, and when that window started. A window starts at the first hit after
   * the previous one ended (`windowSeconds` long). Atomic across everyone sharing the counter.
   */
  hit(client: string, at: number, windowSeconds: number): Promise<{ count: number; windowStart: number }>;
}

/** A counter in this process's memory; windows that ended are dropped now and then. */
export function createMemoryRateCounter(): RateCounter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(client, at, windowSeconds) {
      const windowMs = windowSeconds * 1000;
      if (windows.size > 100_000) {
        for (const [key, window] of windows) if (at - window.start >= windowMs) windows.delete(key);
      }
      const window = windows.get(client);
      if (!window || at - window.start >= windowMs) {
        windows.set(client, { start: at, count: 1 });
        return { count: 1, windowStart: at };
      }
      window.count += 1;
      return { count: window.count, windowStart: window.start };
    },
  };
}

/** `take(client)` resolves with 0 when the client may go on, else the seconds to wait (for `Retry-After`). */
export function createRateLimiter(limit: RateLimit, now: () => Date, counter: RateCounter = createMemoryRateCounter()) {
  const windowMs = limit.windowSeconds * 1000;
  return {
    async take(client: string): Promise<number> {
      const at = now().getTime();
      const { count, windowStart } = await counter.hit(client, at, limit.windowSeconds);
      return count <= limit.submissions ? 0 : Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000));
    },
  };
}
