/**
 * The store's tables, as migrations kept in code. They run when a store opens, in one transaction
 * that first takes an advisory lock: two instances starting together on a new database do not
 * race, the second waits and finds the work done. PostgreSQL's DDL is transactional, so a
 * migration that fails leaves the schema as it was.
 */
import type { PoolClient } from 'pg';

/**
 * Schema changes in order; migration N brings the schema from version N-1 to N. A released
 * migration is never edited, only followed by a new one.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- A complaint: its record as JSON text (what get() returns, key order and all), beside the
  -- columns queries filter and sort on. tracking_id sorts by bytes (COLLATE "C"), as JavaScript
  -- compares the ASCII tracking numbers, so keyset cursors break ties the way core does.
  CREATE TABLE complaints (
    tracking_id        text COLLATE "C" PRIMARY KEY,
    agency_id          text NOT NULL,
    handling_agency_id text NOT NULL,
    -- The handling agency when it is not the reported one (escalated), else null: the "handled
    -- by" branch of an agency filter reads only these, through small indexes the planner
    -- estimates from this column's own statistics.
    handled_elsewhere  text GENERATED ALWAYS AS (NULLIF(handling_agency_id, agency_id)) STORED,
    status             text NOT NULL,
    kind               text NOT NULL,
    category           text NOT NULL,
    confidentiality    text NOT NULL,
    received_ms        bigint NOT NULL,
    -- core's deadlineKey(): the inbox order, and "overdue now" as due_key < now.
    due_key            bigint NOT NULL,
    -- The current deadline in milliseconds (equal to due_key), or null when no clock runs.
    due_ms             bigint,
    assignee_id        text,
    version            integer NOT NULL,
    -- core's searchDocument() words as lexemes, for prefix tsqueries.
    search             tsvector NOT NULL,
    record             text NOT NULL,
    -- What the complaint contributes to the indicators (core's indicatorFactsOf, record.facts), one
    -- column each, for the indicator queries' GROUP BY; all null (has_facts false) without facts.
    has_facts                   boolean NOT NULL DEFAULT false,
    facts_month                 text,
    first_move_ms               bigint,
    verify_by_ms                bigint,
    withdrawn                   boolean,
    first_resolved_ms           bigint,
    resolve_by_at_resolution_ms bigint,
    resolve_by_ms               bigint,
    working_days_to_resolve     integer,
    public_changes              integer,
    public_notes                integer,
    info_requests               integer,
    info_requests_reached       integer,
    decisions                   integer,
    explained_decisions         integer,
    escalated                   boolean,
    ever_resolved               boolean,
    completed                   boolean,
    disputed                    boolean,
    rating_sum                  integer
  );
  -- The inbox order (due_key) and the receipt order, per reported agency, and overall.
  CREATE INDEX complaints_agency_due ON complaints (agency_id, due_key, tracking_id);
  CREATE INDEX complaints_agency_received ON complaints (agency_id, received_ms, tracking_id);
  CREATE INDEX complaints_due ON complaints (due_key, tracking_id);
  CREATE INDEX complaints_received ON complaints (received_ms, tracking_id);
  -- Counts (totals, and per status for the inbox's tabs) from the index alone, whatever the other
  -- filters: they are checked on the included columns, without reading the table.
  CREATE INDEX complaints_agency_status ON complaints (agency_id, status)
    INCLUDE (kind, category, confidentiality, received_ms, due_key, assignee_id);
  -- Complaints handled by an agency other than the reported one: few, and the only ones the
  -- "handled by" branch of an agency filter needs. A (handling_agency_id, …) index would make that
  -- branch walk past every complaint the agency handles as the reported one (at 1,000,000
  -- complaints, 273,473 rows and ~900 ms for one inbox page).
  CREATE INDEX complaints_elsewhere_due ON complaints (handled_elsewhere, due_key, tracking_id) WHERE handled_elsewhere IS NOT NULL;
  CREATE INDEX complaints_elsewhere_received ON complaints (handled_elsewhere, received_ms, tracking_id) WHERE handled_elsewhere IS NOT NULL;
  CREATE INDEX complaints_elsewhere_status ON complaints (handled_elsewhere, status)
    INCLUDE (kind, category, confidentiality, received_ms, due_key, assignee_id) WHERE handled_elsewhere IS NOT NULL;
  CREATE INDEX complaints_search ON complaints USING gin (search);
  -- The indicators of a period: complaints with facts, by receipt.
  CREATE INDEX complaints_facts_received ON complaints (received_ms, agency_id) WHERE has_facts;

  -- Kept forever: an outbox may resend a submission weeks later. The primary key is what makes an
  -- insert (or an idempotent change: a citizen's reply, withdrawal…) happen once per key, across
  -- every process on the database.
  CREATE TABLE idempotency_keys (
    key         text PRIMARY KEY,
    fingerprint text NOT NULL,
    answer      text NOT NULL,
    tracking_id text COLLATE "C" NOT NULL REFERENCES complaints (tracking_id),
    created_at  timestamptz NOT NULL DEFAULT now()
  );

  -- Either bytes, or the file (a path under the store's attachmentsDir) that holds them.
  CREATE TABLE attachments (
    tracking_id   text COLLATE "C" NOT NULL REFERENCES complaints (tracking_id),
    attachment_id text NOT NULL,
    meta          text NOT NULL,
    bytes         bytea,
    file          text,
    PRIMARY KEY (tracking_id, attachment_id),
    CHECK ((bytes IS NULL) <> (file IS NULL))
  );

  -- Public changes, for Open311's servicerequestupdates: each history entry that isPublicChange().
  CREATE TABLE complaint_updates (
    tracking_id     text COLLATE "C" NOT NULL REFERENCES complaints (tracking_id),
    idx             integer NOT NULL,
    at_ms           bigint NOT NULL,
    confidentiality text NOT NULL,
    entry           text NOT NULL,
    PRIMARY KEY (tracking_id, idx)
  );
  CREATE INDEX complaint_updates_at ON complaint_updates (at_ms, tracking_id, idx);

  -- The notification outbox, written in the same statement as the change that causes it; senders
  -- in any instance lease due rows (FOR UPDATE SKIP LOCKED), so each is sent by one at a time.
  CREATE TABLE notifications (
    id             text PRIMARY KEY,
    kind           text NOT NULL,
    recipient      text NOT NULL,
    subject        text NOT NULL,
    text           text NOT NULL,
    html           text NOT NULL,
    tracking_id    text,
    headers        text,
    created_at     text NOT NULL,
    due_ms         bigint NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text,
    sent_at        text,
    lease_until_ms bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX notifications_due ON notifications (due_ms, id) WHERE sent_at IS NULL;

  -- Only the SHA-256 of a token is kept; the token itself is shown once.
  CREATE TABLE credentials (
    principal_id text PRIMARY KEY,
    token_hash   text NOT NULL UNIQUE,
    principal    text NOT NULL,
    created_at   text NOT NULL,
    rotated_at   text
  );
  CREATE TABLE credentials_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    value    bigint NOT NULL
  );
  INSERT INTO credentials_version (value) VALUES (1);

  -- Submissions per client in their current window, shared by every instance. Unlogged: a window
  -- is worth nothing after a crash, and a hit then costs no WAL flush (a commit that wrote no WAL
  -- does not wait for the disk).
  CREATE UNLOGGED TABLE rate_windows (
    client       text PRIMARY KEY,
    window_start bigint NOT NULL,
    hits         integer NOT NULL
  );
  `,
  // 2: what bench/scale.mjs and bench/indicators.mjs measured at 1,000,000 complaints.
  // - Totals and counts per status read the agency's every index entry (100,000, twice for a first
  //   inbox page with its tabs): 40-47 ms. A table of exact counts per agency, handling agency,
  //   status, kind, category and confidentiality, kept by statement triggers in the same
  //   transaction as every write, answers them from a few hundred rows. Each trigger adds a
  //   statement's changes in one upsert, in key order, so that two writers lock the rows they share
  //   in the same order (no deadlock); a change that moves no count (a note, an assignment) writes
  //   none.
  // - The indicators' GROUP BYs read a heap row per complaint of the period (a year of a province:
  //   380-450 ms). One index holds every column they read, so they read the index alone (once
  //   vacuum has marked the pages all-visible, as autovacuum does).
  `
  CREATE TABLE complaint_counts (
    agency_id         text NOT NULL,
    -- The handling agency when it is not the reported one, else '' (complaints.handled_elsewhere, never null here).
    handled_elsewhere text NOT NULL,
    status            text NOT NULL,
    kind              text NOT NULL,
    category          text NOT NULL,
    confidentiality   text NOT NULL,
    n                 bigint NOT NULL,
    PRIMARY KEY (agency_id, handled_elsewhere, status, kind, category, confidentiality)
  );
  CREATE INDEX complaint_counts_elsewhere ON complaint_counts (handled_elsewhere) WHERE handled_elsewhere <> '';
  INSERT INTO complaint_counts (agency_id, handled_elsewhere, status, kind, category, confidentiality, n)
    SELECT agency_id, COALESCE(handled_elsewhere, ''), status, kind, category, confidentiality, count(*)
    FROM complaints GROUP BY 1, 2, 3, 4, 5, 6;

  -- One upsert per statement, in key order, so that two writers lock the rows they share in the same
  -- order; a change that moves no count writes none.
  CREATE FUNCTION narahubung_count_complaints() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO complaint_counts AS c (agency_id, handled_elsewhere, status, kind, category, confidentiality, n)
      SELECT agency_id, COALESCE(handled_elsewhere, ''), status, kind, category, confidentiality, count(*) FROM new_rows
      GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (agency_id, handled_elsewhere, status, kind, category, confidentiality) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
      INSERT INTO complaint_counts AS c (agency_id, handled_elsewhere, status, kind, category, confidentiality, n)
      SELECT agency_id, handled_elsewhere, status, kind, category, confidentiality, sum(n) FROM (
        SELECT agency_id, COALESCE(handled_elsewhere, '') AS handled_elsewhere, status, kind, category, confidentiality, -1 AS n FROM old_rows
        UNION ALL
        SELECT agency_id, COALESCE(handled_elsewhere, ''), status, kind, category, confidentiality, 1 FROM new_rows
      ) AS changed
      GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (agency_id, handled_elsewhere, status, kind, category, confidentiality) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
      UPDATE complaint_counts AS c SET n = c.n - gone.n
      FROM (
        SELECT agency_id, COALESCE(handled_elsewhere, '') AS handled_elsewhere, status, kind, category, confidentiality, count(*) AS n FROM old_rows
        GROUP BY 1, 2, 3, 4, 5, 6
      ) AS gone
      WHERE (c.agency_id, c.handled_elsewhere, c.status, c.kind, c.category, c.confidentiality) = (gone.agency_id, gone.handled_elsewhere, gone.status, gone.kind, gone.category, gone.confidentiality);
    END IF;
    RETURN NULL;
  END
  $$;
  CREATE TRIGGER complaint_counts_insert AFTER INSERT ON complaints REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION narahubung_count_complaints();
  CREATE TRIGGER complaint_counts_update AFTER UPDATE ON complaints REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION narahubung_count_complaints();
  CREATE TRIGGER complaint_counts_delete AFTER DELETE ON complaints REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION narahubung_count_complaints();

  DROP INDEX complaints_facts_received;
  CREATE INDEX complaints_indicators ON complaints (agency_id, received_ms)
    INCLUDE (confidentiality, category, facts_month, status, due_ms, due_key,
      first_move_ms, verify_by_ms, withdrawn, first_resolved_ms, resolve_by_at_resolution_ms, resolve_by_ms, working_days_to_resolve,
      public_changes, public_notes, info_requests, info_requests_reached, decisions, explained_decisions,
      escalated, ever_resolved, completed, disputed, rating_sum)
    WHERE has_facts;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The advisory lock held while migrating (any 64-bit number other software is unlikely to use). */
const MIGRATION_LOCK = 7_320_416_301_941_523n;

/** Thrown when the database was migrated by newer code than this. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  readonly code = 'schema_too_new';
}

/**
 * Brings the schema up to date, in one transaction under the advisory lock; resolves with the
 * migrations it applied (0 when another instance did them, or nothing was pending).
 */
export async function migrate(client: PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS narahubung_schema (
      version    integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM narahubung_schema');
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new SchemaError(`The database has schema version ${current}, newer than this store (${SCHEMA_VERSION}): upgrade @narahubung/store-postgres.`);
    }
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      await client.query(MIGRATIONS[version]!);
      await client.query('INSERT INTO narahubung_schema (version) VALUES ($1)', [version + 1]);
    }
    await client.query('COMMIT');
    return SCHEMA_VERSION - current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
