/**
 * The SQLite store's reads: listings, counts and public changes answered from indexes, and the
 * credentials. Each query is built from the filter, prepared once per shape and cached.
 *
 * "Reported or handled by" an agency is two index ranges (agency_id, handling_agency_id): each is
 * read in the order asked for, at most one page long, and the two are merged, so a page costs the
 * same at 10,000 complaints as at a million.
 */
import { decodeCursor, decodeUpdateCursor, emptyStatusCounts, encodeCursor, encodeUpdateCursor, searchWords } from '@narahubung/core';
import type { ComplaintFilter, ComplaintPage, ComplaintQuery, ComplaintRecord, ComplaintUpdate, CredentialStore, HistoryEntry, Principal, Status, StoredCredential, UpdateQuery } from '@narahubung/core';
import type { SqliteDatabase } from './database.js';

type Param = string | number | null;

interface Where {
  sql: string[];
  params: Param[];
}

/** The SQL column of each order's key. */
const KEY_COLUMN = { deadline: 'due_key', received: 'received_ms', '-received': 'received_ms' } as const;

export function createQueries(db: SqliteDatabase) {
  const statements = new Map<string, ReturnType<typeof db.prepare<Param[]>>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<Param[]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  /** The conditions of a filter other than the agencies, which each branch adds itself. */
  function conditions(filter: ComplaintFilter): Where {
    const where: Where = { sql: [], params: [] };
    const anyOf = (column: string, values: readonly string[] | undefined) => {
      if (!values) return;
      where.sql.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`);
      where.params.push(...values);
    };
    anyOf('tracking_id', filter.trackingIds);
    anyOf('status', filter.statuses);
    anyOf('kind', filter.kinds);
    anyOf('category', filter.categories);
    anyOf('confidentiality', filter.confidentialities);
    if (filter.receivedFrom) {
      where.sql.push('received_ms >= ?');
      where.params.push(Date.parse(filter.receivedFrom));
    }
    if (filter.receivedBefore) {
      where.sql.push('received_ms < ?');
      where.params.push(Date.parse(filter.receivedBefore));
    }
    if (filter.overdueAt) {
      // Complaints with no running clock have keys above every instant, so they never match.
      where.sql.push('due_key < ?');
      where.params.push(Date.parse(filter.overdueAt));
    }
    if (filter.dueFrom) {
      // A complaint with no running clock has a key above every instant but no deadline.
      where.sql.push('due_key >= ? AND due_at IS NOT NULL');
      where.params.push(Date.parse(filter.dueFrom));
    }
    if (filter.assigneeId !== undefined) {
      where.sql.push(filter.assigneeId === null ? 'assignee_id IS NULL' : 'assignee_id = ?');
      if (filter.assigneeId !== null) where.params.push(filter.assigneeId);
    }
    if (filter.text !== undefined) {
      const words = searchWords(filter.text);
      if (words.length > 0) {
        // Each word as a quoted prefix: search text holds letters, digits and spaces only.
        where.sql.push('rowid IN (SELECT rowid FROM complaint_search WHERE complaint_search MATCH ?)');
        where.params.push(words.map((word) => `"${word}"*`).join(' AND '));
      }
    }
    return where;
  }

  /**
   * The branches of a filter over agencies: reported about one of them, or handled by one of them
   * and reported about another (so no complaint is in both). One branch, no condition, without agencies.
   */
  function branches(filter: ComplaintFilter): Where[] {
    const common = conditions(filter);
    const agencies = filter.agencyIds;
    if (!agencies) return [common];
    const marks = agencies.map(() => '?').join(', ');
    if (agencies.length === 0) return [{ sql: ['0'], params: [] }];
    return [
      { sql: [`agency_id IN (${marks})`, ...common.sql], params: [...agencies, ...common.params] },
      { sql: [`handling_agency_id IN (${marks})`, `agency_id NOT IN (${marks})`, ...common.sql], params: [...agencies, ...agencies, ...common.params] },
    ];
  }

  const whereSql = (where: Where) => (where.sql.length > 0 ? `WHERE ${where.sql.join(' AND ')}` : '');

  function query(request: ComplaintQuery): ComplaintPage {
    const column = KEY_COLUMN[request.sort];
    const descending = request.sort === '-received';
    const direction = descending ? 'DESC' : 'ASC';
    const position = request.cursor ? decodeCursor(request.cursor, request.sort) : null;
    const limit = Math.max(0, Math.floor(request.limit));
    // One more than the page: whether a next page exists, without counting.
    const take = limit + 1;
    const parts = branches(request).map((branch) => {
      const where: Where = { sql: [...branch.sql], params: [...branch.params] };
      if (position) {
        where.sql.push(`(${column}, tracking_id) ${descending ? '<' : '>'} (?, ?)`);
        where.params.push(position.key, position.trackingId);
      }
      return {
        sql: `SELECT record, ${column} AS sort_key, tracking_id FROM complaints ${whereSql(where)} ORDER BY ${column} ${direction}, tracking_id ${direction} LIMIT ${take}`,
        params: where.params,
      };
    });
    const sql =
      parts.length === 1
        ? parts[0]!.sql
        : `SELECT record, sort_key, tracking_id FROM (${parts.map((part) => `SELECT * FROM (${part.sql})`).join(' UNION ALL ')}) ORDER BY sort_key ${direction}, tracking_id ${direction} LIMIT ${take}`;
    const rows = prepared(sql).all(...parts.flatMap((part) => part.params)) as { record: string; sort_key: number; tracking_id: string }[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => JSON.parse(row.record) as ComplaintRecord),
      total: request.countTotal === false ? -1 : count(request),
      nextCursor: rows.length > limit && last ? encodeCursor({ sort: request.sort, key: last.sort_key, trackingId: last.tracking_id }) : null,
    };
  }

  function count(filter: ComplaintFilter): number {
    const parts = branches(filter);
    const sql = `SELECT ${parts.map((part) => `(SELECT count(*) FROM complaints ${whereSql(part)})`).join(' + ')} AS n`;
    return (prepared(sql).get(...parts.flatMap((part) => part.params)) as { n: number }).n;
  }

  function countByStatus(filter: ComplaintFilter): Record<Status, number> {
    const parts = branches(filter);
    const sql = `SELECT status, count(*) AS n FROM (${parts.map((part) => `SELECT status FROM complaints ${whereSql(part)}`).join(' UNION ALL ')}) GROUP BY status`;
    const counts = emptyStatusCounts();
    for (const row of prepared(sql).all(...parts.flatMap((part) => part.params)) as { status: Status; n: number }[]) {
      if (row.status in counts) counts[row.status] = row.n;
    }
    return counts;
  }

  function updates(request: UpdateQuery): { items: ComplaintUpdate[]; nextCursor: string | null } {
    const where: Where = { sql: ['at_ms >= ?', 'at_ms < ?'], params: [Date.parse(request.from), Date.parse(request.before)] };
    where.sql.push(request.confidentialities.length === 0 ? '0' : `confidentiality IN (${request.confidentialities.map(() => '?').join(', ')})`);
    where.params.push(...request.confidentialities);
    if (request.cursor) {
      const position = decodeUpdateCursor(request.cursor);
      where.sql.push('(at_ms, tracking_id, idx) > (?, ?, ?)');
      where.params.push(position.at, position.trackingId, position.index);
    }
    const limit = Math.max(0, Math.floor(request.limit));
    const rows = prepared(`SELECT tracking_id, idx, entry FROM complaint_updates ${whereSql(where)} ORDER BY at_ms, tracking_id, idx LIMIT ${limit + 1}`).all(...where.params) as {
      tracking_id: string;
      idx: number;
      entry: string;
    }[];
    const items = rows.slice(0, limit).map((row) => ({ trackingId: row.tracking_id, index: row.idx, entry: JSON.parse(row.entry) as HistoryEntry }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeUpdateCursor(last) : null };
  }

  interface CredentialRow {
    principal_id: string;
    token_hash: string;
    principal: string;
    created_at: string;
    rotated_at: string | null;
  }
  const credentialStatements = {
    all: db.prepare<[], CredentialRow>('SELECT principal_id, token_hash, principal, created_at, rotated_at FROM tokens ORDER BY created_at, principal_id'),
    insert: db.prepare('INSERT INTO tokens (principal_id, token_hash, principal, created_at, rotated_at) VALUES (?, ?, ?, ?, ?)'),
    setPrincipal: db.prepare('UPDATE tokens SET principal = ? WHERE principal_id = ?'),
    rotate: db.prepare('UPDATE tokens SET token_hash = ?, rotated_at = ? WHERE principal_id = ?'),
    remove: db.prepare('DELETE FROM tokens WHERE principal_id = ?'),
    version: db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'credentials_version'"),
    bump: db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'credentials_version'"),
  };

  const credentials = {
    listCredentials: (): StoredCredential[] =>
      credentialStatements.all.all().map((row) => ({
        principalId: row.principal_id,
        tokenHash: row.token_hash,
        principal: JSON.parse(row.principal) as Principal,
        createdAt: row.created_at,
        rotatedAt: row.rotated_at,
      })),
    // Credentials are written on this connection, not the writer thread: rare, small, and a
    // `tokens` command in another process writes them the same way.
    syncCredentials: (change: Parameters<CredentialStore['syncCredentials']>[0]): void =>
      db
        .transaction(() => {
          for (const credential of change.insert) {
            credentialStatements.insert.run(credential.principalId, credential.tokenHash, JSON.stringify(credential.principal), credential.createdAt, credential.rotatedAt);
          }
          for (const { principalId, principal } of change.updatePrincipals) credentialStatements.setPrincipal.run(JSON.stringify(principal), principalId);
          for (const principalId of change.remove) credentialStatements.remove.run(principalId);
          credentialStatements.bump.run();
        })
        .immediate(),
    rotateCredential: (principalId: string, tokenHash: string, at: string): boolean =>
      db
        .transaction(() => {
          const changed = credentialStatements.rotate.run(tokenHash, at, principalId).changes === 1;
          if (changed) credentialStatements.bump.run();
          return changed;
        })
        .immediate(),
    credentialsVersion: (): number => credentialStatements.version.get()?.value ?? 0,
  };

  return { query, countByStatus, updates, ...credentials };
}
