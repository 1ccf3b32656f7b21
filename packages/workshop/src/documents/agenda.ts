import { Composer, drawTable, paperSizes, saveDocument } from '../pdf/composer.js';
import { widthOf } from '../pdf/text.js';
import { formatDate, formatTime } from '../time.js';
import { drawTitleBlock, pageSize, portraitMargins, startDocument, styles, t, type RenderContext } from './context.js';

/** `agenda.pdf`: the susunan acara as a table; its header is repeated on every page. */
export async function buildAgenda(context: RenderContext): Promise<{ bytes: Uint8Array; pages: number }> {
  const title = t(context, 'doc.agendaTitle');
  const { doc, faces } = await startDocument(context, title);
  const composer = new Composer(doc, faces, pageSize(paperSizes[context.paper]), portraitMargins);
  composer.newPage(false);
  drawAgenda(composer, context, false);
  composer.numberPages((page, pages) => t(context, 'doc.page', { page, pages }), styles(faces).small);
  return { bytes: await saveDocument(doc), pages: composer.pages.length };
}

/** Whether the letter's attachments name the agenda (`letter.attachments: [agenda]`). */
export function agendaIsAttached(context: RenderContext): boolean {
  const { attachments } = context.workshop.letter;
  return Array.isArray(attachments) && attachments.some((item) => item.trim().toLowerCase() === 'agenda');
}

/**
 * The susunan acara at the cursor: title block and table. As a letter's attachment it starts
 * with "Lampiran surat / Nomor … / Tanggal …" at the top right, as Indonesian letters mark theirs.
 */
export function drawAgenda(composer: Composer, context: RenderContext, asAttachment: boolean): void {
  const s = styles(composer.faces);
  if (asAttachment) drawAttachmentHeader(composer, context);
  drawTitleBlock(composer, context, t(context, 'doc.agendaTitle'));
  const rows = context.workshop.agenda.map((item) => [
    item.end ? `${formatTime(item.start, context.locale)} - ${formatTime(item.end, context.locale)}` : formatTime(item.start, context.locale),
    item.activity,
    item.speaker ?? '',
  ]);
  drawTable(
    composer,
    [
      { header: t(context, 'doc.agendaTime'), share: 0.2, align: 'center' },
      { header: t(context, 'doc.agendaActivity'), share: 0.45 },
      { header: t(context, 'doc.agendaSpeaker'), share: 0.35 },
    ],
    rows,
    { style: s.body, headerStyle: s.bodyBold, padding: 5 },
  );
}

function drawAttachmentHeader(composer: Composer, context: RenderContext): void {
  const { letter } = context.workshop;
  const s = styles(composer.faces);
  const style = { ...s.body, size: 10 };
  const rows: [string, string][] = [
    [t(context, 'doc.number'), letter.number],
    [t(context, 'doc.letterDate'), formatDate(letter.date, context.locale, false)],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => widthOf(style.face, label, style.size))) + 4;
  const valueWidth = Math.max(...rows.map(([, value]) => widthOf(style.face, value, style.size)));
  const x = Math.max(composer.left + composer.contentWidth * 0.45, composer.right - labelWidth - 10 - valueWidth);
  composer.paragraph(t(context, 'doc.attachmentOf'), style, { x });
  for (const [label, value] of rows) {
    const top = composer.y;
    composer.drawLine(label, style, x, top);
    composer.drawLine(':', style, x + labelWidth, top);
    composer.paragraph(value, style, { x: x + labelWidth + 8 });
  }
  composer.y -= 16;
}
