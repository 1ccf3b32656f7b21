import { rgb } from 'pdf-lib';
import { certificateNumber, verificationUrl } from '../certificate-number.js';
import { Composer, paperSizes, saveDocument, type TextStyle } from '../pdf/composer.js';
import { qrOperators } from '../pdf/qr.js';
import { widthOf, wrap } from '../pdf/text.js';
import type { CertificateRecipient } from '../recipients.js';
import { sha256Hex } from '../sha256.js';
import { datePart, formatDate } from '../time.js';
import { drawEmblemRow, pageSize, startDocument, styles, t, type RenderContext } from './context.js';
import { embedEmblems } from './emblems.js';

/** One certificate as listed in manifest.json: its number and a hash of its recipient. */
export interface CertificateRecord {
  number: string | null;
  /** SHA-256 (hex) of the number, a line feed and the name as printed: checks a certificate without listing names. */
  recipient: string;
}

const navy = rgb(0.1, 0.25, 0.45);
const margins = { top: 46, right: 64, bottom: 40, left: 64 };
const emblemHeight = 58;
const qrSize = 96;

/** The number of each certificate, in the order of the recipients. */
export function certificateNumbers(context: RenderContext): (string | null)[] {
  const { certificate, event } = context.workshop;
  const date = certificate.date ?? datePart(event.end);
  return context.recipients.map((_, index) => (certificate.number ? certificateNumber(certificate.number, certificate.firstNumber + index, date) : null));
}

/** The manifest's record of every certificate. */
export function certificateRecords(context: RenderContext): CertificateRecord[] {
  const encoder = new TextEncoder();
  return certificateNumbers(context).map((number, index) => ({
    number,
    recipient: sha256Hex(encoder.encode(`${number ?? ''}\n${(context.recipients[index]?.name ?? '').normalize('NFC')}`)),
  }));
}

/**
 * `certificates.pdf`: one landscape page per recipient, laid out to fill the page: the emblems,
 * organizer, title and number at the top; the recipient's name, position and institution; the
 * text; and at the foot the verification QR code on the left and the signatory on the right. The
 * parts every certificate shares are drawn once and listed on each page; each page draws only
 * its number, recipient and QR code.
 */
export async function buildCertificates(context: RenderContext): Promise<{ bytes: Uint8Array; pages: number }> {
  const { workshop, locale } = context;
  const { certificate, organizer } = workshop;
  const title = certificate.title ?? t(context, 'doc.certificateTitle');
  const { doc, faces } = await startDocument(context, title);
  const emblems = await embedEmblems(doc, context.emblems);
  const size = pageSize(paperSizes[context.paper], true);
  const composer = new Composer(doc, faces, size, margins);
  const s = styles(faces);
  const [pageWidth] = size;
  const place = certificate.place ?? workshop.letter.place;
  const date = certificate.date ?? datePart(workshop.event.end);
  const numbers = certificateNumbers(context);
  const withQr = certificate.verifyUrl !== undefined;

  // The foot: the signatory in the right third (centered when there is no QR code), the QR code in the left third.
  const blockWidth = composer.contentWidth * 0.36;
  const blockX = withQr ? composer.right - blockWidth : (pageWidth - blockWidth) / 2;
  const footLines = {
    above: [`${place}, ${formatDate(date, locale, false)}`, ...wrap(`${certificate.signatory.position},`, s.body.face, s.body.size, blockWidth)],
    name: wrap(certificate.signatory.name, s.bodyBold.face, s.bodyBold.size, blockWidth),
    nip: certificate.signatory.nip ? `${t(context, 'doc.nip')}. ${certificate.signatory.nip}` : undefined,
  };
  const line = composer.lineHeight(s.body);
  const signingSpace = 50;
  const footHeight = (footLines.above.length + footLines.name.length + (footLines.nip ? 1 : 0)) * line + signingSpace;
  const footTop = margins.bottom + footHeight;

  // The recipient's zones have fixed heights, so every later part sits at the same height on every page.
  const nameStyle = (name: string): { style: TextStyle; lines: string[] } => {
    const oneLine = fitted(name, faces.bold, [28, 26, 24, 22, 20], composer.contentWidth * 0.9);
    return oneLine.lines.length === 1 ? oneLine : fitted(name, faces.bold, [20, 18, 16, 14, 12, 10], composer.contentWidth * 0.9, 2);
  };
  const nameZone = 2 * 20 * 1.25;
  const detailZone = 2 * 12 * 1.3;

  for (const [index, recipient] of context.recipients.entries()) {
    composer.newPage(false);
    composer.reuse('certificate-head', () => {
      composer.rectangle({ x: 18, y: 18, width: size[0] - 36, height: size[1] - 36, borderWidth: 2.5, borderColor: navy });
      composer.rectangle({ x: 26, y: 26, width: size[0] - 52, height: size[1] - 52, borderWidth: 0.8, borderColor: navy });
      const row = [...(emblems.main ? [emblems.main] : []), ...emblems.co];
      if (row.length > 0) {
        const gap = emblemHeight * 0.12;
        const width = row.reduce((sum, emblem) => sum + emblem.aspect * emblemHeight, 0) + gap * (row.length - 1);
        drawEmblemRow(composer, row, (pageWidth - width) / 2, composer.y, emblemHeight);
        composer.y -= emblemHeight + 10;
      } else composer.y -= 16;
      composer.paragraph(organizer.name.toLocaleUpperCase('id'), { ...s.heading, size: 13 }, { align: 'center' });
      if (organizer.unit) composer.paragraph(organizer.unit.toLocaleUpperCase('id'), { ...s.heading, size: 11.5 }, { align: 'center' });
      composer.y -= 8;
      composer.paragraph(title, { face: faces.bold, size: 34, leading: 1.2 }, { align: 'center', after: 2 });
    });
    const number = numbers[index];
    if (number !== null && number !== undefined) {
      composer.uncompressed(() => composer.paragraph(`${t(context, 'doc.certificateNumber')} ${number}`, s.body, { align: 'center' }));
    }
    composer.reuse('certificate-given', () => {
      composer.y -= 8;
      composer.paragraph(t(context, 'doc.certificateGivenTo'), { face: faces.regular, size: 13 }, { align: 'center', after: 6 });
    });
    const zoneTop = composer.y;
    composer.uncompressed(() => drawRecipient(composer, recipient, nameStyle(recipient.name), nameZone, detailZone, s.body));
    composer.y = zoneTop - nameZone - 8 - detailZone;
    composer.reuse('certificate-body', () => {
      // The text sits in the middle of the room between the recipient and the foot.
      const room = composer.y - footTop - 12;
      const leading = 1.4;
      const text = fittedInto(certificate.text, faces.regular, [13, 12, 11, 10, 9, 8], composer.contentWidth * 0.8, room, leading);
      const height = text.lines.length * text.style.size * leading;
      composer.y -= Math.max(0, (room - height) / 2);
      for (const textLine of text.lines) {
        composer.drawLine(textLine, text.style, (pageWidth - widthOf(text.style.face, textLine, text.style.size)) / 2, composer.y);
        composer.y -= text.style.size * leading;
      }
      // The foot.
      let y = footTop;
      const center = (textLine: string, style: TextStyle) => {
        composer.drawLine(textLine, style, blockX + (blockWidth - widthOf(style.face, textLine, style.size)) / 2, y);
        y -= line;
      };
      footLines.above.forEach((textLine) => center(textLine, s.body));
      y -= signingSpace;
      footLines.name.forEach((textLine) => center(textLine, s.bodyBold));
      const lastName = footLines.name[footLines.name.length - 1] ?? '';
      const nameWidth = widthOf(s.bodyBold.face, lastName, s.bodyBold.size);
      const underline = y + line - s.bodyBold.size * 1.15;
      composer.line({ x: blockX + (blockWidth - nameWidth) / 2, y: underline }, { x: blockX + (blockWidth + nameWidth) / 2, y: underline }, 0.6);
      if (footLines.nip) center(footLines.nip, s.body);
      if (withQr) {
        const caption = wrap(t(context, 'doc.certificateVerify'), s.small.face, s.small.size, blockWidth);
        const captionY = margins.bottom + s.small.size * 0.2;
        for (const [lineIndex, captionLine] of caption.entries())
          composer.text(captionLine, s.small, composer.left + (blockWidth - widthOf(s.small.face, captionLine, s.small.size)) / 2, captionY + (caption.length - 1 - lineIndex) * s.small.size * 1.2);
      }
    });
    if (withQr && number && certificate.verifyUrl) {
      const caption = wrap(t(context, 'doc.certificateVerify'), s.small.face, s.small.size, blockWidth);
      const qrY = margins.bottom + s.small.size * 1.2 * caption.length;
      composer.raw(qrOperators(verificationUrl(certificate.verifyUrl, number), composer.left + blockWidth / 2 - qrSize / 2, qrY, qrSize));
    }
  }
  return { bytes: await saveDocument(doc), pages: composer.pages.length };
}

/** The recipient's name (in the largest size that fits, wrapped at the smallest), a rule, position and institution. */
function drawRecipient(composer: Composer, recipient: CertificateRecipient, name: { style: TextStyle; lines: string[] }, nameZone: number, detailZone: number, body: TextStyle): void {
  const top = composer.y;
  const nameHeight = name.lines.length * name.style.size * 1.25;
  let y = top - Math.max(0, (nameZone - nameHeight) / 2);
  for (const nameLine of name.lines) {
    composer.drawLine(nameLine, name.style, (composer.width - widthOf(name.style.face, nameLine, name.style.size)) / 2, y);
    y -= name.style.size * 1.25;
  }
  const ruleY = top - nameZone - 4;
  const ruleWidth = composer.contentWidth * 0.5;
  composer.line({ x: (composer.width - ruleWidth) / 2, y: ruleY }, { x: (composer.width + ruleWidth) / 2, y: ruleY }, 0.8, navy);
  const detail = [recipient.position, recipient.institution].filter(Boolean).join(', ');
  if (!detail) return;
  const fit = fitted(detail, body.face, [12, 11, 10, 9], composer.contentWidth * 0.85, 2);
  let detailY = top - nameZone - 8 - Math.max(0, (detailZone - fit.lines.length * fit.style.size * 1.3) / 2);
  for (const detailLine of fit.lines) {
    composer.drawLine(detailLine, fit.style, (composer.width - widthOf(fit.style.face, detailLine, fit.style.size)) / 2, detailY);
    detailY -= fit.style.size * 1.3;
  }
}

/** The largest of `sizes` at which `text`'s lines fit a height of `room`. */
function fittedInto(text: string, face: TextStyle['face'], sizes: readonly number[], width: number, room: number, leading: number): { style: TextStyle; lines: string[] } {
  for (const size of sizes) {
    const lines = wrap(text, face, size, width);
    if (lines.length * size * leading <= room) return { style: { face, size }, lines };
  }
  const size = sizes[sizes.length - 1] ?? 8;
  return { style: { face, size }, lines: wrap(text, face, size, width) };
}

/** The largest of `sizes` at which `text` takes at most `maxLines` lines of `width` (else the smallest, wrapped). */
function fitted(text: string, face: TextStyle['face'], sizes: readonly number[], width: number, maxLines = 1): { style: TextStyle; lines: string[] } {
  for (const size of sizes) {
    const lines = wrap(text, face, size, width);
    if (lines.length <= maxLines) return { style: { face, size }, lines };
  }
  const size = sizes[sizes.length - 1] ?? 10;
  return { style: { face, size }, lines: wrap(text, face, size, width) };
}
