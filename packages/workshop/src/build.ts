import type { AttendedEntry } from './attended.js';
import { buildAgenda } from './documents/agenda.js';
import { buildAttendance } from './documents/attendance.js';
import { buildCertificates, certificateRecords } from './documents/certificates.js';
import { buildCommitment } from './documents/commitment.js';
import type { RenderContext } from './documents/context.js';
import { buildInvitations } from './documents/invitations.js';
import { loadEmblems } from './emblems.js';
import { problem, WorkshopError, type WorkshopProblem } from './errors.js';
import { buildInvitationIcs } from './ics.js';
import type { Locale } from './messages/index.js';
import type { Paper } from './pdf/composer.js';
import { fontCovers, type FontFiles } from './pdf/fonts.js';
import { normaliseText } from './pdf/text.js';
import { validateWorkshop } from './parse.js';
import { certificateRecipients, type CertificateRecipient, type WorkshopNotice } from './recipients.js';
import type { Workshop, WorkshopFile } from './schema.js';
import { sha256 } from './sha256.js';

/** Options of {@link buildWorkshop}. */
export interface BuildOptions {
  /** The TTF files to set the documents in (in Node: `loadDejaVuFonts()` from `@narahubung/workshop/node`). */
  fonts: FontFiles;
  /** Language of the documents (default `id`). */
  locale?: Locale;
  /** `a4` (default) or `f4` (folio). */
  paper?: Paper;
  /** Write the calendar file as a cancellation (METHOD:CANCEL). */
  cancel?: boolean;
  /** Bytes of files the workshop refers to by path (the emblems), keyed by that path. */
  assets?: Readonly<Record<string, Uint8Array>>;
  /**
   * Who attended (from {@link parseAttended}): certificates go to them, and to invitees marked
   * `attended`. Without either, every invitee gets one and `onNotice` says so.
   */
  attended?: readonly AttendedEntry[];
  /** Called after each file is made (and after each letter), for progress reports. */
  onProgress?: (progress: { done: number; total: number; path: string }) => void;
  /** Told what the organizer should know and that does not stop the build (certificates for all, walk-ins). */
  onNotice?: (notice: WorkshopNotice) => void;
}

/** One output file. */
export interface WorkshopOutput {
  /** Path inside the output folder, `/`-separated, e.g. `invitations/001-siti-aminah.pdf`. */
  path: string;
  bytes: Uint8Array;
  /** Pages of a PDF (one-letter files included). */
  pages?: number;
}

/**
 * Makes every document of a workshop in memory: agenda, invitation letters (all in one file and
 * one file each), calendar invite, commitment, attendance list, certificates and a manifest.
 * Runs in Node and in browsers; the same input gives byte-identical files.
 * @throws {WorkshopError} when the definition is invalid or a character is in no embedded font.
 * @example
 * const files = await buildWorkshop(parseWorkshop(yamlText), { fonts: await loadDejaVuFonts() });
 */
export async function buildWorkshop(definition: WorkshopFile | Workshop, options: BuildOptions): Promise<WorkshopOutput[]> {
  const locale = options.locale ?? 'id';
  const workshop = validateWorkshop(definition, { locale });
  const { recipients, basis, notices } = certificateRecipients(workshop, options.attended, locale);
  const missing = [...findMissingGlyphs(workshop, options.fonts, locale), ...findMissingGlyphs(walkIns(recipients), options.fonts, locale)];
  if (missing.length > 0) throw new WorkshopError('missing_glyph', missing);
  for (const notice of notices) options.onNotice?.(notice);
  const context: RenderContext = {
    workshop,
    locale,
    paper: options.paper ?? 'a4',
    fonts: options.fonts,
    emblems: loadEmblems(workshop, options.assets, locale),
    recipients,
  };

  const invitees = workshop.invitees;
  const total = 6 + invitees.length + (recipients.length > 0 ? 1 : 0);
  let done = 0;
  const outputs: WorkshopOutput[] = [];
  const add = (path: string, made: Uint8Array | { bytes: Uint8Array; pages: number }) => {
    outputs.push(made instanceof Uint8Array ? { path, bytes: made } : { path, bytes: made.bytes, pages: made.pages });
    options.onProgress?.({ done: ++done, total, path });
  };

  add('agenda.pdf', await buildAgenda(context));
  const width = String(invitees.length).length;
  const letterPaths = invitees.map((invitee, index) => `invitations/${String(index + 1).padStart(Math.max(width, 3), '0')}-${slug(invitee.name)}.pdf`);
  const invitations = await buildInvitations(context, (index) => options.onProgress?.({ done: done + index + 1, total, path: letterPaths[index] ?? '' }));
  done += invitees.length;
  add('invitations.pdf', { bytes: invitations.combined, pages: invitations.pages });
  const letterPages = invitations.pages / Math.max(1, invitees.length);
  invitations.letters.forEach((bytes, index) => outputs.push({ path: letterPaths[index] ?? '', bytes, pages: letterPages }));
  add('invitation.ics', buildInvitationIcs(workshop, options.cancel ? { locale, cancel: true } : { locale }));
  add('commitment.pdf', await buildCommitment(context));
  add('attendance.pdf', await buildAttendance(context));
  if (recipients.length > 0) add('certificates.pdf', await buildCertificates(context));
  add('manifest.json', await manifest(outputs, { basis, records: certificateRecords(context) }));
  return outputs;
}

/** The walk-in recipients as a value whose paths name their entries of the attended list, for the glyph check. */
function walkIns(recipients: readonly CertificateRecipient[]): { attended: Pick<CertificateRecipient, 'name' | 'position' | 'institution'>[] } {
  // A sparse list: the check visits the walk-ins' entries only, at their index in the attended list.
  const attended: Pick<CertificateRecipient, 'name' | 'position' | 'institution'>[] = [];
  for (const recipient of recipients) {
    const index = recipient.source?.[1];
    if (!recipient.invited && typeof index === 'number') attended[index] = { name: recipient.name, position: recipient.position, institution: recipient.institution };
  }
  return { attended };
}

/**
 * `manifest.json`: every file with its size and SHA-256, and every certificate with its number
 * and a hash of its recipient (no time stamp: it would break byte-identity).
 */
async function manifest(outputs: readonly WorkshopOutput[], certificates: { basis: 'attended' | 'all'; records: unknown[] }): Promise<Uint8Array> {
  const files = await Promise.all(outputs.map(async (output) => ({ path: output.path, size: output.bytes.length, sha256: await sha256(output.bytes) })));
  return new TextEncoder().encode(`${JSON.stringify({ generator: '@narahubung/workshop', files, certificates: { for: certificates.basis, issued: certificates.records } }, null, 2)}\n`);
}

/** A file-name part from a name: ASCII letters and digits joined by dashes. */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || 'invitee';
}

// Fields that are never drawn in a PDF (the focal points and agencies go to the directory only).
const notDrawn = /^(\$schema|event\.uid|organizer\.(logo|coLogos|email|agency(\..*)?)|invitees\.email|certificate\.verifyUrl|commitment\.signatories\.(focalPoint|agency)(\..*)?)$/;

/** Every character of every drawn text that the regular or bold font lacks, with its field and the character. */
export function findMissingGlyphs(workshop: Workshop | object, fonts: FontFiles, locale: Locale): WorkshopProblem[] {
  const problems: WorkshopProblem[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      const key = path.filter((segment) => typeof segment === 'string').join('.');
      if (notDrawn.test(key)) return;
      const seen = new Set<number>();
      for (const char of normaliseText(value)) {
        const codePoint = char.codePointAt(0) ?? 0;
        if (codePoint === 0x0a || codePoint === 0x20 || seen.has(codePoint)) continue;
        seen.add(codePoint);
        if (codePoint < 0x20 || !fontCovers(fonts.regular, codePoint) || !fontCovers(fonts.bold, codePoint)) {
          const shown = codePoint < 0x20 ? '' : char;
          const label = `${shown} U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`.trim();
          problems.push(problem(locale, 'error.missing_glyph', 'missing_glyph', path, label));
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(workshop, []);
  return problems;
}
