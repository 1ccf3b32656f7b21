import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from './app.js';
import { loadCalendar, loadDirectoryFile } from './directory-file.js';

describe('the Lampung demo directory', () => {
  const { directory, principals, defaultAgencyId } = loadDirectoryFile(DEFAULTS.directory);
  const raw = JSON.parse(readFileSync(DEFAULTS.directory, 'utf8')) as { focalPoints: { sample?: boolean; email: string }[]; intakeOfficers: { sample?: boolean }[] };

  it('has the Ombudsman office, the provincial inspectorate and one inspectorate for each of the 15 regencies and cities', () => {
    const inspectorates = directory.agencies().filter((agency) => agency.kind === 'inspectorate' && agency.regionCode.startsWith('18.'));
    expect(inspectorates.map((agency) => agency.regionCode).sort()).toEqual([
      '18.01', '18.02', '18.03', '18.04', '18.05', '18.06', '18.07', '18.08', '18.09', '18.10', '18.11', '18.12', '18.13', '18.71', '18.72',
    ]);
    expect(directory.agency('ombudsman-lampung')).toMatchObject({ kind: 'ombudsman', regionCode: '18' });
    expect(directory.agency('inspektorat-lampung')).toMatchObject({ kind: 'inspectorate', regionCode: '18' });
    expect(directory.agency('inspektorat-bandar-lampung')?.name).toBe('Inspektorat Kota Bandar Lampung');
    expect(defaultAgencyId).toBe('disdukcapil-bandar-lampung');
  });

  it('gives every service agency an inspectorate and escalates to the Ombudsman office', () => {
    const services = directory.agencies().filter((agency) => agency.kind !== 'inspectorate' && agency.kind !== 'ombudsman');
    expect(services.length).toBeGreaterThanOrEqual(4);
    for (const agency of services) {
      expect(agency.inspectorateId, agency.id).not.toBe(null);
      const routing = directory.route({ agencyId: agency.id, category: 'undue_delay' }, new Date('2026-11-02T03:00:00Z'));
      expect(routing.focalPoints.length, agency.id).toBeGreaterThan(0);
      expect(routing.escalation.map((step) => step.id)).toEqual([agency.inspectorateId, 'ombudsman-lampung']);
    }
  });

  it('marks every focal point and officer as sample data with example.id addresses', () => {
    expect(raw.focalPoints.every((focalPoint) => focalPoint.sample === true && focalPoint.email.endsWith('.example.id'))).toBe(true);
    expect(raw.intakeOfficers.every((officer) => officer.sample === true)).toBe(true);
    expect(principals.every((principal) => principal.name.startsWith('Contoh: '))).toBe(true);
  });
});

describe('client systems (Open311 API keys)', () => {
  it('gives the demo client system a client_system principal, and refuses an id another principal has', () => {
    const { principals } = loadDirectoryFile(DEFAULTS.directory);
    expect(principals.filter((principal) => principal.role === 'client_system')).toEqual([{ role: 'client_system', id: 'fixmystreet-lampung', name: 'Contoh: FixMyStreet Lampung' }]);
    const folder = mkdtempSync(join(tmpdir(), 'narahubung-directory-'));
    try {
      const raw = JSON.parse(readFileSync(DEFAULTS.directory, 'utf8')) as Record<string, unknown>;
      const file = join(folder, 'directory.json');
      writeFileSync(file, JSON.stringify({ ...raw, clientSystems: [{ id: 'fp-disdukcapil-bandar-lampung', name: 'Bridge' }, { id: 'bridge', name: ' ' }] }));
      expect(() => loadDirectoryFile(file)).toThrow(/client system "fp-disdukcapil-bandar-lampung" needs an id of its own[\s\S]*client system "bridge" needs a name/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('supervisors in a directory file', () => {
  it('read the agencies their office supervises: the inspectorate\'s, or the whole region for the Ombudsman office', () => {
    const { principals, directory } = loadDirectoryFile(DEFAULTS.directory);
    const supervisor = (id: string) => principals.find((principal) => principal.id === id);
    expect(supervisor('supervisor-inspektorat-bandar-lampung')).toEqual({
      role: 'supervisor',
      id: 'supervisor-inspektorat-bandar-lampung',
      name: 'Contoh: Pengawas Inspektorat Kota',
      agencyId: 'inspektorat-bandar-lampung',
      agencyIds: ['disdukcapil-bandar-lampung'],
    });
    const ombudsman = supervisor('supervisor-ombudsman-lampung');
    // Every agency of the province, inspectorates included: Lampung's whole directory but the office itself.
    expect(ombudsman?.role === 'supervisor' && ombudsman.agencyIds).toEqual(directory.agencies().filter((agency) => agency.id !== 'ombudsman-lampung').map((agency) => agency.id));
  });

  it('stop the server naming the problem when one belongs to an office that supervises nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nh-directory-'));
    const data = JSON.parse(readFileSync(DEFAULTS.directory, 'utf8')) as Record<string, unknown>;
    data['supervisors'] = [{ id: 'sup-x', name: 'Pengawas', agencyId: 'disdukcapil-bandar-lampung' }, { id: 'sup-y', name: 'Pengawas', agencyId: 'pemkab-atlantis' }];
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify(data));
    try {
      expect(() => loadDirectoryFile(file)).toThrow(/supervisor "sup-x" belongs to "disdukcapil-bandar-lampung", which supervises no agency[\s\S]*supervisor "sup-y" belongs to unknown agency "pemkab-atlantis"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the 2026 holiday list', () => {
  it('has the 17 national holidays and 8 cuti bersama days of the SKB, each a working-day exception', () => {
    const file = JSON.parse(readFileSync(DEFAULTS.holidays[0]!, 'utf8')) as { holidays: { date: string; kind: string }[] };
    expect(file.holidays.filter((holiday) => holiday.kind === 'national').length).toBe(17);
    expect(file.holidays.filter((holiday) => holiday.kind === 'collective_leave').length).toBe(8);
    const calendar = loadCalendar('Asia/Jakarta', DEFAULTS.holidays);
    expect(calendar.isWorkingDay('2026-08-17')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-23')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-25')).toBe(true);
  });
});
