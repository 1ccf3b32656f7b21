/** Polls `check` until it returns something truthy (tests wait for states, never for durations). */
export async function until<T>(check: () => T | Promise<T>, what: string, timeout = 20_000): Promise<NonNullable<T>> {
  const started = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
