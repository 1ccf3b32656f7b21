import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitComplaint, transition } from './e2e/api.js';
import { describeViolations, launchBrowser, runAxe, watchPage } from './e2e/browser.js';
import type { Page, TestBrowser } from './e2e/browser.js';
import { complaintsBehind, indicatorsShown, openDataTables, signInAsSupervisor } from './e2e/indicators-page.js';
import { INDICATORS_BUNDLE, SERVER_BUILD, WIDGET_BUNDLE, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

const DISDUKCAPIL = 'disdukcapil-bandar-lampung';
const FOCAL_POINT = 'Narahubung Disdukcapil Bandar Lampung';
/** The sample supervisor of Inspektorat Kota Bandar Lampung, which supervises Disdukcapil. */
const SUPERVISOR = 'Pengawas Inspektorat Kota';

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

const complaint = (title: string) => ({
  kind: 'complaint',
  agencyId: DISDUKCAPIL,
  category: 'undue_delay',
  title,
  description: 'Akta kelahiran anak saya belum terbit sebulan setelah berkas lengkap diserahkan ke loket.',
  reporter: { name: 'Rahmat Hidayat', phone: '081234567890' },
  confidentiality: 'anonymous',
  consent: true,
  locale: 'id',
});

describe('the indicators page, /indikator (Chromium, server process, SQLite file)', () => {
  const folder = tempFolder('narahubung-e2e-indicators-');
  let server: ServerProcess;
  let chromium: TestBrowser;
  let open: string;

  beforeAll(async () => {
    requireBuild([SERVER_BUILD, WIDGET_BUNDLE, INDICATORS_BUNDLE]);
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    chromium = await launchBrowser();
    // One complaint resolved with public notes, one still waiting: one of two not yet completed.
    const resolved = await submitComplaint(server.url, complaint('Akta kelahiran sudah terbit'));
    const token = server.token(FOCAL_POINT);
    for (const [to, note] of [['verified', 'Berkas lengkap.'], ['in_progress', 'Sedang dicetak.'], ['resolved', 'Akta sudah terbit.']] as const) {
      expect((await transition(server.url, token, resolved.body.trackingId, to, note)).status).toBe(200);
    }
    open = (await submitComplaint(server.url, complaint('Akta kelahiran belum terbit'))).body.trackingId;
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    folder.remove();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the public numbers of the API, axe-clean with its data tables open, under the real CSP (${scheme})`, async () => {
      const page = await chromium.browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const watch = await watchPage(page);
      const response = await page.goto(`${server.url}/indikator`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      const rows = await indicatorsShown(page);
      const answer = (await (await fetch(`${server.url}/v1/indicators`)).json()) as { agencies: { agencyId: string; received: number }[] };
      expect(rows.map((row) => row.agencyId).sort()).toEqual(answer.agencies.map((agency) => agency.agencyId).sort());
      expect(rows.find((row) => row.agencyId === DISDUKCAPIL)!.cells['received']).toBe('2');
      await expectAccessible(page, 'indicators, public');
      await openDataTables(page);
      await expectAccessible(page, 'indicators, data tables open');
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('is where the agency page leads, and where a supervisor follows a number to its complaints', async () => {
    const page = await chromium.browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${server.url}/`);
    await Promise.all([page.waitForNavigation(), page.click('a.button-link[href="/indikator"]')]);
    expect(new URL(page.url()).pathname).toBe('/indikator');
    await indicatorsShown(page);

    await signInAsSupervisor(page, server.token(SUPERVISOR));
    const rows = await indicatorsShown(page);
    expect(rows.map((row) => row.agencyId)).toEqual([DISDUKCAPIL]);
    expect(rows[0]!.cells['completed']).toMatch(/^50% 1 dari 2: lihat 1 pengaduan yang belum selesai atau ditutup$/);
    expect(await complaintsBehind(page, `${DISDUKCAPIL}:completed`)).toEqual([open]);
    await expectAccessible(page, 'indicators, the complaints behind a number');
    expect(await watch.cspViolations()).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
