/**
 * The intake server's SQLite file: opened in WAL mode with `synchronous=FULL` (a commit is on disk
 * when it returns), and brought up to date by the migrations below, one `user_version` each.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ComplaintRecord } from '@narahubung/core';
import { queryColumns } from './columns.js';

export type SqliteDatabase = Database.Database;

/** A migration: SQL, or a function for changes SQL cannot make alone. */
type Migration = string | ((db: SqliteDatabase) => void);

/**
 * Schema changes in order. Migration N brings `user_version` from N-1 to N; a released migration
 * is never edited, only followed by a new one.
 */
const MIGRATIONS: readonly Migration[] = [
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
  // 2: queries answered from indexes (filters, the inbox order, keyset pages, full-text search), the
  // public changes for Open311 updates, and a version counter for credentials.
  (db) => {
    db.exec(`
      ALTER TABLE complaints ADD COLUMN kind TEXT NOT NULL DEFAULT '';
      ALTER TABLE complaints ADD COLUMN category TEXT NOT NULL DEFAULT '';
      ALTER TABLE complaints ADD COLUMN received_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE complaints ADD COLUMN due_at TEXT;
      ALTER TABLE complaints ADD COLUMN due_key INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE complaints ADD COLUMN assignee_id TEXT;
      DROP INDEX complaints_received;
      DROP INDEX complaints_agency;
      DROP INDEX complaints_handling_agency;
      DROP INDEX complaints_status;

      CREATE VIRTUAL TABLE complaint_search USING fts5(document, tokenize = 'unicode61 remove_diacritics 2');

      CREATE TABLE complaint_updates (
        tracking_id     TEXT NOT NULL REFERENCES complaints (tracking_id),
        idx             INTEGER NOT NULL,
        at_ms           INTEGER NOT NULL,
        confidentiality TEXT NOT NULL,
        entry           TEXT NOT NULL,
        PRIMARY KEY (tracking_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX complaint_updates_at ON complaint_updates (at_ms, tracking_id, idx);

      CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO meta (key, value) VALUES ('credentials_version', 1);
    `);
    // Complaints stored before: their columns and search text, from the record.
    const rows = db.prepare<[], { rowid: number; record: string }>('SELECT rowid, record FROM complaints').all();
    const setColumns = db.prepare('UPDATE complaints SET kind = ?, category = ?, received_ms = ?, due_at = ?, due_key = ?, assignee_id = ? WHERE rowid = ?');
    const addSearch = db.prepare('INSERT INTO complaint_search (rowid, document) VALUES (?, ?)');
    const addUpdate = db.prepare('INSERT INTO complaint_updates (tracking_id, idx, at_ms, confidentiality, entry) VALUES (?, ?, ?, ?, ?)');
    for (const row of rows) {
      const record = JSON.parse(row.record) as ComplaintRecord;
      const columns = queryColumns(record);
      setColumns.run(columns.kind, columns.category, columns.receivedMs, columns.dueAt, columns.dueKey, columns.assigneeId, row.rowid);
      addSearch.run(row.rowid, columns.search);
      for (const update of columns.updates) addUpdate.run(record.trackingId, update.index, update.atMs, columns.confidentiality, update.entry);
    }
    db.exec(`
      -- The inbox order (due_key) and receipt order, per reported and per handling agency, and overall.
      CREATE INDEX complaints_agency_due ON complaints (agency_id, due_key, tracking_id);
      CREATE INDEX complaints_handling_due ON complaints (handling_agency_id, due_key, tracking_id);
      CREATE INDEX complaints_agency_received ON complaints (agency_id, received_ms, tracking_id);
      CREATE INDEX complaints_handling_received ON complaints (handling_agency_id, received_ms, tracking_id);
      CREATE INDEX complaints_due ON complaints (due_key, tracking_id);
      CREATE INDEX complaints_received ON complaints (received_ms, tracking_id);
      -- Counts per status (the inbox's tabs) from the index alone.
      CREATE INDEX complaints_agency_status ON complaints (agency_id, status);
      CREATE INDEX complaints_handling_status ON complaints (handling_agency_id, status);
    `);
  },
  // 3: the notification outbox, written in the same transaction as the change that causes it.
  `
  CREATE TABLE notifications (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    subject        TEXT NOT NULL,
    text           TEXT NOT NULL,
    html           TEXT NOT NULL,
    tracking_id    TEXT,
    headers        TEXT,
    created_at     TEXT NOT NULL,
    due_ms         INTEGER NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    sent_at        TEXT,
    lease_until_ms INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE INDEX notifications_due ON notifications (due_ms, id) WHERE sent_at IS NULL;
  `,
  // 4: what each complaint contributes to the indicators (core's indicatorFactsOf), as columns the
  // indicator queries aggregate. Complaints written before have none until their next change.
  `
  ALTER TABLE complaints ADD COLUMN facts_month TEXT;
  ALTER TABLE complaints ADD COLUMN first_move_ms INTEGER;
  ALTER TABLE complaints ADD COLUMN verify_by_ms INTEGER;
  ALTER TABLE complaints ADD COLUMN withdrawn INTEGER;
  ALTER TABLE complaints ADD COLUMN first_resolved_ms INTEGER;
  ALTER TABLE complaints ADD COLUMN resolve_by_at_resolution_ms INTEGER;
  ALTER TABLE complaints ADD COLUMN resolve_by_ms INTEGER;
  ALTER TABLE complaints ADD COLUMN working_days_to_resolve INTEGER;
  ALTER TABLE complaints ADD COLUMN public_changes INTEGER;
  ALTER TABLE complaints ADD COLUMN public_notes INTEGER;
  ALTER TABLE complaints ADD COLUMN info_requests INTEGER;
  ALTER TABLE complaints ADD COLUMN info_requests_reached INTEGER;
  ALTER TABLE complaints ADD COLUMN decisions INTEGER;
  ALTER TABLE complaints ADD COLUMN explained_decisions INTEGER;
  ALTER TABLE complaints ADD COLUMN escalated INTEGER;
  ALTER TABLE complaints ADD COLUMN ever_resolved INTEGER;
  ALTER TABLE complaints ADD COLUMN completed INTEGER;
  ALTER TABLE complaints ADD COLUMN disputed INTEGER;
  ALTER TABLE complaints ADD COLUMN rating_sum INTEGER;
  ALTER TABLE complaints ADD COLUMN has_facts INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX complaints_facts_received ON complaints (received_ms, agency_id) WHERE has_facts = 1;
  `,
  // 5: what bench/scale.mjs and bench/indicators.mjs measured at 1,000,000 complaints.
  // - The "handled by" branch of an agency filter (escalated complaints) walked every complaint the
  //   agency handles as the reported one, reading each row for agency_id: 400-900 ms for an inbox
  //   page, 300 ms for its count. Partial indexes hold only the complaints handled elsewhere.
  // - Totals and counts per status read every index entry of the agency (100,000), and the table
  //   too when another column is filtered (a category: 290 ms). A table of exact counts per agency,
  //   handling agency, status, kind, category and confidentiality, kept by triggers in the same
  //   transaction as every write, answers them from a few hundred rows.
  // - The indicators' three GROUP BYs read a table row per complaint of the period (a year of a
  //   province: 700 ms). One index holds every column they read, so they read the index alone; it
  //   leads with the agency, as the other indexes an agency filter could pick do (with received_ms
  //   first, the planner took complaints_agency_received and read the table again).
  `
  DROP INDEX complaints_handling_due;
  DROP INDEX complaints_handling_received;
  DROP INDEX complaints_handling_status;
  CREATE INDEX complaints_elsewhere_due ON complaints (handling_agency_id, due_key, tracking_id) WHERE handling_agency_id <> agency_id;
  CREATE INDEX complaints_elsewhere_received ON complaints (handling_agency_id, received_ms, tracking_id) WHERE handling_agency_id <> agency_id;

  CREATE TABLE complaint_counts (
    agency_id         TEXT NOT NULL,
    -- The handling agency when it is not the reported one, else ''.
    handled_elsewhere TEXT NOT NULL,
    status            TEXT NOT NULL,
    kind              TEXT NOT NULL,
    category          TEXT NOT NULL,
    confidentiality   TEXT NOT NULL,
    n                 INTEGER NOT NULL,
    PRIMARY KEY (agency_id, handled_elsewhere, status, kind, category, confidentiality)
  ) WITHOUT ROWID;
  CREATE INDEX complaint_counts_elsewhere ON complaint_counts (handled_elsewhere) WHERE handled_elsewhere <> '';
  INSERT INTO complaint_counts (agency_id, handled_elsewhere, status, kind, category, confidentiality, n)
    SELECT agency_id, CASE WHEN handling_agency_id <> agency_id THEN handling_agency_id ELSE '' END, status, kind, category, confidentiality, count(*)
    FROM complaints GROUP BY 1, 2, 3, 4, 5, 6;
  CREATE TRIGGER complaint_counts_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO complaint_counts (agency_id, handled_elsewhere, status, kind, category, confidentiality, n)
    VALUES (NEW.agency_id, CASE WHEN NEW.handling_agency_id <> NEW.agency_id THEN NEW.handling_agency_id ELSE '' END, NEW.status, NEW.kind, NEW.category, NEW.confidentiality, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER complaint_counts_update AFTER UPDATE OF agency_id, handling_agency_id, status, kind, category, confidentiality ON complaints
  WHEN OLD.agency_id IS NOT NEW.agency_id OR OLD.handling_agency_id IS NOT NEW.handling_agency_id OR OLD.status IS NOT NEW.status
    OR OLD.kind IS NOT NEW.kind OR OLD.category IS NOT NEW.category OR OLD.confidentiality IS NOT NEW.confidentiality
  BEGIN
    UPDATE complaint_counts SET n = n - 1
    WHERE agency_id = OLD.agency_id AND handled_elsewhere = CASE WHEN OLD.handling_agency_id <> OLD.agency_id THEN OLD.handling_agency_id ELSE '' END
      AND status = OLD.status AND kind = OLD.kind AND category = OLD.category AND confidentiality = OLD.confidentiality;
    INSERT INTO complaint_counts (agency_id, handled_elsewhere, status, kind, category, confidentiality, n)
    VALUES (NEW.agency_id, CASE WHEN NEW.handling_agency_id <> NEW.agency_id THEN NEW.handling_agency_id ELSE '' END, NEW.status, NEW.kind, NEW.category, NEW.confidentiality, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER complaint_counts_delete AFTER DELETE ON complaints BEGIN
    UPDATE complaint_counts SET n = n - 1
    WHERE agency_id = OLD.agency_id AND handled_elsewhere = CASE WHEN OLD.handling_agency_id <> OLD.agency_id THEN OLD.handling_agency_id ELSE '' END
      AND status = OLD.status AND kind = OLD.kind AND category = OLD.category AND confidentiality = OLD.confidentiality;
  END;

  DROP INDEX complaints_facts_received;
  CREATE INDEX complaints_indicators ON complaints (
    agency_id, received_ms, confidentiality, category, facts_month, status, due_at, due_key,
    first_move_ms, verify_by_ms, withdrawn, first_resolved_ms, resolve_by_at_resolution_ms, resolve_by_ms, working_days_to_resolve,
    public_changes, public_notes, info_requests, info_requests_reached, decisions, explained_decisions,
    escalated, ever_resolved, completed, disputed, rating_sum
  ) WHERE has_facts = 1;
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
    const migration = MIGRATIONS[version]!;
    db.transaction(() => {
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
