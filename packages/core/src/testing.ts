/**
 * `@narahubung/core/testing`: the Store contract as a Vitest suite, for anyone writing a store for
 * another database. Every store of this project (memory, SQLite, PostgreSQL) passes it.
 *
 * @example
 * import { describeStoreContract } from '@narahubung/core/testing';
 * describeStoreContract('mysql', async () => ({ store: await openMyStore(), cleanup: dropDatabase }));
 */
export { describeStoreContract, sampleRecord, sampleSubmission, raceOneKey, generateComplaints, generateHandledComplaints, generateQuery, seeded } from './store-suite.js';
export type { StoreUnderTest } from './store-suite.js';
