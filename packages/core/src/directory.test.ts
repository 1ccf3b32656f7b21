import { describe, it, expect } from 'vitest';
import { createDirectory } from './directory.js';
import type { Agency, FocalPoint } from './model.js';

// A small directory shaped like Lampung's: a province (18) and its capital, Bandar Lampung (18.71),
// each with an inspectorate, the Ombudsman's Lampung office and its head office.
const agencies: Agency[] = [
  { id: 'pemprov-lampung', name: 'Pemerintah Provinsi Lampung', kind: 'local_government', regionCode: '18', parentId: null, inspectorateId: 'inspektorat-lampung' },
  { id: 'inspektorat-lampung', name: 'Inspektorat Provinsi Lampung', kind: 'inspectorate', regionCode: '18', parentId: 'pemprov-lampung', inspectorateId: null },
  { id: 'rsud-abdul-moeloek', name: 'RSUD Dr. H. Abdul Moeloek', kind: 'service_unit', regionCode: '18', parentId: 'pemprov-lampung', inspectorateId: 'inspektorat-lampung' },
  { id: 'pemkot-bdl', name: 'Pemerintah Kota Bandar Lampung', kind: 'local_government', regionCode: '18.71', parentId: null, inspectorateId: 'inspektorat-bdl' },
  { id: 'inspektorat-bdl', name: 'Inspektorat Kota Bandar Lampung', kind: 'inspectorate', regionCode: '18.71', parentId: 'pemkot-bdl', inspectorateId: null },
  { id: 'disdukcapil-bdl', name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung', kind: 'service_unit', regionCode: '18.71', parentId: 'pemkot-bdl', inspectorateId: 'inspektorat-bdl' },
  { id: 'ombudsman-lampung', name: 'Ombudsman RI Perwakilan Lampung', kind: 'ombudsman', regionCode: '18', parentId: 'ombudsman-ri', inspectorateId: null },
  { id: 'ombudsman-ri', name: 'Ombudsman Republik Indonesia', kind: 'ombudsman', regionCode: '', parentId: null, inspectorateId: null },
  { id: 'samsat-jakarta', name: 'Samsat Jakarta Pusat', kind: 'service_unit', regionCode: '31.71', parentId: null, inspectorateId: null },
];

function focalPoint(id: string, agencyId: string, fields: Partial<FocalPoint> = {}): FocalPoint {
  return {
    id,
    name: `Narahubung ${id}`,
    position: 'Kepala Subbagian Umum',
    agencyId,
    unit: 'Sekretariat',
    email: `${id}@example.go.id`,
    phone: '+6272112345',
    categories: [],
    regions: [],
    active: { from: '2021-06-02', until: null },
    ...fields,
  };
}

const focalPoints: FocalPoint[] = [
  focalPoint('fp-capil-umum', 'disdukcapil-bdl'),
  focalPoint('fp-capil-imbalan', 'disdukcapil-bdl', { categories: ['improper_request', 'abuse_of_authority'] }),
  focalPoint('fp-capil-tbb', 'disdukcapil-bdl', { regions: ['18.71.01'] }),
  focalPoint('fp-capil-lama', 'disdukcapil-bdl', { active: { from: '2019-01-01', until: '2021-06-01' } }),
  focalPoint('fp-pemprov-delay', 'pemprov-lampung', { categories: ['undue_delay'], active: { from: '2021-06-02', until: '2022-06-01' } }),
  focalPoint('fp-pemprov-bdl', 'pemprov-lampung', { regions: ['18.71'] }),
];

const directory = createDirectory({ agencies, focalPoints });
// Noon in Bandar Lampung (WIB) on the day of the 2021 focal-point workshop.
const workshopDay = new Date('2021-06-02T05:00:00Z');

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

describe('createDirectory: looking records up', () => {
  it('finds agencies and focal points by id, in the order given', () => {
    expect(directory.agency('disdukcapil-bdl')?.name).to.equal('Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    expect(ids(directory.agencies())).to.deep.equal(ids(agencies));
    expect(directory.focalPoint('fp-capil-tbb')?.regions).to.deep.equal(['18.71.01']);
    expect(ids(directory.focalPointsOf('disdukcapil-bdl'))).to.deep.equal(['fp-capil-umum', 'fp-capil-imbalan', 'fp-capil-tbb', 'fp-capil-lama']);
  });

  it('answers nothing for an unknown id', () => {
    expect(directory.agency('pemkab-atlantis')).to.equal(undefined);
    expect(directory.focalPoint('fp-nobody')).to.equal(undefined);
    expect(directory.focalPointsOf('pemkab-atlantis')).to.deep.equal([]);
  });

  it('keeps its own copy of the records, which nobody can change', () => {
    const input: Agency[] = [{ ...agencies[0]!, inspectorateId: null }];
    const own = createDirectory({ agencies: input, focalPoints: [] });
    input[0]!.name = 'Changed afterwards';
    expect(own.agency('pemprov-lampung')?.name).to.equal('Pemerintah Provinsi Lampung');
    expect(Object.isFrozen(own.agency('pemprov-lampung'))).to.be.true;
    expect(Object.isFrozen(own.agencies())).to.be.true;
    expect(Object.isFrozen(directory.focalPoint('fp-capil-imbalan')?.categories)).to.be.true;
    expect(Object.isFrozen(agencies[0])).to.be.false;
  });
});

describe('route', () => {
  it('sends a complaint to the active focal points that cover its category, specific ones first', () => {
    const bribe = directory.route({ agencyId: 'disdukcapil-bdl', category: 'improper_request' }, workshopDay);
    expect(ids(bribe.focalPoints)).to.deep.equal(['fp-capil-imbalan', 'fp-capil-umum', 'fp-capil-tbb']);
    expect(bribe.fallback).to.equal(null);

    const delay = directory.route({ agencyId: 'disdukcapil-bdl', category: 'undue_delay' }, workshopDay);
    expect(ids(delay.focalPoints)).to.deep.equal(['fp-capil-umum', 'fp-capil-tbb']);
  });

  it('narrows by region when one is given; a region covers its sub-regions', () => {
    const route = (regionCode: string) =>
      ids(directory.route({ agencyId: 'disdukcapil-bdl', category: 'undue_delay', regionCode }, workshopDay).focalPoints);
    expect(route('18.71.01')).to.deep.equal(['fp-capil-tbb', 'fp-capil-umum']);
    expect(route('18.71.01.1001')).to.deep.equal(['fp-capil-tbb', 'fp-capil-umum']);
    expect(route('18.71.02')).to.deep.equal(['fp-capil-umum']);
    // 18.71.010 is not inside 18.71.01: codes are compared segment by segment.
    expect(route('18.71.010')).to.deep.equal(['fp-capil-umum']);

    const province = (regionCode: string) =>
      ids(directory.route({ agencyId: 'pemprov-lampung', category: 'no_service', regionCode }, workshopDay).focalPoints);
    expect(province('18.71')).to.deep.equal(['fp-pemprov-bdl']);
    expect(province('18.71.05')).to.deep.equal(['fp-pemprov-bdl']);
    expect(province('18.72')).to.deep.equal([]);
    expect(province('18')).to.deep.equal([]);
  });

  it('ignores focal points outside their active period, both ends inclusive', () => {
    const route = (at: Date) => ids(directory.route({ agencyId: 'disdukcapil-bdl', category: 'other' }, at).focalPoints);
    expect(route(new Date('2021-05-31T05:00:00Z'))).to.deep.equal(['fp-capil-lama']);
    expect(route(workshopDay)).to.deep.equal(['fp-capil-umum', 'fp-capil-tbb']);

    const pemprov = (at: Date) => ids(directory.route({ agencyId: 'pemprov-lampung', category: 'undue_delay' }, at).focalPoints);
    expect(pemprov(new Date('2022-06-01T05:00:00Z'))).to.deep.equal(['fp-pemprov-delay', 'fp-pemprov-bdl']);
    expect(pemprov(new Date('2022-06-02T05:00:00Z'))).to.deep.equal(['fp-pemprov-bdl']);
  });

  it('takes the date in the directory time zone, Asia/Jakarta unless told otherwise', () => {
    const route = (dir: typeof directory, at: string) =>
      ids(dir.route({ agencyId: 'disdukcapil-bdl', category: 'other' }, new Date(at)).focalPoints);
    // 23:59:59 WIB on 1 June, then midnight WIB on 2 June.
    expect(route(directory, '2021-06-01T16:59:59Z')).to.deep.equal(['fp-capil-lama']);
    expect(route(directory, '2021-06-01T17:00:00Z')).to.deep.equal(['fp-capil-umum', 'fp-capil-tbb']);

    const utc = createDirectory({ agencies, focalPoints, timeZone: 'UTC' });
    expect(route(utc, '2021-06-01T17:00:00Z')).to.deep.equal(['fp-capil-lama']);
  });

  it('falls back to the complaint unit of the agency when no focal point covers the complaint', () => {
    const hospital = directory.route({ agencyId: 'rsud-abdul-moeloek', category: 'no_service' }, workshopDay);
    expect(hospital.focalPoints).to.deep.equal([]);
    expect(hospital.fallback).to.deep.equal({ agencyId: 'rsud-abdul-moeloek', name: 'RSUD Dr. H. Abdul Moeloek' });

    const beforeAnyone = directory.route({ agencyId: 'pemprov-lampung', category: 'undue_delay' }, new Date('2020-01-01T05:00:00Z'));
    expect(beforeAnyone.focalPoints).to.deep.equal([]);
    expect(beforeAnyone.fallback).to.deep.equal({ agencyId: 'pemprov-lampung', name: 'Pemerintah Provinsi Lampung' });
  });

  it('escalates from the agency to its inspectorate, then to the Ombudsman office of its region', () => {
    const escalation = (agencyId: string) => ids(directory.route({ agencyId, category: 'other' }, workshopDay).escalation);
    expect(escalation('disdukcapil-bdl')).to.deep.equal(['inspektorat-bdl', 'ombudsman-lampung']);
    expect(escalation('rsud-abdul-moeloek')).to.deep.equal(['inspektorat-lampung', 'ombudsman-lampung']);
    // Never the agency itself, and no agency twice.
    expect(escalation('inspektorat-bdl')).to.deep.equal(['ombudsman-lampung']);
    expect(escalation('ombudsman-lampung')).to.deep.equal(['ombudsman-ri']);
    // Outside Lampung, the head office (whose empty region code covers every region).
    expect(escalation('samsat-jakarta')).to.deep.equal(['ombudsman-ri']);
  });

  it('escalates to any Ombudsman office when none covers the agency region', () => {
    const lampungOnly = createDirectory({ agencies: agencies.filter((agency) => agency.id !== 'ombudsman-ri'), focalPoints });
    expect(ids(lampungOnly.route({ agencyId: 'samsat-jakarta', category: 'other' }).escalation)).to.deep.equal(['ombudsman-lampung']);
    expect(ids(lampungOnly.route({ agencyId: 'ombudsman-lampung', category: 'other' }).escalation)).to.deep.equal([]);
  });

  it('does not repeat an agency that is its own inspectorate', () => {
    const odd = createDirectory({
      agencies: [
        { id: 'inspektorat-x', name: 'Inspektorat X', kind: 'inspectorate', regionCode: '18.01', parentId: null, inspectorateId: 'inspektorat-x' },
        agencies.find((agency) => agency.id === 'ombudsman-lampung')!,
      ],
      focalPoints: [],
    });
    expect(ids(odd.route({ agencyId: 'inspektorat-x', category: 'other' }).escalation)).to.deep.equal(['ombudsman-lampung']);
  });

  it('routes a complaint about an unknown agency nowhere', () => {
    expect(directory.route({ agencyId: 'pemkab-atlantis', category: 'other' }, workshopDay)).to.deep.equal({
      focalPoints: [],
      fallback: null,
      escalation: [],
    });
  });

  it('refuses a date that is not a date', () => {
    expect(() => directory.route({ agencyId: 'disdukcapil-bdl', category: 'other' }, new Date('nonsense'))).to.throw(RangeError);
  });
});

describe('escalationTarget', () => {
  it('names the next agency up the chain from the one handling the complaint', () => {
    expect(directory.escalationTarget('disdukcapil-bdl', 'disdukcapil-bdl')?.id).to.equal('inspektorat-bdl');
    expect(directory.escalationTarget('disdukcapil-bdl', 'inspektorat-bdl')?.id).to.equal('ombudsman-lampung');
    expect(directory.escalationTarget('samsat-jakarta', 'samsat-jakarta')?.id).to.equal('ombudsman-ri');
  });

  it('answers null past the end of the chain, or when an agency is not on it', () => {
    expect(directory.escalationTarget('disdukcapil-bdl', 'ombudsman-lampung')).to.equal(null);
    expect(directory.escalationTarget('disdukcapil-bdl', 'inspektorat-lampung')).to.equal(null);
    expect(directory.escalationTarget('pemkab-atlantis', 'pemkab-atlantis')).to.equal(null);
  });
});

describe('supervisedBy', () => {
  it('gives an inspectorate its agencies, and an Ombudsman office every agency of its region, inspectorates included', () => {
    expect(directory.supervisedBy('inspektorat-bdl')).to.deep.equal(['pemkot-bdl', 'disdukcapil-bdl']);
    expect(directory.supervisedBy('ombudsman-lampung')).to.deep.equal(['pemprov-lampung', 'inspektorat-lampung', 'rsud-abdul-moeloek', 'pemkot-bdl', 'inspektorat-bdl', 'disdukcapil-bdl']);
    // The head office supervises what no regional office covers; offices supervise no office.
    expect(directory.supervisedBy('ombudsman-ri')).to.deep.equal(['samsat-jakarta']);
  });

  it('supervises nothing for an agency that is no one\'s supervisor, or an unknown one', () => {
    expect(directory.supervisedBy('disdukcapil-bdl')).to.deep.equal([]);
    expect(directory.supervisedBy('pemkab-atlantis')).to.deep.equal([]);
  });
});

describe('createDirectory: checking the configuration', () => {
  const creating = (input: { agencies?: Agency[]; focalPoints?: FocalPoint[]; timeZone?: string }) => () =>
    createDirectory({ agencies: input.agencies ?? agencies, focalPoints: input.focalPoints ?? focalPoints, ...(input.timeZone ? { timeZone: input.timeZone } : {}) });

  it('refuses duplicate ids, naming the record', () => {
    expect(creating({ agencies: [...agencies, { ...agencies[0]!, name: 'Again' }] })).to.throw(/agency "pemprov-lampung" appears more than once/);
    expect(creating({ focalPoints: [...focalPoints, focalPoint('fp-capil-umum', 'pemkot-bdl')] })).to.throw(/focal point "fp-capil-umum" appears more than once/);
  });

  it('refuses a focal point of an unknown agency, and an unknown inspectorate', () => {
    expect(creating({ focalPoints: [focalPoint('fp-lost', 'pemkab-atlantis')] })).to.throw(/focal point "fp-lost" belongs to agency "pemkab-atlantis"/);
    const orphan: Agency = { id: 'dinas-x', name: 'Dinas X', kind: 'service_unit', regionCode: '18.02', parentId: null, inspectorateId: 'inspektorat-atlantis' };
    expect(creating({ agencies: [...agencies, orphan] })).to.throw(/agency "dinas-x" names inspectorate "inspektorat-atlantis"/);
  });

  it('refuses an unknown category and a malformed active period', () => {
    const cases: [Partial<FocalPoint>, RegExp][] = [
      [{ categories: ['bribery' as 'other'] }, /"fp-bad" covers unknown category "bribery"/],
      [{ active: { from: '2 Juni 2021', until: null } }, /"fp-bad" has active.from "2 Juni 2021"/],
      [{ active: { from: '2021-02-30', until: null } }, /"fp-bad" has active.from "2021-02-30"/],
      [{ active: { from: '2021-06-02', until: '2021-06-02T00:00:00Z' } }, /"fp-bad" has active.until/],
      [{ active: { from: '2021-06-02', until: '2021-06-01' } }, /"fp-bad" is active until 2021-06-01, before it starts/],
    ];
    for (const [fields, message] of cases) {
      expect(creating({ focalPoints: [focalPoint('fp-bad', 'pemkot-bdl', fields)] })).to.throw(message);
    }
  });

  it('lists every problem at once', () => {
    const run = creating({ focalPoints: [focalPoint('fp-a', 'nowhere'), focalPoint('fp-b', 'nowhere-else')] });
    expect(run).to.throw(/fp-a[\s\S]*fp-b/);
  });

  it('refuses a time zone that is not an IANA name', () => {
    expect(creating({ timeZone: 'Mars/Olympus_Mons' })).to.throw(/time zone "Mars\/Olympus_Mons"/);
  });

  it('accepts a period that starts and ends on the same day', () => {
    const oneDay = createDirectory({
      agencies,
      focalPoints: [focalPoint('fp-sehari', 'pemkot-bdl', { active: { from: '2021-06-02', until: '2021-06-02' } })],
    });
    expect(ids(oneDay.route({ agencyId: 'pemkot-bdl', category: 'other' }, workshopDay).focalPoints)).to.deep.equal(['fp-sehari']);
  });
});
