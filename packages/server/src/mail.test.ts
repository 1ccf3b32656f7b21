// The mail loop against a real SMTP server in this process: a relay that refuses for a while gets
// everything later (with backoff), the daily digest is written once a day whoever runs it, and
// without SMTP settings nothing is written or sent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueDigests, messageIdOf } from '@narahubung/core';
import { startSmtpServer } from '../../../test/e2e/smtp.js';
import type { TestSmtpServer } from '../../../test/e2e/smtp.js';
import { loadCalendar, loadDirectoryFile } from './directory-file.js';
import { DEFAULTS } from './app.js';
import { optionsFromEnv } from './config.js';
import { newKey, startTestServer, submission } from './test-support.js';
import type { TestServer } from './test-support.js';

const FROM = 'Layanan Pengaduan <pengaduan@lapor.example.id>';

async function submit(server: TestServer, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${server.url}/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`submit ${response.status}`);
  return ((await response.json()) as { trackingId: string }).trackingId;
}

describe('the mail loop', () => {
  let smtp: TestSmtpServer;
  let server: TestServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    smtp.refusing = false;
  });

  it('keeps mail a relay refuses in the outbox, and sends it once the relay takes it again', async () => {
    const clock = { offset: 0 };
    server = await startTestServer({ mail: { smtpUrl: smtp.url, from: FROM }, mailIntervalMs: 50, now: () => new Date(Date.now() + clock.offset) });
    smtp.refusing = true;
    const trackingId = await submit(server, submission({ emailUpdates: true, reporter: { name: 'Siti', email: 'siti.retry@example.id' } }));
    while (smtp.refused < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const attempts = smtp.refused;
    // Backing off: nothing is tried again for 30 seconds.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(smtp.refused).toBe(attempts);
    smtp.refusing = false;
    clock.offset = 31_000;
    const [receipt] = await smtp.waitFor((mail) => mail.to.includes('siti.retry@example.id'));
    expect(receipt!.messageId).toBe(messageIdOf(`${trackingId}:0:reporter`, 'lapor.example.id'));
    expect(server.logs.some((line) => /^mail notification_failed receipt attempts=1 code=451/.test(line)), server.logs.join('\n')).toBe(true);
  });

  it('writes each focal point\'s digest once a day, whoever writes it', async () => {
    server = await startTestServer({ mail: { smtpUrl: smtp.url, from: FROM }, mailIntervalMs: 50 });
    const trackingId = await submit(server, submission());
    const loaded = loadDirectoryFile(DEFAULTS.directory);
    const calendar = loadCalendar(loaded.timeZone, DEFAULTS.holidays);
    const context = { directory: loaded.directory, calendar, policy: (await import('@narahubung/core')).defaultPolicy, links: { statusPage: 'https://x/status', inbox: 'https://x/inbox', api: 'https://x' }, staffLocale: 'id' as const };
    // A week on, the complaint is overdue; two instances write the digest the same day.
    const later = new Date(Date.now() + 7 * 86_400_000);
    expect(await enqueueDigests(server.store, context, later)).toBeGreaterThan(0);
    await enqueueDigests(server.store, context, later);
    const digests = await smtp.waitFor((mail) => mail.subject.startsWith('Ringkasan laporan') && mail.text.includes(trackingId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((mail) => mail.subject.startsWith('Ringkasan laporan') && mail.to === digests[0]!.to).length).toBe(1);
    expect(digests[0]!.subject).toMatch(/: 1 terlambat, 0 jatuh tempo besok$/);
    expect(digests[0]!.text).toContain(`- ${trackingId} (Penundaan berlarut), batas`);
  });

  it('writes staff mails in English when MAIL_STAFF_LOCALE=en, Indonesian by default', async () => {
    server = await startTestServer({ mail: { smtpUrl: smtp.url, from: FROM, staffLocale: 'en' }, mailIntervalMs: 50 });
    const english = await submit(server, submission());
    const [alert] = await smtp.waitFor((mail) => mail.subject.includes(english));
    expect(alert!.subject).toMatch(new RegExp(`^New report ${english} for `));
    await server.stop();
    server = await startTestServer({ mail: { smtpUrl: smtp.url, from: FROM }, mailIntervalMs: 50 });
    const indonesian = await submit(server, submission());
    const [peringatan] = await smtp.waitFor((mail) => mail.subject.includes(indonesian));
    expect(peringatan!.subject).toMatch(new RegExp(`^Laporan baru ${indonesian} untuk `));
    expect(() => optionsFromEnv({ SMTP_URL: 'smtp://mail.example.id:587', MAIL_FROM: FROM, MAIL_STAFF_LOCALE: 'fr' })).toThrow(/MAIL_STAFF_LOCALE/);
    expect(optionsFromEnv({ SMTP_URL: 'smtp://mail.example.id:587', MAIL_FROM: FROM, MAIL_STAFF_LOCALE: 'en' }).mail).toEqual({ smtpUrl: 'smtp://mail.example.id:587', from: FROM, staffLocale: 'en' });
  });

  it('writes and sends nothing without SMTP settings, and says so', async () => {
    server = await startTestServer();
    expect(server.mailStatus).toBe('off (set SMTP_URL and MAIL_FROM to send notifications)');
    await submit(server, submission({ emailUpdates: true }));
    expect(await server.store.claimNotifications({ now: '2099-01-01T00:00:00.000Z', limit: 10, leaseMs: 1 })).toEqual([]);
  });
});
