/**
 * The three small charts of `<nh-indicators>`, drawn as inline SVG from Lit templates (no
 * innerHTML, no inline style: colours come from classes in the element's stylesheet). Each is a
 * `role="img"` with a summary in words, readable in greyscale (patterns and numbers, never colour
 * alone), and comes with a data table of the same numbers. A hidden count ("< 5") is drawn as a
 * dashed box as high as it could be (4), and said as such.
 */
import { html, nothing, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';
import { CATEGORIES, message } from '@narahubung/core';
import type { Category, Cell, IndicatorTableAnswer, Locale } from '@narahubung/core';
import { tk } from '../messages/indicators.js';
import { formatCell, formatCount, formatMonth, formatMonthName, formatPercent } from './format.js';
import { monthsOf } from './period.js';
import type { Period } from './period.js';

/** Width of every chart in SVG units; text is 12 units, about 11 px on a 360 px phone. */
const WIDTH = 320;
/** The upper bound of a hidden cell. */
const HIDDEN_MAX = 4;
/** Above this many months, the trend is drawn per year (the data table stays per month). */
const MAX_MONTH_BARS = 24;

/** How each series is filled: solid, then three patterns that differ in greyscale. */
const FILLS = [
  { className: 'seg ink', fill: undefined },
  { className: 'seg', fill: 'url(#nh-hatch)' },
  { className: 'seg', fill: 'url(#nh-dots)' },
  { className: 'seg', fill: 'url(#nh-lines)' },
] as const;

/** The patterns, defined once per element (ids are scoped to its shadow root). */
export function chartPatterns(): TemplateResult {
  return html`<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
    <defs>
      <pattern id="nh-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect class="pattern-bg" width="6" height="6"></rect><line class="pattern-ink" x1="1.5" y1="0" x2="1.5" y2="6" stroke-width="3"></line>
      </pattern>
      <pattern id="nh-dots" width="5" height="5" patternUnits="userSpaceOnUse">
        <rect class="pattern-bg" width="5" height="5"></rect><circle class="pattern-dot" cx="2.5" cy="2.5" r="1.4"></circle>
      </pattern>
      <pattern id="nh-lines" width="6" height="4" patternUnits="userSpaceOnUse">
        <rect class="pattern-bg" width="6" height="4"></rect><line class="pattern-ink" x1="0" y1="2" x2="6" y2="2" stroke-width="1.5"></line>
      </pattern>
    </defs>
  </svg>`;
}

/** A legend swatch for series `index` (or the dashed box of hidden counts). */
function swatch(index: number | 'hidden'): TemplateResult {
  const fill = index === 'hidden' ? undefined : FILLS[index];
  return html`<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    ${index === 'hidden'
      ? svg`<rect class="hidden-range" x="1" y="1" width="14" height="14"></rect>`
      : svg`<rect class=${fill!.className} fill=${fill!.fill ?? nothing} x="1" y="1" width="14" height="14"></rect>`}
  </svg>`;
}

const known = (cell: Cell | undefined): number => (typeof cell === 'number' ? cell : 0);
const hidden = (cell: Cell | undefined): number => (typeof cell === 'string' ? 1 : 0);
/** A count that may hold hidden cells, as the range it lies in: `12` or `14–20`. */
const range = (locale: Locale, min: number, max: number): string => (min === max ? formatCount(locale, min) : `${formatCount(locale, min)}–${formatCount(locale, max)}`);

/** A round even number at least `value`: the top of an axis whose middle line is a whole number too. */
function niceCeiling(value: number): number {
  if (value <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 1.2, 1.6, 2, 3, 4, 5, 6, 8, 10].map((step) => Math.round(step * power)).find((top) => top >= value && top % 2 === 0)!;
}

/** Text that fits a chart row: a long agency name is cut with an ellipsis (the data table has it whole). */
const fit = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

interface Figure {
  id: string;
  title: string;
  summary: string;
  height: number;
  body: SVGTemplateResult[];
  legend?: TemplateResult | typeof nothing;
  table: TemplateResult;
}

function figure(locale: Locale, chart: Figure): TemplateResult {
  return html`<figure part="chart" id=${chart.id}>
    <figcaption><h3>${chart.title}</h3></figcaption>
    <svg class="chart" viewBox="0 0 ${WIDTH} ${chart.height}" role="img" aria-label=${chart.summary} focusable="false">
      <title>${chart.summary}</title>
      ${chart.body}
    </svg>
    ${chart.legend ?? nothing}
    <details part="data-table">
      <summary>${tk(locale, 'chart.data_table', { title: chart.title })}</summary>
      <div class="scroll" role="region" tabindex="0" aria-label=${tk(locale, 'chart.data_table', { title: chart.title })}>${chart.table}</div>
    </details>
  </figure>`;
}

// ---------------------------------------------------------------- trend by month

interface Bucket {
  label: string;
  /** Under the label: the year, where it changes. */
  sublabel: string;
  long: string;
  /** Known counts per series, and hidden cells (each 1 to 4). */
  series: number[];
  hidden: number;
}

/**
 * Complaints received per month (per year over long periods), stacked by category: the three
 * largest categories and the rest together, so that four fills tell them apart in greyscale.
 */
export function trendChart(table: IndicatorTableAnswer, period: Period, periodText: string, locale: Locale): TemplateResult {
  const months = monthsOf(period);
  const byYear = months.length > MAX_MONTH_BARS;
  const title = tk(locale, byYear ? 'chart.trend_years' : 'chart.trend');
  // Series are the categories with counts to draw; one only ever hidden adds to the dashed boxes alone.
  const totals = new Map<Category, number>();
  for (const counts of Object.values(table.trend)) {
    for (const [category, cell] of Object.entries(counts) as [Category, Cell][]) totals.set(category, (totals.get(category) ?? 0) + known(cell));
  }
  const present = CATEGORIES.filter((category) => totals.has(category));
  const drawn = present.filter((category) => totals.get(category)! > 0).sort((a, b) => totals.get(b)! - totals.get(a)!);
  const own = drawn.length <= FILLS.length ? drawn : drawn.slice(0, FILLS.length - 1);
  // Only a category with a count lands in a series: its own, or "other categories" after the first three.
  const seriesOf = (category: Category) => (own.includes(category) ? own.indexOf(category) : own.length);
  const seriesNames = [...own.map((category) => message(locale, `category.${category}`)), ...(own.length < drawn.length ? [tk(locale, 'chart.other_categories')] : [])];

  const keys = byYear ? [...new Set(months.map((month) => month.slice(0, 4)))] : months;
  const buckets: Bucket[] = keys.map((key, index) => ({
    label: byYear ? key : formatMonthName(locale, key),
    sublabel: !byYear && (index === 0 || key.endsWith('-01')) ? key.slice(0, 4) : '',
    long: byYear ? key : formatMonth(locale, key),
    series: seriesNames.map(() => 0),
    hidden: 0,
  }));
  for (const [month, counts] of Object.entries(table.trend)) {
    const bucket = buckets[keys.indexOf(byYear ? month.slice(0, 4) : month)];
    if (!bucket) continue;
    for (const [category, cell] of Object.entries(counts) as [Category, Cell][]) {
      if (known(cell) > 0) bucket.series[seriesOf(category)]! += known(cell);
      bucket.hidden += hidden(cell);
    }
  }
  const sum = (bucket: Bucket) => bucket.series.reduce((total, count) => total + count, 0);
  const low = (bucket: Bucket) => sum(bucket) + bucket.hidden;
  const high = (bucket: Bucket) => sum(bucket) + bucket.hidden * HIDDEN_MAX;

  const top = 18;
  const left = 34;
  const plotHeight = 160;
  const height = top + plotHeight + 34;
  const plotWidth = WIDTH - left - 6;
  const yMax = niceCeiling(Math.max(1, ...buckets.map(high)));
  const y = (value: number) => top + plotHeight - (value / yMax) * plotHeight;
  const slot = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(2, slot * 0.7);
  const labelEvery = Math.ceil(buckets.length / 12);
  // Numbers above the bars only where every one fits its slot (about 7 units a character); the data table has them all.
  const showValues = buckets.every((bucket) => range(locale, low(bucket), high(bucket)).length * 7 <= slot);
  const body: SVGTemplateResult[] = [];
  for (const value of [0, yMax / 2, yMax]) {
    body.push(svg`<line class=${value === 0 ? 'axis' : 'grid'} x1=${left} x2=${WIDTH - 4} y1=${y(value)} y2=${y(value)}></line>
      <text class="tick" x=${left - 4} y=${y(value) + 4} text-anchor="end">${formatCount(locale, value)}</text>`);
  }
  buckets.forEach((bucket, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    bucket.series.forEach((count, series) => {
      if (count === 0) return;
      const fill = FILLS[series]!;
      body.push(svg`<rect class=${fill.className} fill=${fill.fill ?? nothing} x=${x} y=${y(base + count)} width=${barWidth} height=${y(base) - y(base + count)}></rect>`);
      base += count;
    });
    if (bucket.hidden > 0) body.push(svg`<rect class="hidden-range" x=${x} y=${y(high(bucket))} width=${barWidth} height=${y(base) - y(high(bucket))}></rect>`);
    if (showValues && high(bucket) > 0) body.push(svg`<text class="value" x=${x + barWidth / 2} y=${y(high(bucket)) - 4} text-anchor="middle">${range(locale, low(bucket), high(bucket))}</text>`);
    if (index % labelEvery === 0) {
      body.push(svg`<text class="tick" x=${x + barWidth / 2} y=${top + plotHeight + 14} text-anchor="middle">${bucket.label}</text>`);
      if (bucket.sublabel) body.push(svg`<text class="tick" x=${x + barWidth / 2} y=${top + plotHeight + 28} text-anchor="middle">${bucket.sublabel}</text>`);
    }
  });

  const total = buckets.reduce((sums, bucket) => [sums[0]! + low(bucket), sums[1]! + high(bucket)], [0, 0]);
  const peak = buckets.reduce<Bucket | undefined>((best, bucket) => (high(bucket) > 0 && (!best || high(bucket) > high(best)) ? bucket : best), undefined);
  const summary = peak
    ? tk(locale, 'chart.trend_summary', { title, period: periodText, total: range(locale, total[0]!, total[1]!), peak: peak.long, peakCount: range(locale, low(peak), high(peak)) })
    : tk(locale, 'chart.trend_empty', { title, period: periodText });
  const anyHidden = buckets.some((bucket) => bucket.hidden > 0);
  const legend = html`<ul class="legend">
    ${seriesNames.map((name, index) => html`<li>${swatch(index)}${name}</li>`)}
    ${anyHidden ? html`<li>${swatch('hidden')}${tk(locale, 'chart.hidden_legend')}</li>` : nothing}
  </ul>`;

  // The data table is per month whatever the chart draws, every category a column, as the API gave them.
  const monthTotal = (month: string): string => {
    const cells = Object.values(table.trend[month] ?? {});
    const sure = cells.reduce<number>((sum, cell) => sum + known(cell), 0);
    const unsure = cells.reduce<number>((sum, cell) => sum + hidden(cell), 0);
    return range(locale, sure + unsure, sure + unsure * HIDDEN_MAX);
  };
  const dataTable = html`<table class="data">
    <thead><tr>
      <th scope="col">${tk(locale, 'chart.month')}</th>
      ${present.map((category) => html`<th scope="col">${message(locale, `category.${category}`)}</th>`)}
      <th scope="col">${tk(locale, 'chart.total')}</th>
    </tr></thead>
    <tbody>
      ${months.map((month) => html`<tr>
        <th scope="row">${formatMonth(locale, month)}</th>
        ${present.map((category) => html`<td>${formatCell(locale, table.trend[month]?.[category])}</td>`)}
        <td>${monthTotal(month)}</td>
      </tr>`)}
    </tbody>
  </table>`;
  return figure(locale, { id: 'chart-trend', title, summary, height, body, legend, table: dataTable });
}

// ---------------------------------------------------------------- categories

/** Complaints by category, largest first, as horizontal bars with their numbers. */
export function categoryChart(table: IndicatorTableAnswer, periodText: string, locale: Locale): TemplateResult {
  const title = tk(locale, 'chart.categories');
  const entries = (Object.entries(table.byCategory) as [Category, Cell][])
    .filter(([, cell]) => cell !== 0)
    .map(([category, cell]) => ({ category, cell, name: message(locale, `category.${category}`), value: typeof cell === 'number' ? cell : HIDDEN_MAX }))
    // A hidden count is below every shown one (they start at 5); among equals, the catalogue's order.
    .sort((a, b) => b.value - a.value || hidden(a.cell) - hidden(b.cell) || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  const rowHeight = 32;
  const height = Math.max(1, entries.length) * rowHeight + 6;
  const plotWidth = WIDTH - 44;
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const body = entries.map((entry, index) => {
    const y = index * rowHeight;
    const length = (entry.value / max) * plotWidth;
    const label = formatCell(locale, entry.cell);
    return svg`<text class="label" x="0" y=${y + 12}>${fit(entry.name, 46)}</text>
      <rect class=${typeof entry.cell === 'number' ? 'seg ink' : 'hidden-range'} x="0" y=${y + 16} width=${Math.max(1, length)} height="12"></rect>
      <text class="value" x=${length + 4} y=${y + 26}>${label}</text>`;
  });
  const summary = entries.length
    ? tk(locale, 'chart.categories_summary', { title, period: periodText, list: entries.map((entry) => `${entry.name} ${formatCell(locale, entry.cell)}`).join('; ') })
    : tk(locale, 'chart.trend_empty', { title, period: periodText });
  const anyHidden = entries.some((entry) => typeof entry.cell === 'string');
  const dataTable = html`<table class="data">
    <thead><tr><th scope="col">${tk(locale, 'chart.category')}</th><th scope="col">${tk(locale, 'chart.count')}</th></tr></thead>
    <tbody>${entries.map((entry) => html`<tr><th scope="row">${entry.name}</th><td>${formatCell(locale, entry.cell)}</td></tr>`)}</tbody>
  </table>`;
  const legend = anyHidden ? html`<ul class="legend"><li>${swatch('hidden')}${tk(locale, 'chart.hidden_legend')}</li></ul>` : nothing;
  return figure(locale, { id: 'chart-categories', title, summary, height, body, legend, table: dataTable });
}

// ---------------------------------------------------------------- on-time shares

/** Verified and resolved on time per agency, in the table's order: two bars each, solid and hatched. */
export function sharesChart(rows: readonly IndicatorTableAnswer[], periodText: string, locale: Locale, labels: { verified: string; resolved: string }): TemplateResult {
  const title = tk(locale, 'chart.shares');
  const rowHeight = 50;
  const top = 16;
  const height = top + Math.max(1, rows.length) * rowHeight;
  const plotWidth = WIDTH - 48;
  const none = '—';
  const body: SVGTemplateResult[] = [];
  for (const share of [0, 0.5, 1]) {
    const x = share * plotWidth;
    body.push(svg`<line class=${share === 0 ? 'axis' : 'grid'} x1=${x + 0.5} x2=${x + 0.5} y1=${top - 4} y2=${height}></line>
      <text class="tick" x=${Math.min(x, plotWidth - 12)} y="10" text-anchor=${share === 0 ? 'start' : 'middle'}>${formatPercent(locale, { n: 0, of: 1, share })}</text>`);
  }
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    body.push(svg`<text class="label" x="2" y=${y + 12}>${fit(row.name, 46)}</text>`);
    [row.cepat.verifiedOnTime, row.cepat.resolvedOnTime].forEach((share, series) => {
      const barY = y + 17 + series * 14;
      const length = (share.share ?? 0) * plotWidth;
      const fill = FILLS[series]!;
      if (share.share !== null && length > 0) body.push(svg`<rect class=${fill.className} fill=${fill.fill ?? nothing} x="0" y=${barY} width=${length} height="12"></rect>`);
      body.push(svg`<text class="value" x=${length + 4} y=${barY + 10}>${formatPercent(locale, share) ?? none}</text>`);
    });
  });
  const resolved = rows.filter((row) => row.cepat.resolvedOnTime.share !== null);
  const byShare = [...resolved].sort((a, b) => a.cepat.resolvedOnTime.share! - b.cepat.resolvedOnTime.share!);
  const named = (row: IndicatorTableAnswer | undefined) => (row ? `${row.name} (${formatPercent(locale, row.cepat.resolvedOnTime)})` : '');
  const summary = byShare.length
    ? tk(locale, 'chart.shares_summary', { title, period: periodText, n: rows.length, lowest: named(byShare[0]), highest: named(byShare.at(-1)) })
    : tk(locale, 'chart.shares_none', { title, period: periodText, n: rows.length });
  const legend = html`<ul class="legend"><li>${swatch(0)}${labels.verified}</li><li>${swatch(1)}${labels.resolved}</li></ul>`;
  const cell = (share: IndicatorTableAnswer['cepat']['verifiedOnTime']) =>
    html`<td>${formatPercent(locale, share) ?? none} <span class="of">(${tk(locale, 'of', { n: formatCount(locale, share.n), of: formatCount(locale, share.of) })})</span></td>`;
  const dataTable = html`<table class="data">
    <thead><tr><th scope="col">${tk(locale, 'chart.agency')}</th><th scope="col">${labels.verified}</th><th scope="col">${labels.resolved}</th></tr></thead>
    <tbody>${rows.map((row) => html`<tr><th scope="row">${row.name}</th>${cell(row.cepat.verifiedOnTime)}${cell(row.cepat.resolvedOnTime)}</tr>`)}</tbody>
  </table>`;
  return figure(locale, { id: 'chart-shares', title, summary, height, body, legend, table: dataTable });
}
