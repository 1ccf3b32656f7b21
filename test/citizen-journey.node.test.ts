import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchPage } from './e2e/browser.js';
import type { TestBrowser } from './e2e/browser.js';
import { fillComplaintForm, sendComplaint, trackingNumberShown } from './e2e/citizen.js';
import { listed, moveOn, openComplaint, signIn, statusInDetail } from './e2e/focal-point.js';
import { INBOX_BUNDLE, SERVER_BUILD, WIDGET_BUNDLE, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';
import { lookUp, statusShown } from './e2e/status-page.js';

const DISDUKCAPIL_FOCAL_POINT = 'Narahubung Disdukcapil Bandar Lampung';
const FORM = 'nh-complaint-form';
const PUBLIC_NOTE = 'KTP-el Anda sudah dicetak dan dapat diambil di loket 3 mulai Senin.';

describe('a complaint from the agency page to resolution (Chromium, server process, SQLite file)', () => {
  const folder = tempFolder('narahubung-e2e-journey-');
  let server: ServerProcess;
  let chromium: TestBrowser;

  beforeAll(async () => {
    requireBuild([SERVER_BUILD, WIDGET_BUNDLE, INBOX_BUNDLE]);
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    folder.remove();
  });

  it('the citizen gets a tracking number, the focal point resolves it, the status page shows every step', async () => {
    // The citizen, on the agency page.
    const citizen = await chromium.browser.newPage();
    const citizenWatch = await watchPage(citizen);
    await citizen.goto(`${server.url}/`);
    await fillComplaintForm(citizen, {
      title: 'KTP-el tidak kunjung terbit',
      description: 'Saya merekam data KTP-el pada 1 September dan sampai hari ini belum terbit tanpa penjelasan dari petugas.',
      place: 'Kantor Disdukcapil Kota Bandar Lampung',
      name: 'Siti Aminah',
      email: 'siti@example.id',
    });
    await sendComplaint(citizen);
    const trackingId = await trackingNumberShown(citizen);
    expect(trackingId).toMatch(/^NH-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/);

    // The confirmation links to the status page (the agency page sets `status-url="/status"`), with the personal link.
    const statusLink = `${FORM} >>> a[href^="${server.url}/status?tracking="]`;
    await citizen.focus(statusLink);
    await Promise.all([citizen.waitForNavigation(), citizen.keyboard.press('Enter')]);
    expect(new URL(citizen.url()).searchParams.get('tracking')).toBe(trackingId);
    expect((await statusShown(citizen, trackingId)).current).toBe('Diterima');

    // The focal point of the reported agency signs in to the inbox page with the token the server printed.
    const focalPoint = await chromium.browser.newPage();
    const focalPointWatch = await watchPage(focalPoint);
    await signIn(focalPoint, server.url, server.token(DISDUKCAPIL_FOCAL_POINT));
    expect(await listed(focalPoint)).toContain(trackingId);
    await openComplaint(focalPoint, trackingId);
    expect(await statusInDetail(focalPoint)).toBe('Diterima');
    await moveOn(focalPoint, 'verified', '', 'Terverifikasi');
    await moveOn(focalPoint, 'in_progress', 'Berkas Anda sedang diperiksa petugas.', 'Dalam proses');
    await moveOn(focalPoint, 'resolved', PUBLIC_NOTE, 'Selesai ditangani');

    // Later the citizen comes back to their tab, opens the status page and types the number. (A tab
    // in the background gets no rendering frames, so puppeteer could not click in it.)
    await citizen.bringToFront();
    await citizen.goto(`${server.url}/status`);
    await lookUp(citizen, trackingId);
    const shown = await statusShown(citizen, trackingId);
    expect(shown.current).toBe('Selesai ditangani');
    expect(shown.timeline).toHaveLength(4);
    expect(shown.timeline[0]).toMatch(/^Diterima/);
    expect(shown.timeline[1]).toMatch(/^Terverifikasi/);
    expect(shown.timeline[2]).toMatch(/^Dalam proses/);
    expect(shown.timeline[3]).toMatch(/^Selesai ditangani/);
    expect(shown.timeline[2]).toContain('Berkas Anda sedang diperiksa petugas.');
    expect(shown.timeline[3]).toContain(PUBLIC_NOTE);

    for (const watch of [citizenWatch, focalPointWatch]) {
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.errors).toEqual([]);
    }
  }, 90_000);
});
