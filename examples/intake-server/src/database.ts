/**
 * The intake server's SQLite file: opened in WAL mode with `synchronous=FULL` (a commit is on disk
 * when it returns), and brought up to date by the migrations below, one `user_version` each.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/**
 * Schema changes in order. Migration N brings `user_version` from N-1 to N; a released migration
 * is never edited, only followed by a new one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE complaints (
    tracking_id        TEXT PRIMARY KEY,
    agency_id          TEXT NOT NULL,
    handling_agency_id TEXT NOT NULL,
    status             TEXT NOT NULL,
    confidentiality    TEXT NOT NULL,
    received_at        TEXT NOT NULL,
    version            INTEGER NOT NULL,
    record             TEXT NOT NULL
  );
  CREATE INDEX complaints_received ON complaints (received_at);
  CREATE INDEX complaints_agency ON complaints (agency_id, received_at);
  CREATE INDEX complaints_handling_agency ON complaints (handling_agency_id, received_at);
  CREATE INDEX complaints_status ON complaints (status, received_at);

  -- Kept forever: an outbox may resend a submission weeks later (at least 30 days).
  CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    answer       TEXT NOT NULL,
    tracking_id  TEXT NOT NULL REFERENCES complaints (tracking_id),
    created_at   TEXT NOT NULL
  );

  CREATE TABLE attachments (
    tracking_id   TEXT NOT NULL REFERENCES complaints (tracking_id),
    attachment_id TEXT NOT NULL,
    meta          TEXT NOT NULL,
    bytes         BLOB NOT NULL,
    PRIMARY KEY (tracking_id, attachment_id)
  );

  -- Only the SHA-256 of a token is kept; the token itself is shown once.
  CREATE TABLE tokens (
    principal_id TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    principal    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    rotated_at   TEXT
  );
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating if needed) the database file and applies any pending migrations. */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Another process (the token CLI, a backup) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${current}, newer than this server (${SCHEMA_VERSION}): upgrade the server.`);
  }
  for (let version = current; version < SCHEMA_VERSION; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
