import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { describeStoreContract, raceOneKey, sampleSubmission } from './store-suite.js';
import type { Store } from './store.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// The race window is widened by an await between lookup and insert; the store must stay atomic.
describeStoreContract('memory (await between lookup and insert)', async () => ({
  store: createMemoryStore({ betweenLookupAndInsert: tick }),
}));
describeStoreContract('memory', async () => ({ store: createMemoryStore() }));

/** A store that looks the key up, awaits, then inserts: the mistake the contract must catch. */
function nonAtomicStore(): Store {
  const inner = createMemoryStore();
  const seen = new Set<string>();
  return {
    ...inner,
    async insertOnce(submission) {
      const known = seen.has(submission.idempotencyKey);
      await tick();
      if (known) return inner.insertOnce(submission);
      seen.add(submission.idempotencyKey);
      return inner.insertOnce({ ...submission, idempotencyKey: `${submission.idempotencyKey}:${submission.record.trackingId}` });
    },
  };
}

describe('the Store contract can fail', () => {
  it('finds duplicates in a store that is not atomic', async () => {
    const result = await raceOneKey(nonAtomicStore(), 'key', 20);
    expect(result.inserted).to.be.greaterThan(1);
    expect(result.stored).to.be.greaterThan(1);
  });

  it('finds none in the memory store, however wide the window', async () => {
    const store = createMemoryStore({ betweenLookupAndInsert: () => new Promise((resolve) => setTimeout(resolve, 5)) });
    const result = await raceOneKey(store, 'key', 20);
    expect(result.inserted).to.equal(1);
    expect(result.stored).to.equal(1);
    const replay = await store.insertOnce(sampleSubmission('key'));
    expect(replay.inserted).to.equal(false);
  });
});
