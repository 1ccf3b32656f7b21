/**
 * What the SQLite store keeps of a complaint beside its JSON record, so that queries read indexes:
 * the filter columns, the sort keys, the search text and the public changes. Computed once, in the
 * thread that calls the store, from core's definitions (`store-query.ts`).
 */
import { deadlineKey, isPublicChange, searchDocument } from '@narahubung/core';
import type { ComplaintRecord } from '@narahubung/core';

export interface QueryColumns {
  kind: string;
  category: string;
  confidentiality: string;
  receivedMs: number;
  dueAt: string | null;
  dueKey: number;
  assigneeId: string | null;
  /** Title and description as search sees them. */
  search: string;
  /** Each public change with its place in the history. */
  updates: { index: number; atMs: number; entry: string }[];
  /** The indicator facts, one column each (booleans as 0/1); all null when the record has none. */
  factsMonth: string | null;
  firstMoveMs: number | null;
  verifyByMs: number | null;
  withdrawn: number | null;
  firstResolvedMs: number | null;
  resolveByAtResolutionMs: number | null;
  resolveByMs: number | null;
  workingDaysToResolve: number | null;
  publicChanges: number | null;
  publicNotes: number | null;
  infoRequests: number | null;
  infoRequestsReached: number | null;
  decisions: number | null;
  explainedDecisions: number | null;
  escalated: number | null;
  everResolved: number | null;
  completed: number | null;
  disputed: number | null;
  ratingSum: number | null;
  hasFacts: number;
}

export function queryColumns(record: ComplaintRecord): QueryColumns {
  return {
    kind: record.submission.kind,
    category: record.submission.category,
    confidentiality: record.submission.confidentiality,
    receivedMs: Date.parse(record.receivedAt),
    dueAt: record.dueAt ?? null,
    dueKey: deadlineKey(record),
    assigneeId: record.assigneeId ?? null,
    search: searchDocument(record),
    updates: record.history.flatMap((entry, index) => (isPublicChange(entry) ? [{ index, atMs: Date.parse(entry.at), entry: JSON.stringify(entry) }] : [])),
    ...factColumns(record),
  };
}

const bit = (value: boolean) => (value ? 1 : 0);

function factColumns(record: ComplaintRecord) {
  const facts = record.facts;
  if (!facts) {
    return {
      factsMonth: null, firstMoveMs: null, verifyByMs: null, withdrawn: null, firstResolvedMs: null, resolveByAtResolutionMs: null, resolveByMs: null,
      workingDaysToResolve: null, publicChanges: null, publicNotes: null, infoRequests: null, infoRequestsReached: null, decisions: null,
      explainedDecisions: null, escalated: null, everResolved: null, completed: null, disputed: null, ratingSum: null, hasFacts: 0,
    };
  }
  return {
    factsMonth: facts.month,
    firstMoveMs: facts.firstMoveMs,
    verifyByMs: facts.verifyByMs,
    withdrawn: bit(facts.withdrawn),
    firstResolvedMs: facts.firstResolvedMs,
    resolveByAtResolutionMs: facts.resolveByAtResolutionMs,
    resolveByMs: facts.resolveByMs,
    workingDaysToResolve: facts.workingDaysToResolve,
    publicChanges: facts.publicChanges,
    publicNotes: facts.publicNotes,
    infoRequests: facts.infoRequests,
    infoRequestsReached: facts.infoRequestsReached,
    decisions: facts.decisions,
    explainedDecisions: facts.explainedDecisions,
    escalated: bit(facts.escalated),
    everResolved: bit(facts.everResolved),
    completed: bit(facts.completed),
    disputed: bit(facts.disputed),
    ratingSum: facts.ratingSum,
    hasFacts: 1,
  };
}
