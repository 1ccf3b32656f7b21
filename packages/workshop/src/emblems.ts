import { problem, WorkshopError, type WorkshopProblem } from './errors.js';
import type { Locale } from './messages/index.js';
import { readSvg, SvgError, type SvgGraphic } from './pdf/svg.js';
import type { Workshop } from './schema.js';

/** An emblem (logo) read from its bytes: a PNG or JPEG as it is, an SVG as vector operators. */
export type Emblem = { kind: 'png' | 'jpg'; bytes: Uint8Array } | { kind: 'svg'; graphic: SvgGraphic };

/** The organizer's emblem and the co-organizers' emblems. */
export interface Emblems {
  main: Emblem | undefined;
  co: Emblem[];
}

/** Every image reference of a workshop (logo and co-organizers' logos) with its field. */
export function imageReferences(workshop: Workshop): { reference: string; path: (string | number)[] }[] {
  const { organizer } = workshop;
  return [
    ...(organizer.logo ? [{ reference: organizer.logo, path: ['organizer', 'logo'] }] : []),
    ...(organizer.coLogos ?? []).map((reference, index) => ({ reference, path: ['organizer', 'coLogos', index] })),
  ];
}

/**
 * Reads the emblems the workshop names, from a `data:` URL or from `assets` (bytes keyed by the
 * path written in the file). The kind is read from the bytes, never from the name.
 * @throws {WorkshopError} `bad_image`, naming each field whose image is missing or unreadable.
 */
export function loadEmblems(workshop: Workshop, assets: Readonly<Record<string, Uint8Array>> | undefined, locale: Locale): Emblems {
  const problems: WorkshopProblem[] = [];
  const read = ({ reference, path }: { reference: string; path: (string | number)[] }): Emblem | undefined => {
    const bytes = bytesOf(reference, assets);
    const emblem = bytes ? emblemOf(bytes) : { error: '' };
    if ('error' in emblem) {
      problems.push(problem(locale, 'error.bad_image', 'bad_image', path, emblem.error ? `${reference}: ${emblem.error}` : reference));
      return undefined;
    }
    return emblem;
  };
  const references = imageReferences(workshop);
  const main = workshop.organizer.logo && references[0] ? read(references[0]) : undefined;
  const co = references.slice(workshop.organizer.logo ? 1 : 0).map(read);
  if (problems.length > 0) throw new WorkshopError('bad_image', problems);
  return { main, co: co.filter((emblem): emblem is Emblem => emblem !== undefined) };
}

function bytesOf(reference: string, assets: Readonly<Record<string, Uint8Array>> | undefined): Uint8Array | undefined {
  const dataUrl = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(reference);
  if (!dataUrl) return assets?.[reference];
  const payload = dataUrl[3] ?? '';
  try {
    if (/;base64$/i.test(dataUrl[2] ?? '')) return Uint8Array.from(atob(payload.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
    return new TextEncoder().encode(decodeURIComponent(payload));
  } catch {
    return undefined;
  }
}

/** An emblem from bytes, or why they are not one. */
export function emblemOf(bytes: Uint8Array): Emblem | { error: string } {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return { kind: 'png', bytes };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { kind: 'jpg', bytes };
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (!/^<(\?xml|svg|!--|!DOCTYPE)/i.test(head)) return { error: '' };
  try {
    return { kind: 'svg', graphic: readSvg(new TextDecoder().decode(bytes)) };
  } catch (error) {
    if (error instanceof SvgError) return { error: error.message };
    throw error;
  }
}
