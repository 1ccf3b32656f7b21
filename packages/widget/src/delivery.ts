import { ApiError } from '@narahubung/core';

/** Longest wait between two attempts: the `online` event never fires when only the server is down. */
export const MAX_BACKOFF_MS = 30_000;

/** Capped exponential backoff with jitter; a server's `Retry-After` (seconds) is a floor. */
export function backoffDelay(attempt: number, retryAfterSeconds?: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (Math.random() * exponential) / 2;
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/** Whether trying again later with the same Idempotency-Key may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError ? error.retryable : error instanceof TypeError;
}

/** Waits `ms`, or less when the browser comes back online; rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      done();
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
    signal.addEventListener('abort', aborted);
  });
}

/** Runs `task` holding a lock named `name` when Web Locks exist, so two tabs do not send at once. */
function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  return navigator.locks ? (navigator.locks.request(name, task) as Promise<T>) : task();
}

/**
 * Sends until the server answers: retryable failures (network, 5xx, 408, 429) are retried with the
 * same key after a capped backoff or on `online`; `onQueued` is told after the first such failure.
 * Any other failure rejects.
 */
export async function deliver<T>(
  idempotencyKey: string,
  send: () => Promise<T>,
  options: { signal: AbortSignal; onQueued: () => void },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withLock(`narahubung-outbox:${idempotencyKey}`, send);
    } catch (error) {
      if (options.signal.aborted || !isRetryable(error)) throw error;
      if (attempt === 1) options.onQueued();
      await pause(backoffDelay(attempt, error instanceof ApiError ? error.retryAfter : undefined), options.signal);
    }
  }
}
