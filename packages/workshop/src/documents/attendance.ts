import { Composer, drawTable, paperSizes, saveDocument } from '../pdf/composer.js';
import { drawTitleBlock, pageSize, startDocument, styles, t, type RenderContext } from './context.js';

/**
 * `attendance.pdf` (daftar hadir): No, Nama, Jabatan, Instansi, No. HP, Tanda Tangan; the
 * invitees pre-filled, blank rows for walk-ins after them, the header on every page.
 */
export async function buildAttendance(context: RenderContext): Promise<Uint8Array> {
  const title = t(context, 'doc.attendanceTitle');
  const { doc, faces } = await startDocument(context, title);
  const composer = new Composer(doc, faces, pageSize(paperSizes[context.paper]), { top: 42, right: 40, bottom: 50, left: 40 });
  const s = styles(faces);
  composer.newPage(false);
  drawTitleBlock(composer, context, title);
  const { invitees, attendance } = context.workshop;
  const rows = invitees.map((invitee, index) => [String(index + 1), invitee.name, invitee.position, invitee.institution, invitee.phone ?? '', '']);
  for (let index = 0; index < attendance.blankRows; index++) rows.push([String(invitees.length + index + 1), '', '', '', '', '']);
  drawTable(
    composer,
    [
      { header: t(context, 'doc.attendanceNo'), share: 0.05, align: 'center' },
      { header: t(context, 'doc.attendanceName'), share: 0.23 },
      { header: t(context, 'doc.attendancePosition'), share: 0.17 },
      { header: t(context, 'doc.attendanceInstitution'), share: 0.21 },
      { header: t(context, 'doc.attendancePhone'), share: 0.17 },
      { header: t(context, 'doc.attendanceSignature'), share: 0.17 },
    ],
    rows,
    { style: { ...s.body, size: 9.5 }, headerStyle: { ...s.bodyBold, size: 9.5 }, padding: 4, minRowHeight: 30 },
  );
  composer.numberPages((page, pages) => t(context, 'doc.page', { page, pages }), s.small);
  return saveDocument(doc);
}
