/**
 * @narahubung/store-sqlite: core's `Store` on one SQLite file, the embedded default of the
 * reference server. Writes are group-committed in a writer thread with `synchronous=FULL`; reads,
 * filters, sort orders, cursors and full-text search are answered from indexes.
 */
export { openSqliteStore, createSqliteStore, StoreError } from './sqlite-store.js';
export type { SqliteStore, SqliteStoreOptions } from './sqlite-store.js';
export { openDatabase, SCHEMA_VERSION } from './database.js';
export type { SqliteDatabase } from './database.js';
