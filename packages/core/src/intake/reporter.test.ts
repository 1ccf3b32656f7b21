/**
 * The citizen's side of the conversation (issue 12): the reporter key, their own view, and replies,
 * disputes, ratings and withdrawals, each idempotent under retry.
 */
import { describe, expect, it } from 'vitest';
import { newKey, request, submission, submitOk, TOKENS, createTestIntake } from '../test-support/fixtures.js';
import type { TestIntake } from '../test-support/fixtures.js';

const staff = (token: string) => ({ authorization: `Bearer ${token}` });
const reporter = (key: string) => ({ authorization: `Reporter ${key}` });

async function filed(intake: TestIntake, overrides: Record<string, unknown> = {}) {
  const answer = (await submitOk(intake, submission(overrides))) as { trackingId: string; reporterKey: string };
  return { trackingId: answer.trackingId, key: answer.reporterKey };
}

const move = (intake: TestIntake, trackingId: string, to: string, note = '') =>
  request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to, ...(note ? { note } : {}) }, staff(TOKENS.disdukcapil));

const act = (intake: TestIntake, trackingId: string, key: string, action: string, body: unknown, idempotencyKey = newKey(), extra: Record<string, string> = {}) =>
  request(intake, 'POST', `/v1/complaints/${trackingId}/${action}`, body, { ...reporter(key), 'idempotency-key': idempotencyKey, ...extra });

describe('the reporter key', () => {
  it('comes once with the answer, again with a replay, and is never stored', async () => {
    const intake = await createTestIntake({ secret: 'x'.repeat(32) });
    const idempotencyKey = newKey();
    const first = await (await request(intake, 'POST', '/v1/complaints', submission(), { 'idempotency-key': idempotencyKey })).json();
    const replay = await (await request(intake, 'POST', '/v1/complaints', submission(), { 'idempotency-key': idempotencyKey })).json();
    expect(first.reporterKey).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(replay.reporterKey).to.equal(first.reporterKey);
    const stored = JSON.stringify([await intake.store.get(first.trackingId), await intake.store.findByIdempotencyKey(idempotencyKey)]);
    expect(stored).to.not.include(first.reporterKey);
    // Another intake with the same secret derives the same key; another secret, another key.
    const same = await createTestIntake({ secret: 'x'.repeat(32), store: intake.store });
    expect((await request(same, 'GET', `/v1/complaints/${first.trackingId}`, undefined, reporter(first.reporterKey))).status).to.equal(200);
    const other = await createTestIntake({ secret: 'y'.repeat(32), store: intake.store });
    expect((await request(other, 'GET', `/v1/complaints/${first.trackingId}`, undefined, reporter(first.reporterKey))).status).to.equal(404);
  });

  it('opens the own view; a wrong key is a 404 exactly like a number that does not exist', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    const own = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`, undefined, reporter(key))).json();
    expect(own.own.submission.title).to.equal('KTP-el tidak kunjung terbit');
    expect(own.own.submission.reporter.name).to.equal('Siti Aminah');
    expect(own.own.actions).to.deep.equal({ reply: false, dispute: null, rate: false, withdraw: true });
    const wrongKey = await request(intake, 'GET', `/v1/complaints/${trackingId}`, undefined, reporter(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`));
    const noSuchNumber = await request(intake, 'GET', '/v1/complaints/NH-0000-0000-0000-0', undefined, reporter(key));
    expect(wrongKey.status).to.equal(404);
    expect(noSuchNumber.status).to.equal(404);
    const [a, b] = [await wrongKey.json(), await noSuchNumber.json()];
    expect({ ...a, detail: '' }).to.deep.equal({ ...b, detail: '' });
    // Without a key the public status shows nothing of it.
    const plain = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).json();
    expect(plain.own).to.equal(undefined);
    // An action without a key is 401; with a wrong key 404, as for a number that does not exist.
    expect((await request(intake, 'POST', `/v1/complaints/${trackingId}/withdrawal`, { reason: 'x' }, { 'idempotency-key': newKey() })).status).to.equal(401);
    expect((await act(intake, trackingId, 'A'.repeat(43), 'withdrawal', { reason: 'Sudah selesai sendiri.' })).status).to.equal(404);
  });

  it('cannot be guessed: after 60 keys from one client in ten minutes, 429', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await filed(intake);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 62; attempt++) {
      const response = await intake.handle(new Request(`http://intake.test/v1/complaints/${trackingId}`, { headers: reporter(`guess${attempt}`.padEnd(43, 'x')) }), { clientAddress: '203.0.113.9' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 60).every((status) => status === 404)).to.equal(true);
    expect(statuses.slice(60)).to.deep.equal([429, 429]);
  });
});

describe('the reporter answers a request for information', () => {
  it('leaves needs_info for where it was asked, resumes the clock, and the focal point sees the answer', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    const before = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).json();
    await move(intake, trackingId, 'needs_info', 'Mohon kirim foto bukti pengambilan nomor antrean.');
    intake.clock.now = new Date('2026-11-04T03:00:00Z');
    const own = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`, undefined, reporter(key))).json();
    expect(own.own.requests).to.deep.equal([{ at: '2026-11-02T03:00:00.000Z', text: 'Mohon kirim foto bukti pengambilan nomor antrean.', answered: false }]);
    expect(own.own.actions.reply).to.equal(true);
    // The first look after the request is recorded: it reached the reporter.
    expect((await intake.store.get(trackingId))?.reporterSeenAt).to.equal('2026-11-04T03:00:00.000Z');

    const form = new FormData();
    form.set('reply', new Blob([JSON.stringify({ text: 'Foto bukti antrean terlampir.' })], { type: 'application/json' }));
    form.append('attachments', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])]), 'antrean.png');
    const replied = await intake.handle(new Request(`http://intake.test/v1/complaints/${trackingId}/replies`, { method: 'POST', body: form, headers: { ...reporter(key), 'idempotency-key': newKey() } }));
    expect(replied.status).to.equal(200);
    const after = await replied.json();
    expect(after.status).to.equal('received');
    expect(after.history.at(-1)).to.deep.include({ status: 'received', by: 'pelapor', note: '' });
    expect(after.own.requests[0].answered).to.equal(true);
    expect(after.own.replies[0]).to.deep.include({ text: 'Foto bukti antrean terlampir.' });
    expect(after.own.replies[0].attachments[0]).to.include({ id: 'a1', name: 'antrean.png', type: 'image/png' });
    // Two working days in needs_info push the verify deadline by two working days: Thursday to Monday.
    expect(before.deadlines.verifyBy).to.equal('2026-11-05T16:59:59.999Z');
    expect(after.deadlines.verifyBy).to.equal('2026-11-09T16:59:59.999Z');
    const item = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, staff(TOKENS.disdukcapil))).json();
    expect(item.replies[0].text).to.equal('Foto bukti antrean terlampir.');
    expect(item.replies[0].attachments[0].name).to.equal('lampiran-1.png');
    expect((await request(intake, 'GET', `/v1/inbox/${trackingId}/attachments/a1`, undefined, staff(TOKENS.disdukcapil))).status).to.equal(200);
    // The public status shows the step, never the answer.
    expect(await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).text()).to.not.include('Foto bukti');
  });

  it('goes back to in_progress when asked during the work, and is refused (409) when nothing was asked', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    expect((await act(intake, trackingId, key, 'replies', { text: 'Tambahan.' })).status).to.equal(409);
    for (const to of ['verified', 'in_progress', 'needs_info']) await move(intake, trackingId, to);
    const replied = await (await act(intake, trackingId, key, 'replies', { text: 'Ini jawabannya.' })).json();
    expect(replied.status).to.equal('in_progress');
  });
});

describe('disputes, ratings and withdrawals', () => {
  it('a dispute within 14 days reopens the complaint; after it, 409', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    for (const to of ['verified', 'in_progress', 'resolved']) await move(intake, trackingId, to, to === 'resolved' ? 'KTP-el sudah dicetak.' : '');
    const own = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`, undefined, reporter(key))).json();
    expect(own.own.actions).to.deep.equal({ reply: false, dispute: { until: '2026-11-16T03:00:00.000Z' }, rate: true, withdraw: false });
    intake.clock.now = new Date('2026-11-10T03:00:00Z');
    const disputed = await (await act(intake, trackingId, key, 'disputes', { reason: 'KTP-el belum saya terima.' })).json();
    expect(disputed.status).to.equal('in_progress');
    expect(disputed.own.disputes).to.deep.equal([{ at: '2026-11-10T03:00:00.000Z', reason: 'KTP-el belum saya terima.' }]);
    // Disputed: the status page says where the reporter may turn next.
    expect(disputed.nextSteps.map((step: { agency: { id: string } }) => step.agency.id)).to.deep.equal(['inspektorat-bandar-lampung', 'ombudsman-lampung']);
    expect(disputed.nextSteps[0].contact).to.deep.equal({ name: 'Yusuf Hidayat', position: 'Inspektur Pembantu', email: 'irban3@inspektorat.example.id', phone: '+6272100001' });
    await move(intake, trackingId, 'resolved', 'Sudah diserahkan.');
    intake.clock.now = new Date('2026-11-30T03:00:00Z');
    expect((await act(intake, trackingId, key, 'disputes', { reason: 'Masih belum.' })).status).to.equal(409);
  });

  it('a rating is taken once after resolved or closed, scores 1 to 4', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    const scores = { speed: 3, clarity: 4, conduct: 4, outcome: 2 };
    expect((await act(intake, trackingId, key, 'rating', { scores })).status).to.equal(409);
    for (const to of ['verified', 'in_progress', 'resolved']) await move(intake, trackingId, to);
    const bad = await act(intake, trackingId, key, 'rating', { scores: { speed: 5, clarity: 0, conduct: 2.5, extra: 1 } }, newKey(), { 'accept-language': 'en' });
    expect(bad.status).to.equal(422);
    expect((await bad.json()).errors.map((error: { path: string }) => error.path).sort()).to.deep.equal(['scores.clarity', 'scores.conduct', 'scores.extra', 'scores.outcome', 'scores.speed']);
    const rated = await (await act(intake, trackingId, key, 'rating', { scores, comment: 'Cepat, tapi hasilnya kurang.' })).json();
    expect(rated.own.rating).to.deep.include({ scores, comment: 'Cepat, tapi hasilnya kurang.' });
    expect(rated.status).to.equal('resolved');
    expect((await act(intake, trackingId, key, 'rating', { scores })).status).to.equal(409);
  });

  it('a withdrawal before resolved rejects the complaint as withdrawn', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    const withdrawn = await (await act(intake, trackingId, key, 'withdrawal', { reason: 'Sudah diselesaikan di loket.' })).json();
    expect(withdrawn.status).to.equal('rejected');
    expect(withdrawn.history.at(-1)).to.include({ status: 'rejected', by: 'pelapor' });
    expect((await intake.store.get(trackingId))?.history.at(-1)).to.include({ reason: 'withdrawn', kind: 'withdrawal', actor: 'reporter' });
    expect((await act(intake, trackingId, key, 'withdrawal', { reason: 'Lagi.' })).status).to.equal(409);
  });

  it('every action is idempotent: a retry gets the first answer, the same key with another body 409', async () => {
    const intake = await createTestIntake();
    const { trackingId, key } = await filed(intake);
    const idempotencyKey = newKey();
    const [first, second] = await Promise.all([
      act(intake, trackingId, key, 'withdrawal', { reason: 'Sudah beres.' }, idempotencyKey),
      act(intake, trackingId, key, 'withdrawal', { reason: 'Sudah beres.' }, idempotencyKey),
    ]);
    expect([first.status, second.status]).to.deep.equal([200, 200]);
    const bodies = [await first.json(), await second.json()];
    expect(bodies[0]).to.deep.equal(bodies[1]);
    expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')]).to.include('true');
    const later = await act(intake, trackingId, key, 'withdrawal', { reason: 'Sudah beres.' }, idempotencyKey);
    expect(later.status).to.equal(200);
    expect((await intake.store.get(trackingId))?.history.filter((entry) => entry.kind === 'withdrawal').length).to.equal(1);
    expect((await act(intake, trackingId, key, 'withdrawal', { reason: 'Lain.' }, idempotencyKey)).status).to.equal(409);
    expect((await request(intake, 'POST', `/v1/complaints/${trackingId}/withdrawal`, { reason: 'x' }, reporter(key))).status).to.equal(400);
  });
});

describe('when a complaint is overdue', () => {
  it('the status page says where the reporter may turn next, with the contact the directory gives', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await filed(intake);
    intake.clock.now = new Date('2026-11-10T03:00:00Z');
    const status = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).json();
    expect(status.overdue).to.equal(true);
    expect(status.nextSteps.map((step: { agency: { kind: string } }) => step.agency.kind)).to.deep.equal(['inspectorate', 'ombudsman']);
  });
});
