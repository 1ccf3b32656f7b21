// The citizen's side of the conversation (issue 12), the whole loop against the built server
// process, its SQLite file and a real SMTP server: a complaint sent with email updates, the
// confirmation's personal link (the same as the receipt's), the link opened on another device,
// a request for information answered with a file, seen as answered by the citizen and by the focal
// point. Under the server's strict CSP, with axe on the citizen's own view.
import { writeFileSync } from 'node:fs';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxItem, transition } from './e2e/api.js';
import { POLL_MS, describeViolations, launchBrowser, runAxe, watchPage } from './e2e/browser.js';
import type { Page, TestBrowser } from './e2e/browser.js';
import { fillComplaintForm, personalLinkShown, sendComplaint, trackingNumberShown } from './e2e/citizen.js';
import { CITIZEN_BUNDLE, SERVER_BUILD, WIDGET_BUNDLE, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';
import { startSmtpServer } from './e2e/smtp.js';
import type { TestSmtpServer } from './e2e/smtp.js';

const DISDUKCAPIL = 'Narahubung Disdukcapil Bandar Lampung';
const STATUS = 'nh-complaint-status';
const DETAIL = `${STATUS} >>> nh-status-detail`;
const REQUEST = 'Mohon kirim foto surat pengantar RT yang Anda bawa ke loket.';

/** Waits until the own view's text (the detail's shadow root) matches `test`, and returns it. */
async function ownViewText(page: Page, test: RegExp, timeout = 20_000): Promise<string> {
  const read = () => page.$eval(STATUS, (element) => element.shadowRoot?.querySelector('nh-status-detail')?.shadowRoot?.querySelector('[part~="own"]')?.textContent?.replace(/\s+/g, ' ') ?? '');
  try {
    await page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('nh-complaint-status')?.shadowRoot?.querySelector('nh-status-detail')?.shadowRoot?.querySelector('[part~="own"]')?.textContent?.replace(/\s+/g, ' ') ?? ''),
      { timeout, polling: POLL_MS },
      test.source,
    );
  } catch (error) {
    throw new Error(`the own view never matched ${test}; it shows: ${await read()}`, { cause: error });
  }
  return read();
}

describe('the citizen answers a request for information from their personal link (Chromium, server process, SQLite, SMTP)', () => {
  const folder = tempFolder('narahubung-e2e-conversation-');
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let chromium: TestBrowser;

  beforeAll(async () => {
    requireBuild([SERVER_BUILD, WIDGET_BUNDLE, CITIZEN_BUNDLE]);
    smtp = await startSmtpServer();
    server = await startServerProcess({
      database: `${folder.dir}/narahubung.sqlite`,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Layanan Pengaduan <pengaduan@lapor.example.id>', PUBLIC_URL: 'https://lapor.example.id', MAIL_LEASE_SECONDS: '2' },
    });
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await smtp?.close();
    folder.remove();
  });

  it('sends with email updates, keeps the personal link, opens it on another device, answers with a file, and sees it answered', async () => {
    // The citizen, on the agency page.
    const citizen = await chromium.browser.newPage();
    const citizenWatch = await watchPage(citizen);
    await citizen.goto(`${server.url}/`);
    await fillComplaintForm(citizen, {
      title: 'Akta kelahiran belum terbit',
      description: 'Saya mengurus akta kelahiran anak sejak dua bulan lalu dan belum ada kabar dari petugas loket.',
      name: 'Siti Aminah',
      email: 'siti.conversation@example.id',
      emailUpdates: true,
    });
    await sendComplaint(citizen);
    const trackingId = await trackingNumberShown(citizen);
    const link = await personalLinkShown(citizen);
    const personal = new URL(link);
    expect(`${personal.origin}${personal.pathname}`).toBe(`${server.url}/status`);
    expect(personal.searchParams.get('tracking')).toBe(trackingId);
    expect(personal.hash).toMatch(/^#key=[A-Za-z0-9_-]{43}$/);

    // The receipt mail carries the same personal link (on the intake's public address).
    const [receipt] = await smtp.waitFor((mail) => mail.to.includes('siti.conversation@example.id') && mail.subject.includes(trackingId));
    const mailed = /https:\/\/lapor\.example\.id(\/status\?tracking=NH-[0-9A-Z-]+#key=[A-Za-z0-9_-]+)/.exec(receipt!.text);
    expect(mailed?.[1]).toBe(`${personal.pathname}${personal.search}${personal.hash}`);

    // The focal point asks for more information.
    const token = server.token(DISDUKCAPIL);
    expect((await transition(server.url, token, trackingId, 'needs_info', REQUEST)).status).toBe(200);

    // The citizen opens the link on another device (a fresh browser profile: nothing kept there).
    const device = await chromium.browser.createBrowserContext();
    const phone = await device.newPage();
    const phoneWatch = await watchPage(phone);
    await phone.goto(link);
    const asked = await ownViewText(phone, /Menunggu jawaban Anda/);
    expect(asked).toContain(REQUEST);
    expect(asked).toContain('Kabar laporan ini dikirim ke siti.conversation@example.id.');
    expect(new URL(phone.url()).hash).toBe('');
    const violations = await runAxe(phone);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The answer, with a photo, by keyboard.
    const photo = `${folder.dir}/surat-pengantar.png`;
    writeFileSync(photo, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    await phone.click(`${DETAIL} >>> #reply-text`);
    await phone.keyboard.type('Foto surat pengantar RT saya lampirkan.');
    const files = (await phone.$(`${DETAIL} >>> #reply-files`)) as ElementHandle<HTMLInputElement>;
    await files.uploadFile(photo);
    await phone.focus(`${DETAIL} >>> #reply-files`);
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Enter');
    const answered = await ownViewText(phone, /Sudah Anda jawab/);
    expect(answered).toContain('Jawaban Anda terkirim.');
    expect(answered).toContain('Foto surat pengantar RT saya lampirkan.');
    expect(answered).toContain('surat-pengantar.png');
    const current = await phone.$eval(STATUS, (element) => element.shadowRoot!.querySelector('nh-status-detail')!.shadowRoot!.querySelector('[part~="status"]')!.textContent);
    expect(current).toBe('Diterima');
    const after = await runAxe(phone);
    expect(after, describeViolations(after)).toEqual([]);

    // The focal point sees the answer and its file.
    const item = await inboxItem(server.url, token, trackingId);
    const replies = (item.body as unknown as { replies: { text: string; attachments: { type: string }[] }[] }).replies;
    expect(replies.map((reply) => [reply.text, reply.attachments.map((file) => file.type)])).toEqual([['Foto surat pengantar RT saya lampirkan.', ['image/png']]]);

    for (const watch of [citizenWatch, phoneWatch]) {
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.errors).toEqual([]);
    }
    await device.close();
  }, 120_000);
});
