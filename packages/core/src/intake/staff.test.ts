/**
 * The officer's tools (issue 11): internal notes that never leave staff, assignment to an officer
 * of the handling agency, and a history that names who made each change to staff and only the role
 * in public.
 */
import { describe, expect, it } from 'vitest';
import { createTestIntake, request, submission, submitOk, TOKENS } from '../test-support/fixtures.js';
import type { TestIntake } from '../test-support/fixtures.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (intake: TestIntake, path: string, body: unknown, token: string) => request(intake, 'POST', path, body, auth(token));

describe('internal notes', () => {
  it('are read by staff of the agencies that may see the complaint, and never reach the public status or Open311', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake, submission({ confidentiality: 'public' }));
    const canary = 'CANARY-NOTE: pelapor pernah melapor kasus serupa tahun lalu';
    const noted = await post(intake, `/v1/complaints/${trackingId}/notes`, { text: canary }, TOKENS.disdukcapil);
    expect(noted.status).to.equal(200);
    const item = await noted.json();
    expect(item.notes).to.deep.equal([{ at: '2026-11-02T03:00:00.000Z', author: 'Rina Marlina', text: canary }]);
    // Other staff of the agency and intake officers read it.
    for (const token of [TOKENS.staff, TOKENS.officer]) {
      const seen = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(token))).json();
      expect(seen.notes[0].text).to.equal(canary);
    }
    // Another agency cannot even see the complaint.
    expect((await post(intake, `/v1/complaints/${trackingId}/notes`, { text: 'x' }, TOKENS.rsud)).status).to.equal(404);
    const publicViews = await Promise.all(
      [`/v1/complaints/${trackingId}`, '/open311/v2/requests.json', `/open311/v2/requests/${trackingId}.json`].map(async (path) => (await request(intake, 'GET', path)).text()),
    );
    for (const text of publicViews) expect(text).to.not.include('CANARY-NOTE');
  });

  it('never reach the reporter: not their own view (Reporter key), nor any mail written to them', async () => {
    const intake = await createTestIntake({ secret: 's'.repeat(40), mail: { links: { statusPage: 'https://lapor.example.id/status', inbox: 'https://lapor.example.id/inbox', api: 'https://lapor.example.id' } } });
    const answer = (await submitOk(intake, submission({ confidentiality: 'public', emailUpdates: true, reporter: { name: 'Pelapor', email: 'pelapor@example.id' } }))) as { trackingId: string; reporterKey: string };
    const { trackingId, reporterKey } = answer;
    const canary = 'CANARY-NOTE-R: jangan diberitahukan ke pelapor';
    expect((await post(intake, `/v1/complaints/${trackingId}/notes`, { text: canary }, TOKENS.disdukcapil)).status).to.equal(200);
    // Changes that mail the reporter, each after the note.
    for (const [to, note] of [['needs_info', 'Mohon lampirkan nomor antrean.'], ['verified', 'Laporan diverifikasi.']] as const) {
      expect((await post(intake, `/v1/complaints/${trackingId}/transitions`, { to, note }, TOKENS.disdukcapil)).status).to.equal(200);
    }
    expect((await post(intake, `/v1/complaints/${trackingId}/notes`, { text: `${canary} (2)` }, TOKENS.staff)).status).to.equal(200);
    const own = await request(intake, 'GET', `/v1/complaints/${trackingId}`, undefined, { authorization: `Reporter ${reporterKey}` });
    expect(own.status).to.equal(200);
    const ownText = await own.text();
    expect(ownText, 'the reporter sees the request for information').to.include('Mohon lampirkan nomor antrean.');
    expect(ownText).to.not.include('CANARY-NOTE-R');
    const mails = await intake.store.claimNotifications({ now: '2099-01-01T00:00:00.000Z', limit: 100, leaseMs: 1 });
    const toReporter = mails.filter((mail) => mail.to === 'pelapor@example.id');
    expect(toReporter.map((mail) => mail.kind).length, 'the reporter was mailed').to.be.greaterThan(1);
    expect(JSON.stringify(mails)).to.not.include('CANARY-NOTE-R');
  });

  it('are refused when empty, too long or not text, naming the field', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const path = `/v1/complaints/${trackingId}/notes`;
    for (const [body, code] of [[{ text: '  ' }, 'required'], [{ text: 'x'.repeat(4001) }, 'too_long'], [{ text: 'a \ud800' }, 'invalid_text'], [{ text: 5 }, 'invalid_type'], [{ note: 'x' }, 'unknown_field']] as const) {
      const response = await request(intake, 'POST', path, body, { ...auth(TOKENS.disdukcapil), 'accept-language': 'en' });
      expect(response.status, JSON.stringify(body)).to.equal(422);
      expect((await response.json()).errors.map((error: { code: string }) => error.code)).to.include(code);
    }
  });

  it('after an escalation, come from the agency reported only when the handling agency allows it', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    for (const to of ['verified', 'forwarded', 'escalated']) await post(intake, `/v1/complaints/${trackingId}/transitions`, { to }, TOKENS.disdukcapil);
    const note = () => post(intake, `/v1/complaints/${trackingId}/notes`, { text: 'Tanggapan Disdukcapil atas laporan ini.' }, TOKENS.disdukcapil);
    expect((await note()).status).to.equal(403);
    // The agency reported cannot open the door for itself.
    expect((await post(intake, `/v1/complaints/${trackingId}/access`, { reportedAgencyNotes: true }, TOKENS.disdukcapil)).status).to.equal(403);
    const allowed = await post(intake, `/v1/complaints/${trackingId}/access`, { reportedAgencyNotes: true }, TOKENS.inspektorat);
    expect(allowed.status).to.equal(200);
    expect((await allowed.json()).reportedAgencyNotes).to.equal(true);
    expect((await note()).status).to.equal(200);
    // Still no transition for the agency reported.
    expect((await post(intake, `/v1/complaints/${trackingId}/transitions`, { to: 'resolved' }, TOKENS.disdukcapil)).status).to.equal(403);
  });
});

describe('assignment', () => {
  it('goes to an officer of the handling agency, shows in the list, the history (staff only) and the "assigned to me" filter', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const assigned = await post(intake, `/v1/complaints/${trackingId}/assignment`, { officerId: 'off-disdukcapil' }, TOKENS.disdukcapil);
    expect(assigned.status).to.equal(200);
    const item = await assigned.json();
    expect(item.assignee).to.deep.equal({ id: 'off-disdukcapil', name: 'Andi Saputra' });
    expect(item.history.at(-1)).to.include({ kind: 'assignment', assigneeId: 'off-disdukcapil', actorName: 'Rina Marlina', status: 'received' });
    const mine = await (await request(intake, 'GET', '/v1/inbox?assignee=me', undefined, auth(TOKENS.staff))).json();
    expect(mine.items.map((entry: { trackingId: string }) => entry.trackingId)).to.deep.equal([trackingId]);
    expect((await (await request(intake, 'GET', '/v1/inbox?assignee=none', undefined, auth(TOKENS.disdukcapil))).json()).total).to.equal(0);
    // The public history has no assignment.
    const status = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).json();
    expect(status.history.map((entry: { status: string }) => entry.status)).to.deep.equal(['received']);
    // Unassigned again.
    const cleared = await (await post(intake, `/v1/complaints/${trackingId}/assignment`, { officerId: null }, TOKENS.disdukcapil)).json();
    expect(cleared.assignee).to.equal(null);
  });

  it('refuses an officer of another agency (422), and officers may not assign (403)', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const other = await request(intake, 'POST', `/v1/complaints/${trackingId}/assignment`, { officerId: 'off-inspektorat' }, { ...auth(TOKENS.disdukcapil), 'accept-language': 'en' });
    expect(other.status).to.equal(422);
    expect((await other.json()).errors).to.deep.equal([{ path: 'officerId', code: 'invalid_choice', message: 'Officer must be one of the options offered.' }]);
    expect((await post(intake, `/v1/complaints/${trackingId}/assignment`, { officerId: 'off-disdukcapil' }, TOKENS.staff)).status).to.equal(403);
    const item = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.staff))).json();
    expect(item.may).to.deep.equal({ note: true, assign: false, setNoteAccess: false });
    expect(item.allowedTransitions).to.include('verified');
  });
});

describe('who made each change', () => {
  it('is named to staff, and only a role in public', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    await post(intake, `/v1/complaints/${trackingId}/transitions`, { to: 'verified', note: 'Lengkap.' }, TOKENS.disdukcapil);
    await post(intake, `/v1/complaints/${trackingId}/transitions`, { to: 'in_progress' }, TOKENS.officer);
    const item = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.disdukcapil))).json();
    expect(item.history.map((entry: { actorName: string; by: string }) => [entry.actorName, entry.by])).to.deep.equal([
      ['sistem', 'sistem'],
      ['Rina Marlina', 'petugas Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung'],
      ['Petugas Penerimaan', 'petugas Ombudsman RI Perwakilan Provinsi Lampung'],
    ]);
    // Roles speak the request's language, in the item and in the list.
    const english = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, { ...auth(TOKENS.disdukcapil), 'accept-language': 'en' })).json();
    expect(english.history[0].actorName).to.equal('the system');
    const listed = await (await request(intake, 'GET', '/v1/inbox', undefined, { ...auth(TOKENS.disdukcapil), 'accept-language': 'en' })).json();
    expect(listed.items[0].history[1].by).to.equal('staff of Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    const status = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`, undefined, { 'accept-language': 'en' })).json();
    expect(status.history.map((entry: { by: string }) => entry.by)).to.deep.equal(['the system', 'staff of Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung', 'staff of Ombudsman RI Perwakilan Provinsi Lampung']);
    expect(JSON.stringify(status)).to.not.include('Rina');
  });
});

describe('GET /v1/inbox parameters', () => {
  it('refuses each unusable parameter with 400, naming it, in the caller\'s language', async () => {
    const intake = await createTestIntake();
    await submitOk(intake);
    const cases = [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=2.5', 'limit'],
      ['sort=title', 'sort'],
      ['status=open', 'status'],
      ['category=unknown', 'category'],
      ['kind=x', 'kind'],
      ['overdue=yes', 'overdue'],
      ['from=2026-02-30', 'from'],
      ['to=05-11-2026', 'to'],
      ['cursor=not-a-cursor', 'cursor'],
    ] as const;
    for (const [query, field] of cases) {
      const response = await request(intake, 'GET', `/v1/inbox?${query}`, undefined, { ...auth(TOKENS.disdukcapil), 'accept-language': 'en' });
      expect(response.status, query).to.equal(400);
      const body = await response.json();
      expect(body.code, query).to.equal('invalid_query');
      expect(body.errors.map((error: { path: string }) => error.path), query).to.deep.equal([field]);
      expect(body.errors[0].message, query).to.be.a('string').and.not.equal('');
    }
    const indonesian = await (await request(intake, 'GET', '/v1/inbox?limit=0', undefined, { ...auth(TOKENS.disdukcapil), 'accept-language': 'id' })).json();
    const english = await (await request(intake, 'GET', '/v1/inbox?limit=0', undefined, { ...auth(TOKENS.disdukcapil), 'accept-language': 'en' })).json();
    expect(indonesian.errors[0].message).to.not.equal(english.errors[0].message);
    // The edges are accepted.
    for (const query of ['limit=1', 'limit=500', 'sort=received', 'sort=-received', 'overdue=true', 'from=2026-11-01&to=2026-11-30']) {
      expect((await request(intake, 'GET', `/v1/inbox?${query}`, undefined, auth(TOKENS.disdukcapil))).status, query).to.equal(200);
    }
  });
});

describe('GET /v1/officers', () => {
  it('lists whom the caller may assign to: the focal points and officers of their agencies, names and positions only', async () => {
    const intake = await createTestIntake();
    const list = async (token: string) => {
      const response = await request(intake, 'GET', '/v1/officers', undefined, auth(token));
      expect(response.status).to.equal(200);
      return ((await response.json()) as { officers: { id: string; agencyId: string }[] }).officers;
    };
    expect(await list(TOKENS.disdukcapil)).to.deep.equal([
      { id: 'fp-disdukcapil', name: 'Rina Marlina', position: 'Kepala Seksi Pengaduan', agencyId: 'disdukcapil-bandar-lampung', role: 'focal_point' },
      { id: 'off-disdukcapil', name: 'Andi Saputra', position: 'Staf Pengaduan', agencyId: 'disdukcapil-bandar-lampung', role: 'officer' },
    ]);
    // Officers see the same list (they cannot assign, but they see who handles what).
    expect((await list(TOKENS.staff)).map((person) => person.id)).to.deep.equal(['fp-disdukcapil', 'off-disdukcapil']);
    // An intake officer of every agency: everyone, agency by agency.
    expect((await list(TOKENS.officer)).map((person) => person.id)).to.deep.equal(['fp-inspektorat', 'off-inspektorat', 'fp-disdukcapil', 'off-disdukcapil']);
    expect(JSON.stringify(await list(TOKENS.officer))).to.not.include('@');
    // An agency with nobody in the directory; a supervisor, who assigns nothing.
    expect(await list(TOKENS.rsud)).to.deep.equal([]);
    expect(await list(TOKENS.supervisor)).to.deep.equal([]);
    expect((await request(intake, 'GET', '/v1/officers')).status).to.equal(401);
    expect((await request(intake, 'POST', '/v1/officers', {}, auth(TOKENS.disdukcapil))).status).to.equal(405);
  });

  it('leaves out focal points whose active period is over', async () => {
    const intake = await createTestIntake();
    intake.clock.now = new Date('2025-06-01T03:00:00Z');
    const response = await request(intake, 'GET', '/v1/officers', undefined, auth(TOKENS.disdukcapil));
    expect(((await response.json()) as { officers: { id: string }[] }).officers.map((person) => person.id)).to.deep.equal(['off-disdukcapil']);
  });
});
