import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchBrowser, runAxe, watchPage } from './e2e/browser.js';
import type { TestBrowser } from './e2e/browser.js';
import { fillComplaintForm } from './e2e/citizen.js';
import { requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

describe('accessibility and CSP of the served pages (Chromium, axe)', () => {
  const folder = tempFolder('narahubung-e2e-a11y-');
  let server: ServerProcess;
  let chromium: TestBrowser;

  beforeAll(async () => {
    requireBuild();
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    folder.remove();
  });

  it('the agency page: no axe violations, no CSP violations', async () => {
    const page = await chromium.browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${server.url}/`);
    await fillComplaintForm(page, { title: 'Uji', description: 'Deskripsi uji yang cukup panjang untuk lolos.', name: 'Budi', email: 'budi@example.id' });
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(await watch.cspViolations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  }, 60_000);
});
