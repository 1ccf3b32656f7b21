/** A fixed-window counter per client: enough to blunt floods on one intake process. */
export interface RateLimit {
  /** Submissions allowed per client in one window. */
  submissions: number;
  windowSeconds: number;
}

/** `take(client)` returns 0 when allowed, else the seconds to wait (for `Retry-After`). */
export function createRateLimiter(limit: RateLimit, now: () => Date) {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = limit.windowSeconds * 1000;
  return {
    take(client: string): number {
      const at = now().getTime();
      if (windows.size > 100_000) {
        for (const [key, window] of windows) if (at - window.start >= windowMs) windows.delete(key);
      }
      const window = windows.get(client);
      if (!window || at - window.start >= windowMs) {
        windows.set(client, { start: at, count: 1 });
        return 0;
      }
      if (window.count < limit.submissions) {
        window.count += 1;
        return 0;
      }
      return Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
    },
  };
}
