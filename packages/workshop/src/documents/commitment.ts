import { PDFHexString, PDFName, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import { Composer, paperSizes, saveDocument, type TextStyle } from '../pdf/composer.js';
import { widthOf, wrap, type Face } from '../pdf/text.js';
import { datePart, formatDate } from '../time.js';
import { drawLetterhead, pageSize, portraitMargins, startDocument, styles, t, type RenderContext } from './context.js';
import { embedEmblems } from './emblems.js';

/** Height of the space left for a signature, where the signature field sits. */
const signingHeight = 46;
/** Space between the cells of a row. */
const columnGap = 14;
/** Space between two rows of cells. */
const rowGap = 10;
/** Font sizes tried, largest first, until the longest entry fits its lines. */
const sizes = [10, 9.5, 9, 8.5, 8, 7.5, 7];
/** Lines an institution, a position or a name may take before a smaller size is tried. */
const linesPerPart = 2;

/** What one signature block shows, before it is wrapped into its cell. */
export interface BlockText {
  /** The institution (bold), or nothing. */
  heading: string | undefined;
  position: string;
  /** Place and date, only where they differ from the one printed above the grid. */
  placeDate: string | undefined;
  /** The name, or undefined to leave a dotted line to write it. */
  name: string | undefined;
  /** `NIP. …`, a dotted line to write it, or nothing. */
  nip: string | undefined;
  /** The signature field's name and tooltip. */
  field: { name: string; tooltip: string };
}

/** A block wrapped into its cell. */
interface Cell {
  heading: string[];
  position: string[];
  placeDate: string[];
  name: string[];
  nip: string;
  field: BlockText['field'];
}

/**
 * The grid's metrics: one font size and one height for every section of every cell, from the
 * longest entry, so that rows line up however the names and institutions wrap.
 */
export interface GridLayout {
  size: number;
  lineHeight: number;
  cellWidth: number;
  columns: number;
  /** Lines given to each section in every cell. */
  lines: { heading: number; position: number; placeDate: number; name: number };
  cellHeight: number;
  cells: Cell[];
}

/** Lays out signature blocks into cells of one width and height. Pure: measures, draws nothing. */
export function layoutGrid(blocks: readonly BlockText[], faces: { regular: Face; bold: Face }, contentWidth: number, columns: number): GridLayout {
  const cellWidth = (contentWidth - columnGap * (columns - 1)) / columns;
  const wrapAt = (size: number) =>
    blocks.map((block): Cell => ({
      heading: block.heading ? wrap(block.heading, faces.bold, size, cellWidth) : [],
      position: wrap(block.position, faces.regular, size, cellWidth),
      placeDate: block.placeDate ? wrap(block.placeDate, faces.regular, size, cellWidth) : [],
      name: block.name ? wrap(block.name, faces.bold, size, cellWidth) : [dotted(faces.bold, size, cellWidth * 0.9, '(', ')')],
      nip: block.nip ?? '',
      field: block.field,
    }));
  let size = sizes[sizes.length - 1] ?? 7;
  let cells = wrapAt(size);
  for (const candidate of sizes) {
    const wrapped = wrapAt(candidate);
    if (wrapped.every((cell) => cell.heading.length <= linesPerPart && cell.position.length <= linesPerPart && cell.name.length <= linesPerPart)) {
      size = candidate;
      cells = wrapped;
      break;
    }
  }
  const most = (part: 'heading' | 'position' | 'placeDate' | 'name') => Math.max(0, ...cells.map((cell) => cell[part].length));
  const lines = { heading: most('heading'), position: most('position'), placeDate: most('placeDate'), name: Math.max(1, most('name')) };
  const lineHeight = size * 1.3;
  const cellHeight = (lines.heading + lines.position + lines.placeDate + lines.name + 1) * lineHeight + signingHeight;
  // A NIP placeholder is measured again at the size chosen.
  for (const cell of cells) if (cell.nip.endsWith('…')) cell.nip = dotted(faces.regular, size, cellWidth * 0.9, cell.nip.slice(0, -1), '');
  return { size, lineHeight, cellWidth, columns, lines, cellHeight, cells };
}

/** `prefix.....suffix` as wide as `width`. */
function dotted(face: Face, size: number, width: number, prefix: string, suffix: string): string {
  const dot = widthOf(face, '.', size);
  const room = width - widthOf(face, `${prefix}${suffix}`, size);
  return `${prefix}${'.'.repeat(Math.max(3, Math.floor(room / dot)))}${suffix}`;
}

/**
 * `commitment.pdf`: letterhead; title, preamble, numbered points and closing; the place and date
 * once; the signatories in a grid of equal cells (institution, position, signing space with an
 * empty PDF signature field, name and NIP); and a "Menyaksikan" block for the witnesses. The
 * last point stays on the page of the first row of signatures.
 */
export async function buildCommitment(context: RenderContext): Promise<{ bytes: Uint8Array; pages: number }> {
  const { commitment, letter, event } = context.workshop;
  const { doc, faces } = await startDocument(context, commitment.title);
  const emblems = await embedEmblems(doc, context.emblems);
  const composer = new Composer(doc, faces, pageSize(paperSizes[context.paper]), portraitMargins);
  const s = styles(faces);
  composer.newPage(false);
  drawLetterhead(composer, context, emblems);
  composer.paragraph(commitment.title.toLocaleUpperCase('id'), s.heading, { align: 'center', after: 10 });
  composer.paragraph(commitment.preamble, s.body, { after: 6 });

  const place = commitment.place ?? letter.place;
  const date = commitment.date ?? datePart(event.start);
  const placeDate = `${place}, ${formatDate(date, context.locale, false)}`;
  const blocks: BlockText[] = commitment.signatories.map((signatory, index) => {
    const own = `${signatory.place ?? place}, ${formatDate(signatory.date ?? date, context.locale, false)}`;
    return {
      heading: signatory.institution,
      position: signatory.position,
      placeDate: own === placeDate ? undefined : own,
      name: signatory.name,
      nip: signatory.nip ? `${t(context, 'doc.nip')}. ${signatory.nip}` : signatory.name ? undefined : `${t(context, 'doc.nip')}. …`,
      field: { name: `signature-${index + 1}`, tooltip: signatory.institution },
    };
  });
  const witnesses: BlockText[] = commitment.witnesses.map((witness, index) => ({
    heading: witness.institution,
    position: witness.position,
    placeDate: undefined,
    name: witness.name,
    nip: witness.nip ? `${t(context, 'doc.nip')}. ${witness.nip}` : undefined,
    field: { name: `witness-${index + 1}`, tooltip: t(context, 'doc.witnessTooltip', { name: witness.name }) },
  }));
  const columns = Math.min(commitment.columns ?? (blocks.length > 4 ? 3 : 2), Math.max(blocks.length, witnesses.length));
  const grid = layoutGrid(blocks, faces, composer.contentWidth, columns);
  const witnessGrid = witnesses.length > 0 ? layoutGrid(witnesses, faces, composer.contentWidth, columns) : undefined;

  // The points; the last one, the closing, the place and date and the first row of signatures
  // stay together, so that no page holds signatures alone.
  const numberWidth = 22;
  const pointX = composer.left + 6 + numberWidth;
  const drawPoint = (point: string, index: number) => {
    composer.ensure(composer.lineHeight(s.body));
    composer.drawLine(`${index + 1}.`, s.body, composer.left + 6, composer.y);
    composer.paragraph(point, s.body, { x: pointX, after: 3 });
  };
  const points = commitment.points;
  points.slice(0, -1).forEach(drawPoint);
  const last = points[points.length - 1] ?? '';
  const lineHeight = composer.lineHeight(s.body);
  const tail =
    wrap(last, s.body.face, s.body.size, composer.right - pointX).length * lineHeight +
    3 +
    (commitment.closing ? wrap(commitment.closing, s.body.face, s.body.size, composer.contentWidth).length * lineHeight + 4 : 0) +
    placeDateHeight(lineHeight) +
    grid.cellHeight;
  if (tail > composer.room && tail <= composer.height - composer.margins.top - composer.margins.bottom) composer.newPage();
  drawPoint(last, points.length - 1);
  if (commitment.closing) composer.paragraph(commitment.closing, s.body, { after: 4 });
  composer.y -= lineHeight * 0.6;
  composer.paragraph(placeDate, s.body, { align: 'center', after: lineHeight * 0.4 });

  const fields: PDFRef[] = [];
  drawGrid(composer, grid, fields, 'left');
  if (witnessGrid) {
    composer.y -= rowGap;
    const label = t(context, 'doc.witnessed');
    composer.ensure(lineHeight * 1.5 + witnessGrid.cellHeight);
    composer.paragraph(label, s.bodyBold, { align: 'center', after: lineHeight * 0.4 });
    drawGrid(composer, witnessGrid, fields, 'center');
  }
  const acroForm = doc.catalog.getOrCreateAcroForm();
  for (const field of fields) acroForm.addField(field);
  composer.numberPages((page, pages) => t(context, 'doc.page', { page, pages }), s.small);
  return { bytes: await saveDocument(doc), pages: composer.pages.length };
}

function placeDateHeight(lineHeight: number): number {
  return lineHeight * 2;
}

/** Draws the cells row by row, each row on one page; a short last row is centered when `align` is center. */
function drawGrid(composer: Composer, grid: GridLayout, fields: PDFRef[], align: 'left' | 'center'): void {
  const regular: TextStyle = { face: composer.faces.regular, size: grid.size };
  const bold: TextStyle = { face: composer.faces.bold, size: grid.size };
  const { lineHeight, cellWidth, lines } = grid;
  for (let first = 0; first < grid.cells.length; first += grid.columns) {
    const row = grid.cells.slice(first, first + grid.columns);
    composer.ensure(grid.cellHeight);
    const top = composer.y;
    const rowWidth = row.length * cellWidth + (row.length - 1) * columnGap;
    const startX = align === 'center' ? composer.left + (composer.contentWidth - rowWidth) / 2 : composer.left;
    row.forEach((cell, index) => {
      const x = startX + index * (cellWidth + columnGap);
      // Every section starts at the same height in every cell.
      let y = top;
      const section = (texts: readonly string[], style: TextStyle, count: number) => {
        texts.forEach((line, lineIndex) => composer.drawLine(line, style, x + (cellWidth - widthOf(style.face, line, style.size)) / 2, y - lineIndex * lineHeight));
        y -= count * lineHeight;
      };
      section(cell.heading, bold, lines.heading);
      section(cell.position, regular, lines.position);
      section(cell.placeDate, regular, lines.placeDate);
      fields.push(addSignatureField(composer.doc, composer.page, [x, y - signingHeight, x + cellWidth, y], cell.field.name, cell.field.tooltip));
      y -= signingHeight;
      const nameTop = y;
      section(cell.name, bold, lines.name);
      const lastName = cell.name[cell.name.length - 1] ?? '';
      if (!lastName.startsWith('(')) {
        const width = widthOf(bold.face, lastName, bold.size);
        const underline = nameTop - (cell.name.length - 1) * lineHeight - grid.size * 1.15;
        composer.line({ x: x + (cellWidth - width) / 2, y: underline }, { x: x + (cellWidth + width) / 2, y: underline }, 0.6);
      }
      section(cell.nip ? [cell.nip] : [], regular, 1);
    });
    composer.y = top - grid.cellHeight - rowGap;
  }
}

/**
 * An empty signature field, built from its dictionaries (pdf-lib has no call for it): a field
 * merged with its widget annotation, `/FT /Sig`, on `page` at `rect`, printed (`/F 4`), listed in
 * the page's `/Annots`; the caller adds it to the AcroForm's `/Fields`. `name` must contain no
 * dot (a dot separates the parts of a field's full name); `tooltip` names the signer.
 */
export function addSignatureField(doc: PDFDocument, page: PDFPage, rect: readonly [number, number, number, number], name: string, tooltip: string): PDFRef {
  const context = doc.context;
  const [x1, y1, x2, y2] = rect.map((value) => Math.round(value * 100) / 100) as [number, number, number, number];
  const appearance = context.formXObject([], { BBox: [0, 0, x2 - x1, y2 - y1], Resources: {} });
  const field = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(name.replace(/\./g, '-')),
    TU: PDFHexString.fromText(tooltip),
    F: 4,
    Rect: [x1, y1, x2, y2],
    P: page.ref,
    AP: { N: context.register(appearance) },
  });
  field.set(PDFName.of('MK'), context.obj({}));
  const ref = context.register(field);
  page.node.addAnnot(ref);
  return ref;
}
