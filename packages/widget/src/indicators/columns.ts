/**
 * The columns of the indicators table, which way each is better, and how rows sort: worst first by
 * default (the lowest share resolved on time), rows without a number last whichever the direction.
 */
import type { IndicatorName, IndicatorTableAnswer, Share } from '@narahubung/core';

export type GroupName = 'cepat' | 'transparan' | 'akuntabel' | 'tuntas';
export type ColumnKey = 'name' | 'received' | 'medianWorkingDaysToResolve' | 'satisfaction' | IndicatorName;

export interface Column {
  key: ColumnKey;
  group: GroupName | null;
  /** Which way is better; null for counts and names, which are neither. */
  better: 'higher' | 'lower' | null;
  /**
   * The complaints behind the number that count against the agency: those that `missed` an
   * indicator where higher is better, those that `met` one where lower is (escalated, disputed,
   * still open past the deadline). None where no complaint stands behind the number.
   */
  drill?: 'met' | 'missed';
}

export const COLUMNS: readonly Column[] = [
  { key: 'name', group: null, better: null },
  { key: 'received', group: null, better: null },
  { key: 'verifiedOnTime', group: 'cepat', better: 'higher', drill: 'missed' },
  { key: 'resolvedOnTime', group: 'cepat', better: 'higher', drill: 'missed' },
  { key: 'medianWorkingDaysToResolve', group: 'cepat', better: 'lower' },
  { key: 'publicNotes', group: 'transparan', better: 'higher', drill: 'missed' },
  { key: 'answeredInfoRequests', group: 'transparan', better: 'higher', drill: 'missed' },
  { key: 'explainedResolutions', group: 'akuntabel', better: 'higher', drill: 'missed' },
  { key: 'escalated', group: 'akuntabel', better: 'lower', drill: 'met' },
  { key: 'completed', group: 'tuntas', better: 'higher', drill: 'missed' },
  { key: 'openOverdue', group: 'tuntas', better: 'lower', drill: 'met' },
  { key: 'disputed', group: 'tuntas', better: 'lower', drill: 'met' },
  { key: 'satisfaction', group: 'tuntas', better: 'higher' },
];

export const GROUPS: readonly GroupName[] = ['cepat', 'transparan', 'akuntabel', 'tuntas'];

/** The share a column shows, when it shows one. */
export function shareOf(row: IndicatorTableAnswer, key: ColumnKey): Share | undefined {
  switch (key) {
    case 'verifiedOnTime':
    case 'resolvedOnTime':
      return row.cepat[key];
    case 'publicNotes':
    case 'answeredInfoRequests':
      return row.transparan[key];
    case 'explainedResolutions':
    case 'escalated':
      return row.akuntabel[key];
    case 'completed':
    case 'disputed':
      return row.tuntas[key];
    default:
      return undefined;
  }
}

/** The number a column sorts on; null when there is none yet. */
export function valueOf(row: IndicatorTableAnswer, key: Exclude<ColumnKey, 'name'>): number | null {
  switch (key) {
    case 'received':
      return row.received;
    case 'medianWorkingDaysToResolve':
      return row.cepat.medianWorkingDaysToResolve;
    case 'openOverdue':
      return row.tuntas.openOverdue;
    case 'satisfaction':
      return row.tuntas.satisfaction?.index ?? null;
    default:
      return shareOf(row, key)?.share ?? null;
  }
}

/** How many complaints stand behind a column's number and count against the agency (0: nothing to list). */
export function drillCount(row: IndicatorTableAnswer, column: Column): number {
  if (!column.drill) return 0;
  if (column.key === 'openOverdue') return row.tuntas.openOverdue;
  const share = shareOf(row, column.key);
  if (!share) return 0;
  return column.drill === 'met' ? share.n : share.of - share.n;
}

export interface Sort {
  column: ColumnKey;
  direction: 'ascending' | 'descending';
}

/** Worst first on the share resolved on time: where complaints wait longest is on top. */
export const DEFAULT_SORT: Sort = { column: 'resolvedOnTime', direction: 'ascending' };

export function columnOf(key: ColumnKey): Column {
  return COLUMNS.find((column) => column.key === key)!;
}

/** The first sort on a column: worst first; counts most first; names A to Z. */
export function firstSort(key: ColumnKey): Sort {
  const { better } = columnOf(key);
  if (key === 'name') return { column: key, direction: 'ascending' };
  return { column: key, direction: better === 'higher' ? 'ascending' : 'descending' };
}

/** A click on a column's header: the same column reverses, another starts worst first. */
export function nextSort(current: Sort, key: ColumnKey): Sort {
  if (current.column !== key) return firstSort(key);
  return { column: key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** What the order means in words: `worst`, `best`, `most`, `fewest`, `az` or `za`. */
export function orderOf(sort: Sort): 'worst' | 'best' | 'most' | 'fewest' | 'az' | 'za' {
  const ascending = sort.direction === 'ascending';
  if (sort.column === 'name') return ascending ? 'az' : 'za';
  const { better } = columnOf(sort.column);
  if (better === null) return ascending ? 'fewest' : 'most';
  return ascending === (better === 'higher') ? 'worst' : 'best';
}

/** The rows in `sort`'s order; rows without a number last, ties by name. */
export function sortRows<Row extends IndicatorTableAnswer>(rows: readonly Row[], sort: Sort, locale: string): Row[] {
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, locale);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const key = sort.column;
  if (key === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  return [...rows].sort((a, b) => {
    const x = valueOf(a, key);
    const y = valueOf(b, key);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  });
}
