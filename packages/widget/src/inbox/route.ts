/**
 * The inbox's place, as the page's URL says it: the list's status tab, filters, sort and page, and
 * the complaint opened (`?complaint=NH-…`, as the mails to staff link). Pure: URL in, route out, and
 * back; the page's own query parameters (and hash) are kept.
 */
import { CATEGORIES, COMPLAINT_SORTS, FINAL_STATUSES, KINDS, STATUSES, parseTrackingId } from '@narahubung/core';
import type { Category, ComplaintSort, InboxQueryOptions, Kind, Status } from '@narahubung/core';

/** The list's status tab: every open complaint (the default), one status, or all. */
export type StatusTab = 'open' | 'all' | Status;
export type AssigneeFilter = '' | 'me' | 'none';

export interface ListQuery {
  status: StatusTab;
  categories: Category[];
  kinds: Kind[];
  /** A tracking number however typed, or words. */
  q: string;
  overdue: boolean;
  assignee: AssigneeFilter;
  /** Received on or after / on or before, `YYYY-MM-DD`. */
  from: string;
  to: string;
  sort: ComplaintSort;
  /** Where the page starts (the previous page's `nextCursor`); '' for the first page. */
  cursor: string;
  /** The position of the page's first row, for "51–100 of 204". */
  start: number;
}

export interface InboxRoute {
  list: ListQuery;
  /** The complaint opened: a tracking number as written in the URL (normalised when it is one), or null. */
  complaint: string | null;
}

export const OPEN_STATUSES: readonly Status[] = STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

export const DEFAULT_LIST: Readonly<ListQuery> = Object.freeze({
  status: 'open',
  categories: [],
  kinds: [],
  q: '',
  overdue: false,
  assignee: '',
  from: '',
  to: '',
  sort: 'deadline',
  cursor: '',
  start: 1,
});

/** The parameters the inbox owns; any other parameter of the page is left alone. */
const PARAMS = ['complaint', 'status', 'category', 'kind', 'q', 'overdue', 'assignee', 'from', 'to', 'sort', 'cursor', 'start'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const listOf = <T extends string>(text: string | null, allowed: readonly T[]): T[] =>
  (text ?? '').split(',').filter((value): value is T => (allowed as readonly string[]).includes(value));

/** The route a URL shows; anything unknown or malformed is the default. */
export function routeFromUrl(url: URL): InboxRoute {
  const params = url.searchParams;
  const status = params.get('status');
  const sort = params.get('sort');
  const assignee = params.get('assignee');
  const start = Number(params.get('start'));
  const cursor = params.get('cursor') ?? '';
  const complaint = params.get('complaint')?.trim() ?? '';
  return {
    complaint: complaint === '' ? null : (parseTrackingId(complaint) ?? complaint.slice(0, 40)),
    list: {
      status: status === 'all' || (STATUSES as readonly string[]).includes(status ?? '') ? (status as StatusTab) : 'open',
      categories: listOf(params.get('category'), CATEGORIES),
      kinds: listOf(params.get('kind'), KINDS),
      q: params.get('q')?.slice(0, 200) ?? '',
      overdue: params.get('overdue') === 'true',
      assignee: assignee === 'me' || assignee === 'none' ? assignee : '',
      from: DATE.test(params.get('from') ?? '') ? params.get('from')! : '',
      to: DATE.test(params.get('to') ?? '') ? params.get('to')! : '',
      sort: (COMPLAINT_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ComplaintSort) : 'deadline',
      cursor,
      start: cursor !== '' && Number.isInteger(start) && start > 1 ? start : 1,
    },
  };
}

/** The URL of a route: `base` with the inbox's parameters replaced (defaults left out). */
export function urlOfRoute(route: InboxRoute, base: URL): URL {
  const url = new URL(base.href);
  for (const name of PARAMS) url.searchParams.delete(name);
  const { list } = route;
  const set = (name: (typeof PARAMS)[number], value: string | false) => {
    if (value) url.searchParams.set(name, value);
  };
  set('status', list.status !== 'open' && list.status);
  set('category', list.categories.join(','));
  set('kind', list.kinds.join(','));
  set('q', list.q.trim());
  set('overdue', list.overdue && 'true');
  set('assignee', list.assignee);
  set('from', list.from);
  set('to', list.to);
  set('sort', list.sort !== 'deadline' && list.sort);
  set('cursor', list.cursor);
  set('start', list.cursor !== '' && list.start > 1 && String(list.start));
  set('complaint', route.complaint ?? '');
  return url;
}

/** The same list from its first page: what every change of filter or sort leads to. */
export function firstPage(list: ListQuery, changes: Partial<ListQuery> = {}): ListQuery {
  return { ...list, ...changes, cursor: '', start: 1 };
}

/** Whether the list shows anything but the default filters (the status tab aside). */
export function isFiltered(list: ListQuery): boolean {
  return list.categories.length > 0 || list.kinds.length > 0 || list.q.trim() !== '' || list.overdue || list.assignee !== '' || list.from !== '' || list.to !== '';
}

/** The API query of a list (without the page size and counts). */
export function inboxQueryOf(list: ListQuery): InboxQueryOptions {
  const statuses = list.status === 'all' ? undefined : list.status === 'open' ? OPEN_STATUSES : [list.status];
  return {
    ...(statuses ? { statuses } : {}),
    ...(list.categories.length > 0 ? { categories: list.categories } : {}),
    ...(list.kinds.length > 0 ? { kinds: list.kinds } : {}),
    ...(list.q.trim() !== '' ? { q: list.q.trim() } : {}),
    ...(list.overdue ? { overdue: true } : {}),
    ...(list.assignee !== '' ? { assignee: list.assignee } : {}),
    ...(list.from !== '' ? { from: list.from } : {}),
    ...(list.to !== '' ? { to: list.to } : {}),
    sort: list.sort,
    ...(list.cursor !== '' ? { cursor: list.cursor } : {}),
  };
}
