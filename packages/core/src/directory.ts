/**
 * The directory of agencies and their focal points, and the routing of a complaint through it
 * (DESIGN.md, "Focal points and routing"). Pure logic over configuration data: no I/O.
 */
import type { Agency, ComplaintSubmission, FocalPoint, Officer } from './model.js';
import { CATEGORIES } from './model.js';

/** Where a complaint goes. */
export interface Routing {
  /**
   * The active focal points of the reported agency that cover the complaint's category (and region,
   * when given). The most specific come first: those naming the region, then those naming the
   * category, then the directory's order.
   */
  focalPoints: FocalPoint[];
  /**
   * The agency's complaint unit, when no focal point covers the complaint; `name` is the agency's
   * name (the message `agency.complaint_unit` words it for people). Null when a focal point does, or
   * when the agency is unknown.
   */
  fallback: { agencyId: string; name: string } | null;
  /** Who the complaint goes to when the agency does not resolve it: its inspectorate, then the Ombudsman office. */
  escalation: Agency[];
}

/** What {@link Directory.route} needs of a complaint. `regionCode` is where it happened, e.g. `18.71`. */
export type RoutableComplaint = Pick<ComplaintSubmission, 'agencyId' | 'category'> & { regionCode?: string | undefined };

/** Agencies and focal points, validated once and then only read. Returned records are frozen. */
export interface Directory {
  /** The agency with this id, or undefined. */
  agency(id: string): Agency | undefined;
  /** Every agency, in the order given. */
  agencies(): readonly Agency[];
  /** The focal point with this id, or undefined. */
  focalPoint(id: string): FocalPoint | undefined;
  /** Every focal point of an agency, active or not, in the order given; empty for an unknown agency. */
  focalPointsOf(agencyId: string): readonly FocalPoint[];
  /** The officer with this id, or undefined. */
  officer(id: string): Officer | undefined;
  /** Every officer of an agency, in the order given. */
  officersOf(agencyId: string): readonly Officer[];
  /**
   * The agencies above `agencyId` on its escalation chain (its inspectorate, then the Ombudsman
   * office of its region), as `route` gives them; empty for an unknown agency.
   */
  escalationChain(agencyId: string): readonly Agency[];
  /**
   * Routes a complaint as of `at` (default: now; its calendar date in the directory's time zone).
   * An unknown agency routes nowhere: no focal points, `fallback` null and no escalation, so the
   * caller decides (the intake refuses such a complaint before routing it).
   *
   * @example
   * directory.route({ agencyId: 'disdukcapil-bdl', category: 'undue_delay', regionCode: '18.71' })
   * // { focalPoints: [...], fallback: null, escalation: [inspektorat, ombudsman] }
   */
  route(complaint: RoutableComplaint, at?: Date): Routing;
  /**
   * The agency a complaint about `agencyId` goes to when escalated from its current handler: the
   * next one along agency -> inspectorate -> Ombudsman office. Null at the end of the chain, or when
   * either agency is unknown or the handler is not on the chain.
   *
   * @example directory.escalationTarget('disdukcapil-bdl', 'disdukcapil-bdl') // the inspectorate
   */
  escalationTarget(agencyId: string, currentHandlingAgencyId: string): Agency | null;
  /**
   * The agencies an inspectorate or Ombudsman office supervises: those with it on their escalation
   * chain (an inspectorate's agencies; every agency of an office's region, inspectorates included),
   * in the directory's order; never an Ombudsman office. Empty for an unknown agency or one that supervises none.
   */
  supervisedBy(officeId: string): readonly string[];
}

export interface DirectoryInput {
  agencies: readonly Agency[];
  focalPoints: readonly FocalPoint[];
  /** Staff of agencies to whom complaints can be assigned, beside the focal points. */
  officers?: readonly Officer[];
  /**
   * IANA time zone whose calendar date decides whether a focal point is active (default
   * `Asia/Jakarta`, WIB), so that a period starting on 2 June starts at local midnight.
   */
  timeZone?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether region `code` covers region `sub`: itself and its sub-codes (`18` covers `18.71`); `''` covers all. */
function covers(code: string, sub: string): boolean {
  return code === '' || code === sub || sub.startsWith(`${code}.`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function validate(agencies: readonly Agency[], focalPoints: readonly FocalPoint[], officers: readonly Officer[]): string[] {
  const problems: string[] = [];
  const agencyIds = new Set<string>();
  for (const agency of agencies) {
    if (typeof agency.id !== 'string' || agency.id === '') problems.push(`agency ${JSON.stringify(agency.name)} has no id`);
    else if (agencyIds.has(agency.id)) problems.push(`agency "${agency.id}" appears more than once`);
    agencyIds.add(agency.id);
    if (typeof agency.regionCode !== 'string') problems.push(`agency "${agency.id}" has no regionCode`);
  }
  for (const agency of agencies) {
    const inspectorate = agency.inspectorateId;
    if (inspectorate !== null && !agencyIds.has(inspectorate)) {
      problems.push(`agency "${agency.id}" names inspectorate "${inspectorate}", which is not in the directory`);
    }
  }
  const focalPointIds = new Set<string>();
  for (const focalPoint of focalPoints) {
    const id = focalPoint.id;
    if (typeof id !== 'string' || id === '') problems.push(`focal point ${JSON.stringify(focalPoint.name)} has no id`);
    else if (focalPointIds.has(id)) problems.push(`focal point "${id}" appears more than once`);
    focalPointIds.add(id);
    if (!agencyIds.has(focalPoint.agencyId)) {
      problems.push(`focal point "${id}" belongs to agency "${focalPoint.agencyId}", which is not in the directory`);
    }
    if (!Array.isArray(focalPoint.categories)) problems.push(`focal point "${id}" has no categories list (use [] for all)`);
    else {
      for (const category of focalPoint.categories) {
        if (!(CATEGORIES as readonly string[]).includes(category)) problems.push(`focal point "${id}" covers unknown category "${category}"`);
      }
    }
    if (!Array.isArray(focalPoint.regions)) problems.push(`focal point "${id}" has no regions list (use [] for all)`);
    const active = focalPoint.active;
    if (!isIsoDate(active?.from)) {
      problems.push(`focal point "${id}" has active.from ${JSON.stringify(active?.from)}, not a date like 2021-06-02`);
    } else if (active.until !== null && !isIsoDate(active.until)) {
      problems.push(`focal point "${id}" has active.until ${JSON.stringify(active.until)}, not a date like 2021-06-02 or null`);
    } else if (active.until !== null && active.until < active.from) {
      problems.push(`focal point "${id}" is active until ${active.until}, before it starts (${active.from})`);
    }
  }
  const staffIds = new Set(focalPointIds);
  for (const officer of officers) {
    if (typeof officer.id !== 'string' || officer.id === '') problems.push(`officer ${JSON.stringify(officer.name)} has no id`);
    else if (staffIds.has(officer.id)) problems.push(`officer "${officer.id}" has the id of another officer or focal point`);
    staffIds.add(officer.id);
    if (!agencyIds.has(officer.agencyId)) problems.push(`officer "${officer.id}" belongs to agency "${officer.agencyId}", which is not in the directory`);
  }
  return problems;
}

const lastDate = new WeakMap<Intl.DateTimeFormat, { minute: number; date: string }>();

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a time zone. Routing asks for it on every
 * submission and Intl is slow, so the answer is kept for the rest of its minute (zones change
 * their offset only on whole minutes).
 */
function dateIn(format: Intl.DateTimeFormat, at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDate.get(format);
  if (last && last.minute === minute) return last.date;
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
  lastDate.set(format, { minute, date });
  return date;
}

/**
 * Builds a directory from configuration, checking it first: duplicate ids, a focal point of an
 * unknown agency, an unknown inspectorate, an unknown category or a malformed active period throw
 * one Error that names every faulty record. The records are copied; the input is left as it was.
 *
 * @example
 * const directory = createDirectory({ agencies, focalPoints });
 * const { focalPoints, fallback, escalation } = directory.route(submission);
 */
export function createDirectory(input: DirectoryInput): Directory {
  const problems = validate(input.agencies, input.focalPoints, input.officers ?? []);
  if (problems.length > 0) throw new Error(`Invalid directory:\n- ${problems.join('\n- ')}`);

  const timeZone = input.timeZone ?? 'Asia/Jakarta';
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new Error(`Invalid directory: time zone "${timeZone}" is not an IANA time zone`);
  }

  const agencyList: readonly Agency[] = deepFreeze(input.agencies.map((agency) => structuredClone(agency)));
  const focalPointList: readonly FocalPoint[] = deepFreeze(input.focalPoints.map((focalPoint) => structuredClone(focalPoint)));
  const agencyById = new Map(agencyList.map((agency) => [agency.id, agency]));
  const focalPointById = new Map(focalPointList.map((focalPoint) => [focalPoint.id, focalPoint]));
  const officerList: readonly Officer[] = deepFreeze((input.officers ?? []).map((officer) => structuredClone(officer)));
  const officerById = new Map(officerList.map((officer) => [officer.id, officer]));
  const focalPointsByAgency = new Map<string, FocalPoint[]>();
  for (const focalPoint of focalPointList) {
    const list = focalPointsByAgency.get(focalPoint.agencyId) ?? [];
    list.push(focalPoint);
    focalPointsByAgency.set(focalPoint.agencyId, list);
  }
  const ombudsmanOffices = agencyList.filter((agency) => agency.kind === 'ombudsman');

  /** The agency itself, then its inspectorate, then the Ombudsman office of the nearest region; no repeats. */
  function chainOf(agency: Agency): Agency[] {
    const chain: Agency[] = [agency];
    const inspectorate = agency.inspectorateId === null ? undefined : agencyById.get(agency.inspectorateId);
    if (inspectorate !== undefined && !chain.includes(inspectorate)) chain.push(inspectorate);
    const candidates = ombudsmanOffices.filter((office) => !chain.includes(office));
    // The office whose region is the longest prefix of the agency's (Perwakilan Lampung for 18.71),
    // else any office (Ombudsman RI itself, when the directory has no regional office).
    const nearest = candidates
      .filter((office) => covers(office.regionCode, agency.regionCode))
      .reduce<Agency | undefined>((best, office) => (best === undefined || office.regionCode.length > best.regionCode.length ? office : best), undefined);
    const office = nearest ?? candidates[0];
    if (office !== undefined) chain.push(office);
    return chain;
  }

  function isActive(focalPoint: FocalPoint, date: string): boolean {
    return focalPoint.active.from <= date && (focalPoint.active.until === null || date <= focalPoint.active.until);
  }

  /** How closely a focal point's region matches: the length of its longest covering code, -1 for "all regions". */
  function regionMatch(focalPoint: FocalPoint, regionCode: string | undefined): number | null {
    if (focalPoint.regions.length === 0) return -1;
    if (regionCode === undefined) return -1;
    const lengths = focalPoint.regions.filter((code) => covers(code, regionCode)).map((code) => code.length);
    return lengths.length === 0 ? null : Math.max(...lengths);
  }

  return {
    agency: (id) => agencyById.get(id),
    agencies: () => agencyList,
    focalPoint: (id) => focalPointById.get(id),
    focalPointsOf: (agencyId) => focalPointsByAgency.get(agencyId) ?? [],
    officer: (id) => officerById.get(id),
    officersOf: (agencyId) => officerList.filter((officer) => officer.agencyId === agencyId),
    escalationChain(agencyId) {
      const agency = agencyById.get(agencyId);
      return agency ? chainOf(agency).slice(1) : [];
    },

    route(complaint, at = new Date()) {
      if (Number.isNaN(at.getTime())) throw new RangeError('route: `at` is not a valid date');
      const agency = agencyById.get(complaint.agencyId);
      if (agency === undefined) return { focalPoints: [], fallback: null, escalation: [] };

      const date = dateIn(format, at);
      const matches: { focalPoint: FocalPoint; region: number; category: number; order: number }[] = [];
      (focalPointsByAgency.get(agency.id) ?? []).forEach((focalPoint, order) => {
        if (!isActive(focalPoint, date)) return;
        if (focalPoint.categories.length > 0 && !focalPoint.categories.includes(complaint.category)) return;
        const region = regionMatch(focalPoint, complaint.regionCode);
        if (region === null) return;
        matches.push({ focalPoint, region, category: focalPoint.categories.length > 0 ? 1 : 0, order });
      });
      matches.sort((a, b) => b.region - a.region || b.category - a.category || a.order - b.order);

      const focalPoints = matches.map((match) => match.focalPoint);
      return {
        focalPoints,
        fallback: focalPoints.length === 0 ? { agencyId: agency.id, name: agency.name } : null,
        escalation: chainOf(agency).slice(1),
      };
    },

    escalationTarget(agencyId, currentHandlingAgencyId) {
      const agency = agencyById.get(agencyId);
      if (agency === undefined) return null;
      const chain = chainOf(agency);
      const index = chain.findIndex((step) => step.id === currentHandlingAgencyId);
      return index === -1 ? null : (chain[index + 1] ?? null);
    },

    supervisedBy(officeId) {
      // Ombudsman offices supervise agencies, not one another.
      return agencyList.filter((agency) => agency.id !== officeId && agency.kind !== 'ombudsman' && chainOf(agency).some((step) => step.id === officeId)).map((agency) => agency.id);
    },
  };
}
