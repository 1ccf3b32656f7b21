import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, inboxItem, publicStatus, submitComplaint, transition } from './e2e/api.js';
import { launchBrowser, watchPage } from './e2e/browser.js';
import type { TestBrowser } from './e2e/browser.js';
import { inboxText, listed, openComplaint, signIn } from './e2e/focal-point.js';
import { INBOX_BUNDLE, SERVER_BUILD, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

const DISDUKCAPIL = 'Narahubung Disdukcapil Bandar Lampung';
const RSUD = 'Narahubung RSUD Abdul Moeloek';

// Values that must never reach a focal point for an anonymous complaint.
const CANARY = { name: 'Kanari Rahasia Wibowo', email: 'kanari.rahasia@example.id', phone: '+6281399887766', address: 'Jl. Kanari Rahasia No. 7' };
// The same kind of values for a public complaint: they must show, or the check above proves nothing.
const VISIBLE = { name: 'Terbuka Santoso', email: 'terbuka.santoso@example.id', phone: '+6281211223344' };

const complaint = (title: string, reporter: Record<string, string>, confidentiality: string) => ({
  kind: 'complaint',
  agencyId: 'disdukcapil-bandar-lampung',
  category: 'improper_request',
  title,
  description: 'Petugas loket meminta uang tambahan agar akta kelahiran anak saya bisa selesai minggu ini.',
  reporter,
  confidentiality,
  consent: true,
  locale: 'id',
});

describe('agency isolation and redaction (server process, SQLite file, inbox in Chromium)', () => {
  const folder = tempFolder('narahubung-e2e-isolation-');
  let server: ServerProcess;
  let chromium: TestBrowser;
  let anonymousId: string;
  let publicId: string;

  beforeAll(async () => {
    requireBuild([SERVER_BUILD, INBOX_BUNDLE]);
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    chromium = await launchBrowser();
    const anonymous = await submitComplaint(server.url, complaint('Pungutan di loket akta kelahiran', CANARY, 'anonymous'));
    const open = await submitComplaint(server.url, complaint('Pungutan di loket KIA', VISIBLE, 'public'));
    expect([anonymous.status, open.status]).toEqual([201, 201]);
    anonymousId = anonymous.body.trackingId;
    publicId = open.body.trackingId;
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    folder.remove();
  });

  it("another agency's focal point can neither read nor move it: 404, as for a number that does not exist", async () => {
    const rsud = server.token(RSUD);
    const read = await inboxItem(server.url, rsud, anonymousId);
    const moved = await transition(server.url, rsud, anonymousId, 'verified', 'Bukan urusan kami');
    const unknown = await inboxItem(server.url, rsud, 'NH-0000-0000-0000-0');
    expect(read.status).toBe(404);
    expect(moved.status).toBe(404);
    expect((read.body as unknown as { code: string }).code).toBe('not_found');
    expect((moved.body as unknown as { code: string }).code).toBe('not_found');
    // Nothing in the answer tells it apart from a number that was never issued.
    expect(read.text.replaceAll(anonymousId, '<id>')).toBe(unknown.text.replaceAll('NH-0000-0000-0000-0', '<id>'));
    expect((await inbox(server.url, rsud)).body.items).toEqual([]);
    // The attempt changed nothing.
    expect((await publicStatus(server.url, anonymousId)).body.status).toBe('received');

    // Its inbox page lists nothing of Disdukcapil's either.
    const page = await chromium.browser.newPage();
    await signIn(page, server.url, rsud);
    expect(await listed(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('an anonymous complaint shows no reporter identity to its own focal point, in the API or the inbox page', async () => {
    const token = server.token(DISDUKCAPIL);
    const one = await inboxItem(server.url, token, anonymousId);
    const list = await inbox(server.url, token);
    expect(one.status).toBe(200);
    expect(one.body.reporter).toBeNull();
    expect(list.body.items.find((item) => item.trackingId === anonymousId)?.reporter).toBeNull();
    for (const value of Object.values(CANARY)) {
      expect(one.text).not.toContain(value);
      expect(list.text).not.toContain(value);
    }

    const page = await chromium.browser.newPage();
    const watch = await watchPage(page);
    await signIn(page, server.url, token);
    expect(await listed(page)).toEqual(expect.arrayContaining([anonymousId, publicId]));
    await openComplaint(page, anonymousId);
    const anonymousShown = await inboxText(page);
    expect(anonymousShown).toContain('Identitas disembunyikan');
    // Text and markup (attributes too) of the page and the element's shadow root.
    const markup = await page.evaluate(() => document.documentElement.outerHTML + (document.querySelector('nh-focal-point-inbox')?.shadowRoot?.innerHTML ?? ''));
    for (const value of [...Object.values(CANARY), 'Kanari', '1399887766']) {
      expect(anonymousShown).not.toContain(value);
      expect(markup).not.toContain(value);
    }

    // The public complaint, for contrast: its reporter is shown, so the check above can see a leak.
    await signIn(page, server.url, token);
    await openComplaint(page, publicId);
    const publicShown = await inboxText(page);
    for (const value of Object.values(VISIBLE)) expect(publicShown).toContain(value);

    expect(await watch.cspViolations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  }, 60_000);
});
