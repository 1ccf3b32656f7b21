import { problem, WorkshopError, type WorkshopProblem } from './errors.js';
import { message, type Locale } from './messages/index.js';
import type { AgencyKind, Workshop } from './schema.js';
import { datePart } from './time.js';

/** An agency of the intake server's directory (`Agency` of @narahubung/core). */
export interface DirectoryAgency {
  id: string;
  name: string;
  kind: AgencyKind;
  regionCode: string;
  parentId: string | null;
  inspectorateId: string | null;
}

/** A focal point of the intake server's directory (`FocalPoint` of @narahubung/core). */
export interface DirectoryFocalPoint {
  id: string;
  name: string;
  position: string;
  agencyId: string;
  unit: string;
  email: string;
  phone: string;
  /** Empty: every category. */
  categories: string[];
  /** Empty: every region of the agency. */
  regions: string[];
  active: { from: string; until: string | null };
}

/** The intake server's directory file (`examples/lampung/directory.json`, given to the server as `DIRECTORY`). */
export interface FocalPointDirectory {
  notice: string;
  timeZone: string;
  defaultAgencyId: string | null;
  agencies: DirectoryAgency[];
  focalPoints: DirectoryFocalPoint[];
}

/** A directory id from a name: ASCII letters and digits joined by dashes. */
export function directoryId(name: string, fallback: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return id || fallback;
}

/** The kind of an institution from its name, when the file gives none. */
export function agencyKindOf(name: string): AgencyKind {
  if (/\b(inspektorat|inspectorate)\b/i.test(name)) return 'inspectorate';
  if (/\bombudsman\b/i.test(name)) return 'ombudsman';
  if (/^(pemerintah|pemkab|pemkot|pemprov)\b/i.test(name)) return 'local_government';
  return 'agency';
}

/**
 * The focal points the commitment's signatories name, as the intake server's directory file: the
 * organizer and every signing institution as agencies, and a focal point for every signatory with
 * a `focalPoint`, active from the day of signing. Ids, kinds and region codes come from each
 * `agency`, else from the names (see docs/workshop.md).
 * @throws {WorkshopError} `invalid` when an agency names a parent or inspectorate that is not in the file.
 */
export function focalPointDirectory(workshop: Workshop, options: { locale?: Locale } = {}): FocalPointDirectory {
  const locale = options.locale ?? 'id';
  const { organizer, commitment, event } = workshop;
  const agencies: DirectoryAgency[] = [];
  const byName = new Map<string, DirectoryAgency>();
  const ids = new Set<string>();
  const unique = (id: string) => {
    let candidate = id;
    for (let n = 2; ids.has(candidate); n++) candidate = `${id}-${n}`;
    ids.add(candidate);
    return candidate;
  };
  const addAgency = (name: string, given: Workshop['organizer']['agency']): DirectoryAgency => {
    const known = byName.get(name);
    if (known) return known;
    const agency: DirectoryAgency = {
      id: unique(given?.id ?? directoryId(name, 'agency')),
      name,
      kind: given?.kind ?? agencyKindOf(name),
      regionCode: given?.regionCode ?? '',
      parentId: given?.parentId ?? null,
      inspectorateId: given?.inspectorateId ?? null,
    };
    agencies.push(agency);
    byName.set(name, agency);
    return agency;
  };
  addAgency([organizer.name, organizer.unit].filter(Boolean).join(' '), organizer.agency);
  const from = commitment.date ?? datePart(event.start);
  const focalPoints: DirectoryFocalPoint[] = [];
  for (const signatory of commitment.signatories) {
    const agency = addAgency(signatory.institution, signatory.agency);
    const focalPoint = signatory.focalPoint;
    if (!focalPoint) continue;
    focalPoints.push({
      id: unique(`fp-${agency.id}`),
      name: focalPoint.name,
      position: focalPoint.position,
      agencyId: agency.id,
      unit: focalPoint.unit ?? '',
      email: focalPoint.email,
      phone: focalPoint.phone ?? '',
      categories: [],
      regions: [],
      active: { from, until: null },
    });
  }
  const problems: WorkshopProblem[] = [];
  const agencyIds = new Set(agencies.map((agency) => agency.id));
  commitment.signatories.forEach((signatory, index) => {
    for (const key of ['parentId', 'inspectorateId'] as const) {
      const id = signatory.agency?.[key];
      if (id !== undefined && !agencyIds.has(id))
        problems.push(problem(locale, 'error.unknownAgency', 'unknown_agency', ['commitment', 'signatories', index, 'agency', key], id));
    }
  });
  if (problems.length > 0) throw new WorkshopError('invalid', problems);
  return {
    notice: message(locale, 'directory.notice', { title: commitment.title, date: from }),
    timeZone: event.timeZone,
    defaultAgencyId: null,
    agencies,
    focalPoints,
  };
}
