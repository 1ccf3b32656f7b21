/**
 * What mails each change writes to the outbox (issue 12), read back from the store's outbox: to
 * whom, in which language, saying what; agency mails without anything of the reporter; keys only as
 * placeholders the sender fills in.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxNotification } from '../store.js';
import { createReporterKeys } from './reporter-keys.js';
import { fillSecrets, REPORTER_KEY_PLACEHOLDER } from './notifications.js';
import { createTestIntake, newKey, request, submission, submitOk, TOKENS } from '../test-support/fixtures.js';
import type { TestIntake } from '../test-support/fixtures.js';

const links = { statusPage: 'https://lapor.example.id/status', inbox: 'https://lapor.example.id/inbox', api: 'https://lapor.example.id' };
const SECRET = 's'.repeat(40);
const staff = (token: string) => ({ authorization: `Bearer ${token}` });

async function outbox(intake: TestIntake): Promise<OutboxNotification[]> {
  const mails = await intake.store.claimNotifications({ now: '2099-01-01T00:00:00.000Z', limit: 100, leaseMs: 1 });
  for (const mail of mails) await intake.store.settleNotification(mail.id, { sent: true, at: '2099-01-01T00:00:00.000Z' });
  return mails;
}

const canaries = { name: 'Canary Reporter Q9', email: 'canary.q9@example.id', phone: '+6281377665544', address: 'Jalan Canary 9', idNumber: '1871999988881234' };

describe('notifications', () => {
  it('a new complaint: a receipt to the reporter who asked for updates, an alert without their identity to its focal point', async () => {
    const intake = await createTestIntake({ secret: SECRET, mail: { links } });
    const { trackingId } = await submitOk(intake, submission({ reporter: canaries, emailUpdates: true, locale: 'en', confidentiality: 'anonymous' }));
    const mails = await outbox(intake);
    expect(mails.map((mail) => [mail.id, mail.kind, mail.to]).sort()).to.deep.equal([
      [`${trackingId}:0:reporter`, 'receipt', 'canary.q9@example.id'],
      [`${trackingId}:0:staff:fp-disdukcapil`, 'new_complaint', 'pengaduan@disdukcapil.example.id'],
    ]);
    const receipt = mails.find((mail) => mail.kind === 'receipt')!;
    expect(receipt.subject).to.equal(`Your report was received: ${trackingId}`);
    expect(receipt.text).to.include('It will be verified by 5 November 2026');
    expect(receipt.text).to.include(`https://lapor.example.id/status?tracking=${trackingId}#key=${REPORTER_KEY_PLACEHOLDER}`);
    expect(receipt.headers?.['List-Unsubscribe']).to.include('/unsubscribe?token={{unsubscribeToken}}');
    expect(receipt.html).to.include('<a href="https://lapor.example.id/status?tracking=');
    const alert = mails.find((mail) => mail.kind === 'new_complaint')!;
    expect(alert.subject).to.equal(`Laporan baru ${trackingId} untuk Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung`);
    expect(alert.text).to.include(`https://lapor.example.id/inbox?complaint=${trackingId}`);
    for (const value of [...Object.values(canaries), '81377665544', 'Canary', 'KTP-el tidak kunjung terbit']) {
      expect(`${alert.subject}\n${alert.text}\n${alert.html}`, value).to.not.include(value);
    }
    // The reporter's key is never in the outbox; the sender fills it in.
    const key = await createReporterKeys(SECRET).reporterKey(trackingId);
    expect(JSON.stringify(mails)).to.not.include(key);
    const sent = fillSecrets(receipt, { reporterKey: key, unsubscribeToken: 'tok' });
    expect(sent.text).to.include(`#key=${key}`);
    expect(sent.headers?.['List-Unsubscribe']).to.include('token=tok');
  });

  it('no mail to a reporter who did not ask for updates, and none at all when mail is off', async () => {
    const quiet = await createTestIntake({ mail: { links } });
    await submitOk(quiet, submission({ emailUpdates: false }));
    expect((await outbox(quiet)).map((mail) => mail.kind)).to.deep.equal(['new_complaint']);
    const off = await createTestIntake();
    await submitOk(off, submission({ emailUpdates: true }));
    expect(await outbox(off)).to.deep.equal([]);
  });

  it('each public change mails the reporter: the request, the status with its note, the resolution with the invitation', async () => {
    const intake = await createTestIntake({ mail: { links } });
    const { trackingId } = await submitOk(intake, submission({ emailUpdates: true }));
    await outbox(intake);
    const move = (to: string, note = '') => request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to, note }, staff(TOKENS.disdukcapil));
    await move('needs_info', 'Mohon lampirkan foto bukti antrean.');
    const [asked] = await outbox(intake);
    expect(asked).to.include({ kind: 'info_request', subject: `Permintaan informasi untuk laporan ${trackingId}` });
    expect(asked!.text).to.include('Mohon lampirkan foto bukti antrean.');
    await request(intake, 'POST', `/v1/complaints/${trackingId}/assignment`, { officerId: 'off-disdukcapil' }, staff(TOKENS.disdukcapil));
    expect(await outbox(intake), 'assignments mail nobody').to.deep.equal([]);
    await move('verified', 'Berkas lengkap.');
    const [status] = await outbox(intake);
    expect(status).to.include({ kind: 'status', subject: `Status laporan ${trackingId}: Terverifikasi` });
    expect(status!.text).to.include('Catatan dari petugas: Berkas lengkap.');
    await move('in_progress');
    await outbox(intake);
    await move('resolved', 'KTP-el sudah dicetak.');
    const [resolved] = await outbox(intake);
    expect(resolved).to.include({ kind: 'resolved' });
    expect(resolved!.text).to.include('sampai 16 November 2026');
  });

  it('an escalation goes to the inspectorate\'s focal point; a reply and a dispute to the staff handling it', async () => {
    const intake = await createTestIntake({ mail: { links } });
    const answer = (await submitOk(intake, submission({ reporter: canaries }))) as { trackingId: string; reporterKey: string };
    const { trackingId, reporterKey } = answer;
    await outbox(intake);
    for (const to of ['verified', 'forwarded', 'escalated']) await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to }, staff(TOKENS.disdukcapil));
    const escalation = (await outbox(intake)).filter((mail) => mail.kind === 'escalation');
    expect(escalation.map((mail) => mail.to)).to.deep.equal(['irban3@inspektorat.example.id']);
    await request(intake, 'POST', `/v1/complaints/${trackingId}/assignment`, { officerId: 'off-inspektorat' }, staff(TOKENS.inspektorat));
    for (const to of ['in_progress', 'needs_info']) await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to, note: 'Kapan terakhir datang ke loket?' }, staff(TOKENS.inspektorat));
    await outbox(intake);
    await request(intake, 'POST', `/v1/complaints/${trackingId}/replies`, { text: `Tanggal 3, ${canaries.name}` }, { authorization: `Reporter ${reporterKey}`, 'idempotency-key': newKey() });
    const replies = await outbox(intake);
    expect(replies.map((mail) => [mail.kind, mail.to]).sort()).to.deep.equal([
      ['citizen_reply', 'irban3@inspektorat.example.id'],
      ['citizen_reply', 'maya@inspektorat.example.id'],
    ]);
    for (const mail of replies) for (const value of Object.values(canaries)) expect(mail.text).to.not.include(value);
  });

  it('the unsubscribe link asks first (GET), then stops the mails (POST), and refuses a wrong token', async () => {
    const intake = await createTestIntake({ secret: SECRET, mail: { links } });
    const { trackingId } = await submitOk(intake, submission({ emailUpdates: true }));
    const token = await createReporterKeys(SECRET).unsubscribeToken(trackingId);
    const page = await request(intake, 'GET', `/v1/complaints/${trackingId}/unsubscribe?token=${token}`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(await page.text()).to.include('<form method="post"');
    expect((await intake.store.get(trackingId))?.submission.emailUpdates).to.equal(true);
    expect((await request(intake, 'POST', `/v1/complaints/${trackingId}/unsubscribe?token=nope`)).status).to.equal(404);
    const done = await request(intake, 'POST', `/v1/complaints/${trackingId}/unsubscribe?token=${token}`, 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(done.status).to.equal(200);
    expect((await intake.store.get(trackingId))?.submission.emailUpdates).to.equal(false);
    await outbox(intake);
    await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to: 'verified' }, staff(TOKENS.disdukcapil));
    expect((await outbox(intake)).filter((mail) => mail.kind === 'status')).to.deep.equal([]);
  });
});
