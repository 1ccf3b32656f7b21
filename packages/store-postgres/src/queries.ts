/**
 * The PostgreSQL store's listings, counts and public changes, answered from indexes. Filters, sort
 * orders, cursors and search words are core's (`store-query.ts`); this file only says them in SQL.
 *
 * "Reported about or handled by" a list of agencies is two branches: reported about one of them,
 * or handled by one of them and reported about another (so no complaint is in both; the second
 * reads `handled_elsewhere`, set only on escalated complaints, and its small indexes). Each branch reads, per agency, one range
 * of an (agency, key, tracking id) index in the order asked for, at most one page long (a LATERAL
 * join), and the pieces are merged: a page costs the same at 10,000 complaints as at a million.
 * Totals and counts per status of filters on agencies, statuses, kinds, categories and
 * confidentialities come from the counts table the triggers keep (complaint_counts).
 */
import { countsByDimensions, decodeCursor, decodeUpdateCursor, emptyStatusCounts, emptySums, encodeCursor, encodeUpdateCursor, searchWords } from '@narahubung/core';
import type {
  Category,
  ComplaintFilter,
  ComplaintPage,
  ComplaintQuery,
  ComplaintRecord,
  ComplaintUpdate,
  HistoryEntry,
  IndicatorAggregates,
  IndicatorName,
  IndicatorQuery,
  IndicatorSums,
  Status,
  UpdateQuery,
} from '@narahubung/core';
import type { Pool } from 'pg';

/** A statement's parameters, numbered as they are added. */
class Parameters {
  readonly values: unknown[] = [];
  /** `$n` for a value (the same value may be referred to more than once). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Statuses in which a complaint's clock can make it overdue (core's indicator `openOverdue`). */
const OPEN_STATUSES = "('received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'escalated')";

/**
 * Each indicator's rules (core's `indicatorOutcome` and `addFacts`) in SQL over the fact columns,
 * as the SQLite store has them; `@at` is the present. The store contract checks both against core.
 */
const INDICATOR_SQL: Record<IndicatorName, { counted: string; met: string }> = {
  verifiedOnTime: { counted: 'first_move_ms IS NOT NULL OR (NOT withdrawn AND verify_by_ms < @at)', met: 'first_move_ms IS NOT NULL AND first_move_ms <= verify_by_ms' },
  resolvedOnTime: {
    counted: 'first_resolved_ms IS NOT NULL OR (resolve_by_ms IS NOT NULL AND resolve_by_ms < @at AND NOT withdrawn)',
    met: 'first_resolved_ms IS NOT NULL AND resolve_by_at_resolution_ms IS NOT NULL AND first_resolved_ms <= resolve_by_at_resolution_ms',
  },
  publicNotes: { counted: 'public_changes > 0', met: 'public_notes = public_changes' },
  answeredInfoRequests: { counted: 'info_requests > 0', met: 'info_requests_reached = info_requests' },
  explainedResolutions: { counted: 'decisions > 0', met: 'explained_decisions = decisions' },
  escalated: { counted: 'true', met: 'escalated' },
  completed: { counted: 'NOT withdrawn', met: 'completed' },
  openOverdue: { counted: 'true', met: `status IN ${OPEN_STATUSES} AND due_ms IS NOT NULL AND due_key < @at` },
  disputed: { counted: 'ever_resolved', met: 'disputed' },
};

/** The SQL column of each order's key. */
const KEY_COLUMN = { deadline: 'due_key', received: 'received_ms', '-received': 'received_ms' } as const;

/**
 * A prefix tsquery of core's search words: `'ktp':* & 'terbit':*`. Written as tsquery text, not
 * through a text search parser, so the lexemes are exactly core's words (letters and digits only,
 * so nothing in them needs quoting).
 */
export function searchQuery(words: readonly string[]): string {
  return words.map((word) => `'${word}':*`).join(' & ');
}

/** The conditions of a filter other than the agencies, which each branch adds itself. */
function conditions(filter: ComplaintFilter, parameters: Parameters): string[] {
  const sql: string[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values) sql.push(`${column} = ANY(${parameters.add(values)}::text[])`);
  };
  anyOf('agency_id', filter.reportedAgencyIds);
  anyOf('tracking_id', filter.trackingIds);
  anyOf('status', filter.statuses);
  anyOf('kind', filter.kinds);
  anyOf('category', filter.categories);
  anyOf('confidentiality', filter.confidentialities);
  if (filter.receivedFrom) sql.push(`received_ms >= ${parameters.add(Date.parse(filter.receivedFrom))}::bigint`);
  if (filter.receivedBefore) sql.push(`received_ms < ${parameters.add(Date.parse(filter.receivedBefore))}::bigint`);
  // Complaints with no running clock have keys above every instant, so they are never overdue.
  if (filter.overdueAt) sql.push(`due_key < ${parameters.add(Date.parse(filter.overdueAt))}::bigint`);
  // With a running clock, due_key is the deadline itself (so the key's index serves the range).
  if (filter.dueFrom) sql.push(`due_key >= ${parameters.add(Date.parse(filter.dueFrom))}::bigint`, 'due_ms IS NOT NULL');
  if (filter.assigneeId !== undefined) sql.push(filter.assigneeId === null ? 'assignee_id IS NULL' : `assignee_id = ${parameters.add(filter.assigneeId)}::text`);
  if (filter.indicator) {
    // The same rules as the aggregates: a rule that reads NULL neither counts nor is met.
    const { met, counted } = INDICATOR_SQL[filter.indicator.name];
    const outcome = filter.indicator.outcome === 'met' ? 'true' : 'false';
    const clause = `has_facts AND COALESCE((${counted}), false) AND COALESCE((${met}), false) = ${outcome}`;
    // The present as a parameter only when a rule reads it (PostgreSQL refuses one it cannot place).
    const at = clause.includes('@at') ? `${parameters.add(Date.parse(filter.indicator.at))}::bigint` : '';
    sql.push(clause.replace(/@at/g, at));
  }
  if (filter.text !== undefined) {
    const words = searchWords(filter.text);
    if (words.length > 0) sql.push(`search @@ ${parameters.add(searchQuery(words))}::tsquery`);
  }
  return sql;
}

/** A branch of a filter: its conditions, and the agencies it reads one index range each of (none: the whole table). */
interface Branch {
  where: string[];
  /** `agency_id` or `handled_elsewhere`, compared with `agency.id` of the LATERAL join. */
  agencyColumn: 'agency_id' | 'handled_elsewhere' | null;
  agencies: string | null;
}

function branches(filter: ComplaintFilter, parameters: Parameters): Branch[] {
  const common = conditions(filter, parameters);
  if (!filter.agencyIds) return [{ where: common, agencyColumn: null, agencies: null }];
  // Each agency once: a repeated one would read its range twice.
  const agencies = parameters.add([...new Set(filter.agencyIds)]);
  return [
    { where: common, agencyColumn: 'agency_id', agencies },
    // handled_elsewhere is the handling agency when it differs from the reported one, else null.
    { where: [`agency_id <> ALL(${agencies}::text[])`, ...common], agencyColumn: 'handled_elsewhere', agencies },
  ];
}

const whereSql = (conditions: readonly string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/**
 * Where a filter's counts come from: complaint_counts (kept by triggers) when it names nothing but
 * agencies, statuses, kinds, categories and confidentiality, else the complaints themselves.
 */
function countSource(filter: ComplaintFilter): { table: string; total: string; each: string } {
  return countsByDimensions(filter) ? { table: 'complaint_counts', total: 'COALESCE(sum(n), 0)', each: 'n' } : { table: 'complaints', total: 'count(*)', each: '1' };
}

/** A branch's rows for counting: `agency_id = ANY(…)` rather than a join, one index range per agency either way. */
function countedRows(branch: Branch, columns: string, table: string): string {
  const where = branch.agencyColumn ? [`${branch.agencyColumn} = ANY(${branch.agencies}::text[])`, ...branch.where] : branch.where;
  return `SELECT ${columns} FROM ${table} ${whereSql(where)}`;
}

interface PageRow {
  record: string;
  sort_key: string;
  tracking_id: string;
}

export function createQueries(pool: Pool) {
  async function query(request: ComplaintQuery): Promise<ComplaintPage> {
    const column = KEY_COLUMN[request.sort];
    const direction = request.sort === '-received' ? 'DESC' : 'ASC';
    const position = request.cursor ? decodeCursor(request.cursor, request.sort) : null;
    const limit = Math.max(0, Math.floor(request.limit));
    // One more than the page: whether a next page exists, without counting.
    const take = limit + 1;
    const parameters = new Parameters();
    const parts = branches(request, parameters);
    const after = position ? `(${column}, tracking_id) ${direction === 'DESC' ? '<' : '>'} (${parameters.add(position.key)}::bigint, ${parameters.add(position.trackingId)}::text)` : null;
    const order = `ORDER BY ${column} ${direction}, tracking_id ${direction} LIMIT ${take}`;
    const selected = parts.map((branch) => {
      const where = after ? [...branch.where, after] : branch.where;
      if (!branch.agencyColumn) return `SELECT record, ${column} AS sort_key, tracking_id FROM complaints ${whereSql(where)} ${order}`;
      return `SELECT page.* FROM unnest(${branch.agencies}::text[]) AS agency(id) CROSS JOIN LATERAL (
        SELECT record, ${column} AS sort_key, tracking_id FROM complaints ${whereSql([`${branch.agencyColumn} = agency.id`, ...where])} ${order}
      ) AS page`;
    });
    const sql = selected.length === 1 ? selected[0]! : `SELECT * FROM (${selected.map((part) => `(${part})`).join(' UNION ALL ')}) AS merged ORDER BY sort_key ${direction}, tracking_id ${direction} LIMIT ${take}`;
    // The page and the count run at once, on two connections.
    const [rows, total] = await Promise.all([pool.query<PageRow>(sql, parameters.values).then((result) => result.rows), request.countTotal === false ? -1 : count(request)]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => JSON.parse(row.record) as ComplaintRecord),
      total,
      nextCursor: rows.length > limit && last ? encodeCursor({ sort: request.sort, key: Number(last.sort_key), trackingId: last.tracking_id }) : null,
    };
  }

  async function count(filter: ComplaintFilter): Promise<number> {
    const parameters = new Parameters();
    const parts = branches(filter, parameters);
    const { table, total } = countSource(filter);
    const sql = `SELECT ${parts.map((branch) => `(${countedRows(branch, total, table)})`).join(' + ')} AS n`;
    const { rows } = await pool.query<{ n: string }>(sql, parameters.values);
    return Number(rows[0]?.n ?? 0);
  }

  async function countByStatus(filter: ComplaintFilter): Promise<Record<Status, number>> {
    const parameters = new Parameters();
    const parts = branches(filter, parameters);
    const { table, each } = countSource(filter);
    const sql = `SELECT status, sum(n) AS n FROM (${parts.map((branch) => countedRows(branch, `status, ${each} AS n`, table)).join(' UNION ALL ')}) AS matching GROUP BY status`;
    const counts = emptyStatusCounts();
    for (const row of (await pool.query<{ status: Status; n: string }>(sql, parameters.values)).rows) {
      if (row.status in counts) counts[row.status] = Number(row.n);
    }
    return counts;
  }

  async function updates(request: UpdateQuery): Promise<{ items: ComplaintUpdate[]; nextCursor: string | null }> {
    const parameters = new Parameters();
    const where = [
      `at_ms >= ${parameters.add(Date.parse(request.from))}::bigint`,
      `at_ms < ${parameters.add(Date.parse(request.before))}::bigint`,
      `confidentiality = ANY(${parameters.add(request.confidentialities)}::text[])`,
    ];
    if (request.cursor) {
      const position = decodeUpdateCursor(request.cursor);
      where.push(`(at_ms, tracking_id, idx) > (${parameters.add(position.at)}::bigint, ${parameters.add(position.trackingId)}::text, ${parameters.add(position.index)}::integer)`);
    }
    const limit = Math.max(0, Math.floor(request.limit));
    const { rows } = await pool.query<{ tracking_id: string; idx: number; entry: string }>(
      `SELECT tracking_id, idx, entry FROM complaint_updates ${whereSql(where)} ORDER BY at_ms, tracking_id, idx LIMIT ${limit + 1}`,
      parameters.values,
    );
    const items = rows.slice(0, limit).map((row) => ({ trackingId: row.tracking_id, index: row.idx, entry: JSON.parse(row.entry) as HistoryEntry }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeUpdateCursor(last) : null };
  }

  /**
   * The indicators' aggregates of a period: three GROUP BY queries over the fact columns of the
   * complaints received in it (core's `addFacts` in SQL), in one snapshot.
   */
  async function indicatorAggregates(request: IndicatorQuery): Promise<IndicatorAggregates> {
    const parameters = new Parameters();
    const where = ['has_facts', "confidentiality <> 'secret'", `received_ms >= ${parameters.add(Date.parse(request.receivedFrom))}::bigint`, `received_ms < ${parameters.add(Date.parse(request.receivedBefore))}::bigint`];
    if (request.agencyIds) where.push(`agency_id = ANY(${parameters.add(request.agencyIds)}::text[])`);
    const filtered = [...parameters.values];
    const now = `${parameters.add(Date.parse(request.now))}::bigint`;
    const counted = (condition: string) => `count(*) FILTER (WHERE ${condition})`;
    const summed = (column: string) => `COALESCE(sum(${column}), 0)`;
    const columns: Record<keyof IndicatorSums, string> = {
      received: 'count(*)',
      verifiedOnTime: counted(INDICATOR_SQL.verifiedOnTime.met),
      verifyDecided: counted(INDICATOR_SQL.verifiedOnTime.counted.replace(/@at/g, now)),
      resolvedOnTime: counted(INDICATOR_SQL.resolvedOnTime.met),
      resolveDecided: counted(INDICATOR_SQL.resolvedOnTime.counted.replace(/@at/g, now)),
      publicNotes: summed('public_notes'),
      publicChanges: summed('public_changes'),
      infoRequestsReached: summed('info_requests_reached'),
      infoRequests: summed('info_requests'),
      explainedDecisions: summed('explained_decisions'),
      decisions: summed('decisions'),
      escalated: counted('escalated'),
      completed: counted('NOT withdrawn AND completed'),
      notWithdrawn: counted('NOT withdrawn'),
      openOverdue: counted(INDICATOR_SQL.openOverdue.met.replace(/@at/g, now)),
      disputed: counted('disputed'),
      everResolved: counted('ever_resolved'),
      ratingSum: summed('rating_sum'),
      ratings: 'count(rating_sum)',
    };
    const names = Object.keys(columns) as (keyof IndicatorSums)[];
    const client = await pool.connect();
    try {
      // One snapshot for the three.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const sums = await client.query<Record<string, string>>(
        `SELECT agency_id, ${names.map((name) => `${columns[name]} AS "${name}"`).join(', ')} FROM complaints ${whereSql(where)} GROUP BY agency_id`,
        parameters.values,
      );
      const days = await client.query<{ agency_id: string; days: number; n: string }>(
        `SELECT agency_id, working_days_to_resolve AS days, count(*) AS n FROM complaints ${whereSql([...where, 'working_days_to_resolve IS NOT NULL'])} GROUP BY agency_id, days`,
        filtered,
      );
      const trend = await client.query<{ agency_id: string; month: string; category: Category; n: string }>(
        `SELECT agency_id, facts_month AS month, category, count(*) AS n FROM complaints ${whereSql(where)} GROUP BY agency_id, month, category`,
        filtered,
      );
      await client.query('COMMIT');
      const aggregates: IndicatorAggregates = {};
      for (const row of sums.rows) {
        const totals = emptySums();
        for (const name of names) totals[name] = Number(row[name]);
        aggregates[row['agency_id']!] = { sums: totals, daysToResolve: {}, trend: {} };
      }
      for (const row of days.rows) aggregates[row.agency_id]!.daysToResolve[row.days] = Number(row.n);
      for (const row of trend.rows) (aggregates[row.agency_id]!.trend[row.month] ??= {})[row.category] = Number(row.n);
      return aggregates;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return { query, count, countByStatus, updates, indicatorAggregates };
}
