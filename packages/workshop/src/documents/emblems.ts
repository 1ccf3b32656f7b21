import type { PDFDocument, PDFRef } from 'pdf-lib';
import type { Emblem, Emblems } from '../emblems.js';

/** An emblem embedded in one document: an image or form XObject drawn into a unit square, and its width / height. */
export interface PlacedEmblem {
  ref: PDFRef;
  aspect: number;
}

/** The organizer's and co-organizers' emblems embedded in one document. */
export interface EmbeddedEmblems {
  main: PlacedEmblem | undefined;
  co: PlacedEmblem[];
}

/** Embeds the workshop's emblems into `doc` (once per document; pages list them by name). */
export async function embedEmblems(doc: PDFDocument, emblems: Emblems): Promise<EmbeddedEmblems> {
  return {
    main: emblems.main ? await embedEmblem(doc, emblems.main) : undefined,
    co: await Promise.all(emblems.co.map((emblem) => embedEmblem(doc, emblem))),
  };
}

async function embedEmblem(doc: PDFDocument, emblem: Emblem): Promise<PlacedEmblem> {
  if (emblem.kind !== 'svg') {
    const image = emblem.kind === 'png' ? await doc.embedPng(emblem.bytes) : await doc.embedJpg(emblem.bytes);
    return { ref: image.ref, aspect: image.width / image.height };
  }
  // A form XObject whose content maps the viewBox onto the unit square, y up, as an image is
  // drawn: the same `cm ... Do` places either.
  const [x, y, width, height] = emblem.graphic.viewBox;
  const n = (value: number) => String(Math.round(value * 1e6) / 1e6);
  const content = `${n(1 / width)} 0 0 ${n(-1 / height)} ${n(-x / width)} ${n(1 + y / height)} cm\n${emblem.graphic.content}`;
  const stream = doc.context.flateStream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1], Resources: {} });
  return { ref: doc.context.register(stream), aspect: width / height };
}
