/**
 * Group commit on the client side: calls that arrive while earlier batches are in flight wait and
 * go together in the next one. Under load a statement (and its commit, its WAL flush and its round
 * trip) serves many submissions; alone, a call waits one turn of the event loop at most.
 */

export interface BatchLimits {
  /** The most items in one batch. */
  maxBatch: number;
  /** The most batches running at once; later items queue (and so batch up) behind them. */
  maxInFlight: number;
}

/**
 * A function that takes one item at a time and runs them in batches with `run`, which answers one
 * settled result per item, in order (a rejection of `run` rejects the whole batch).
 */
export function createBatcher<Item, Result>(run: (items: Item[]) => Promise<PromiseSettledResult<Result>[]>, limits: BatchLimits): (item: Item) => Promise<Result> {
  let queue: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  function send(): void {
    scheduled = false;
    while (queue.length > 0 && inFlight < limits.maxInFlight) {
      const batch = queue.slice(0, limits.maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      run(batch.map((pending) => pending.item))
        .then(
          (results) =>
            batch.forEach((pending, index) => {
              const result = results[index];
              if (result?.status === 'fulfilled') pending.resolve(result.value);
              else pending.reject(result ? result.reason : new Error('the batch gave no result for an item'));
            }),
          (error: unknown) => batch.forEach((pending) => pending.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          send();
        });
    }
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // Everything that arrives in this turn of the event loop joins the same batch.
        setImmediate(send);
      }
    });
}
