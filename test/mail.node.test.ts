// Notifications by email against the built server process and a real SMTP server in this process
// (issue 12): mails arrive with the right text in both languages, carry a personal link that works,
// hold nothing of an anonymous reporter when they go to an agency, and survive a SIGKILL during a
// burst of changes: none lost, no Message-ID for two different mails. On the SQLite file and on
// PostgreSQL (a throwaway cluster): the outbox is each store's.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '@narahubung/core';
import { startSmtpServer } from './e2e/smtp.js';
import type { ReceivedMail, TestSmtpServer } from './e2e/smtp.js';
import { startPostgres } from './e2e/postgres.js';
import type { PostgresCluster } from './e2e/postgres.js';
import { startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

const FROM = 'Layanan Pengaduan <pengaduan@lapor.example.id>';
const PUBLIC_URL = 'https://lapor.example.id';
const FOCAL_POINT_MAIL = 'narahubung@disdukcapil-bandarlampung.example.id';

let idempotency = 0;
const key = () => `mail-test-${process.pid}-${(idempotency += 1)}`;

function complaint(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'Akta kelahiran belum terbit',
    description: 'Saya mengurus akta kelahiran anak sejak dua bulan lalu dan belum ada kabar dari petugas.',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id' },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
    emailUpdates: true,
    ...overrides,
  };
}

async function submit(url: string, body: unknown): Promise<{ trackingId: string; reporterKey: string }> {
  const response = await fetch(`${url}/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key() }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`submit: ${response.status} ${await response.text()}`);
  return (await response.json()) as { trackingId: string; reporterKey: string };
}

const move = (url: string, token: string, trackingId: string, to: string, note = '') =>
  fetch(`${url}/v1/complaints/${trackingId}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ to, note }) });

const about = (trackingId: string) => (mail: ReceivedMail) => mail.subject.includes(trackingId);

describe.each(['SQLite', 'PostgreSQL'] as const)('notifications by email (%s)', (store) => {
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let folder: ReturnType<typeof tempFolder>;
  let cluster: PostgresCluster | undefined;
  /** On PostgreSQL: the database and the secret, the same for the restarted process. */
  let postgresEnv: Record<string, string> = {};
  const env = () => ({ SMTP_URL: smtp.url, MAIL_FROM: FROM, PUBLIC_URL, MAIL_LEASE_SECONDS: '2', ...postgresEnv });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    folder = tempFolder('narahubung-mail-');
    if (store === 'PostgreSQL') {
      cluster = await startPostgres();
      postgresEnv = { DATABASE_URL: await cluster.createDatabase('narahubung'), SECRET: randomBytes(48).toString('base64url') };
    }
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite`, env: env() });
    if (store === 'PostgreSQL') expect(server.output.some((line) => line.includes('database:            PostgreSQL'))).toBe(true);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    await cluster?.stop();
    folder?.remove();
  });

  it('sends the receipt in the reporter\'s language with a personal link that opens their view, and the focal point an alert without their identity', async () => {
    expect(server.output.some((line) => /mail: +on, via 127\.0\.0\.1:\d+ from Layanan Pengaduan/.test(line))).toBe(true);
    const canaries = { name: 'Canary Mail Reporter', email: 'canary.mail@example.id', phone: '+6281311223344', address: 'Jalan Canary Mail 5', idNumber: '1871555566667777' };
    const indonesian = await submit(server.url, complaint({ reporter: canaries }));
    const english = await submit(server.url, complaint({ locale: 'en', reporter: { name: 'Budi', email: 'budi@example.id' } }));

    const [receiptId] = await smtp.waitFor((mail) => mail.to.includes(canaries.email));
    expect(receiptId!.subject).toBe(`Laporan Anda diterima: ${indonesian.trackingId}`);
    expect(receiptId!.text).toContain('Laporan Anda kepada Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung telah kami terima');
    expect(receiptId!.from).toBe('"Layanan Pengaduan" <pengaduan@lapor.example.id>');
    expect(receiptId!.messageId).toBe(messageIdOf(`${indonesian.trackingId}:0:reporter`, 'lapor.example.id'));
    expect(receiptId!.headerLines).toContain(`List-Unsubscribe: <${PUBLIC_URL}/v1/complaints/${indonesian.trackingId}/unsubscribe?token=`);
    expect(receiptId!.headerLines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /https:\/\/lapor\.example\.id\/status\?tracking=(NH-[0-9A-Z-]+)#key=([A-Za-z0-9_-]+)/.exec(receiptId!.text);
    expect(link?.[1]).toBe(indonesian.trackingId);
    expect(link?.[2]).toBe(indonesian.reporterKey);
    const own = await fetch(`${server.url}/v1/complaints/${indonesian.trackingId}`, { headers: { authorization: `Reporter ${link![2]}` } });
    expect(own.status).toBe(200);

    const [receiptEn] = await smtp.waitFor((mail) => mail.to.includes('budi@example.id'));
    expect(receiptEn!.subject).toBe(`Your report was received: ${english.trackingId}`);
    expect(receiptEn!.text).toContain('We received your report to Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');

    const alerts = await smtp.waitFor((mail) => mail.to.includes(FOCAL_POINT_MAIL), 2);
    const alert = alerts.find(about(indonesian.trackingId))!;
    expect(alert.subject).toBe(`Laporan baru ${indonesian.trackingId} untuk Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung`);
    expect(alert.text).toContain(`${PUBLIC_URL}/inbox?complaint=${indonesian.trackingId}`);
    for (const mail of alerts) for (const value of [...Object.values(canaries), '81311223344', 'Canary']) expect(`${mail.subject}${mail.text}${mail.html}`, value).not.toContain(value);

    // A request for information reaches the reporter with what is asked.
    const token = server.token('Narahubung Disdukcapil');
    expect((await move(server.url, token, indonesian.trackingId, 'needs_info', 'Mohon kirim foto surat pengantar RT.')).status).toBe(200);
    const [request] = await smtp.waitFor((mail) => mail.subject === `Permintaan informasi untuk laporan ${indonesian.trackingId}`);
    expect(request!.text).toContain('Mohon kirim foto surat pengantar RT.');
  });

  it('loses no mail and gives no Message-ID to two different mails when the server is killed during a burst of changes', async () => {
    const token = server.token('Narahubung Disdukcapil');
    const complaints = await Promise.all(Array.from({ length: 8 }, (_, index) => submit(server.url, complaint({ reporter: { name: `Warga ${index}`, email: `warga${index}@example.id` } }))));
    await smtp.waitFor((mail) => complaints.some((filed) => mail.subject === `Laporan Anda diterima: ${filed.trackingId}`), complaints.length);
    const acknowledged: string[] = [];
    const burst = complaints.map(async ({ trackingId }) => {
      for (const to of ['verified', 'in_progress', 'resolved']) {
        const response = await move(server.url, token, trackingId, to, `Langkah ${to}.`).catch(() => null);
        if (response?.status !== 200) return;
        acknowledged.push(`${trackingId}:${to}`);
      }
    });
    // Kill it once some changes are acknowledged and others are still on their way.
    while (acknowledged.length < 6) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.kill();
    await Promise.all(burst);
    server = await startServerProcess({ database: server.database, env: env() });

    // Every change the database holds is mailed to its reporter, once per Message-ID.
    const expected: string[] = [];
    for (const { trackingId } of complaints) {
      const item = (await (await fetch(`${server.url}/v1/inbox/${trackingId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { history: { status: string; kind?: string }[] };
      item.history.forEach((entry, index) => {
        if (index > 0 && entry.kind === undefined) expected.push(messageIdOf(`${trackingId}:${index}:reporter`, 'lapor.example.id'));
      });
    }
    for (const change of acknowledged) {
      const [trackingId] = change.split(':');
      expect(expected.some((id) => id === messageIdOf(`${trackingId}:${['', 'verified', 'in_progress', 'resolved'].indexOf(change.split(':')[1]!)}:reporter`, 'lapor.example.id')), change).toBe(true);
    }
    await smtp.waitFor((mail) => expected.includes(mail.messageId), expected.length, 60_000);
    const byId = new Map<string, ReceivedMail[]>();
    for (const mail of smtp.mails) byId.set(mail.messageId, [...(byId.get(mail.messageId) ?? []), mail]);
    for (const id of expected) expect(byId.has(id), id).toBe(true);
    for (const [id, copies] of byId) {
      // A mail sent again after the crash is the same mail: no client shows it twice.
      expect(new Set(copies.map((copy) => `${copy.to}\n${copy.subject}\n${copy.text}`)).size, id).toBe(1);
    }
  });
});
