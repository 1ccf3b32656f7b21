import { describe, expect, it } from 'vitest';
import { parseTrackingId } from '../tracking-id.js';
import { createPolicy } from '../policy.js';
import { createTestIntake, newKey, request, submission, submitOk, TOKENS } from '../test-support/fixtures.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /v1/config', () => {
  it('gives the form its options, labelled in the asked locale', async () => {
    const intake = await createTestIntake();
    const indonesian = await (await request(intake, 'GET', '/v1/config')).json();
    expect(indonesian.categories.find((c: { code: string }) => c.code === 'undue_delay').label).to.equal('Penundaan berlarut');
    expect(indonesian.timeZone).to.equal('Asia/Jakarta');
    // The calendar, so an inbox counts "due in 2 working days" as the intake does.
    expect(indonesian.holidays).to.deep.equal(['2026-12-25']);
    expect(indonesian.weekend).to.deep.equal([0, 6]);
    expect(indonesian.defaultAgencyId).to.equal('disdukcapil-bandar-lampung');
    expect(indonesian.limits).to.deep.equal({ descriptionMin: 30, descriptionMax: 4000, reporterTextMax: 4000, attachments: { maxFiles: 5, maxBytes: 10 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'application/pdf'] } });
    expect(indonesian.contactRequired).to.equal(true);
    expect(indonesian.agencies.length).to.equal(4);
    const english = await (await request(intake, 'GET', '/v1/config', undefined, { 'accept-language': 'en-GB,en;q=0.9' })).json();
    expect(english.kinds.map((k: { label: string }) => k.label)).to.deep.equal(['Complaint', 'Aspiration', 'Request for information']);
  });
});

describe('POST /v1/complaints', () => {
  it('answers 201 with the tracking number, deadlines and the routed focal point', async () => {
    const intake = await createTestIntake();
    const response = await request(intake, 'POST', '/v1/complaints', submission(), { 'idempotency-key': newKey() });
    expect(response.status).to.equal(201);
    const answer = await response.json();
    expect(parseTrackingId(answer.trackingId)).to.equal(answer.trackingId);
    expect(answer.status).to.equal('received');
    expect(answer.receivedAt).to.equal('2026-11-02T03:00:00.000Z');
    expect(answer.deadlines.resolveBy).to.equal(null);
    // Received Monday 10:00 WIB: three working days end Thursday 23:59:59.999 WIB.
    expect(answer.deadlines.verifyBy).to.equal('2026-11-05T16:59:59.999Z');
    expect(answer.focalPoint).to.deep.equal({ name: 'Rina Marlina', position: 'Kepala Seksi Pengaduan', agency: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung' });
    expect(Object.keys(answer).sort()).to.deep.equal(['deadlines', 'focalPoint', 'receivedAt', 'reporterKey', 'status', 'trackingId']);
    expect(answer.reporterKey).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives null as focal point when the complaint goes to the complaint unit', async () => {
    const intake = await createTestIntake();
    const answer = await submitOk(intake, submission({ agencyId: 'rsud-abdul-moeloek' }));
    expect(answer.focalPoint).to.equal(null);
  });

  it('answers a replay with the first answer, once stored', async () => {
    const intake = await createTestIntake();
    const key = newKey();
    const first = await request(intake, 'POST', '/v1/complaints', submission(), { 'idempotency-key': key });
    intake.clock.now = new Date('2028-12-01T00:00:00Z'); // the incident is now too old to report anew
    const replay = await request(intake, 'POST', '/v1/complaints', submission(), { 'idempotency-key': key });
    expect(replay.status).to.equal(200);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(await replay.json()).to.deep.equal(await first.json());
    expect((await intake.store.query({ sort: '-received', limit: 100 })).total).to.equal(1);
  });

  it('refuses a key reused with another body (409)', async () => {
    const intake = await createTestIntake();
    const key = newKey();
    await request(intake, 'POST', '/v1/complaints', submission(), { 'idempotency-key': key });
    const response = await request(intake, 'POST', '/v1/complaints', submission({ title: 'Judul lain sama sekali' }), { 'idempotency-key': key });
    expect(response.status).to.equal(409);
    expect((await response.json()).code).to.equal('idempotency_conflict');
  });

  it('needs an Idempotency-Key (400), JSON it can read (400) and a JSON or multipart body (415)', async () => {
    const intake = await createTestIntake();
    const missing = await request(intake, 'POST', '/v1/complaints', submission());
    expect(missing.status).to.equal(400);
    expect(missing.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((await missing.json()).code).to.equal('missing_idempotency_key');
    const malformed = await request(intake, 'POST', '/v1/complaints', '{"kind": "compl', { 'idempotency-key': newKey() });
    expect(malformed.status).to.equal(400);
    expect((await malformed.json()).code).to.equal('malformed_body');
    const text = await intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain', 'idempotency-key': newKey() } }));
    expect(text.status).to.equal(415);
  });

  it('answers field errors with 422, in the locale of the body, else Accept-Language, else Indonesian', async () => {
    const intake = await createTestIntake();
    const bad = submission({ description: 'pendek', reporter: { name: 'Siti', email: 'bukan-email' }, locale: 'en' });
    const english = await request(intake, 'POST', '/v1/complaints', bad, { 'idempotency-key': newKey() });
    expect(english.status).to.equal(422);
    const problem = await english.json();
    expect(problem.code).to.equal('validation_failed');
    expect(problem.title).to.equal('Some answers need correcting');
    const paths = problem.errors.map((error: { path: string }) => error.path);
    expect(paths).to.include('description');
    expect(paths).to.include('reporter.email');
    expect(problem.errors.find((error: { path: string }) => error.path === 'reporter.email').message.toLowerCase()).to.include('email');

    const { locale: _omit, ...noLocale } = bad;
    const byHeader = await (await request(intake, 'POST', '/v1/complaints', noLocale, { 'idempotency-key': newKey(), 'accept-language': 'en' })).json();
    expect(byHeader.title).to.equal('Some answers need correcting');
    const byDefault = await (await request(intake, 'POST', '/v1/complaints', noLocale, { 'idempotency-key': newKey() })).json();
    expect(byDefault.title).to.equal('Ada isian yang perlu diperbaiki');
  });

  it('refuses an agency this intake does not serve, naming the field', async () => {
    const intake = await createTestIntake();
    const response = await request(intake, 'POST', '/v1/complaints', submission({ agencyId: 'nowhere' }), { 'idempotency-key': newKey() });
    expect(response.status).to.equal(422);
    const problem = await response.json();
    expect(problem.errors[0].path).to.equal('agencyId');
    expect(problem.errors[0].code).to.equal('unknown_agency');
  });

  it('refuses JSON nested deeper than a submission can be, before anything walks it (400, not 500)', async () => {
    const intake = await createTestIntake();
    const deep = `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const response = await request(intake, 'POST', '/v1/complaints', deep, { 'idempotency-key': newKey() });
    expect(response.status).to.equal(400);
    expect((await response.json()).code).to.equal('too_deep');
    expect(intake.logs.filter((entry) => entry.event === 'request_failed')).to.deep.equal([]);
  });

  it('caps JSON at policy.maxJsonBytes, alone or as the complaint part', async () => {
    const intake = await createTestIntake();
    const big = JSON.stringify(submission({ padding: 'x'.repeat(300 * 1024) }));
    const alone = await request(intake, 'POST', '/v1/complaints', big, { 'idempotency-key': newKey() });
    expect(alone.status).to.equal(413);
    const form = new FormData();
    form.set('complaint', new Blob([big], { type: 'application/json' }));
    const part = await intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: form, headers: { 'idempotency-key': newKey() } }));
    expect(part.status).to.equal(413);
  });

  it('names a missing complaint part of a multipart body', async () => {
    const intake = await createTestIntake();
    const form = new FormData();
    form.append('attachments', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0])], { type: 'image/jpeg' }), 'foto.jpg');
    const response = await intake.handle(new Request('http://intake.test/v1/complaints?locale=en', { method: 'POST', body: form, headers: { 'idempotency-key': newKey() } }));
    expect(response.status).to.equal(400);
    const problem = await response.json();
    expect(problem.code).to.equal('missing_complaint_part');
    expect(problem.detail).to.include('"complaint"');
  });

  it('refuses a body over the limit with 413', async () => {
    const intake = await createTestIntake({ policy: { ...(await import('../policy.js')).defaultPolicy, maxJsonBytes: 1000 } });
    const response = await request(intake, 'POST', '/v1/complaints', submission({ description: 'x'.repeat(3000) }), { 'idempotency-key': newKey() });
    expect(response.status).to.equal(413);
    expect((await response.json()).code).to.equal('too_large');
  });

  it('checks attachments by their bytes, not their names', async () => {
    const intake = await createTestIntake();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const send = (files: { bytes: Uint8Array; name: string; type: string }[]) => {
      const form = new FormData();
      form.set('complaint', new Blob([JSON.stringify(submission())], { type: 'application/json' }));
      for (const file of files) form.append('attachments', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
      return intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: form, headers: { 'idempotency-key': newKey() } }));
    };
    const ok = await send([{ bytes: png, name: 'bukti.png', type: 'image/png' }]);
    expect(ok.status).to.equal(201);
    const { trackingId } = await ok.json();
    const record = await intake.store.get(trackingId);
    expect(record?.attachments[0]?.type).to.equal('image/png');
    expect(Array.from((await intake.store.getAttachment(trackingId, 'a1'))!.bytes)).to.deep.equal(Array.from(png));

    const disguised = await send([{ bytes: new TextEncoder().encode('<html>not a pdf</html>'), name: 'surat.pdf', type: 'application/pdf' }]);
    expect(disguised.status).to.equal(422);
    expect((await disguised.json()).errors[0]).to.include({ path: 'attachments.0', code: 'file_type' });

    const tooMany = await send(Array.from({ length: 6 }, (_, index) => ({ bytes: png, name: `${index}.png`, type: 'image/png' })));
    expect((await tooMany.json()).errors[0]).to.include({ path: 'attachments', code: 'too_many_files' });
  });

  it('limits submissions per client with 429 and Retry-After', async () => {
    const intake = await createTestIntake({ rateLimit: { submissions: 2, windowSeconds: 60 } });
    const send = () => intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: JSON.stringify(submission()), headers: { 'content-type': 'application/json', 'idempotency-key': newKey() } }), { clientAddress: '10.0.0.1' });
    expect((await send()).status).to.equal(201);
    expect((await send()).status).to.equal(201);
    const limited = await send();
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('retry-after')).to.equal('60');
    intake.clock.now = new Date(intake.clock.now.getTime() + 61_000);
    expect((await send()).status).to.equal(201);
  });

  it('always answers a replay, even when the client is over its limit', async () => {
    const intake = await createTestIntake({ rateLimit: { submissions: 1, windowSeconds: 60 } });
    const key = newKey();
    const send = (idempotencyKey: string) => intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: JSON.stringify(submission()), headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey } }), { clientAddress: '10.0.0.2' });
    expect((await send(key)).status).to.equal(201);
    expect((await send(newKey())).status).to.equal(429);
    expect((await send(key)).status).to.equal(200);
  });

  it('takes complaints only about the agencies this intake serves', async () => {
    const intake = await createTestIntake({ agencyIds: ['disdukcapil-bandar-lampung'] });
    const config = await (await request(intake, 'GET', '/v1/config')).json();
    expect(config.agencies.map((agency: { id: string }) => agency.id)).to.deep.equal(['disdukcapil-bandar-lampung']);
    const response = await request(intake, 'POST', '/v1/complaints', submission({ agencyId: 'rsud-abdul-moeloek' }), { 'idempotency-key': newKey() });
    expect(response.status).to.equal(422);
    expect((await response.json()).errors[0]).to.include({ path: 'agencyId', code: 'unknown_agency' });
  });

  it('answers a failing store with 500 and no detail of the failure', async () => {
    const { createMemoryStore } = await import('../memory-store.js');
    const store = createMemoryStore();
    store.insertOnce = async () => {
      throw new Error('disk full while writing Siti Aminah');
    };
    const intake = await createTestIntake({ store });
    const response = await request(intake, 'POST', '/v1/complaints?locale=en', submission(), { 'idempotency-key': newKey() });
    expect(response.status).to.equal(500);
    const text = await response.text();
    expect(text).to.not.include('Siti');
    expect(JSON.parse(text).title).to.equal('Something went wrong on the server');
    expect(JSON.stringify(intake.logs)).to.not.include('Siti');
    const open311 = await intake.handle(new Request('http://intake.test/open311/v2/requests.json', { method: 'POST', body: new URLSearchParams({ api_key: TOKENS.client, service_code: 'other', address_string: 'Loket 2', description: 'Petugas tidak hadir di loket selama jam pelayanan hari Senin.', first_name: 'Siti', email: 'siti@example.id' }) }));
    expect(open311.status).to.equal(500);
    expect((await open311.json())[0].code).to.equal(500);
  });
});

describe('GET /v1/complaints/{trackingId}', () => {
  it('shows the public status to anyone with the number, typed loosely', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const loose = trackingId.toLowerCase().replace(/-/g, ' ').replace('nh ', '');
    const response = await request(intake, 'GET', `/v1/complaints/${encodeURIComponent(loose)}`);
    expect(response.status).to.equal(200);
    const status = await response.json();
    expect(Object.keys(status).sort()).to.deep.equal(['agency', 'deadlines', 'history', 'nextSteps', 'overdue', 'status', 'trackingId']);
    expect(status.trackingId).to.equal(trackingId);
    expect(status.history).to.deep.equal([{ status: 'received', at: '2026-11-02T03:00:00.000Z', note: '', by: 'sistem' }]);
    expect(status.nextSteps).to.deep.equal([]);
    expect(status.agency.id).to.equal('disdukcapil-bandar-lampung');
    expect(status.overdue).to.equal(false);
  });

  it('says 404 for an unknown or mistyped number', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const typo = trackingId.slice(0, -1) + (trackingId.endsWith('0') ? '1' : '0');
    expect((await request(intake, 'GET', `/v1/complaints/${typo}`)).status).to.equal(404);
    expect((await request(intake, 'GET', '/v1/complaints/NH-0000-0000-0000-0')).status).to.equal(404);
  });

  it('marks a complaint overdue once the deadline of its stage has passed', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    intake.clock.now = new Date('2026-11-06T00:00:00Z');
    expect((await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).json()).overdue).to.equal(true);
  });
});

describe('transitions and the inbox', () => {
  it('lets the focal point move its own complaint and the citizen see each public note', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const move = (to: string, note: string, extra: Record<string, unknown> = {}) =>
      request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to, note, ...extra }, auth(TOKENS.disdukcapil));
    intake.clock.now = new Date('2026-11-03T03:00:00Z');
    expect((await move('verified', 'Berkas lengkap')).status).to.equal(200);
    intake.clock.now = new Date('2026-11-04T03:00:00Z');
    const inProgress = await (await move('in_progress', 'Sedang dicetak')).json();
    expect(inProgress.allowedTransitions).to.deep.equal(['resolved', 'escalated', 'needs_info']);
    intake.clock.now = new Date('2026-11-05T03:00:00Z');
    expect((await move('resolved', 'KTP-el dapat diambil di loket 3')).status).to.equal(200);
    const status = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).json();
    expect(status.history.map((entry: { status: string; note: string }) => `${entry.status}: ${entry.note}`)).to.deep.equal([
      'received: ',
      'verified: Berkas lengkap',
      'in_progress: Sedang dicetak',
      'resolved: KTP-el dapat diambil di loket 3',
    ]);
    expect(status.deadlines.resolveBy).to.not.equal(null);
    expect(JSON.stringify(status)).to.not.include('fp-disdukcapil'); // the actor is not public
  });

  it('refuses without a token (401), hides other agencies\' complaints (404), forbids jumps (409) and asks a reason to reject (422)', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const path = `/v1/complaints/${trackingId}/transitions`;
    expect((await request(intake, 'POST', path, { to: 'verified' })).status).to.equal(401);
    expect((await request(intake, 'POST', path, { to: 'verified' }, auth('not-a-real-token-at-all-xxxx'))).status).to.equal(401);
    const other = await request(intake, 'POST', path, { to: 'verified' }, auth(TOKENS.rsud));
    expect(other.status).to.equal(404);
    expect((await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.rsud))).status).to.equal(404);
    const jump = await request(intake, 'POST', path, { to: 'closed' }, auth(TOKENS.disdukcapil));
    expect(jump.status).to.equal(409);
    expect((await jump.json()).code).to.equal('transition_forbidden');
    const noReason = await request(intake, 'POST', path, { to: 'rejected' }, auth(TOKENS.disdukcapil));
    expect(noReason.status).to.equal(422);
    expect((await noReason.json()).errors[0].path).to.equal('reason');
    const rejected = await request(intake, 'POST', path, { to: 'rejected', reason: 'duplicate', note: 'Sama dengan laporan sebelumnya' }, auth(TOKENS.disdukcapil));
    expect(rejected.status).to.equal(200);
    expect((await intake.store.query({ agencyIds: ['rsud-abdul-moeloek'], sort: '-received', limit: 100 })).total).to.equal(0);
    const inbox = await (await request(intake, 'GET', '/v1/inbox', undefined, auth(TOKENS.rsud))).json();
    expect(inbox.items).to.deep.equal([]);
  });

  it('hands an escalated complaint to the inspectorate', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const path = `/v1/complaints/${trackingId}/transitions`;
    for (const to of ['verified', 'forwarded', 'escalated']) {
      expect((await request(intake, 'POST', path, { to }, auth(TOKENS.disdukcapil))).status).to.equal(200);
    }
    const inbox = await (await request(intake, 'GET', '/v1/inbox', undefined, auth(TOKENS.inspektorat))).json();
    expect(inbox.items.map((item: { trackingId: string }) => item.trackingId)).to.deep.equal([trackingId]);
    expect(inbox.items[0].handlingAgency.id).to.equal('inspektorat-bandar-lampung');
    expect((await request(intake, 'POST', path, { to: 'in_progress' }, auth(TOKENS.inspektorat))).status).to.equal(200);
  });

  it('lists overdue complaints first', async () => {
    const intake = await createTestIntake();
    const early = await submitOk(intake);
    intake.clock.now = new Date('2026-11-05T03:00:00Z');
    const late = await submitOk(intake);
    intake.clock.now = new Date('2026-11-06T03:00:00Z');
    const inbox = await (await request(intake, 'GET', '/v1/inbox', undefined, auth(TOKENS.disdukcapil))).json();
    expect(inbox.items.map((item: { trackingId: string; overdue: boolean }) => [item.trackingId, item.overdue])).to.deep.equal([
      [early.trackingId, true],
      [late.trackingId, false],
    ]);
  });

  it('shows a focal point the identity of public complaints only, and the NIK to intake officers looking at one', async () => {
    const intake = await createTestIntake();
    const open = await submitOk(intake, submission({ confidentiality: 'public' }));
    const hidden = await submitOk(intake, submission({ confidentiality: 'anonymous' }));
    const items = (await (await request(intake, 'GET', '/v1/inbox', undefined, auth(TOKENS.disdukcapil))).json()).items;
    const byId = (id: string) => items.find((item: { trackingId: string }) => item.trackingId === id);
    expect(byId(open.trackingId).reporter).to.deep.equal({ name: 'Siti Aminah', email: 'siti@example.id', phone: '+6281234567890', address: 'Jl. Kartini 1' });
    expect(byId(hidden.trackingId).reporter).to.equal(null);
    const officerList = (await (await request(intake, 'GET', '/v1/inbox', undefined, auth(TOKENS.officer))).json()).items;
    expect(JSON.stringify(officerList)).to.not.include('1871010101010001');
    const officerOne = await (await request(intake, 'GET', `/v1/inbox/${hidden.trackingId}`, undefined, auth(TOKENS.officer))).json();
    expect(officerOne.reporter.idNumber).to.equal('1871010101010001');
  });
});

describe('GET /v1/me and attachments for focal points', () => {
  it('says who holds a token', async () => {
    const intake = await createTestIntake();
    expect((await request(intake, 'GET', '/v1/me')).status).to.equal(401);
    const holder = await (await request(intake, 'GET', '/v1/me', undefined, auth(TOKENS.disdukcapil))).json();
    expect(holder).to.deep.equal({ id: 'fp-disdukcapil', name: 'Rina Marlina', role: 'focal_point', agencies: [{ id: 'disdukcapil-bandar-lampung', name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung' }] });
    expect((await (await request(intake, 'GET', '/v1/me', undefined, auth(TOKENS.officer))).json()).agencies).to.equal('all');
  });

  it('serves an attachment, as a sandboxed download, only to those who may read the complaint', async () => {
    const intake = await createTestIntake();
    const pdf = new TextEncoder().encode('%PDF-1.4\n<html><script>alert(1)</script>');
    const form = new FormData();
    form.set('complaint', new Blob([JSON.stringify(submission())], { type: 'application/json' }));
    // A right-to-left override disguises the name; browsers keep it (they percent-encode quotes and
    // line breaks in multipart names themselves, so those are left out of this test).
    form.append('attachments', new Blob([pdf], { type: 'application/pdf' }), 'KTP Siti\u202Egpj.pdf');
    const created = await intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: form, headers: { 'idempotency-key': newKey() } }));
    const { trackingId } = await created.json();
    const path = `/v1/inbox/${trackingId}/attachments/a1`;
    expect((await request(intake, 'GET', path)).status).to.equal(401);
    expect((await request(intake, 'GET', path, undefined, auth(TOKENS.rsud))).status).to.equal(404);
    expect((await request(intake, 'GET', `/v1/inbox/${trackingId}/attachments/a9`, undefined, auth(TOKENS.disdukcapil))).status).to.equal(404);
    const response = await request(intake, 'GET', path, undefined, auth(TOKENS.disdukcapil));
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/pdf');
    expect(response.headers.get('content-security-policy')).to.include('sandbox');
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    // An anonymous complaint: the focal point sees a neutral name, never the one the reporter chose.
    expect(response.headers.get('content-disposition')).to.equal(`attachment; filename="lampiran-1.pdf"; filename*=UTF-8''lampiran-1.pdf`);
    expect(Array.from(new Uint8Array(await response.arrayBuffer()))).to.deep.equal(Array.from(pdf));
    const item = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.disdukcapil))).json();
    expect(item.attachments[0].name).to.equal('lampiran-1.pdf');
    // Intake officers see the name as sent, less control characters.
    const officer = await request(intake, 'GET', path, undefined, auth(TOKENS.officer));
    expect(officer.headers.get('content-disposition')).to.equal(`attachment; filename="KTP Sitigpj.pdf"; filename*=UTF-8''KTP%20Sitigpj.pdf`);
  });

  it('saves an attachment under the extension of the type its bytes show, never the sender\'s, in every view', async () => {
    // The review's file: a PDF header, then a page that runs a script when opened as HTML.
    const bytes = new TextEncoder().encode('%PDF-1.4\n<html><script>document.title="pwned"</script></html>');
    for (const confidentiality of ['public', 'anonymous', 'secret'] as const) {
      const intake = await createTestIntake();
      const form = new FormData();
      form.set('complaint', new Blob([JSON.stringify(submission({ confidentiality }))], { type: 'application/json' }));
      form.append('attachments', new Blob([bytes], { type: 'text/html' }), 'evil.html');
      const created = await intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: form, headers: { 'idempotency-key': newKey() } }));
      expect(created.status).to.equal(201);
      const { trackingId } = await created.json();
      for (const token of [TOKENS.disdukcapil, TOKENS.officer]) {
        const item = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(token))).json();
        const listed = (await (await request(intake, 'GET', '/v1/inbox', undefined, auth(token))).json()).items[0];
        const expected = token === TOKENS.officer || confidentiality === 'public' ? 'evil.pdf' : 'lampiran-1.pdf';
        expect(item.attachments[0].name, `${confidentiality}, item`).to.equal(expected);
        expect(listed.attachments[0].name, `${confidentiality}, list`).to.equal(expected);
        const download = await request(intake, 'GET', `/v1/inbox/${trackingId}/attachments/a1`, undefined, auth(token));
        expect(download.headers.get('content-disposition')).to.equal(`attachment; filename="${expected}"; filename*=UTF-8''${expected}`);
        expect(download.headers.get('content-type')).to.equal('application/pdf');
        expect(download.headers.get('x-content-type-options')).to.equal('nosniff');
        expect(download.headers.get('content-security-policy')).to.equal("sandbox; default-src 'none'");
      }
    }
  });

  it('shows a file in place with a ticket: inline, sandboxed, framed by this origin only, for two minutes, one file, no name', async () => {
    const intake = await createTestIntake();
    const bytes = new TextEncoder().encode('%PDF-1.4\n<html><script>document.title="pwned"</script></html>');
    const form = new FormData();
    form.set('complaint', new Blob([JSON.stringify(submission({ confidentiality: 'public' }))], { type: 'application/json' }));
    form.append('attachments', new Blob([bytes], { type: 'application/pdf' }), 'Surat Siti Aminah.pdf');
    form.append('attachments', new Blob([bytes], { type: 'application/pdf' }), 'kedua.pdf');
    const { trackingId } = await (await intake.handle(new Request('http://intake.test/v1/complaints', { method: 'POST', body: form, headers: { 'idempotency-key': newKey() } }))).json();
    const issue = (token: string | undefined, id = trackingId, attachment = 'a1') =>
      request(intake, 'POST', `/v1/inbox/${id}/attachments/${attachment}/view`, undefined, token ? auth(token) : {});
    expect((await issue(undefined)).status).to.equal(401);
    expect((await issue(TOKENS.rsud)).status, 'another agency').to.equal(404);
    expect((await issue(TOKENS.disdukcapil, trackingId, 'a9')).status).to.equal(404);
    const issued = await issue(TOKENS.disdukcapil, trackingId.toLowerCase().replace(/-/g, ' '));
    expect(issued.status).to.equal(200);
    expect(issued.headers.get('cache-control')).to.equal('no-store');
    const { ticket, expiresAt } = await issued.json();
    expect(expiresAt).to.equal('2026-11-02T03:02:00.000Z');
    const view = (path = `/v1/inbox/${trackingId}/attachments/a1?view=${encodeURIComponent(ticket)}`) => request(intake, 'GET', path);
    const shown = await view();
    expect(shown.status).to.equal(200);
    expect(new Uint8Array(await shown.arrayBuffer())).to.deep.equal(bytes);
    expect(shown.headers.get('content-type')).to.equal('application/pdf');
    // The neutral name even of a public complaint: the URL is not tied to a reader.
    expect(shown.headers.get('content-disposition')).to.equal(`inline; filename="lampiran-1.pdf"; filename*=UTF-8''lampiran-1.pdf`);
    expect(shown.headers.get('content-security-policy')).to.equal("sandbox; default-src 'none'; frame-ancestors 'self'");
    expect(shown.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
    expect(shown.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(shown.headers.get('cache-control')).to.equal('no-store');
    // The ticket is for that file only, untouched, and only until it expires.
    expect((await view(`/v1/inbox/${trackingId}/attachments/a2?view=${encodeURIComponent(ticket)}`)).status).to.equal(404);
    expect((await view(`/v1/inbox/${trackingId}/attachments/a1?view=${encodeURIComponent(ticket.replace(/.$/, (last: string) => (last === 'A' ? 'B' : 'A')))}`)).status).to.equal(404);
    expect((await view(`/v1/inbox/${trackingId}/attachments/a1?view=${encodeURIComponent(ticket.replace(/^\d+/, '9999999999'))}`)).status).to.equal(404);
    expect((await view(`/v1/inbox/${trackingId}/attachments/a1?view=`)).status).to.equal(404);
    intake.clock.now = new Date('2026-11-02T03:02:00.000Z');
    expect((await view()).status).to.equal(200);
    intake.clock.now = new Date('2026-11-02T03:02:00.001Z');
    expect((await view()).status).to.equal(404);
  });

  it('answers 404, not 500, to a path with broken percent-encoding', async () => {
    const intake = await createTestIntake();
    for (const path of ['/v1/inbox/%E0%A4%A', '/v1/complaints/%E0%A4%A', '/v1/inbox/%ZZ/attachments/a1', '/open311/v2/requests/%E0%A4%A.json']) {
      const response = await request(intake, 'GET', path, undefined, auth(TOKENS.disdukcapil));
      expect(response.status, path).to.equal(404);
    }
  });
});

describe('redaction: canaries in anonymous and secret complaints', () => {
  for (const confidentiality of ['anonymous', 'secret'] as const) {
    it(`never shows a ${confidentiality} reporter in public views, the agency's inbox, Open311 or the log`, async () => {
      const intake = await createTestIntake();
      const canaries = {
        name: `Canary Name ${confidentiality} Q7`,
        email: `canary.${confidentiality}.q7@example.id`,
        phone: '+6281399887766',
        address: `Jalan Canary ${confidentiality} 77`,
        idNumber: '1871999988887777',
      };
      const { trackingId } = await submitOk(intake, submission({ confidentiality, reporter: canaries }));
      await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to: 'verified', note: 'Lengkap' }, auth(TOKENS.disdukcapil));
      const bodies = await Promise.all(
        [
          request(intake, 'GET', `/v1/complaints/${trackingId}`),
          request(intake, 'GET', '/v1/inbox', undefined, auth(TOKENS.disdukcapil)),
          request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.disdukcapil)),
          request(intake, 'GET', '/open311/v2/requests.json'),
          request(intake, 'GET', `/open311/v2/requests.json?service_request_id=${trackingId}`),
          request(intake, 'GET', `/open311/v2/requests/${trackingId}.json`),
        ].map(async (response) => new Uint8Array(await (await response).arrayBuffer())),
      );
      const raw = [...bodies.map((bytes) => new TextDecoder().decode(bytes)), JSON.stringify(intake.logs)].join('\n');
      expect(raw).to.include(trackingId);
      for (const value of [...Object.values(canaries), '81399887766', 'Canary']) {
        expect(raw, value).to.not.include(value);
      }
      const listed = await (await request(intake, 'GET', '/open311/v2/requests.json')).json();
      expect(listed.length).to.equal(confidentiality === 'secret' ? 0 : 1);
    });
  }
});

describe('Open311 and the free text of complaints', () => {
  const canaryText = (confidentiality: string) => ({
    description: `Saya Canary ${confidentiality} Rahmat dari RT 07 menunggu akta kelahiran sejak lama sekali.`,
    incident: { date: '2026-10-01', place: `Rumah Canary ${confidentiality} di Gang Mawar 3` },
  });
  const open311Answers = async (intake: Awaited<ReturnType<typeof createTestIntake>>, trackingId: string) =>
    (
      await Promise.all(
        [
          request(intake, 'GET', '/open311/v2/requests.json'),
          request(intake, 'GET', `/open311/v2/requests.json?service_request_id=${trackingId}`),
          request(intake, 'GET', `/open311/v2/requests/${trackingId}.json`),
        ].map(async (response) => (await response).text()),
      )
    ).join('\n');

  for (const confidentiality of ['anonymous', 'secret'] as const) {
    it(`shows no description or place of a ${confidentiality} complaint in any Open311 answer`, async () => {
      const intake = await createTestIntake();
      const { trackingId } = await submitOk(intake, submission({ confidentiality, ...canaryText(confidentiality) }));
      const raw = await open311Answers(intake, trackingId);
      expect(raw).to.include(trackingId.slice(0, 8));
      expect(raw).to.not.include('Canary');
    });
  }

  it('shows the free text of public complaints, and of anonymous ones only when the policy says so (never of secret ones)', async () => {
    const intake = await createTestIntake({ policy: createPolicy({ open311ShowsAnonymousText: true }) });
    for (const confidentiality of ['public', 'anonymous', 'secret'] as const) {
      const { trackingId } = await submitOk(intake, submission({ confidentiality, ...canaryText(confidentiality) }));
      const [shown] = await (await request(intake, 'GET', `/open311/v2/requests/${trackingId}.json`)).json();
      expect(String(shown.description).includes('Canary'), confidentiality).to.equal(confidentiality !== 'secret');
      expect(String(shown.address).includes('Canary'), confidentiality).to.equal(confidentiality !== 'secret');
    }
  });
});
