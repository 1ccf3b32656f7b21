/**
 * The seed's measure of success, per agency: complaints handled *cepat, transparan, akuntabel dan
 * tuntas* (quickly, transparently, accountably and completely). docs/indicators.md gives each
 * indicator's reason and the law behind it.
 *
 * One definition, three steps, so that every store computes the same numbers without reading every
 * complaint:
 * 1. `indicatorFactsOf(record)`: what one complaint contributes, computed when it is written and
 *    kept beside it (stores index these as columns); nothing in it depends on the present.
 * 2. `aggregateFacts(facts, now)`: sums per agency (and the histogram of days to resolve, the trend
 *    by month and category), the only step that reads `now`. SQL stores do this with GROUP BY.
 * 3. `indicatorsFromAggregates(aggregates)`: shares, medians, the satisfaction index and grade, and
 *    the roll-ups per inspectorate and for the whole directory.
 * `computeIndicators(records, …)` runs all three over records: the reference every store matches.
 */
import type { WorkCalendar } from './calendar.js';
import { addWorkingDays, shiftLocalDate } from './calendar.js';
import { computeDeadlines } from './deadlines.js';
import type { Directory } from './directory.js';
import type { Category, ComplaintRecord, HistoryEntry } from './model.js';
import { RATING_QUESTIONS } from './model.js';
import type { Policy } from './policy.js';

/** The indicators that lead to complaints: each complaint met it, missed it, or does not count. */
export const INDICATOR_NAMES = [
  'verifiedOnTime',
  'resolvedOnTime',
  'publicNotes',
  'answeredInfoRequests',
  'explainedResolutions',
  'escalated',
  'completed',
  'openOverdue',
  'disputed',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/**
 * How one complaint stands on one indicator at `nowMs`: `met` (counted in its `n`), `missed`
 * (counted in its `of` but not its `n`), or null (not counted). A supervisor follows a low share to
 * the complaints that missed it. Stores mirror these rules in SQL.
 */
export function indicatorOutcome(entry: Pick<FactsAt, 'status' | 'dueAt' | 'facts'>, name: IndicatorName, nowMs: number): 'met' | 'missed' | null {
  const f = entry.facts;
  const of = (counted: boolean, met: boolean) => (counted ? (met ? 'met' : 'missed') : null);
  switch (name) {
    case 'verifiedOnTime':
      return of(f.firstMoveMs !== null || (!f.withdrawn && f.verifyByMs < nowMs), f.firstMoveMs !== null && f.firstMoveMs <= f.verifyByMs);
    case 'resolvedOnTime':
      return of(
        f.firstResolvedMs !== null || (f.resolveByMs !== null && f.resolveByMs < nowMs && !f.withdrawn),
        f.firstResolvedMs !== null && f.resolveByAtResolutionMs !== null && f.firstResolvedMs <= f.resolveByAtResolutionMs,
      );
    case 'publicNotes':
      return of(f.publicChanges > 0, f.publicNotes === f.publicChanges);
    case 'answeredInfoRequests':
      return of(f.infoRequests > 0, f.infoRequestsReached === f.infoRequests);
    case 'explainedResolutions':
      return of(f.decisions > 0, f.explainedDecisions === f.decisions);
    case 'escalated':
      return of(true, f.escalated);
    case 'completed':
      return of(!f.withdrawn, f.completed);
    case 'openOverdue':
      return of(true, OPEN.has(entry.status) && !!entry.dueAt && Date.parse(entry.dueAt) < nowMs);
    case 'disputed':
      return of(f.everResolved, f.disputed);
  }
}

/** What one complaint contributes to the indicators. Instants in milliseconds; null when not (yet) so. */
export interface IndicatorFacts {
  /** `YYYY-MM` of receipt in the calendar's zone (the trend). */
  month: string;
  /** When it first left `received` by staff's hand (null: not yet; withdrawn first: excluded). */
  firstMoveMs: number | null;
  /** The verify deadline as it stood at receipt (working days after the local date of receipt). */
  verifyByMs: number;
  /** Withdrawn by the reporter (left out of `completed`, and of `verifiedOnTime` when before any move). */
  withdrawn: boolean;
  /** The first move to `resolved`, and the resolve deadline as it stood then. */
  firstResolvedMs: number | null;
  resolveByAtResolutionMs: number | null;
  /**
   * The resolve deadline now, for a complaint not resolved; null when there is none, or while it
   * is paused in `needs_info` before the deadline passed (it moves with the pause, so it is not past).
   */
  resolveByMs: number | null;
  /** Working days from the local date of receipt to the local date of the first resolution. */
  workingDaysToResolve: number | null;
  /** Status changes by staff, and those of them with a public note. */
  publicChanges: number;
  publicNotes: number;
  /** Requests for information, and those that reached the reporter (answered, or seen in their own view). */
  infoRequests: number;
  infoRequestsReached: number;
  /** Resolutions and rejections by staff, and those with a public note or a reason. */
  decisions: number;
  explainedDecisions: number;
  escalated: boolean;
  everResolved: boolean;
  /** Resolved or closed now. */
  completed: boolean;
  disputed: boolean;
  /** The rating's four scores summed (4 to 16), or null without one. */
  ratingSum: number | null;
}

/** Staff's own steps: neither the system's, nor the reporter's, nor assignments. */
const staffChange = (entry: HistoryEntry) => entry.kind === undefined && entry.actor !== 'system' && entry.actor !== 'reporter';

/** Local dates strictly after `from` up to and including `to` that are working days. */
function workingDaysBetween(calendar: WorkCalendar, fromMs: number, toMs: number): number {
  let date = calendar.localDate(new Date(fromMs));
  const last = calendar.localDate(new Date(toMs));
  let count = 0;
  // Bounded: a complaint is resolved within years, not centuries.
  for (let guard = 0; date < last && guard < 20_000; guard++) {
    date = shiftLocalDate(date, 1);
    if (calendar.isWorkingDay(date)) count += 1;
  }
  return count;
}

/** What a complaint contributes to the indicators, as its history stands. */
export function indicatorFactsOf(record: ComplaintRecord, calendar: WorkCalendar, policy: Policy): IndicatorFacts {
  const receivedMs = Date.parse(record.receivedAt);
  const history = record.history;
  const firstMove = history.find((entry, index) => index > 0 && entry.kind !== 'assignment' && entry.status !== 'received');
  const withdrawn = record.withdrawal !== undefined || history.some((entry) => entry.kind === 'withdrawal');
  const firstResolvedIndex = history.findIndex((entry) => entry.status === 'resolved' && entry.kind === undefined);
  const firstResolved = firstResolvedIndex >= 0 ? history[firstResolvedIndex]! : undefined;
  const atResolution = firstResolved
    ? computeDeadlines({ ...record, history: history.slice(0, firstResolvedIndex + 1), status: 'resolved' }, policy, calendar, new Date(Date.parse(firstResolved.at))).resolveBy
    : null;
  const lastAt = Date.parse(history.at(-1)?.at ?? record.receivedAt);
  const now = computeDeadlines(record, policy, calendar, new Date(lastAt));
  const pausedInTime = record.status === 'needs_info' && now.resolveBy !== null && Date.parse(now.resolveBy) >= lastAt;

  let infoRequests = 0;
  let infoRequestsReached = 0;
  history.forEach((entry, index) => {
    if (entry.status !== 'needs_info' || entry.kind !== undefined) return;
    infoRequests += 1;
    const answered = history.slice(index + 1).some((later) => later.kind === 'reply');
    const seen = record.reporterSeenAt !== undefined && record.reporterSeenAt >= entry.at;
    if (answered || seen) infoRequestsReached += 1;
  });
  const changes = history.filter(staffChange);
  const decisions = changes.filter((entry) => entry.status === 'resolved' || entry.status === 'rejected');
  const score = record.rating ? RATING_QUESTIONS.reduce((sum, question) => sum + record.rating!.scores[question], 0) : null;
  return {
    month: calendar.localDate(new Date(receivedMs)).slice(0, 7),
    firstMoveMs: firstMove && firstMove.actor !== 'reporter' ? Date.parse(firstMove.at) : null,
    verifyByMs: addWorkingDays(calendar, new Date(receivedMs), policy.verifyWorkingDays).getTime(),
    withdrawn,
    firstResolvedMs: firstResolved ? Date.parse(firstResolved.at) : null,
    resolveByAtResolutionMs: atResolution ? Date.parse(atResolution) : null,
    resolveByMs: firstResolved || pausedInTime || now.resolveBy === null ? null : Date.parse(now.resolveBy),
    workingDaysToResolve: firstResolved ? workingDaysBetween(calendar, receivedMs, Date.parse(firstResolved.at)) : null,
    publicChanges: changes.length,
    publicNotes: changes.filter((entry) => entry.note !== '').length,
    infoRequests,
    infoRequestsReached,
    decisions: decisions.length,
    explainedDecisions: decisions.filter((entry) => entry.note !== '' || entry.reason !== undefined).length,
    escalated: history.some((entry) => entry.status === 'escalated'),
    everResolved: firstResolved !== undefined,
    completed: record.status === 'resolved' || record.status === 'closed',
    disputed: (record.disputes?.length ?? 0) > 0,
    ratingSum: score,
  };
}

/** The sums of one agency's facts: the store's GROUP BY, and the reference's loop. */
export interface IndicatorSums {
  received: number;
  verifiedOnTime: number;
  verifyDecided: number;
  resolvedOnTime: number;
  resolveDecided: number;
  publicNotes: number;
  publicChanges: number;
  infoRequestsReached: number;
  infoRequests: number;
  explainedDecisions: number;
  decisions: number;
  escalated: number;
  completed: number;
  notWithdrawn: number;
  openOverdue: number;
  disputed: number;
  everResolved: number;
  ratingSum: number;
  ratings: number;
}

/** Aggregates of one agency: the sums, how many took each number of working days to resolve, and the trend. */
export interface AgencyAggregate {
  sums: IndicatorSums;
  /** Working days to the first resolution → how many complaints. */
  daysToResolve: Record<number, number>;
  /** `YYYY-MM` → category → complaints received. */
  trend: Record<string, Partial<Record<Category, number>>>;
}

/** What a store answers for a period: one aggregate per agency reported. */
export type IndicatorAggregates = Record<string, AgencyAggregate>;

/** A record's contribution to its agency's aggregate at `now`, given its status and current deadline. */
export interface FactsAt {
  agencyId: string;
  category: Category;
  status: ComplaintRecord['status'];
  dueAt: string | null | undefined;
  facts: IndicatorFacts;
}

export function emptySums(): IndicatorSums {
  return {
    received: 0, verifiedOnTime: 0, verifyDecided: 0, resolvedOnTime: 0, resolveDecided: 0, publicNotes: 0, publicChanges: 0,
    infoRequestsReached: 0, infoRequests: 0, explainedDecisions: 0, decisions: 0, escalated: 0, completed: 0, notWithdrawn: 0,
    openOverdue: 0, disputed: 0, everResolved: 0, ratingSum: 0, ratings: 0,
  };
}

const OPEN = new Set(['received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'escalated']);

/** Adds one complaint to its sums at `now` (the rules every store's query mirrors). */
export function addFacts(sums: IndicatorSums, entry: FactsAt, nowMs: number): void {
  const { facts } = entry;
  sums.received += 1;
  // Verification: decided when staff first moved it, or when its deadline passed without a move; a
  // withdrawal before any move is the reporter's doing, not the agency's.
  const verifyDecided = facts.firstMoveMs !== null || (!(facts.withdrawn && facts.firstMoveMs === null) && facts.verifyByMs < nowMs);
  if (verifyDecided) sums.verifyDecided += 1;
  if (facts.firstMoveMs !== null && facts.firstMoveMs <= facts.verifyByMs) sums.verifiedOnTime += 1;
  // Resolution: decided once resolved, or once past its resolve deadline without a resolution.
  if (facts.firstResolvedMs !== null) {
    sums.resolveDecided += 1;
    if (facts.resolveByAtResolutionMs !== null && facts.firstResolvedMs <= facts.resolveByAtResolutionMs) sums.resolvedOnTime += 1;
  } else if (facts.resolveByMs !== null && facts.resolveByMs < nowMs && !facts.withdrawn) {
    sums.resolveDecided += 1;
  }
  sums.publicNotes += facts.publicNotes;
  sums.publicChanges += facts.publicChanges;
  sums.infoRequestsReached += facts.infoRequestsReached;
  sums.infoRequests += facts.infoRequests;
  sums.explainedDecisions += facts.explainedDecisions;
  sums.decisions += facts.decisions;
  if (facts.escalated) sums.escalated += 1;
  if (!facts.withdrawn) {
    sums.notWithdrawn += 1;
    if (facts.completed) sums.completed += 1;
  }
  if (OPEN.has(entry.status) && entry.dueAt && Date.parse(entry.dueAt) < nowMs) sums.openOverdue += 1;
  if (facts.everResolved) sums.everResolved += 1;
  if (facts.disputed) sums.disputed += 1;
  if (facts.ratingSum !== null) {
    sums.ratingSum += facts.ratingSum;
    sums.ratings += 1;
  }
}

/** Aggregates per agency of complaints' facts at `now`: the reference of every store's query. */
export function aggregateFacts(entries: readonly FactsAt[], now: Date): IndicatorAggregates {
  const aggregates: IndicatorAggregates = {};
  const nowMs = now.getTime();
  for (const entry of entries) {
    const aggregate = (aggregates[entry.agencyId] ??= { sums: emptySums(), daysToResolve: {}, trend: {} });
    addFacts(aggregate.sums, entry, nowMs);
    const days = entry.facts.workingDaysToResolve;
    if (days !== null) aggregate.daysToResolve[days] = (aggregate.daysToResolve[days] ?? 0) + 1;
    const month = (aggregate.trend[entry.facts.month] ??= {});
    month[entry.category] = (month[entry.category] ?? 0) + 1;
  }
  return aggregates;
}

/** A share anyone can check: `n` of `of`, and `n / of` (null when `of` is 0). */
export interface Share {
  n: number;
  of: number;
  share: number | null;
}

const share = (n: number, of: number): Share => ({ n, of, share: of === 0 ? null : Math.round((n / of) * 10_000) / 10_000 });

/** The satisfaction index as the national survey converts it (Permenpan RB 14/2017). */
export interface Satisfaction {
  /** Mean score (1–4) × 25, two decimals: 25 to 100. */
  index: number;
  /** A from 88.31, B from 76.61, C from 65.00, else D. */
  grade: 'A' | 'B' | 'C' | 'D';
  responses: number;
}

/** The four groups of indicators of one agency (or a roll-up). */
export interface IndicatorGroups {
  /** Complaints received in the period. */
  received: number;
  cepat: { verifiedOnTime: Share; resolvedOnTime: Share; medianWorkingDaysToResolve: number | null };
  transparan: { publicNotes: Share; answeredInfoRequests: Share };
  akuntabel: { explainedResolutions: Share; escalated: Share };
  tuntas: { completed: Share; openOverdue: number; disputed: Share; satisfaction: Satisfaction | null };
}

/** What each row of the indicators holds: the four groups, and counts by category and by month. */
export interface IndicatorTable extends IndicatorGroups {
  /** `YYYY-MM` → category → complaints received (exact here; public answers hide counts below 5). */
  trend: Record<string, Partial<Record<Category, number>>>;
  /** Category → complaints received in the period. */
  byCategory: Partial<Record<Category, number>>;
}

export interface AgencyIndicators extends IndicatorTable {
  agencyId: string;
}

export interface InspectorateIndicators extends IndicatorTable {
  inspectorateId: string;
  /** The agencies reported that name this inspectorate. */
  agencyIds: string[];
}

export interface Indicators {
  /** Local dates: complaints received in `[from, to)`. */
  period: { from: string; to: string };
  /** The instant "now" in every "by now" of the definitions. */
  at: string;
  agencies: AgencyIndicators[];
  /** One roll-up per inspectorate over the agencies it supervises (those naming it as `inspectorateId`). */
  inspectorates: InspectorateIndicators[];
  /** Every agency reported together. */
  total: IndicatorTable;
}

export function satisfactionOf(ratingSum: number, ratings: number): Satisfaction | null {
  if (ratings === 0) return null;
  // Each rating holds four scores: the mean score is the sum over four times the responses.
  const index = Math.round((ratingSum / (ratings * RATING_QUESTIONS.length)) * 25 * 100) / 100;
  const grade = index >= 88.31 ? 'A' : index >= 76.61 ? 'B' : index >= 65 ? 'C' : 'D';
  return { index, grade, responses: ratings };
}

/** The median of a histogram of whole numbers (the mean of the two middle values when the count is even). */
export function medianOf(histogram: Record<number, number>): number | null {
  const values = Object.keys(histogram).map(Number).sort((a, b) => a - b);
  const count = values.reduce((sum, value) => sum + histogram[value]!, 0);
  if (count === 0) return null;
  const at = (position: number): number => {
    let seen = 0;
    for (const value of values) {
      seen += histogram[value]!;
      if (position < seen) return value;
    }
    return values.at(-1)!;
  };
  return count % 2 === 1 ? at((count - 1) / 2) : (at(count / 2 - 1) + at(count / 2)) / 2;
}

function groupsOf(sums: IndicatorSums, daysToResolve: Record<number, number>): IndicatorGroups {
  return {
    received: sums.received,
    cepat: { verifiedOnTime: share(sums.verifiedOnTime, sums.verifyDecided), resolvedOnTime: share(sums.resolvedOnTime, sums.resolveDecided), medianWorkingDaysToResolve: medianOf(daysToResolve) },
    transparan: { publicNotes: share(sums.publicNotes, sums.publicChanges), answeredInfoRequests: share(sums.infoRequestsReached, sums.infoRequests) },
    akuntabel: { explainedResolutions: share(sums.explainedDecisions, sums.decisions), escalated: share(sums.escalated, sums.received) },
    tuntas: { completed: share(sums.completed, sums.notWithdrawn), openOverdue: sums.openOverdue, disputed: share(sums.disputed, sums.everResolved), satisfaction: satisfactionOf(sums.ratingSum, sums.ratings) },
  };
}

/** Adds aggregates together: an inspectorate's, or the whole directory's. */
function combine(aggregates: readonly AgencyAggregate[]): AgencyAggregate {
  const sums = emptySums();
  const daysToResolve: Record<number, number> = {};
  const trend: AgencyAggregate['trend'] = {};
  for (const aggregate of aggregates) {
    for (const key of Object.keys(sums) as (keyof IndicatorSums)[]) sums[key] += aggregate.sums[key];
    for (const [days, count] of Object.entries(aggregate.daysToResolve)) daysToResolve[Number(days)] = (daysToResolve[Number(days)] ?? 0) + count;
    for (const [month, counts] of Object.entries(aggregate.trend)) {
      const into = (trend[month] ??= {});
      for (const [category, count] of Object.entries(counts)) into[category as Category] = (into[category as Category] ?? 0) + (count ?? 0);
    }
  }
  return { sums, daysToResolve, trend };
}

/** The table of one aggregate: its groups, its trend with months in order, and its counts by category. */
function tableOf(aggregate: AgencyAggregate): IndicatorTable {
  const trend: IndicatorTable['trend'] = {};
  const byCategory: IndicatorTable['byCategory'] = {};
  for (const month of Object.keys(aggregate.trend).sort()) {
    trend[month] = { ...aggregate.trend[month] };
    for (const [category, count] of Object.entries(aggregate.trend[month]!)) byCategory[category as Category] = (byCategory[category as Category] ?? 0) + (count ?? 0);
  }
  return { ...groupsOf(aggregate.sums, aggregate.daysToResolve), trend, byCategory };
}

/**
 * The indicators from a store's aggregates: one entry per agency in `agencyIds` (agencies without
 * complaints get zeros), a roll-up per inspectorate among them, and the total.
 */
export function indicatorsFromAggregates(
  aggregates: IndicatorAggregates,
  options: { agencyIds: readonly string[]; inspectorateOf: (agencyId: string) => string | null; from: string; to: string; now: Date },
): Indicators {
  const empty = (): AgencyAggregate => ({ sums: emptySums(), daysToResolve: {}, trend: {} });
  const of = (agencyId: string) => aggregates[agencyId] ?? empty();
  const agencies = options.agencyIds.map((agencyId): AgencyIndicators => ({ agencyId, ...tableOf(of(agencyId)) }));
  const byInspectorate = new Map<string, string[]>();
  for (const agencyId of options.agencyIds) {
    const inspectorate = options.inspectorateOf(agencyId);
    if (inspectorate) byInspectorate.set(inspectorate, [...(byInspectorate.get(inspectorate) ?? []), agencyId]);
  }
  const inspectorates = [...byInspectorate].map(([inspectorateId, agencyIds]): InspectorateIndicators => ({ inspectorateId, agencyIds, ...tableOf(combine(agencyIds.map(of))) }));
  return { period: { from: options.from, to: options.to }, at: options.now.toISOString(), agencies, inspectorates, total: tableOf(combine(options.agencyIds.map(of))) };
}

/** The instants a period of local dates covers: `[from, to)` in the calendar's zone. */
export function periodBounds(calendar: WorkCalendar, from: string, to: string): { fromMs: number; beforeMs: number } {
  return { fromMs: calendar.startOfDay(from).getTime(), beforeMs: calendar.startOfDay(to).getTime() };
}

export interface ComputeIndicatorsOptions {
  calendar: WorkCalendar;
  policy: Policy;
  /** Local dates: complaints received in `[from, to)`. */
  from: string;
  to: string;
  now: Date;
  /** Which agencies to report, and their inspectorates; default every agency of the records, none rolled up. */
  directory?: Directory;
  agencyIds?: readonly string[];
}

/**
 * The reference definition of the indicators (pure): per agency reported, for complaints received
 * in `[from, to)`. Stores compute the same from the facts they keep; a test holds them equal.
 * @example computeIndicators(records, { calendar, policy, from: '2026-01-01', to: '2027-01-01', now: new Date() })
 */
export function computeIndicators(records: readonly ComplaintRecord[], options: ComputeIndicatorsOptions): Indicators {
  const { fromMs, beforeMs } = periodBounds(options.calendar, options.from, options.to);
  // Secret complaints are left out of every statistic (DESIGN.md, confidentiality).
  const inPeriod = records.filter((record) => {
    const at = Date.parse(record.receivedAt);
    return at >= fromMs && at < beforeMs && record.submission.confidentiality !== 'secret' && (!options.agencyIds || options.agencyIds.includes(record.agencyId));
  });
  const entries = inPeriod.map((record) => ({
    agencyId: record.agencyId,
    category: record.submission.category,
    status: record.status,
    dueAt: record.dueAt,
    facts: indicatorFactsOf(record, options.calendar, options.policy),
  }));
  const agencyIds = options.agencyIds ?? options.directory?.agencies().map((agency) => agency.id) ?? [...new Set(inPeriod.map((record) => record.agencyId))].sort();
  return indicatorsFromAggregates(aggregateFacts(entries, options.now), {
    agencyIds,
    inspectorateOf: (agencyId) => options.directory?.agency(agencyId)?.inspectorateId ?? null,
    from: options.from,
    to: options.to,
    now: options.now,
  });
}
