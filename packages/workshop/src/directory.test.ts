import { createDirectory, type Agency, type FocalPoint } from '@narahubung/core';
import { describe, expect, it } from 'vitest';
import { focalPointDirectory } from './directory.js';
import { WorkshopError } from './errors.js';
import { parseWorkshop, validateWorkshop } from './parse.js';
import { lampungYaml } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

// The file written by `narahubung-workshop directory`, read back as the intake server reads its
// directory file: JSON text, then core's createDirectory (which checks ids, agencies, categories
// and periods, and throws naming every faulty record).
function load(text: string) {
  const data = JSON.parse(text) as { timeZone: string; agencies: Agency[]; focalPoints: FocalPoint[] };
  return createDirectory({ agencies: data.agencies, focalPoints: data.focalPoints, timeZone: data.timeZone });
}

describe('the focal points the signatories name, as a directory file', () => {
  it('loads into core: each inspectorate’s focal point receives its complaints from the day of signing', () => {
    const workshop = parseWorkshop(lampungYaml());
    const file = focalPointDirectory(workshop);
    const directory = load(JSON.stringify(file));
    expect(directory.agencies()).toHaveLength(17);
    expect(directory.agency('ombudsman-lampung')).toMatchObject({ kind: 'ombudsman', regionCode: '18' });
    expect(directory.agency('inspektorat-metro')).toMatchObject({ name: 'Inspektorat Kota Metro', kind: 'inspectorate', regionCode: '18.72' });
    const routed = directory.route({ agencyId: 'inspektorat-metro', category: 'undue_delay' }, new Date('2021-06-03T02:00:00Z'));
    expect(routed.focalPoints.map((focalPoint) => focalPoint.email)).toEqual(['narahubung.metro@example.id']);
    expect(routed.escalation.map((agency) => agency.id)).toEqual(['ombudsman-lampung']);
    // Not before the commitment was signed.
    expect(directory.route({ agencyId: 'inspektorat-metro', category: 'undue_delay' }, new Date('2021-05-31T02:00:00Z')).focalPoints).toEqual([]);
    expect(file.focalPoints[0]).toEqual({
      id: 'fp-inspektorat-lampung',
      name: 'Arif Ramadhan, S.H.',
      position: 'Auditor Ahli Muda',
      agencyId: 'inspektorat-lampung',
      unit: 'Sekretariat Inspektorat',
      email: 'narahubung.lampung@example.id',
      phone: '0812 7100 0000',
      categories: [],
      regions: [],
      active: { from: '2021-06-02', until: null },
    });
    expect(file.timeZone).toBe('Asia/Jakarta');
    expect(file.notice).toContain('Komitmen Bersama Pengelolaan Pengaduan Pelayanan Publik');
  });

  it('derives ids and kinds from the names when the file gives no agency, and keeps ids unique', () => {
    const workshop = validateWorkshop(
      sampleWorkshop((file) => {
        file.commitment.signatories = [
          { institution: 'Inspektorat Kabupaten Tanggamus', position: 'Inspektur', focalPoint: { name: 'Ani', position: 'Auditor', email: 'ani@example.id' } },
          { institution: 'Inspektorat Kabupaten Tanggamus', position: 'Inspektur Pembantu', focalPoint: { name: 'Budi', position: 'Auditor', email: 'budi@example.id' } },
          { institution: 'Dinas Kependudukan dan Pencatatan Sipil Kota Metro', position: 'Kepala Dinas', agency: { inspectorateId: 'inspektorat-kabupaten-tanggamus' } },
          { institution: 'Pemerintah Kota Metro', position: 'Wali Kota' },
        ];
      }),
    );
    const file = focalPointDirectory(workshop, { locale: 'en' });
    const directory = load(JSON.stringify(file));
    expect(file.agencies.map((agency) => [agency.id, agency.kind])).toEqual([
      ['ombudsman-republik-indonesia-perwakilan-provinsi-contoh', 'ombudsman'],
      ['inspektorat-kabupaten-tanggamus', 'inspectorate'],
      ['dinas-kependudukan-dan-pencatatan-sipil-kota-metro', 'agency'],
      ['pemerintah-kota-metro', 'local_government'],
    ]);
    expect(file.focalPoints.map((focalPoint) => focalPoint.id)).toEqual(['fp-inspektorat-kabupaten-tanggamus', 'fp-inspektorat-kabupaten-tanggamus-2']);
    expect(directory.focalPointsOf('inspektorat-kabupaten-tanggamus')).toHaveLength(2);
    expect(directory.escalationTarget('dinas-kependudukan-dan-pencatatan-sipil-kota-metro', 'dinas-kependudukan-dan-pencatatan-sipil-kota-metro')?.id).toBe('inspektorat-kabupaten-tanggamus');
  });

  it('refuses an inspectorate that is not in the file, before the server would', () => {
    const workshop = validateWorkshop(sampleWorkshop((file) => (file.commitment.signatories[0]!.agency = { inspectorateId: 'itjen-kemendagri' })));
    expect(() => focalPointDirectory(workshop, { locale: 'en' })).toThrow(WorkshopError);
    expect(() => focalPointDirectory(workshop, { locale: 'en' })).toThrow('commitment.signatories[0].agency.inspectorateId: the agency "itjen-kemendagri" is neither the organizer nor a signing institution.');
  });
});
