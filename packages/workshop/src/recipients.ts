import type { AttendedEntry } from './attended.js';
import { problem, WorkshopError, type WorkshopProblem } from './errors.js';
import { message, type Locale } from './messages/index.js';
import type { Workshop } from './schema.js';

/** Someone who gets a certificate: an invitee who came, or a walk-in participant. */
export interface CertificateRecipient {
  name: string;
  position?: string | undefined;
  institution?: string | undefined;
  email?: string | undefined;
  /** False for a walk-in participant (on the attended list, not among the invitees). */
  invited: boolean;
  /** Where a walk-in's name comes from, for problems: `attended[3]`. */
  source?: (string | number)[];
}

/** Something the organizer should know about a build, that does not stop it. */
export interface WorkshopNotice {
  /** `certificates_for_all`: no attendance given; `walk_ins`: people not invited get certificates; `no_certificates`: nobody attended. */
  code: 'certificates_for_all' | 'walk_ins' | 'no_certificates';
  message: string;
}

/** Who gets a certificate, and what the organizer should be told about it. */
export interface Recipients {
  recipients: CertificateRecipient[];
  /** `attended` when an attended list or `attended` flags decided; `all` when every invitee gets one. */
  basis: 'attended' | 'all';
  notices: WorkshopNotice[];
}

// Academic and religious titles written before a name, dropped when names are matched.
const prefixTitles = new Set(['dr', 'drs', 'dra', 'ir', 'h', 'hj', 'prof', 'kh', 'ust', 'ustadz', 'apt', 'ns', 'drg', 'bapak', 'ibu', 'bpk', 'sdr', 'sdri', 'mr', 'mrs', 'ms']);

/**
 * A name as it is compared: without the titles after the first comma (`, S.H., M.H.`) or before
 * it (`Dr.`, `H.`), accents, case and punctuation. `Drs. H. Budi Santoso, M.Si.` and `budi santoso` match.
 */
export function nameKey(name: string): string {
  const base = name.split(',')[0] ?? '';
  const words = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && prefixTitles.has((words[0] ?? '').replace(/\.$/, ''))) words.shift();
  return words
    .join(' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Who gets a certificate. With an attended list (`--attended`) or `attended` flags on invitees:
 * the invitees who came, in the order of the invitees, then the walk-ins in the order of the list.
 * An entry matches an invitee by e-mail (any case), else by name ({@link nameKey}). Without either:
 * every invitee, with a `certificates_for_all` notice.
 * @throws {WorkshopError} `attended` for an e-mail that is no invitee's and comes without a
 * name, or a name that two invitees share.
 */
export function certificateRecipients(workshop: Workshop, attended: readonly AttendedEntry[] | undefined, locale: Locale): Recipients {
  const { invitees } = workshop;
  const flagged = invitees.some((invitee) => invitee.attended !== undefined);
  const notices: WorkshopNotice[] = [];
  if (attended === undefined && !flagged) {
    notices.push({ code: 'certificates_for_all', message: message(locale, 'notice.certificatesForAll', { count: invitees.length }) });
    return { recipients: invitees.map((invitee) => ({ ...invitee, invited: true })), basis: 'all', notices };
  }
  const came = new Set<number>(invitees.flatMap((invitee, index) => (invitee.attended ? [index] : [])));
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number[]>();
  invitees.forEach((invitee, index) => {
    byEmail.set(invitee.email.toLowerCase(), index);
    const key = nameKey(invitee.name);
    byName.set(key, [...(byName.get(key) ?? []), index]);
  });
  const walkIns: CertificateRecipient[] = [];
  const walkInKeys = new Set<string>();
  const problems: WorkshopProblem[] = [];
  (attended ?? []).forEach((entry, index) => {
    const email = entry.email?.toLowerCase();
    const byMail = email === undefined ? undefined : byEmail.get(email);
    if (byMail !== undefined) {
      came.add(byMail);
      return;
    }
    if (entry.name === undefined) {
      problems.push(problem(locale, 'error.attendedUnknownEmail', 'unknown_email', ['attended', index, 'email'], entry.email ?? '', entry.line));
      return;
    }
    const key = nameKey(entry.name);
    const matches = byName.get(key) ?? [];
    if (matches.length > 1) {
      problems.push(problem(locale, 'error.attendedAmbiguous', 'ambiguous_name', ['attended', index, 'name'], entry.name, entry.line));
      return;
    }
    if (matches[0] !== undefined) {
      came.add(matches[0]);
      return;
    }
    if (walkInKeys.has(key)) return;
    walkInKeys.add(key);
    walkIns.push({ name: entry.name, position: entry.position, institution: entry.institution, email: entry.email, invited: false, source: ['attended', index] });
  });
  if (problems.length > 0) throw new WorkshopError('attended', problems);
  const recipients: CertificateRecipient[] = [...invitees.flatMap((invitee, index) => (came.has(index) ? [{ ...invitee, invited: true }] : [])), ...walkIns];
  if (walkIns.length > 0)
    notices.push({ code: 'walk_ins', message: message(locale, 'notice.walkIns', { count: walkIns.length, names: walkIns.map((walkIn) => walkIn.name).join('; ') }) });
  if (recipients.length === 0) notices.push({ code: 'no_certificates', message: message(locale, 'notice.noCertificates') });
  return { recipients, basis: 'attended', notices };
}
