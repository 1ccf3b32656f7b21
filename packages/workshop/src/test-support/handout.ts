import type { IndicatorTableAnswer, Share } from '@narahubung/core';
import { squash } from './pdf.js';

// Written here as a reader of the printed page would, independently of the handout's formatter:
// Indonesian decimals with a comma; the sample's counts stay below 1,000 (no digit grouping).
const percent = (share: Share, locale: 'id' | 'en') => `${((share.share ?? 0) * 100).toFixed(1).replace('.', locale === 'id' ? ',' : '.')}%`;
const shareCell = (share: Share, locale: 'id' | 'en') => (share.share === null ? '—' : `${percent(share, locale)}${share.n}/${share.of}`);
const decimal = (value: number, digits: number, locale: 'id' | 'en') => value.toFixed(digits).replace('.', locale === 'id' ? ',' : '.');

/**
 * A row of the handout's agencies' table as its cells read in order (`pdftotext -raw`), whitespace
 * removed (wrapped lines included): what `squash` of the page must contain.
 */
export function handoutRow(label: string, table: IndicatorTableAnswer, locale: 'id' | 'en'): string {
  const median = table.cepat.medianWorkingDaysToResolve;
  const satisfaction = table.tuntas.satisfaction;
  return squash(
    [
      label,
      String(table.received),
      shareCell(table.cepat.verifiedOnTime, locale),
      shareCell(table.cepat.resolvedOnTime, locale),
      median === null ? '—' : decimal(median, Number.isInteger(median) ? 0 : 1, locale),
      shareCell(table.transparan.publicNotes, locale),
      shareCell(table.transparan.answeredInfoRequests, locale),
      shareCell(table.akuntabel.explainedResolutions, locale),
      shareCell(table.akuntabel.escalated, locale),
      shareCell(table.tuntas.completed, locale),
      String(table.tuntas.openOverdue),
      shareCell(table.tuntas.disputed, locale),
      satisfaction ? `${decimal(satisfaction.index, 2, locale)} ${satisfaction.grade} ${satisfaction.responses} ${locale === 'id' ? 'tanggapan' : 'responses'}` : '—',
    ].join(''),
  );
}
