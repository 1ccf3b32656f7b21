import { rgb } from 'pdf-lib';
import { Composer, paperSizes, saveDocument } from '../pdf/composer.js';
import { formatDate } from '../time.js';
import { datePart } from '../time.js';
import { drawSignatory, pageSize, startDocument, styles, t, type RenderContext } from './context.js';
import { embedLogo } from './invitations.js';

/** `certificates.pdf`: one landscape page per invitee. */
export async function buildCertificates(context: RenderContext): Promise<Uint8Array> {
  const { workshop, locale } = context;
  const { certificate, organizer } = workshop;
  const title = certificate.title ?? t(context, 'doc.certificateTitle');
  const { doc, faces } = await startDocument(context, title);
  const logo = await embedLogo(doc, context);
  const size = pageSize(paperSizes[context.paper], true);
  const composer = new Composer(doc, faces, size, { top: 50, right: 70, bottom: 40, left: 70 });
  const s = styles(faces);
  const place = certificate.place ?? workshop.letter.place;
  const date = certificate.date ?? datePart(workshop.event.end);
  // The frame, logo, organizer and title, and the text and signatory after the invitee's lines,
  // are the same on every certificate (the latter wherever the invitee's lines end at the same
  // height): drawn once, their streams are listed on every page (see Composer.reuse).
  for (const invitee of workshop.invitees) {
    composer.newPage(false);
    composer.reuse('certificate-head', () => {
      composer.rectangle({ x: 20, y: 20, width: size[0] - 40, height: size[1] - 40, borderWidth: 3, borderColor: rgb(0.1, 0.25, 0.45) });
      composer.rectangle({ x: 28, y: 28, width: size[0] - 56, height: size[1] - 56, borderWidth: 0.8, borderColor: rgb(0.1, 0.25, 0.45) });
      composer.y -= logo ? 10 : 40;
      if (logo) {
        const height = 54;
        const width = (logo.width / logo.height) * height;
        composer.image(logo, { x: (size[0] - width) / 2, y: composer.y - height, width, height });
        composer.y -= height + 8;
      }
      composer.paragraph([organizer.name, organizer.unit].filter(Boolean).join(' ').toLocaleUpperCase('id'), s.heading, { align: 'center', after: 14 });
      composer.paragraph(title, { face: faces.bold, size: 30 }, { align: 'center', after: 8 });
      composer.paragraph(t(context, 'doc.certificateGivenTo'), { face: faces.regular, size: 13 }, { align: 'center', after: 8 });
    });
    composer.uncompressed(() => {
      composer.paragraph(invitee.name, { face: faces.bold, size: 22 }, { align: 'center', after: 4 });
      composer.paragraph(`${invitee.position}, ${invitee.institution}`, s.body, { align: 'center', after: 12 });
    });
    composer.reuse('certificate-body', () => {
      composer.paragraph(certificate.text, { face: faces.regular, size: 12.5, leading: 1.4 }, { align: 'center', after: 16 });
      const blockX = composer.left + composer.contentWidth * 0.58;
      composer.ensure(100);
      drawSignatory(composer, context, blockX, composer.right - blockX, [`${place}, ${formatDate(date, locale, false)}`, `${certificate.signatory.position},`], certificate.signatory);
    });
  }
  return saveDocument(doc);
}
