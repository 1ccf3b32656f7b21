import { Composer, drawTable, paperSizes, saveDocument, type Column } from '../pdf/composer.js';
import type { AttendanceColumn, Invitee } from '../schema.js';
import { drawTitleBlock, pageSize, startDocument, styles, t, type RenderContext } from './context.js';

/** The columns shown when `attendance.columns` is not given: no phone numbers or e-mail addresses. */
export const defaultAttendanceColumns: readonly AttendanceColumn[] = ['name', 'position', 'institution', 'signature'];

const columnSpecs: Record<AttendanceColumn, { header: Parameters<typeof t>[1]; share: number; value: (invitee: Invitee) => string }> = {
  name: { header: 'doc.attendanceName', share: 0.24, value: (invitee) => invitee.name },
  position: { header: 'doc.attendancePosition', share: 0.16, value: (invitee) => invitee.position },
  institution: { header: 'doc.attendanceInstitution', share: 0.25, value: (invitee) => invitee.institution },
  email: { header: 'doc.attendanceEmail', share: 0.2, value: (invitee) => invitee.email },
  phone: { header: 'doc.attendancePhone', share: 0.17, value: (invitee) => invitee.phone ?? '' },
  signature: { header: 'doc.attendanceSignature', share: 0.24, value: () => '' },
};

/**
 * `attendance.pdf` (daftar hadir): No and the columns of `attendance.columns` (by default Nama,
 * Jabatan, Instansi and Tanda Tangan; a phone number only when asked for). The invitees are
 * pre-filled, numbered blank rows for walk-ins follow, and the header repeats on every page. The
 * signature column carries each row's number, odd rows on the left and even rows in the middle,
 * so that neighbouring signatures do not collide.
 */
export async function buildAttendance(context: RenderContext): Promise<{ bytes: Uint8Array; pages: number }> {
  const title = t(context, 'doc.attendanceTitle');
  const { doc, faces } = await startDocument(context, title);
  const composer = new Composer(doc, faces, pageSize(paperSizes[context.paper]), { top: 42, right: 40, bottom: 50, left: 40 });
  const s = styles(faces);
  composer.newPage(false);
  drawTitleBlock(composer, context, title);
  const { invitees, attendance } = context.workshop;
  const shown = attendance.columns ?? defaultAttendanceColumns;
  const columns: Column[] = [
    { header: t(context, 'doc.attendanceNo'), share: 0.05, align: 'center' },
    ...shown.map((key): Column => ({
      header: t(context, columnSpecs[key].header),
      share: columnSpecs[key].share,
      ...(key === 'signature' ? { indent: (row: number) => (row % 2 === 0 ? 0 : 0.45) } : {}),
    })),
  ];
  const cellsOf = (invitee: Invitee | undefined, number: number) => [String(number), ...shown.map((key) => (key === 'signature' ? `${number}.` : invitee ? columnSpecs[key].value(invitee) : ''))];
  const rows = invitees.map((invitee, index) => cellsOf(invitee, index + 1));
  for (let index = 0; index < attendance.blankRows; index++) rows.push(cellsOf(undefined, invitees.length + index + 1));
  drawTable(composer, columns, rows, { style: { ...s.body, size: 9.5 }, headerStyle: { ...s.bodyBold, size: 9.5 }, padding: 4, minRowHeight: 32 });
  composer.numberPages((page, pages) => t(context, 'doc.page', { page, pages }), s.small);
  return { bytes: await saveDocument(doc), pages: composer.pages.length };
}
