import { Composer, drawTable, paperSizes, saveDocument } from '../pdf/composer.js';
import { formatTime } from '../time.js';
import { drawTitleBlock, pageSize, portraitMargins, startDocument, styles, t, type RenderContext } from './context.js';

/** `agenda.pdf`: the susunan acara as a table; its header is repeated on every page. */
export async function buildAgenda(context: RenderContext): Promise<Uint8Array> {
  const title = t(context, 'doc.agendaTitle');
  const { doc, faces } = await startDocument(context, title);
  const composer = new Composer(doc, faces, pageSize(paperSizes[context.paper]), portraitMargins);
  const s = styles(faces);
  composer.newPage(false);
  drawTitleBlock(composer, context, title);
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
  composer.numberPages((page, pages) => t(context, 'doc.page', { page, pages }), s.small);
  return saveDocument(doc);
}
