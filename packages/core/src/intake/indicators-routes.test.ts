/**
 * The supervisors' view (issue 13) over HTTP: public indicators with small cells hidden, exact
 * numbers and the complaints behind them for a supervisor, and the CSV.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar.js';
import { csvField, csvRows, parseCsv } from '../csv.js';
import { createDirectory } from '../directory.js';
import { computeIndicators } from '../indicators.js';
import type { ComplaintRecord } from '../model.js';
import { defaultPolicy } from '../policy.js';
import { agencies, createTestIntake, focalPoints, officers, request, submission, submitOk, TOKENS } from '../test-support/fixtures.js';
import type { TestIntake } from '../test-support/fixtures.js';
import { INDICATOR_CSV_HEADER } from './routes-indicators.js';
import { createTokenVerifier, hashToken } from './tokens.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-12-25'] });
const directory = createDirectory({ agencies, focalPoints, officers });

/** A complaint about `agencyId` whose dates lie before the first of October. */
const early = (fields: Record<string, unknown>) =>
  submission({ incident: { date: '2026-09-01', place: 'Kantor pelayanan' }, priorAttempt: { date: '2026-09-20', contacted: 'Loket', response: 'Diminta menunggu' }, ...fields });

/** Every complaint in the store, as the reference reads them. */
async function allRecords(intake: TestIntake): Promise<ComplaintRecord[]> {
  const records: ComplaintRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await intake.store.query({ sort: 'received', limit: 100, ...(cursor ? { cursor } : {}) });
    records.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return records;
}

/**
 * Twelve complaints about Disdukcapil in October (some verified on time, some late, some resolved
 * and one disputed), three about the hospital, one secret one; the clock then stands on 2 December.
 */
async function scenario(overrides: Parameters<typeof createTestIntake>[0] = {}): Promise<{ intake: TestIntake; disdukcapil: string[]; rsud: string[] }> {
  const intake = await createTestIntake(overrides);
  const move = (trackingId: string, to: string, note = '', token: string = TOKENS.disdukcapil) =>
    request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to, note }, auth(token));
  const disdukcapil: string[] = [];
  for (let index = 0; index < 12; index += 1) {
    // Received on Monday 5 October at 09:00 Jakarta time, one an hour.
    intake.clock.now = new Date(Date.UTC(2026, 9, 5, 2 + index));
    const { trackingId } = await submitOk(intake, early({ category: index < 8 ? 'undue_delay' : 'improper_request' }));
    disdukcapil.push(trackingId);
  }
  const rsud: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    intake.clock.now = new Date(Date.UTC(2026, 9, 6, 2 + index));
    rsud.push((await submitOk(intake, early({ agencyId: 'rsud-abdul-moeloek', category: 'no_service' }))).trackingId);
  }
  intake.clock.now = new Date(Date.UTC(2026, 9, 6, 8));
  await submitOk(intake, early({ confidentiality: 'secret' }));
  // Verified on Wednesday 7 October (on time) for the first six, on Monday 12 October (late) for three.
  intake.clock.now = new Date('2026-10-07T04:00:00Z');
  for (const trackingId of disdukcapil.slice(0, 6)) await move(trackingId, 'verified', 'Berkas lengkap.');
  intake.clock.now = new Date('2026-10-12T04:00:00Z');
  for (const trackingId of disdukcapil.slice(6, 9)) await move(trackingId, 'verified');
  // Four resolved with a note in October; one of them disputed by the reporter afterwards.
  intake.clock.now = new Date('2026-10-20T04:00:00Z');
  for (const trackingId of disdukcapil.slice(0, 4)) {
    await move(trackingId, 'in_progress');
    await move(trackingId, 'resolved', 'KTP-el sudah terbit dan dapat diambil.');
  }
  intake.clock.now = new Date('2026-12-02T03:00:00Z');
  return { intake, disdukcapil, rsud };
}

describe('GET /v1/indicators', () => {
  it('publishes the indicators of the agencies offered, equal to computeIndicators, with cells under 5 hidden', async () => {
    const { intake } = await scenario();
    const response = await request(intake, 'GET', '/v1/indicators?from=2026-10-01&to=2026-11-01');
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('public, max-age=60');
    const answer = await response.json();
    const reference = computeIndicators(await allRecords(intake), { calendar, policy: defaultPolicy, from: '2026-10-01', to: '2026-11-01', now: intake.clock.now, directory });
    expect(answer.exact).to.equal(false);
    expect(answer.period).to.deep.equal({ from: '2026-10-01', to: '2026-11-01' });
    expect(answer.at).to.equal('2026-12-02T03:00:00.000Z');
    expect(answer.agencies.map((agency: { agencyId: string }) => agency.agencyId)).to.deep.equal(agencies.map((agency) => agency.id));
    for (const [index, agency] of reference.agencies.entries()) {
      const { trend: _trend, byCategory: _byCategory, ...groups } = agency;
      expect(answer.agencies[index], agency.agencyId).to.deep.include({ ...groups, name: agencies[index]!.name });
    }
    const capil = answer.agencies.find((agency: { agencyId: string }) => agency.agencyId === 'disdukcapil-bandar-lampung');
    // The secret complaint is in no number.
    expect(capil.received).to.equal(12);
    // Nine verified, six of them by Wednesday; three never verified, past their deadline now.
    expect(capil.cepat.verifiedOnTime).to.deep.equal({ n: 6, of: 12, share: 0.5 });
    expect(capil.akuntabel.explainedResolutions).to.deep.equal({ n: 4, of: 4, share: 1 });
    // Eight of one category in October are shown; four of another are not, nor the hospital's three.
    expect(capil.trend).to.deep.equal({ '2026-10': { undue_delay: 8, improper_request: '< 5' } });
    expect(capil.byCategory).to.deep.equal({ undue_delay: 8, improper_request: '< 5' });
    const rsud = answer.agencies.find((agency: { agencyId: string }) => agency.agencyId === 'rsud-abdul-moeloek');
    expect(rsud.trend).to.deep.equal({ '2026-10': { no_service: '< 5' } });
    expect(answer.total.received).to.equal(15);
    expect(answer.total.trend).to.deep.equal({ '2026-10': { undue_delay: 8, improper_request: '< 5', no_service: '< 5' } });
    expect(answer.inspectorates).to.have.length(1);
    expect(answer.inspectorates[0]).to.deep.include({ inspectorateId: 'inspektorat-bandar-lampung', name: 'Inspektorat Kota Bandar Lampung', agencyIds: ['disdukcapil-bandar-lampung'], received: 12 });
    // Nothing personal, and no complaint text.
    const text = JSON.stringify(answer);
    for (const canary of ['Siti', 'siti@example.id', 'KTP-el tidak kunjung', '1871010101010001', 'NH-']) expect(text).to.not.include(canary);
  });

  it('narrows to one agency or one inspectorate\'s agencies, and names a parameter it cannot use', async () => {
    const { intake } = await scenario();
    const one = await (await request(intake, 'GET', '/v1/indicators?from=2026-10-01&to=2026-11-01&agency=rsud-abdul-moeloek')).json();
    expect(one.agencies.map((agency: { agencyId: string }) => agency.agencyId)).to.deep.equal(['rsud-abdul-moeloek']);
    expect(one.total.received).to.equal(3);
    const inspected = await (await request(intake, 'GET', '/v1/indicators?from=2026-10-01&to=2026-11-01&inspectorate=inspektorat-bandar-lampung')).json();
    expect(inspected.agencies.map((agency: { agencyId: string }) => agency.agencyId)).to.deep.equal(['disdukcapil-bandar-lampung']);
    for (const [query, path] of [
      ['from=2026-02-30', 'from'],
      ['from=2026-10-01&to=2026-10-01', 'to'],
      ['agency=pemkab-atlantis', 'agency'],
      ['inspectorate=rsud-abdul-moeloek', 'inspectorate'],
    ] as const) {
      const response = await request(intake, 'GET', `/v1/indicators?${query}`, undefined, { 'accept-language': 'en' });
      expect(response.status, query).to.equal(400);
      const body = await response.json();
      expect(body.code).to.equal('invalid_query');
      expect(body.errors.map((error: { path: string }) => error.path), query).to.deep.equal([path]);
      expect(body.errors[0].message).to.match(new RegExp(path));
    }
    // The default period is the year so far.
    const year = await (await request(intake, 'GET', '/v1/indicators')).json();
    expect(year.period).to.deep.equal({ from: '2026-01-01', to: '2026-12-03' });
  });

  it('gives a supervisor exact numbers for the agencies it supervises only, and refuses a bad token', async () => {
    const { intake } = await scenario();
    const response = await request(intake, 'GET', '/v1/indicators?from=2026-10-01&to=2026-11-01', undefined, auth(TOKENS.supervisor));
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('private, no-store');
    const answer = await response.json();
    expect(answer.exact).to.equal(true);
    expect(answer.agencies.map((agency: { agencyId: string }) => agency.agencyId)).to.deep.equal(['disdukcapil-bandar-lampung']);
    expect(answer.agencies[0].trend).to.deep.equal({ '2026-10': { undue_delay: 8, improper_request: 4 } });
    expect((await request(intake, 'GET', '/v1/indicators?agency=rsud-abdul-moeloek', undefined, auth(TOKENS.supervisor))).status).to.equal(400);
    expect((await request(intake, 'GET', '/v1/indicators', undefined, auth('not-a-token-at-all-0000'))).status).to.equal(401);
  });

  it('gives an Ombudsman office\'s supervisor every agency of its region, exact and read-only', async () => {
    const token = 'token-supervisor-ombudsman-0123456789ab';
    const agencyIds = directory.supervisedBy('ombudsman-lampung');
    expect(agencyIds).to.include.members(['disdukcapil-bandar-lampung', 'rsud-abdul-moeloek', 'inspektorat-bandar-lampung']);
    const tokens = createTokenVerifier([
      { tokenHash: await hashToken(TOKENS.disdukcapil), principal: { role: 'focal_point', id: 'fp-disdukcapil', name: 'Rina Marlina', agencyId: 'disdukcapil-bandar-lampung' } },
      { tokenHash: await hashToken(token), principal: { role: 'supervisor', id: 'sup-ombudsman', name: 'Asisten Ombudsman', agencyId: 'ombudsman-lampung', agencyIds: [...agencyIds] } },
    ]);
    const { intake, disdukcapil, rsud } = await scenario({ tokens });
    const answer = await (await request(intake, 'GET', '/v1/indicators?from=2026-10-01&to=2026-11-01', undefined, auth(token))).json();
    expect(answer.exact).to.equal(true);
    const counted = answer.agencies.map((agency: { agencyId: string }) => agency.agencyId);
    expect(counted).to.include.members(['disdukcapil-bandar-lampung', 'rsud-abdul-moeloek']);
    expect(counted.every((id: string) => agencyIds.includes(id))).to.equal(true);
    const all = await (await request(intake, 'GET', '/v1/inbox?limit=500&sort=received', undefined, auth(token))).json();
    expect(all.items.map((item: { trackingId: string }) => item.trackingId)).to.include.members([...disdukcapil, ...rsud]);
    expect((await request(intake, 'POST', `/v1/complaints/${rsud[0]}/transitions`, { to: 'verified' }, auth(token))).status).to.equal(403);
  });

  it('leads a supervisor from a number to the complaints behind it, read-only and redacted as for a focal point', async () => {
    const { intake, disdukcapil } = await scenario();
    const indicators = await (await request(intake, 'GET', '/v1/indicators?from=2026-10-01&to=2026-11-01', undefined, auth(TOKENS.supervisor))).json();
    const verified = indicators.agencies[0].cepat.verifiedOnTime;
    const list = async (outcome: string) => {
      const response = await request(
        intake,
        'GET',
        `/v1/inbox?indicator=verifiedOnTime&outcome=${outcome}&at=${indicators.at}&agency=disdukcapil-bandar-lampung&from=2026-10-01&to=2026-10-31&sort=received&counts=true`,
        undefined,
        auth(TOKENS.supervisor),
      );
      expect(response.status).to.equal(200);
      return response.json();
    };
    const missed = await list('missed');
    const met = await list('met');
    expect(met.total).to.equal(verified.n);
    expect(met.total + missed.total).to.equal(verified.of);
    expect(missed.items.map((item: { trackingId: string }) => item.trackingId)).to.deep.equal(disdukcapil.slice(6));
    for (const item of missed.items) {
      // Anonymous complaints: no identity for a supervisor, and nothing it may change.
      expect(item.reporter).to.equal(null);
      expect(item.allowedTransitions).to.deep.equal([]);
      expect(item.may).to.deep.equal({ note: false, assign: false, setNoteAccess: false });
    }
    const trackingId = missed.items[0].trackingId;
    const tries = [
      request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to: 'verified' }, auth(TOKENS.supervisor)),
      request(intake, 'POST', `/v1/complaints/${trackingId}/notes`, { text: 'Catatan pengawas.' }, auth(TOKENS.supervisor)),
      request(intake, 'POST', `/v1/complaints/${trackingId}/assignment`, { officerId: 'off-disdukcapil' }, auth(TOKENS.supervisor)),
    ];
    for (const response of await Promise.all(tries)) expect(response.status).to.equal(403);
    // The hospital is not the inspectorate's: its complaints are not there, even by tracking number.
    const me = await (await request(intake, 'GET', '/v1/me', undefined, auth(TOKENS.supervisor))).json();
    expect(me).to.deep.include({ role: 'supervisor', office: { id: 'inspektorat-bandar-lampung', name: 'Inspektorat Kota Bandar Lampung' } });
    const all = await (await request(intake, 'GET', '/v1/inbox?limit=500', undefined, auth(TOKENS.supervisor))).json();
    expect(all.items.every((item: { agency: { id: string } }) => item.agency.id === 'disdukcapil-bandar-lampung')).to.equal(true);
  });

  it('refuses an indicator or outcome it does not know, naming the parameter', async () => {
    const { intake } = await scenario();
    const response = await request(intake, 'GET', '/v1/inbox?indicator=speed&outcome=late', undefined, { ...auth(TOKENS.supervisor), 'accept-language': 'en' });
    expect(response.status).to.equal(400);
    expect((await response.json()).errors.map((error: { path: string }) => error.path)).to.deep.equal(['indicator', 'outcome']);
  });
});

describe('GET /v1/indicators.csv', () => {
  it('is RFC 4180 with a BOM: one row per agency, inspectorate and the total, and indicator, labelled in the locale', async () => {
    const { intake } = await scenario();
    const response = await request(intake, 'GET', '/v1/indicators.csv?from=2026-10-01&to=2026-11-01', undefined, { 'accept-language': 'en' });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="indikator-2026-10-01-2026-11-01.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(text.replace(/\r\n/g, '')).to.not.match(/\n/);
    const rows = parseCsv(text);
    expect(rows[0]).to.deep.equal([...INDICATOR_CSV_HEADER]);
    // Four agencies, one inspectorate and the total, twelve rows each.
    expect(rows.length).to.equal(1 + (4 + 1 + 1) * 12);
    const row = rows.find((cells) => cells[4] === 'disdukcapil-bandar-lampung' && cells[7] === 'verifiedOnTime')!;
    expect(row).to.deep.equal(['2026-10-01', '2026-11-01', '2026-12-02T03:00:00.000Z', 'agency', 'disdukcapil-bandar-lampung', 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung', 'cepat', 'verifiedOnTime', 'Verified on time', '6', '12', '0.5', '', '']);
    const satisfaction = rows.find((cells) => cells[3] === 'total' && cells[7] === 'satisfaction')!;
    expect(satisfaction.slice(5, 14)).to.deep.equal(['All agencies', 'tuntas', 'satisfaction', "Reporters' satisfaction index", '0', '', '', '', '']);
  });
});

describe('CSV fields', () => {
  it('read back as written, whatever the text, and never start a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom('=1+1', '+A1', '-2', '@SUM(A1)', 'a,b', '"q"', 'x\r\ny', '')), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const parsed = parseCsv(csvRows(rows));
        expect(parsed).to.have.length(rows.length);
        parsed.forEach((row, r) =>
          row.forEach((cell, c) => {
            const original = rows[r]![c]!;
            expect(cell).to.equal(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
          }),
        );
        for (const row of parsed) for (const cell of row) expect(cell).to.not.match(/^[=+\-@\t\r]/);
      }),
    );
    expect(csvField(0.5)).to.equal('0.5');
    expect(csvField(null)).to.equal('');
  });
});
