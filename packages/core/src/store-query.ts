/**
 * What every store shares about queries: the meaning of a filter and of each sort order (the
 * memory store applies them directly; SQL stores mirror them in their indexes), the text a search
 * looks in, and the cursor format. One definition, so that every store answers a query the same way.
 */
import type { ComplaintRecord, HistoryEntry, Status } from './model.js';
import { STATUSES } from './model.js';
import type { ComplaintFilter, ComplaintSort, ComplaintUpdate } from './store.js';
import { indicatorOutcome } from './indicators.js';

/**
 * The keys of a query that a table of counts per agency, handling agency, status, kind, category
 * and confidentiality can answer; the page's own keys (sort, limit, cursor) say nothing about which
 * complaints count. A list of what is allowed: a filter added later counts from the complaints.
 */
const DIMENSION_KEYS: ReadonlySet<string> = new Set(['agencyIds', 'reportedAgencyIds', 'statuses', 'kinds', 'categories', 'confidentialities', 'sort', 'limit', 'cursor', 'countTotal']);

/**
 * Whether a filter names nothing but agencies, statuses, kinds, categories and confidentiality, so
 * that its total and counts per status can come from kept counts rather than from the complaints.
 */
export function countsByDimensions(filter: ComplaintFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || DIMENSION_KEYS.has(key));
}

/** Every status with a count of 0, to fill in. */
export function emptyStatusCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
}

/**
 * Text as search sees it: lower case, accents and other marks removed, anything that is not a
 * letter or a digit a space. "KTP-el belum terbit, Pák!" -> "ktp el belum terbit pak".
 */
export function searchableText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The most words a search takes; more say little and cost much. */
export const SEARCH_WORDS_MAX = 8;

/** The words of a search, as `searchableText` makes them (at most `SEARCH_WORDS_MAX`, each at most 40 characters). */
export function searchWords(query: string): string[] {
  const words = searchableText(query).split(' ').filter((word) => word !== '');
  return [...new Set(words)].slice(0, SEARCH_WORDS_MAX).map((word) => [...word].slice(0, 40).join(''));
}

/** What a complaint is searched by: its title and description, searchable. */
export function searchDocument(record: Pick<ComplaintRecord, 'submission'>): string {
  return searchableText(`${record.submission.title} ${record.submission.description}`);
}

/** True when every word of `words` starts a word of `document` (both searchable text). */
export function documentMatches(document: string, words: readonly string[]): boolean {
  const present = document.split(' ');
  return words.every((word) => present.some((candidate) => candidate.startsWith(word)));
}

/** Whether a history entry is a public change (a status change), shown in public views and Open311 updates. */
export function isPublicChange(entry: HistoryEntry): boolean {
  return entry.kind === undefined || entry.kind !== 'assignment';
}

/** Beyond any instant in milliseconds: complaints with no running clock sort after all others. */
const NO_DEADLINE = 2 ** 52;
/** Above any instant in milliseconds up to the year 2248. */
const INSTANT_RANGE = 2 ** 43;

/**
 * The key of the `deadline` order, one number: the current deadline in milliseconds; for a
 * complaint with no running clock, a number above every deadline that is smaller for newer
 * complaints (so those come newest first). Stores keep it in an indexed column.
 */
export function deadlineKey(record: Pick<ComplaintRecord, 'dueAt' | 'receivedAt'>): number {
  if (record.dueAt) return Date.parse(record.dueAt);
  return NO_DEADLINE + (INSTANT_RANGE - Date.parse(record.receivedAt));
}

/** The sort key of a complaint in an order; ties are broken by tracking id. */
export function sortKey(record: Pick<ComplaintRecord, 'dueAt' | 'receivedAt'>, sort: ComplaintSort): number {
  return sort === 'deadline' ? deadlineKey(record) : Date.parse(record.receivedAt);
}

/**
 * Compares two complaints in an order: by sort key, then by tracking id, both ascending, or both
 * descending for `-received` (the exact reverse of `received`, so one index serves both).
 */
export function compareComplaints(sort: ComplaintSort): (a: ComplaintRecord, b: ComplaintRecord) => number {
  const direction = sort === '-received' ? -1 : 1;
  return (a, b) => direction * (sortKey(a, sort) - sortKey(b, sort) || (a.trackingId < b.trackingId ? -1 : a.trackingId > b.trackingId ? 1 : 0));
}

/** Whether a complaint matches a filter (the reference every store must agree with). */
export function complaintMatches(record: ComplaintRecord, filter: ComplaintFilter, words: readonly string[] = filter.text ? searchWords(filter.text) : []): boolean {
  const submission = record.submission;
  if (filter.agencyIds && !filter.agencyIds.includes(record.agencyId) && !filter.agencyIds.includes(record.handlingAgencyId)) return false;
  if (filter.reportedAgencyIds && !filter.reportedAgencyIds.includes(record.agencyId)) return false;
  if (filter.trackingIds && !filter.trackingIds.includes(record.trackingId)) return false;
  if (filter.statuses && !filter.statuses.includes(record.status)) return false;
  if (filter.kinds && !filter.kinds.includes(submission.kind)) return false;
  if (filter.categories && !filter.categories.includes(submission.category)) return false;
  if (filter.confidentialities && !filter.confidentialities.includes(submission.confidentiality)) return false;
  if (filter.receivedFrom && Date.parse(record.receivedAt) < Date.parse(filter.receivedFrom)) return false;
  if (filter.receivedBefore && Date.parse(record.receivedAt) >= Date.parse(filter.receivedBefore)) return false;
  if (filter.overdueAt && !(record.dueAt && Date.parse(record.dueAt) < Date.parse(filter.overdueAt))) return false;
  if (filter.dueFrom && !(record.dueAt && Date.parse(record.dueAt) >= Date.parse(filter.dueFrom))) return false;
  if (filter.assigneeId !== undefined && (record.assigneeId ?? null) !== filter.assigneeId) return false;
  if (words.length > 0 && !documentMatches(searchDocument(record), words)) return false;
  if (filter.indicator) {
    if (!record.facts) return false;
    if (indicatorOutcome({ status: record.status, dueAt: record.dueAt ?? null, facts: record.facts }, filter.indicator.name, Date.parse(filter.indicator.at)) !== filter.indicator.outcome) return false;
  }
  return true;
}

/** A cursor that cannot be read, or belongs to another order. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
  readonly code = 'bad_cursor';
}

/** Where a page ended: the order, and the sort key and tracking id of its last complaint. */
export interface CursorPosition {
  sort: string;
  key: number;
  trackingId: string;
}

/** An opaque, URL-safe cursor for a position. */
export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify([position.sort, position.key, position.trackingId]);
  return base64url(new TextEncoder().encode(json));
}

/** The position a cursor names; throws `CursorError` when it is not one of ours, or is of another order. */
export function decodeCursor(cursor: string, sort: string): CursorPosition {
  try {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw new Error('not base64url');
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(cursor)));
    if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('not a position');
    const [cursorSort, key, trackingId] = parsed as unknown[];
    if (cursorSort !== sort || typeof key !== 'number' || !Number.isSafeInteger(key) || typeof trackingId !== 'string' || trackingId.length > 40) {
      throw new Error('another order');
    }
    return { sort, key, trackingId };
  } catch {
    throw new CursorError('the cursor is not one this listing gave');
  }
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Whether a complaint comes after a cursor position in its order. */
export function isAfter(record: ComplaintRecord, position: CursorPosition, sort: ComplaintSort): boolean {
  const key = sortKey(record, sort);
  if (sort === '-received') return key < position.key || (key === position.key && record.trackingId < position.trackingId);
  return key > position.key || (key === position.key && record.trackingId > position.trackingId);
}

/** Where a page of updates ended: the time, tracking id and history index of its last update. */
export interface UpdatePosition {
  at: number;
  trackingId: string;
  index: number;
}

/** The `updates` order: by time, then tracking id, then position in the history. */
export function compareUpdates(a: ComplaintUpdate, b: ComplaintUpdate): number {
  return Date.parse(a.entry.at) - Date.parse(b.entry.at) || (a.trackingId < b.trackingId ? -1 : a.trackingId > b.trackingId ? 1 : 0) || a.index - b.index;
}

export function encodeUpdateCursor(update: ComplaintUpdate): string {
  return encodeCursor({ sort: 'updates', key: Date.parse(update.entry.at), trackingId: `${update.trackingId}#${update.index}` });
}

/** Throws `CursorError` for a cursor that is not an updates cursor. */
export function decodeUpdateCursor(cursor: string): UpdatePosition {
  const position = decodeCursor(cursor, 'updates');
  const match = /^(.+)#(\d{1,6})$/.exec(position.trackingId);
  if (!match) throw new CursorError('the cursor is not one this listing gave');
  return { at: position.key, trackingId: match[1]!, index: Number(match[2]) };
}

export function isUpdateAfter(update: ComplaintUpdate, position: UpdatePosition): boolean {
  const at = Date.parse(update.entry.at);
  return at > position.at || (at === position.at && (update.trackingId > position.trackingId || (update.trackingId === position.trackingId && update.index > position.index)));
}
