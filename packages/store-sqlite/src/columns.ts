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
  };
}
