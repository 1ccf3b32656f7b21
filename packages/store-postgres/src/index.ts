/**
 * @narahubung/store-postgres: core's `Store` and `CredentialStore` on PostgreSQL (node-postgres),
 * for servers that run several instances on one database, and a `RateCounter` those instances
 * share. Inserts happen once per idempotency key across processes, updates are optimistic,
 * queries are answered from indexes, and migrations run at open under an advisory lock.
 */
export { openPostgresStore, StoreError } from './postgres-store.js';
export type { PostgresStore, PostgresStoreOptions } from './postgres-store.js';
export { createPostgresRateCounter } from './rate-counter.js';
export { migrate, SCHEMA_VERSION, SchemaError } from './schema.js';
