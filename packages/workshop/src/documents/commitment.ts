import { PDFHexString, PDFName, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import { Composer, paperSizes, saveDocument } from '../pdf/composer.js';
import { wrap } from '../pdf/text.js';
import type { CommitmentSignatory } from '../schema.js';
import { datePart, formatDate } from '../time.js';
import { pageSize, portraitMargins, startDocument, styles, t, type RenderContext } from './context.js';

/** Height of the space left for a signature, where the signature field sits. */
const signingHeight = 56;

/**
 * `commitment.pdf`: title, preamble, numbered points, and for every signatory institution a
 * signature block with an empty PDF signature field on it that a PDF reader can sign.
 */
export async function buildCommitment(context: RenderContext): Promise<Uint8Array> {
  const { commitment, letter, event } = context.workshop;
  const { doc, faces } = await startDocument(context, commitment.title);
  const composer = new Composer(doc, faces, pageSize(paperSizes[context.paper]), portraitMargins);
  const s = styles(faces);
  composer.newPage(false);
  composer.paragraph(commitment.title.toLocaleUpperCase('id'), s.title, { align: 'center', after: 14 });
  composer.paragraph(commitment.preamble, s.body, { after: 8 });
  const numberWidth = 22;
  commitment.points.forEach((point, index) => {
    composer.ensure(composer.lineHeight(s.body));
    composer.drawLine(`${index + 1}.`, s.body, composer.left + 6, composer.y);
    composer.paragraph(point, s.body, { x: composer.left + 6 + numberWidth, after: 4 });
  });
  if (commitment.closing) composer.paragraph(commitment.closing, s.body, { after: 4 });
  composer.y -= 16;

  // Signature blocks, two to a row.
  const columns = 2;
  const gap = 24;
  const blockWidth = (composer.contentWidth - gap * (columns - 1)) / columns;
  const fields: PDFRef[] = [];
  const defaultPlace = commitment.place ?? letter.place;
  const defaultDate = commitment.date ?? datePart(event.start);
  for (let first = 0; first < commitment.signatories.length; first += columns) {
    const row = commitment.signatories.slice(first, first + columns);
    const blocks = row.map((signatory) => blockLines(composer, context, signatory, blockWidth, defaultPlace, defaultDate));
    const lineHeight = composer.lineHeight(s.body);
    const above = Math.max(...blocks.map((block) => block.above.length));
    const below = Math.max(...blocks.map((block) => block.below.length));
    const height = (above + below) * lineHeight + signingHeight + 18;
    composer.ensure(height);
    const top = composer.y;
    blocks.forEach((block, index) => {
      const x = composer.left + index * (blockWidth + gap);
      let y = top;
      block.above.forEach((line, lineIndex) => {
        composer.drawLine(line, lineIndex < block.boldAbove ? s.bodyBold : s.body, x, y);
        y -= lineHeight;
      });
      // Signing spaces and names line up across the row.
      y = top - above * lineHeight;
      // The signing space spans the block's width under the lines above it.
      const rect: [number, number, number, number] = [x, y - signingHeight, x + blockWidth, y];
      fields.push(addSignatureField(doc, composer.page, rect, `signature-${first + index + 1}`, row[index]?.institution ?? ''));
      y -= signingHeight;
      block.below.forEach((line) => {
        composer.drawLine(line, s.bodyBold, x, y);
        y -= lineHeight;
      });
    });
    composer.y = top - height;
  }
  const acroForm = doc.catalog.getOrCreateAcroForm();
  for (const field of fields) acroForm.addField(field);
  composer.numberPages((page, pages) => t(context, 'doc.page', { page, pages }), s.small);
  return saveDocument(doc);
}

function blockLines(composer: Composer, context: RenderContext, signatory: CommitmentSignatory, width: number, place: string, date: string) {
  const s = styles(composer.faces);
  const institution = wrap(signatory.institution, s.bodyBold.face, s.bodyBold.size, width);
  const rest = [
    ...wrap(signatory.position, s.body.face, s.body.size, width),
    ...wrap(`${signatory.place ?? place}, ${formatDate(signatory.date ?? date, context.locale, false)}`, s.body.face, s.body.size, width),
  ];
  const name = signatory.name ? wrap(signatory.name, s.bodyBold.face, s.bodyBold.size, width) : ['(.................................................)'];
  return { above: [...institution, ...rest], boldAbove: institution.length, below: name };
}

/**
 * An empty signature field, built from its dictionaries (pdf-lib has no call for it): a field
 * merged with its widget annotation, `/FT /Sig`, on `page` at `rect`, printed (`/F 4`), listed in
 * the page's `/Annots`; the caller adds it to the AcroForm's `/Fields`. `name` must contain no
 * dot (a dot separates the parts of a field's full name); the institution is its tooltip.
 */
export function addSignatureField(doc: PDFDocument, page: PDFPage, rect: readonly [number, number, number, number], name: string, institution: string): PDFRef {
  const context = doc.context;
  const [x1, y1, x2, y2] = rect;
  const appearance = context.formXObject([], { BBox: [0, 0, x2 - x1, y2 - y1], Resources: {} });
  const field = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(name.replace(/\./g, '-')),
    TU: PDFHexString.fromText(institution),
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
