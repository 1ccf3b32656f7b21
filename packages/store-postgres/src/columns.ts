/**
 * What the PostgreSQL store keeps of a complaint beside its JSON record, so that queries read
 * indexes: the filter columns, the sort keys, the search words and the public changes. Computed
 * from core's definitions (`store-query.ts`), never re-defined here.
 */
import { deadlineKey, isPublicChange, searchDocument } from '@narahubung/core';
import type { ComplaintRecord } from '@narahubung/core';

/**
 * The longest search lexeme kept, in code points. Core's `searchWords` cuts every searched word to
 * 40, so a document word cut to 40 matches exactly the words it matched whole (a prefix of the cut
 * word is a prefix of the word), and no word reaches PostgreSQL's 2,047-byte lexeme limit.
 */
const LEXEME_MAX = 40;

/** The search lexemes of a complaint: the distinct words of core's `searchDocument`, as they are. */
export function searchLexemes(record: Pick<ComplaintRecord, 'submission'>): string[] {
  const document = searchDocument(record);
  if (document === '') return [];
  return [...new Set(document.split(' ').map((word) => (word.length > LEXEME_MAX ? [...word].slice(0, LEXEME_MAX).join('') : word)))];
}

/** The row of a complaint, in the order of `COMPLAINT_COLUMNS`, ready to bind. */
export interface ComplaintRow {
  trackingId: string;
  values: (string | number | boolean | null)[];
  confidentiality: string;
  /** Each public change with its place in the history. */
  updates: { index: number; atMs: number; entry: string }[];
}

/** The columns an insert writes, in order, with the SQL type of each value (`search`: the lexemes joined by spaces, made a tsvector in SQL). */
export const COMPLAINT_COLUMNS = [
  ['tracking_id', 'text'],
  ['agency_id', 'text'],
  ['handling_agency_id', 'text'],
  ['status', 'text'],
  ['kind', 'text'],
  ['category', 'text'],
  ['confidentiality', 'text'],
  ['received_ms', 'bigint'],
  ['due_key', 'bigint'],
  ['due_ms', 'bigint'],
  ['assignee_id', 'text'],
  ['version', 'integer'],
  ['search', 'text'],
  ['record', 'text'],
  ['has_facts', 'boolean'],
  ['facts_month', 'text'],
  ['first_move_ms', 'bigint'],
  ['verify_by_ms', 'bigint'],
  ['withdrawn', 'boolean'],
  ['first_resolved_ms', 'bigint'],
  ['resolve_by_at_resolution_ms', 'bigint'],
  ['resolve_by_ms', 'bigint'],
  ['working_days_to_resolve', 'integer'],
  ['public_changes', 'integer'],
  ['public_notes', 'integer'],
  ['info_requests', 'integer'],
  ['info_requests_reached', 'integer'],
  ['decisions', 'integer'],
  ['explained_decisions', 'integer'],
  ['escalated', 'boolean'],
  ['ever_resolved', 'boolean'],
  ['completed', 'boolean'],
  ['disputed', 'boolean'],
  ['rating_sum', 'integer'],
] as const;

/** The fact columns, in the order of `COMPLAINT_COLUMNS` from `has_facts` on. */
function factValues(record: ComplaintRecord): (string | number | boolean | null)[] {
  const facts = record.facts;
  if (!facts) return [false, ...Array.from({ length: 19 }, () => null)];
  return [
    true,
    facts.month,
    facts.firstMoveMs,
    facts.verifyByMs,
    facts.withdrawn,
    facts.firstResolvedMs,
    facts.resolveByAtResolutionMs,
    facts.resolveByMs,
    facts.workingDaysToResolve,
    facts.publicChanges,
    facts.publicNotes,
    facts.infoRequests,
    facts.infoRequestsReached,
    facts.decisions,
    facts.explainedDecisions,
    facts.escalated,
    facts.everResolved,
    facts.completed,
    facts.disputed,
    facts.ratingSum,
  ];
}

export function complaintRow(record: ComplaintRecord): ComplaintRow {
  const confidentiality = record.submission.confidentiality;
  return {
    trackingId: record.trackingId,
    values: [
      record.trackingId,
      record.agencyId,
      record.handlingAgencyId,
      record.status,
      record.submission.kind,
      record.submission.category,
      confidentiality,
      Date.parse(record.receivedAt),
      deadlineKey(record),
      record.dueAt ? Date.parse(record.dueAt) : null,
      record.assigneeId ?? null,
      record.version,
      // Lexemes hold letters and digits only: a space separates them unambiguously.
      searchLexemes(record).join(' '),
      JSON.stringify(record),
      ...factValues(record),
    ],
    confidentiality,
    updates: record.history.flatMap((entry, index) => (isPublicChange(entry) ? [{ index, atMs: Date.parse(entry.at), entry: JSON.stringify(entry) }] : [])),
  };
}
