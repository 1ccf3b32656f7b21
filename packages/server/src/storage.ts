/**
 * Where the server keeps complaints and credentials: the embedded SQLite file (`DATABASE`, the
 * default, nothing to install), or PostgreSQL when `DATABASE_URL=postgres://…` is set, for
 * deployments that run several instances.
 */
import type { CredentialStore, Store } from '@narahubung/core';
import { openSqliteStore } from '@narahubung/store-sqlite';
import type { SqliteStore } from '@narahubung/store-sqlite';

export interface StorageOptions {
  /** The SQLite file, when no `databaseUrl` is given. */
  database: string;
  /** `postgres://…`: PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** The largest attachment the store takes (the policy's). */
  maxAttachmentBytes?: number;
}

export interface Storage {
  store: Store & CredentialStore;
  /** What a person reads to know where the data is (never a password). */
  description: string;
  /** SQLite's online backup, while the server runs; null on PostgreSQL (use pg_dump). */
  backup: ((file: string) => Promise<void>) | null;
  close(): Promise<void>;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const sqlite: SqliteStore = openSqliteStore(options.database, options.maxAttachmentBytes === undefined ? {} : { maxAttachmentBytes: options.maxAttachmentBytes });
  return {
    store: sqlite,
    description: options.database,
    backup: (file) => sqlite.backup(file),
    close: () => sqlite.close(),
  };
}
