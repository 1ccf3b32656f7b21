import { CATEGORIES } from '@narahubung/core';
import type { Category, Cell, IndicatorsAnswer, IndicatorTableAnswer, Share } from '@narahubung/core';

export interface SampleAnswerOptions {
  /** Agencies, each with its own numbers (default 6). */
  agencies?: number;
  /** Inspectorates; agencies are dealt to them in turn, the last `unsupervised` to none (default 2). */
  inspectorates?: number;
  /** Agencies under no inspectorate (default 1). */
  unsupervised?: number;
  /** The public answer (small cells as "< 5") or a staff token's exact one (default public). */
  exact?: boolean;
  period?: { from: string; to: string };
  /** The name of agency `index` (default "Dinas Contoh n"). */
  agencyName?: (index: number) => string;
  inspectorateName?: (index: number) => string;
}

const share = (n: number, of: number): Share => ({ n, of, share: of === 0 ? null : Math.round((n / of) * 10_000) / 10_000 });

/** Every month `YYYY-MM` from `from` up to the month before `to`'s (to is excluded, and a first of the month here). */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y = 0, m = 1] = from.split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (`${month}-01` >= to) return months;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** A table whose numbers follow from `seed`, with null shares, hidden cells and no satisfaction now and then. */
function table(name: string, seed: number, months: readonly string[], exact: boolean): IndicatorTableAnswer {
  const received = 12 + ((seed * 37) % 230);
  const cell = (count: number): Cell => (exact || count === 0 || count >= 5 ? count : '< 5');
  const trend: IndicatorTableAnswer['trend'] = {};
  const byCategory: Partial<Record<Category, number>> = {};
  months.forEach((month, monthIndex) => {
    const counts: Partial<Record<Category, Cell>> = {};
    CATEGORIES.forEach((category, categoryIndex) => {
      const count = (seed * 7 + monthIndex * 3 + categoryIndex * 5) % 9;
      if (count === 0 || categoryIndex > 6) return;
      counts[category] = cell(count);
      byCategory[category] = (byCategory[category] ?? 0) + count;
    });
    trend[month] = counts;
  });
  const half = Math.floor(received / 2);
  return {
    name,
    received,
    cepat: { verifiedOnTime: share(received - (seed % 7), received), resolvedOnTime: share(half - (seed % 5), half), medianWorkingDaysToResolve: seed % 4 === 0 ? null : 3 + (seed % 9) + (seed % 2) / 2 },
    transparan: { publicNotes: share(3 * received - (seed % 23), 3 * received), answeredInfoRequests: seed % 3 === 0 ? share(0, 0) : share(seed % 4, 4) },
    akuntabel: { explainedResolutions: share(half - (seed % 3), half), escalated: share(seed % 6, received) },
    tuntas: {
      completed: share(half + (seed % 5), received - 1),
      openOverdue: seed % 13,
      disputed: share(seed % 3, half),
      satisfaction: seed % 5 === 0 ? null : { index: 60 + ((seed * 13) % 4000) / 100, grade: (['A', 'B', 'C', 'D'] as const)[seed % 4]!, responses: 3 + (seed % 17) },
    },
    trend,
    byCategory: Object.fromEntries(Object.entries(byCategory).map(([category, count]) => [category, cell(count ?? 0)])),
  };
}

/**
 * A `GET /v1/indicators` answer with numbers that differ from agency to agency (they need not add
 * up: the handout prints what it is given).
 */
export function sampleAnswer(options: SampleAnswerOptions = {}): IndicatorsAnswer {
  const count = options.agencies ?? 6;
  const inspectorateCount = options.inspectorates ?? 2;
  const unsupervised = Math.min(count, options.unsupervised ?? 1);
  const exact = options.exact ?? false;
  const period = options.period ?? { from: '2026-01-01', to: '2027-01-01' };
  const months = monthsBetween(period.from, period.to);
  const agencies = Array.from({ length: count }, (_, index) => ({
    agencyId: `agency-${index + 1}`,
    ...table(options.agencyName?.(index) ?? `Dinas Contoh ${index + 1}`, index + 1, months, exact),
  }));
  const supervised = agencies.slice(0, count - unsupervised);
  const inspectorates = Array.from({ length: inspectorateCount }, (_, index) => {
    const agencyIds = supervised.filter((_agency, agencyIndex) => agencyIndex % inspectorateCount === index).map((agency) => agency.agencyId);
    return { inspectorateId: `inspectorate-${index + 1}`, agencyIds, ...table(options.inspectorateName?.(index) ?? `Inspektorat Contoh ${index + 1}`, 100 + index, months, exact) };
  }).filter((inspectorate) => inspectorate.agencyIds.length > 0);
  return { period, at: '2026-11-06T03:00:00.000Z', timeZone: 'Asia/Jakarta', exact, agencies, inspectorates, total: table('', 999, months, exact) };
}
