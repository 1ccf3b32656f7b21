import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitComplaint, transition } from './e2e/api.js';
import { POLL_MS, describeViolations, launchBrowser, runAxe, waitInShadow, watchPage } from './e2e/browser.js';
import type { Page, PageWatch, TestBrowser } from './e2e/browser.js';
import { fillComplaintForm, sendComplaint, stepHeading, trackingNumberShown } from './e2e/citizen.js';
import { listed, openComplaint, signIn, waitInInboxFor } from './e2e/focal-point.js';
import { INBOX_BUNDLE, SERVER_BUILD, WIDGET_BUNDLE, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';
import { lookUp, statusShown } from './e2e/status-page.js';

const DISDUKCAPIL = 'Narahubung Disdukcapil Bandar Lampung';
const SCHEMES = ['light', 'dark'] as const;

/** axe finds nothing on the page as it is now. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

/** The page kept to the server's real CSP (no violation event at all) and threw nothing. */
async function expectCleanUnderCsp(watch: PageWatch): Promise<void> {
  expect(await watch.cspViolations()).toEqual([]);
  expect(watch.errors).toEqual([]);
}

describe('accessibility (axe) and CSP of the served pages, in Chromium', () => {
  const folder = tempFolder('narahubung-e2e-a11y-');
  let server: ServerProcess;
  let chromium: TestBrowser;
  let resolvedId: string;

  beforeAll(async () => {
    requireBuild([SERVER_BUILD, WIDGET_BUNDLE, INBOX_BUNDLE]);
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    chromium = await launchBrowser();
    // A complaint with some history, for the status page and the inbox.
    const submitted = await submitComplaint(server.url, {
      kind: 'complaint',
      agencyId: 'disdukcapil-bandar-lampung',
      category: 'undue_delay',
      title: 'Akta kematian belum terbit',
      description: 'Akta kematian ayah saya belum terbit enam minggu setelah berkas lengkap diserahkan.',
      incident: { date: '2026-09-14', place: 'Loket Disdukcapil' },
      reporter: { name: 'Rahmat Hidayat', phone: '081234567890' },
      confidentiality: 'public',
      consent: true,
      locale: 'id',
    });
    expect(submitted.status).toBe(201);
    resolvedId = submitted.body.trackingId;
    const token = server.token(DISDUKCAPIL);
    for (const [to, note] of [['verified', ''], ['in_progress', 'Berkas sedang diverifikasi ulang.'], ['resolved', 'Akta sudah terbit dan dikirim ke alamat pelapor.']] as const) {
      expect((await transition(server.url, token, resolvedId, to, note)).status).toBe(200);
    }
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    folder.remove();
  });

  async function openPage(path: string, scheme: (typeof SCHEMES)[number] = 'light'): Promise<{ page: Page; watch: PageWatch }> {
    const page = await chromium.browser.newPage();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const watch = await watchPage(page);
    await page.goto(`${server.url}${path}`);
    return { page, watch };
  }

  for (const scheme of SCHEMES) {
    it(`the agency page (${scheme}): first step, and the confirmation with its tracking number`, async () => {
      const { page, watch } = await openPage('/', scheme);
      expect(await stepHeading(page)).toBe('Tentang laporan');
      await expectAccessible(page, 'agency page, first step');
      await fillComplaintForm(page, { title: 'Uji aksesibilitas', description: 'Deskripsi uji aksesibilitas yang cukup panjang.', name: 'Budi', email: 'budi@example.id' });
      await sendComplaint(page);
      await trackingNumberShown(page);
      await expectAccessible(page, 'agency page, confirmation');
      await expectCleanUnderCsp(watch);
      await page.close();
    }, 60_000);
  }

  it('the agency page: "check your answers"', async () => {
    const { page, watch } = await openPage('/');
    await fillComplaintForm(page, { title: 'Uji aksesibilitas', description: 'Deskripsi uji aksesibilitas yang cukup panjang.', name: 'Budi', email: 'budi@example.id' });
    // This step once put each Change button straight in the <dl>'s <div>, which axe refuses
    // (definition-list); the button now sits in its own <dd>, as GOV.UK's summary list does.
    await expectAccessible(page, 'agency page, check your answers');
    await expectCleanUnderCsp(watch);
    await page.close();
  }, 60_000);

  for (const scheme of SCHEMES) {
    it(`the status page (${scheme}): a complaint found, with its history and notes; a number not found`, async () => {
      const { page, watch } = await openPage(`/status?tracking=${encodeURIComponent(resolvedId)}`, scheme);
      const shown = await statusShown(page, resolvedId);
      expect(shown.timeline).toHaveLength(4);
      await expectAccessible(page, 'status page, complaint found');

      await page.goto(`${server.url}/status`);
      await lookUp(page, 'NH-0000-0000-0000-0');
      await waitInShadow(page, 'nh-complaint-status', '#tracking-error');
      await expectAccessible(page, 'status page, not found');
      await expectCleanUnderCsp(watch);
      await page.close();
    }, 60_000);
  }

  for (const scheme of SCHEMES) {
    it(`the inbox page (${scheme}): signing in, the list and a complaint opened`, async () => {
      const { page, watch } = await openPage('/inbox', scheme);
      await waitInInboxFor(page, '#token');
      await expectAccessible(page, 'inbox, sign in');
      await signIn(page, server.url, server.token(DISDUKCAPIL));
      expect(await listed(page)).toContain(resolvedId);
      await expectAccessible(page, 'inbox, list');
      await openComplaint(page, resolvedId);
      await expectAccessible(page, 'inbox, complaint');
      await expectCleanUnderCsp(watch);
      await page.close();
    }, 60_000);
  }

  it('the CSP check can fail: an inline style on a served page is reported', async () => {
    const { page, watch } = await openPage('/status');
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
    });
    await page.waitForFunction(() => (window.__nhCspViolations ?? []).length > 0, { polling: POLL_MS });
    expect((await watch.cspViolations()).join('\n')).toMatch(/^style-src/);
    await page.close();
  }, 60_000);
});
