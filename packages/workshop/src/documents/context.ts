import type { PDFDocument } from 'pdf-lib';
import type { Composer, DocumentInfo, Faces, Paper, TextStyle } from '../pdf/composer.js';
import { createDocument } from '../pdf/composer.js';
import type { FontFiles } from '../pdf/fonts.js';
import { widthOf } from '../pdf/text.js';
import { message, type Locale, type MessageKey } from '../messages/index.js';
import type { Emblems } from '../emblems.js';
import type { CertificateRecipient } from '../recipients.js';
import type { Workshop } from '../schema.js';
import type { EmbeddedEmblems, PlacedEmblem } from './emblems.js';
import { datePart, formatDate, formatTime, localToUtc, timePart, zoneLabel } from '../time.js';

/** Everything a document needs besides its own content. */
export interface RenderContext {
  workshop: Workshop;
  locale: Locale;
  paper: Paper;
  fonts: FontFiles;
  emblems: Emblems;
  /** Who gets a certificate, in order (their numbers follow this order). */
  recipients: readonly CertificateRecipient[];
}

export function t(context: RenderContext, key: MessageKey, values: Record<string, string | number> = {}): string {
  return message(context.locale, key, values);
}

/** A document with fixed metadata: its dates are the letter's date, never the clock. */
export async function startDocument(context: RenderContext, title: string): Promise<{ doc: PDFDocument; faces: Faces }> {
  return createDocument(context.fonts, documentInfo(context, title));
}

/** The fixed metadata of a document titled `title`. */
export function documentInfo(context: RenderContext, title: string): DocumentInfo {
  const { workshop } = context;
  return {
    title: `${title} - ${workshop.event.title}`,
    author: [workshop.organizer.name, workshop.organizer.unit].filter(Boolean).join(' '),
    subject: workshop.event.title,
    language: context.locale === 'id' ? 'id-ID' : 'en',
    date: new Date(localToUtc(`${workshop.letter.date}T00:00`, workshop.event.timeZone)),
  };
}

/**
 * Hari/tanggal, waktu and tempat of the event, as printed. The time starts at `letter.time`, else
 * at the first agenda item (registration, often before the opening), and ends with the event.
 */
export function eventFacts(context: RenderContext): { dayDate: string; time: string; place: string } {
  const { event, letter, agenda } = context.workshop;
  const { locale } = context;
  const startDate = datePart(event.start);
  const endDate = datePart(event.end);
  const until = t(context, 'doc.until');
  const dayDate = startDate === endDate ? formatDate(startDate, locale) : `${formatDate(startDate, locale)} ${until} ${formatDate(endDate, locale)}`;
  const zone = zoneLabel(event.timeZone, localToUtc(event.start, event.timeZone));
  const start = letter.time ?? agenda[0]?.start ?? timePart(event.start);
  const time = `${formatTime(start, locale)} ${until} ${formatTime(timePart(event.end), locale)} ${zone}`;
  const venue = event.venue ? [event.venue.name, event.venue.address].filter(Boolean).join(', ') : '';
  const online = event.online ? `${t(context, 'doc.online')}: ${event.online}` : '';
  return { dayDate, time, place: [venue, online].filter(Boolean).join('; ') };
}

/** Styles used across the documents. */
export function styles(faces: Faces) {
  const style = (bold: boolean, size: number, leading?: number): TextStyle =>
    leading === undefined ? { face: bold ? faces.bold : faces.regular, size } : { face: bold ? faces.bold : faces.regular, size, leading };
  return {
    body: style(false, 11),
    bodyBold: style(true, 11),
    small: style(false, 8.5),
    smallBold: style(true, 9),
    title: style(true, 14),
    heading: style(true, 12),
  };
}

/** Height of the emblems on a letterhead, in points. */
const letterheadEmblemHeight = 62;

/** Emblems side by side in a row of `height`, the first at `x` (or ending at `x` when `from` is right). */
export function drawEmblemRow(composer: Composer, emblems: readonly PlacedEmblem[], x: number, top: number, height: number, from: 'left' | 'right' = 'left'): number {
  const gap = height * 0.12;
  const total = emblems.reduce((sum, emblem) => sum + emblem.aspect * height, 0) + gap * Math.max(0, emblems.length - 1);
  let cursor = from === 'left' ? x : x - total;
  for (const emblem of emblems) {
    const width = emblem.aspect * height;
    composer.image(emblem, { x: cursor, y: top - height, width, height });
    cursor += width + gap;
  }
  return total;
}

/**
 * The letterhead (kop surat): the organizer's emblem on the left, co-organizers' emblems on the
 * right, the organizer's name and unit centered on the page, the address and contacts below, and
 * a double rule.
 */
export function drawLetterhead(composer: Composer, context: RenderContext, emblems: EmbeddedEmblems): void {
  const { organizer } = context.workshop;
  const s = styles(composer.faces);
  const top = composer.y;
  const height = letterheadEmblemHeight;
  const left = emblems.main ? drawEmblemRow(composer, [emblems.main], composer.left, top, height) : 0;
  const right = drawEmblemRow(composer, emblems.co, composer.right, top, height, 'right');
  // The text is centered on the page, clear of the wider side's emblems.
  const reserve = Math.max(left, right) > 0 ? Math.max(left, right) + 8 : 0;
  const textLeft = composer.left + reserve;
  const width = composer.contentWidth - 2 * reserve;
  const lines = organizer.letterhead ?? [organizer.address, [organizer.phone, organizer.email, organizer.website].filter(Boolean).join(' | ')].filter((line): line is string => Boolean(line));
  composer.paragraph(organizer.name.toLocaleUpperCase('id'), { ...s.title, size: 15 }, { x: textLeft, width, align: 'center' });
  if (organizer.unit) composer.paragraph(organizer.unit.toLocaleUpperCase('id'), { ...s.title, size: 13 }, { x: textLeft, width, align: 'center' });
  for (const line of lines) composer.paragraph(line, s.small, { x: textLeft, width, align: 'center' });
  composer.y = Math.min(composer.y, top - (reserve > 0 ? height + 4 : 0)) - 4;
  composer.rule(2, 1.5);
  composer.rule(0.6, 14);
}

/** A signature block: lines above the signing space, the name and NIP below it. */
export function drawSignatory(
  composer: Composer,
  context: RenderContext,
  x: number,
  width: number,
  above: readonly string[],
  signatory: { name: string; nip?: string | undefined },
): void {
  const s = styles(composer.faces);
  for (const line of above) composer.paragraph(line, s.body, { x, width });
  composer.y -= 52;
  const nameLines = composer.paragraph(signatory.name, s.bodyBold, { x, width });
  const last = nameLines[nameLines.length - 1] ?? '';
  const underline = composer.y + 2;
  composer.line({ x, y: underline }, { x: x + widthOf(s.bodyBold.face, last, s.bodyBold.size), y: underline }, 0.6);
  if (signatory.nip) composer.paragraph(`${t(context, 'doc.nip')}. ${signatory.nip}`, s.body, { x, width });
}

/** The event's title block for the agenda and the attendance list. */
export function drawTitleBlock(composer: Composer, context: RenderContext, title: string): void {
  const s = styles(composer.faces);
  const { event } = context.workshop;
  const facts = eventFacts(context);
  composer.paragraph(title, s.title, { align: 'center', after: 2 });
  composer.paragraph(event.title, s.heading, { align: 'center' });
  if (event.theme) composer.paragraph(event.theme, s.body, { align: 'center' });
  composer.y -= 4;
  composer.paragraph(`${facts.dayDate}, ${facts.time}`, s.body, { align: 'center' });
  composer.paragraph(facts.place, s.body, { align: 'center', after: 12 });
}

/** Page size for the chosen paper, portrait or landscape. */
export function pageSize(size: readonly [number, number], landscape = false): [number, number] {
  return landscape ? [size[1], size[0]] : [size[0], size[1]];
}

export const portraitMargins = { top: 42, right: 57, bottom: 50, left: 71 };

export { formatDate };
