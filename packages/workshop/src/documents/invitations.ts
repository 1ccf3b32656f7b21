import type { PDFPage } from 'pdf-lib';
import { Composer, paperSizes, saveDocument } from '../pdf/composer.js';
import { PageFiles } from '../pdf/pages.js';
import { widthOf } from '../pdf/text.js';
import type { Invitee } from '../schema.js';
import { formatDate } from '../time.js';
import { agendaIsAttached, drawAgenda } from './agenda.js';
import { documentInfo, drawLetterhead, drawSignatory, eventFacts, pageSize, portraitMargins, startDocument, styles, t, type RenderContext } from './context.js';
import { embedEmblems, type EmbeddedEmblems } from './emblems.js';

/**
 * One invitation letter, laid out as an Indonesian official letter (Peraturan ANRI 5/2021):
 * letterhead; Nomor, Sifat, Lampiran, Hal on the left and place and date on the right; the
 * addressee after "Yth."; the body with hari/tanggal, waktu, tempat and acara; the closing; the
 * signatory with position, name and NIP; tembusan.
 */
export function drawInvitation(composer: Composer, context: RenderContext, invitee: Invitee, emblems: EmbeddedEmblems): void {
  composer.newPage(false);
  // The letterhead, the references and the body are the same in every letter (and, for the body,
  // wherever the addressee block ends at the same height): drawn once, their streams are listed on
  // every letter's page. Only the addressee is drawn for each invitee.
  composer.reuse('letter-head', () => drawLetterHead(composer, context, emblems));

  // The addressee, a few short lines: left uncompressed (see Composer.uncompressed).
  composer.uncompressed(() => drawAddressee(composer, context, invitee));
  composer.reuse('letter-body', () => drawLetterBody(composer, context));
}

/** "Yth." and the invitee's name, position and institution (and "di Tempat" in Indonesian). */
function drawAddressee(composer: Composer, context: RenderContext, invitee: Invitee): void {
  const s = styles(composer.faces);
  const toLabel = `${t(context, 'doc.to')} `;
  const toIndent = widthOf(s.body.face, toLabel, s.body.size);
  composer.drawLine(toLabel, s.body, composer.left, composer.y);
  const addressWidth = composer.contentWidth * 0.62;
  composer.paragraph(invitee.name, s.bodyBold, { x: composer.left + toIndent, width: addressWidth });
  composer.paragraph(invitee.position, s.body, { x: composer.left + toIndent, width: addressWidth });
  composer.paragraph(invitee.institution, s.body, { x: composer.left + toIndent, width: addressWidth });
  const at = t(context, 'doc.at');
  if (at) composer.paragraph(at, s.body, { x: composer.left + toIndent });
  const atPlace = t(context, 'doc.atPlace');
  if (atPlace) composer.paragraph(atPlace, s.body, { x: composer.left + toIndent + 14 });
  composer.y -= 12;
}

/** Letterhead; Nomor, Sifat, Lampiran, Hal on the left and place and date on the right. */
function drawLetterHead(composer: Composer, context: RenderContext, emblems: EmbeddedEmblems): void {
  const { workshop, locale } = context;
  const { letter } = workshop;
  const s = styles(composer.faces);
  drawLetterhead(composer, context, emblems);

  // Nomor / Sifat / Lampiran / Hal, with the place and date on the right of the first line.
  const dateLine = `${letter.place}, ${formatDate(letter.date, locale, false)}`;
  const dateWidth = widthOf(s.body.face, dateLine, s.body.size);
  composer.drawLine(dateLine, s.body, composer.right - dateWidth, composer.y);
  const meta: [string, string][] = [
    [t(context, 'doc.number'), letter.number],
    [t(context, 'doc.classification'), letter.classification ?? (locale === 'id' ? 'Biasa' : 'Ordinary')],
    [t(context, 'doc.attachments'), attachmentsLine(context)],
    [t(context, 'doc.subject'), letter.subject],
  ];
  // The colon column follows the longest label (the English labels are longer).
  const labelWidth = Math.max(...meta.map(([label]) => widthOf(s.body.face, label, s.body.size))) + 6;
  const valueX = composer.left + labelWidth + 10;
  const metaWidth = composer.right - dateWidth - 16 - valueX;
  meta.forEach(([label, value], index) => {
    const top = composer.y;
    composer.drawLine(label, s.body, composer.left, top);
    composer.drawLine(':', s.body, composer.left + labelWidth, top);
    // Only the first line shares its row with the date; the rest may use the full width.
    composer.paragraph(value, s.body, { x: valueX, width: index === 0 ? metaWidth : composer.right - valueX - 120 });
  });
  composer.y -= 14;
}

/** The Lampiran line: the text as written, or for a list "1 (satu) berkas". */
function attachmentsLine(context: RenderContext): string {
  const { attachments } = context.workshop.letter;
  if (attachments === undefined) return '-';
  if (typeof attachments === 'string') return attachments;
  const count = attachments.length;
  const words = context.locale === 'id' ? numberWordsId : numberWordsEn;
  return t(context, 'doc.attachmentCount', { count, words: words[count] ?? String(count) });
}

const numberWordsId = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh'];
const numberWordsEn = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** The body with hari/tanggal, waktu, tempat and acara; the closing; the signatory; tembusan. */
function drawLetterBody(composer: Composer, context: RenderContext): void {
  const { workshop } = context;
  const { letter, event } = workshop;
  const s = styles(composer.faces);
  const opening = letter.opening ?? t(context, 'doc.opening', { title: event.title });
  composer.paragraph(opening, s.body, { after: 6 });
  const facts = eventFacts(context);
  const rows: [string, string][] = [
    [t(context, 'doc.dayDate'), facts.dayDate],
    [t(context, 'doc.time'), facts.time],
    [t(context, 'doc.place'), facts.place],
    [t(context, 'doc.event'), event.theme ? `${event.title}: ${event.theme}` : event.title],
  ];
  const factLabelX = composer.left + 28;
  const factValueX = composer.left + 120;
  for (const [label, value] of rows) {
    composer.ensure(composer.lineHeight(s.body));
    composer.drawLine(label, s.body, factLabelX, composer.y);
    composer.drawLine(':', s.body, factValueX - 10, composer.y);
    composer.paragraph(value, s.body, { x: factValueX });
  }
  composer.y -= 6;
  composer.paragraph(letter.closing ?? t(context, 'doc.closing'), s.body, { after: 18 });

  // The signatory, on the right half.
  const blockX = composer.left + composer.contentWidth * 0.5;
  composer.ensure(110);
  drawSignatory(composer, context, blockX, composer.right - blockX, [`${letter.signatory.position},`], letter.signatory);

  if (letter.copies.length > 0) {
    composer.y -= 14;
    composer.paragraph(`${t(context, 'doc.copies')}:`, s.small);
    letter.copies.forEach((copy, index) => {
      composer.paragraph(`${index + 1}. ${copy}`, s.small, { x: composer.left });
    });
  }
}

/**
 * `invitations.pdf` with every letter, and one file per invitee. Each letter is laid out once:
 * the single files are its pages taken from the whole once it is saved, whose fonts and shared
 * content streams are written into every file as the same bytes (see {@link PageFiles}), not shaped,
 * subset, compressed or even serialized again for every invitee.
 */
export async function buildInvitations(
  context: RenderContext,
  onLetter?: (index: number) => void,
): Promise<{ combined: Uint8Array; pages: number; letters: Uint8Array[] }> {
  const size = pageSize(paperSizes[context.paper]);
  const title = t(context, 'doc.invitationFile');
  const all = await startDocument(context, title);
  const emblems = await embedEmblems(all.doc, context.emblems);
  const composer = new Composer(all.doc, all.faces, size, portraitMargins);
  const ranges: number[][] = [];
  // The agenda attached to every letter is laid out once, after the first letter; every later
  // letter lists the same content streams on pages of its own.
  const attach = agendaIsAttached(context);
  let attachment: PDFPage[] | undefined;
  for (const invitee of context.workshop.invitees) {
    const first = composer.pages.length;
    drawInvitation(composer, context, invitee, emblems);
    if (attach && attachment) for (const page of attachment) composer.repeatPage(page);
    else if (attach) {
      const start = composer.pages.length;
      composer.newPage(false);
      drawAgenda(composer, context, true);
      attachment = composer.pages.slice(start);
    }
    ranges.push(Array.from({ length: composer.pages.length - first }, (_, offset) => first + offset));
  }
  const combined = await saveDocument(all.doc);
  // The single files copy from the document in memory, whose streams keep what saving encoded:
  // reading the saved whole back (every object parsed again) cost as much as writing it.
  const files = new PageFiles(all.doc);
  const letters: Uint8Array[] = [];
  for (const [index, invitee] of context.workshop.invitees.entries()) {
    letters.push(await files.file(documentInfo(context, `${title}: ${invitee.name}`), ranges[index] ?? []));
    onLetter?.(index);
  }
  return { combined, pages: composer.pages.length, letters };
}
