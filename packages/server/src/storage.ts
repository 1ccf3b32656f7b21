/**
 * Where the server keeps complaints and credentials: the embedded SQLite file (`DATABASE`, the
 * default, nothing to install), or PostgreSQL when `DATABASE_URL=postgres://…` is set, for
 * deployments that run several instances.
 */
import type { CredentialStore, RateCounter, Store } from '@narahubung/core';
import { openSqliteStore } from '@narahubung/store-sqlite';
import type { SqliteStore } from '@narahubung/store-sqlite';
import { createPostgresRateCounter, openPostgresStore } from '@narahubung/store-postgres';

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
  /**
   * Where the submission rate limit counts: in the database on PostgreSQL, so that every instance
   * shares one count per client; absent for SQLite (one process: core counts in its memory).
   */
  rateCounter?: RateCounter;
  close(): Promise<void>;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const limits = options.maxAttachmentBytes === undefined ? {} : { maxAttachmentBytes: options.maxAttachmentBytes };
  if (options.databaseUrl) {
    const postgres = await openPostgresStore(options.databaseUrl, limits);
    return {
      store: postgres,
      description: redactDatabaseUrl(options.databaseUrl),
      backup: null,
      rateCounter: createPostgresRateCounter(postgres.pool),
      close: () => postgres.close(),
    };
  }
  const sqlite: SqliteStore = openSqliteStore(options.database, limits);
  return {
    store: sqlite,
    description: options.database,
    backup: (file) => sqlite.backup(file),
    close: () => sqlite.close(),
  };
}

/** A connection string fit to print: the password replaced. */
export function redactDatabaseUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
