/** Reads the directory data file (agencies, focal points, officers, intake officers, supervisors, client systems) and the holiday list. */
import { readFileSync } from 'node:fs';
import { createDirectory, createWorkCalendar } from '@narahubung/core';
import type { Agency, Directory, FocalPoint, Officer, Principal, WorkCalendar } from '@narahubung/core';

/** An intake officer: sees reporters' identities; `agencyIds` limits which complaints. */
export interface IntakeOfficer {
  id: string;
  name: string;
  /** The officer's own agency, shown beside their name. */
  agencyId: string;
  agencyIds: string[] | 'all';
}

/** A supervisor of an inspectorate or an Ombudsman office (`agencyId`): reads the agencies it supervises. */
export interface Supervisor {
  id: string;
  name: string;
  agencyId: string;
}

/** A system that posts complaints through Open311 with an API key (a FixMyStreet instance, a national bridge). */
export interface ClientSystem {
  id: string;
  name: string;
}

export interface DirectoryFile {
  directory: Directory;
  timeZone: string;
  defaultAgencyId: string | null;
  /** Everyone who gets a token: each focal point, each officer, each intake officer, each supervisor, then each client system (an API key). */
  principals: Principal[];
  /** The name of the agency a principal belongs to (an intake officer's own agency). */
  agencyOf: (principal: Principal) => string;
}

/** Drops the `sample` marker (data, not part of the record types) from each entry. */
function withoutSampleMarker<T>(entries: unknown, what: string, file: string): T[] {
  if (!Array.isArray(entries)) throw new Error(`${file}: "${what}" must be a list`);
  return entries.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw new Error(`${file}: every entry of "${what}" must be an object`);
    const { sample: _sample, ...rest } = entry as Record<string, unknown>;
    return rest as T;
  });
}

/** Loads and checks a directory file such as `examples/lampung/directory.json`; throws naming every problem. */
export function loadDirectoryFile(path: string): DirectoryFile {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const agencies = withoutSampleMarker<Agency>(data['agencies'], 'agencies', path);
  const focalPoints = withoutSampleMarker<FocalPoint>(data['focalPoints'], 'focalPoints', path);
  const officers = withoutSampleMarker<IntakeOfficer>(data['intakeOfficers'] ?? [], 'intakeOfficers', path);
  // Agency staff to whom complaints are assigned (`officers`); core checks them with the rest.
  const staff = withoutSampleMarker<Officer>(data['officers'] ?? [], 'officers', path).map((officer) => ({ ...officer, email: officer.email ?? '' }));
  const supervisors = withoutSampleMarker<Supervisor>(data['supervisors'] ?? [], 'supervisors', path);
  const clientSystems = withoutSampleMarker<ClientSystem>(data['clientSystems'] ?? [], 'clientSystems', path);
  const timeZone = typeof data['timeZone'] === 'string' ? data['timeZone'] : 'Asia/Jakarta';
  const directory = createDirectory({ agencies, focalPoints, officers: staff, timeZone });
  const problems: string[] = [];
  const defaultAgencyId = typeof data['defaultAgencyId'] === 'string' ? data['defaultAgencyId'] : null;
  if (defaultAgencyId !== null && !directory.agency(defaultAgencyId)) problems.push(`defaultAgencyId "${defaultAgencyId}" is not in the directory`);
  const ids = new Set([...focalPoints.map((focalPoint) => focalPoint.id), ...staff.map((officer) => officer.id)]);
  for (const officer of officers) {
    if (typeof officer.id !== 'string' || officer.id === '' || ids.has(officer.id)) problems.push(`intake officer ${JSON.stringify(officer.id)} needs an id of its own`);
    ids.add(officer.id);
    if (!directory.agency(officer.agencyId)) problems.push(`intake officer "${officer.id}" belongs to unknown agency "${officer.agencyId}"`);
    if (officer.agencyIds !== 'all' && (!Array.isArray(officer.agencyIds) || officer.agencyIds.some((id) => !directory.agency(id)))) {
      problems.push(`intake officer "${officer.id}" has agencyIds that are not "all" or a list of known agencies`);
    }
  }
  for (const supervisor of supervisors) {
    if (typeof supervisor.id !== 'string' || supervisor.id === '' || ids.has(supervisor.id)) problems.push(`supervisor ${JSON.stringify(supervisor.id)} needs an id of its own`);
    ids.add(supervisor.id);
    if (typeof supervisor.name !== 'string' || supervisor.name.trim() === '') problems.push(`supervisor "${supervisor.id}" needs a name`);
    if (!directory.agency(supervisor.agencyId)) problems.push(`supervisor "${supervisor.id}" belongs to unknown agency "${supervisor.agencyId}"`);
    else if (directory.supervisedBy(supervisor.agencyId).length === 0) {
      problems.push(`supervisor "${supervisor.id}" belongs to "${supervisor.agencyId}", which supervises no agency (an inspectorate named by agencies, or an Ombudsman office)`);
    }
  }
  for (const client of clientSystems) {
    if (typeof client.id !== 'string' || client.id === '' || ids.has(client.id)) problems.push(`client system ${JSON.stringify(client.id)} needs an id of its own`);
    ids.add(client.id);
    if (typeof client.name !== 'string' || client.name.trim() === '') problems.push(`client system ${JSON.stringify(client.id)} needs a name`);
  }
  if (problems.length > 0) throw new Error(`${path}:\n- ${problems.join('\n- ')}`);

  const principals: Principal[] = [
    ...focalPoints.map((focalPoint): Principal => ({ role: 'focal_point', id: focalPoint.id, name: focalPoint.name, agencyId: focalPoint.agencyId })),
    ...staff.map((officer): Principal => ({ role: 'officer', id: officer.id, name: officer.name, agencyId: officer.agencyId })),
    ...officers.map((officer): Principal => ({ role: 'intake_officer', id: officer.id, name: officer.name, agencyIds: officer.agencyIds, agencyId: officer.agencyId })),
    ...supervisors.map((supervisor): Principal => ({ role: 'supervisor', id: supervisor.id, name: supervisor.name, agencyId: supervisor.agencyId, agencyIds: directory.supervisedBy(supervisor.agencyId) })),
    ...clientSystems.map((client): Principal => ({ role: 'client_system', id: client.id, name: client.name })),
  ];
  const officerAgency = new Map(officers.map((officer) => [officer.id, officer.agencyId]));
  const agencyName = (agencyId: string | undefined) => (agencyId === undefined ? '' : (directory.agency(agencyId)?.name ?? agencyId));
  return {
    directory,
    timeZone,
    defaultAgencyId,
    principals,
    // A client system belongs to no agency: its line names the system only.
    agencyOf: (principal) => agencyName(principal.role === 'intake_officer' ? officerAgency.get(principal.id) : principal.role === 'client_system' ? undefined : principal.agencyId),
  };
}

/** The working calendar: the directory's time zone with the holidays of a file such as `examples/lampung/holidays-id-2026.json`. */
export function loadCalendar(timeZone: string, holidayFiles: readonly string[]): WorkCalendar {
  const holidays: string[] = [];
  for (const file of holidayFiles) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { holidays?: { date?: unknown }[] };
    for (const holiday of data.holidays ?? []) {
      if (typeof holiday.date !== 'string') throw new Error(`${file}: every holiday needs a "date" like 2026-08-17`);
      holidays.push(holiday.date);
    }
  }
  return createWorkCalendar({ timeZone, holidays });
}
