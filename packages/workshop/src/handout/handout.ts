/**
 * The printable handout of a period's indicators (issue 13): a page per inspectorate with its
 * agencies and their roll-up, then every agency with the total, the categories and the trend by
 * month, and what each indicator counts. Drawn with the workshop documents' composer, fonts and
 * tables, so it shares their embedded Unicode font and their byte-identical output.
 */
import { indicatorMessage } from '@narahubung/core';
import type { Category, IndicatorMessageKey, IndicatorsAnswer, IndicatorTableAnswer, Share } from '@narahubung/core';
import { message, type Locale, type MessageKey } from '../messages/index.js';
import { Composer, createDocument, drawTable, paperSizes, saveDocument, type Column, type TextStyle } from '../pdf/composer.js';
import { fontCovers, type FontFiles } from '../pdf/fonts.js';
import { normaliseText, widthOf } from '../pdf/text.js';
import { pageSize } from '../documents/context.js';
import { formatDate, formatMonth } from '../time.js';
import {
  categoriesOf,
  categoryLabel,
  dayBefore,
  formatCell,
  formatDays,
  formatNumber,
  formatSatisfaction,
  formatShare,
  monthsOf,
  NOTHING,
  periodLine,
} from './format.js';

/** Options of {@link renderIndicatorsHandout}. */
export interface HandoutOptions {
  /** Language of the handout's words (the agencies' names are as the directory gives them). */
  locale: Locale;
  /** The TTF files to set it in (in Node: `loadDejaVuFonts()` from `@narahubung/workshop/node`). */
  fonts: FontFiles;
  /** The title over every section; default "Indikator Pengelolaan Pengaduan Pelayanan Publik". */
  title?: string;
}

/** The indicators in the table's order: the group each belongs to, and how a table row shows it. */
const indicatorColumns: { key: IndicatorMessageKey; group?: IndicatorMessageKey; cell: (table: IndicatorTableAnswer, locale: Locale) => string | ShareCell }[] = [
  { key: 'indicator.received', cell: (table, locale) => formatNumber(table.received, locale) },
  { key: 'indicator.verifiedOnTime', group: 'group.cepat', cell: (table) => ({ share: table.cepat.verifiedOnTime }) },
  { key: 'indicator.resolvedOnTime', group: 'group.cepat', cell: (table) => ({ share: table.cepat.resolvedOnTime }) },
  { key: 'indicator.medianWorkingDaysToResolve', group: 'group.cepat', cell: (table, locale) => formatDays(table.cepat.medianWorkingDaysToResolve, locale) },
  { key: 'indicator.publicNotes', group: 'group.transparan', cell: (table) => ({ share: table.transparan.publicNotes }) },
  { key: 'indicator.answeredInfoRequests', group: 'group.transparan', cell: (table) => ({ share: table.transparan.answeredInfoRequests }) },
  { key: 'indicator.explainedResolutions', group: 'group.akuntabel', cell: (table) => ({ share: table.akuntabel.explainedResolutions }) },
  { key: 'indicator.escalated', group: 'group.akuntabel', cell: (table) => ({ share: table.akuntabel.escalated }) },
  { key: 'indicator.completed', group: 'group.tuntas', cell: (table) => ({ share: table.tuntas.completed }) },
  { key: 'indicator.openOverdue', group: 'group.tuntas', cell: (table, locale) => formatNumber(table.tuntas.openOverdue, locale) },
  { key: 'indicator.disputed', group: 'group.tuntas', cell: (table) => ({ share: table.tuntas.disputed }) },
  { key: 'indicator.satisfaction', group: 'group.tuntas', cell: (table, locale) => formatSatisfaction(table.tuntas.satisfaction, locale) },
];
/** The agencies' column is never narrower than this (points); the indicators' columns share what is left. */
const minNameWidth = 150;

interface ShareCell {
  share: Share;
}

const margins = { top: 34, right: 30, bottom: 50, left: 30 };
const padding = 3.5;

/**
 * The handout of one `GET /v1/indicators` answer as a PDF: A4 landscape, DejaVu Sans embedded,
 * the same answer and options giving the same bytes (its dates come from `answer.at`, never the
 * clock). A character that the font cannot draw is printed as "�" instead.
 * @example
 * const pdf = await renderIndicatorsHandout(await (await fetch(`${api}/v1/indicators?from=2026-01-01&to=2027-01-01`)).json(), { locale: 'id', fonts: await loadDejaVuFonts() });
 */
export async function renderIndicatorsHandout(answer: IndicatorsAnswer, options: HandoutOptions): Promise<Uint8Array> {
  const { locale, fonts } = options;
  const say = (key: MessageKey, values: Record<string, string | number> = {}) => message(locale, key, values);
  const name = (key: IndicatorMessageKey) => indicatorMessage(locale, key);
  const drawable = drawableText(fonts);
  const title = drawable(options.title ?? say('handout.title'));
  const from = formatDate(answer.period.from, locale, false);
  const to = formatDate(dayBefore(answer.period.to), locale, false);
  const atMs = Date.parse(answer.at);

  const { doc, faces } = await createDocument(fonts, {
    title: `${title}: ${from} ${say('doc.until')} ${to}`,
    author: 'Narahubung',
    subject: periodLine(answer, locale),
    language: locale === 'id' ? 'id-ID' : 'en',
    // The answer's instant, never the clock: the same answer gives the same bytes.
    date: new Date(Number.isNaN(atMs) ? Date.parse(`${answer.period.from}T00:00:00Z`) || 0 : atMs),
  });
  const composer = new Composer(doc, faces, pageSize(paperSizes.a4, true), margins);
  const style = (bold: boolean, size: number, leading?: number): TextStyle => ({ face: bold ? faces.bold : faces.regular, size, ...(leading === undefined ? {} : { leading }) });
  const s = {
    title: style(true, 13),
    heading: style(true, 12),
    subheading: style(true, 10.5),
    line: style(false, 9),
    note: style(false, 8),
    running: style(false, 7.5),
    cell: style(false, 7.6, 1.25),
    headerCell: style(true, 6.6, 1.2),
    footer: style(false, 7),
  };
  const period = periodLine(answer, locale);

  /** A new page opening a section: title, section name, period; later pages of it repeat one line. */
  const startSection = (sectionName: string) => {
    composer.onPage = undefined;
    composer.newPage(false);
    composer.paragraph(title, s.title, { after: 2 });
    composer.paragraph(sectionName, s.heading, { after: 3 });
    composer.paragraph(period, s.line, { after: answer.exact ? 2 : 10 });
    if (answer.exact) composer.paragraph(say('handout.exact'), s.note, { after: 10 });
    const running = fitLine(`${title} · ${sectionName} ${say('handout.continued')}`, s.running, composer.contentWidth);
    composer.onPage = (c) => {
      c.drawLine(running, s.running, c.left, c.y);
      c.y -= c.lineHeight(s.running) + 6;
    };
  };

  // The agencies' table: a name column, then each indicator under its group's heading. Each
  // indicator's column is as wide as the longest word of its header (so no word is broken), or
  // "100,0%" and "999/999" (larger counts break after the slash); the name column takes the rest.
  const widest = (text: string, lineStyle: TextStyle) => Math.max(0, ...text.split(/\s+/).map((word) => widthOf(lineStyle.face, word, lineStyle.size)));
  const boldCell = { ...s.cell, face: faces.bold };
  const numberWidth = Math.max(widest(`${formatNumber(100, locale, 1)}%`, boldCell), widest('999/999', boldCell));
  const mostResponses = Math.max(0, ...[...answer.agencies, ...answer.inspectorates, answer.total].map((table) => table.tuntas.satisfaction?.responses ?? 0));
  const responsesWidth = widthOf(faces.bold, say('handout.responses', { count: formatNumber(mostResponses, locale) }), s.cell.size);
  const indicatorWidths = indicatorColumns.map(
    (column) => Math.max(widest(name(column.key), s.headerCell), numberWidth, column.key === 'indicator.satisfaction' ? responsesWidth : 0) + 2 * padding + 1,
  );
  const nameWidth = Math.max(minNameWidth, composer.contentWidth - indicatorWidths.reduce((sum, width) => sum + width, 0));
  const columns: Column[] = [
    { header: name('scope.agency'), share: nameWidth },
    ...indicatorColumns.map((column, index): Column => ({ header: name(column.key), share: indicatorWidths[index] ?? 0, align: 'center', ...(column.group ? { group: name(column.group) } : {}) })),
  ];
  const totalShare = columns.reduce((sum, column) => sum + column.share, 0);
  const innerWidth = (index: number) => ((columns[index + 1]?.share ?? 0) / totalShare) * composer.contentWidth - 2 * padding;
  const rowOf = (label: string, table: IndicatorTableAnswer): string[] => [
    label,
    ...indicatorColumns.map((column, index) => {
      const cell = column.cell(table, locale);
      if (typeof cell === 'string') return cell;
      const shown = formatShare(cell.share, locale);
      if (!shown) return NOTHING;
      // "1.234/5.678" breaks after the slash when the column is too narrow for it.
      const fits = widthOf(faces.bold, shown.count, Math.max(s.cell.size, s.headerCell.size)) <= innerWidth(index);
      return `${shown.percent}\n${fits ? shown.count : shown.count.replace('/', '/\n')}`;
    }),
  ];
  const agencyTable = (rows: string[][]) => drawTable(composer, columns, rows, { style: s.cell, headerStyle: s.headerCell, padding, emphasis: (row) => row === rows.length - 1 });

  const agencies = new Map(answer.agencies.map((agency) => [agency.agencyId, agency]));
  for (const inspectorate of answer.inspectorates) {
    startSection(drawable(inspectorate.name));
    const members = inspectorate.agencyIds.flatMap((agencyId) => agencies.get(agencyId) ?? []);
    agencyTable([
      ...members.map((agency) => rowOf(drawable(agency.name), agency)),
      rowOf(say('handout.rollup', { count: formatNumber(inspectorate.agencyIds.length, locale) }), inspectorate),
    ]);
  }

  // Every agency (those under no inspectorate among them) and the total.
  startSection(name('scope.total'));
  agencyTable([...answer.agencies.map((agency) => rowOf(drawable(agency.name), agency)), rowOf(name('scope.total'), answer.total)]);

  /**
   * A heading with what follows: on this page when the heading and `keep` points of the table
   * after it fit, else on the next (a short table is kept whole, a long one starts on a page with room).
   */
  const sectionHeading = (text: string, rows: number) => {
    composer.y -= 14;
    const headingHeight = composer.lineHeight(s.subheading) + 5;
    const keep = Math.min((rows + 2) * (composer.lineHeight(s.cell) + 2 * padding), composer.height - margins.top - margins.bottom - headingHeight - 40);
    composer.ensure(headingHeight + keep);
    composer.paragraph(text, s.subheading, { after: 5 });
  };
  const categories = categoriesOf(answer.total.byCategory);
  sectionHeading(say('handout.categories'), Math.max(1, categories.length));
  if (categories.length === 0) {
    composer.paragraph(say('handout.none'), s.line);
  } else {
    drawTable(
      composer,
      [
        { header: say('handout.category'), share: 3 },
        { header: name('indicator.received'), share: 1, align: 'center' },
      ],
      categories.map((code) => [drawable(categoryLabel(code, locale)), formatCell(answer.total.byCategory[code as Category], locale)]),
      { style: s.cell, headerStyle: s.headerCell, padding },
    );

    const months = monthsOf(answer.period, Object.keys(answer.total.trend));
    sectionHeading(say('handout.trend'), months.length);
    drawTable(
      composer,
      [
        { header: say('handout.month'), share: 1.3 },
        ...categories.map((code): Column => ({ header: drawable(categoryLabel(code, locale)), share: 1, align: 'center' })),
      ],
      months.map((month) => [formatMonth(month, locale), ...categories.map((code) => formatCell(answer.total.trend[month]?.[code as Category] ?? 0, locale))]),
      { style: s.cell, headerStyle: s.headerCell, padding },
    );
  }
  if (!answer.exact) {
    composer.y -= 4;
    composer.paragraph(say('handout.smallCell'), s.note);
  }

  // What each number counts, one line each.
  sectionHeading(say('handout.legend'), indicatorColumns.length);
  drawTable(
    composer,
    [
      { header: say('handout.group'), share: 1 },
      { header: say('handout.indicator'), share: 3.2 },
      { header: say('handout.meaning'), share: 6.6 },
    ],
    indicatorColumns.map((column) => [
      column.group ? name(column.group) : '',
      name(column.key),
      say(`handout.explain.${column.key.slice('indicator.'.length)}` as MessageKey),
    ]),
    { style: s.cell, headerStyle: s.headerCell, padding },
  );

  // The foot of every page: how to read a share, and "Halaman 2 dari 5".
  const footer = fitLine(say('handout.footer'), s.footer, composer.contentWidth);
  for (const page of composer.pages) composer.text(footer, s.footer, composer.left, margins.bottom - 16, page);
  composer.numberPages((page, pages) => say('doc.page', { page, pages }), s.footer);
  return saveDocument(doc);

  /** `text` cut to one line of `width`, ending in "…" when it was longer. */
  function fitLine(text: string, lineStyle: TextStyle, width: number): string {
    const flat = text.replace(/\s+/g, ' ');
    if (widthOf(lineStyle.face, flat, lineStyle.size) <= width) return flat;
    const clusters = flat.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
    // The most clusters that fit with the ellipsis: a binary search, as a name may be very long.
    let fits = 0;
    let over = clusters.length;
    while (over - fits > 1) {
      const middle = Math.floor((fits + over) / 2);
      if (widthOf(lineStyle.face, `${clusters.slice(0, middle).join('')}…`, lineStyle.size) <= width) fits = middle;
      else over = middle;
    }
    const cut = fits;
    return `${clusters.slice(0, cut).join('')}…`;
  }
}

/**
 * Text as the handout draws it: every character that the regular or the bold face lacks (and
 * control characters) becomes U+FFFD "�", so that a name from a directory never stops the PDF.
 * (The workshop documents report such characters instead: their text is the organizer's to fix.)
 */
function drawableText(fonts: FontFiles): (text: string) => string {
  const covers = (codePoint: number) => fontCovers(fonts.regular, codePoint) && fontCovers(fonts.bold, codePoint);
  const replacement = covers(0xfffd) ? '\uFFFD' : '?';
  return (text) => {
    let out = '';
    for (const char of normaliseText(text)) {
      const codePoint = char.codePointAt(0) ?? 0;
      out += codePoint === 0x0a || (codePoint >= 0x20 && covers(codePoint)) ? char : replacement;
    }
    return out;
  };
}
