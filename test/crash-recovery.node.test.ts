import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchPage } from './e2e/browser.js';
import type { Page, PageWatch, TestBrowser } from './e2e/browser.js';
import { fillComplaintForm, sendComplaint, trackingNumberShown } from './e2e/citizen.js';
import { startGateProxy } from './e2e/gate-proxy.js';
import type { GateProxy, UpstreamAnswer } from './e2e/gate-proxy.js';
import { requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';
import { until } from './e2e/until.js';

const CITIZENS = ['Ani Lestari', 'Bambang Sutrisno', 'Citra Dewi', 'Dedi Kurniawan'];

/** Rows in the store's tables, read from the SQLite file itself (read-only). */
function countRows(database: string): { complaints: number; idempotencyKeys: number; trackingIds: string[] } {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      complaints: count('complaints'),
      idempotencyKeys: count('idempotency_keys'),
      trackingIds: (db.prepare('SELECT tracking_id FROM complaints ORDER BY tracking_id').all() as { tracking_id: string }[]).map((row) => row.tracking_id),
    };
  } finally {
    db.close();
  }
}

const trackingIdOf = (answer: UpstreamAnswer) => (JSON.parse(answer.body.toString('utf8')) as { trackingId: string }).trackingId;

describe('crash: the server is killed while submissions from four browsers are in flight', () => {
  const folder = tempFolder('narahubung-e2e-crash-');
  const database = `${folder.dir}/narahubung.sqlite`;
  let server: ServerProcess;
  let proxy: GateProxy;
  let chromium: TestBrowser;

  beforeAll(async () => {
    requireBuild();
    server = await startServerProcess({ database });
    proxy = await startGateProxy(server.port);
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await proxy?.close();
    await server?.stop();
    folder.remove();
  });

  it('after a restart every complaint is stored exactly once and every citizen has a tracking number', async () => {
    // Four citizens, each in their own browser context (own IndexedDB outbox, own connections).
    const citizens: { page: Page; watch: PageWatch; context: Awaited<ReturnType<TestBrowser['browser']['createBrowserContext']>> }[] = [];
    for (let index = 0; index < CITIZENS.length; index++) {
      const context = await chromium.browser.createBrowserContext();
      const page = await context.newPage();
      const watch = await watchPage(page);
      await page.goto(`${proxy.url}/`);
      citizens.push({ page, watch, context });
    }
    await Promise.all(
      citizens.map(({ page }, index) =>
        fillComplaintForm(page, {
          title: `Antrean layanan ${index + 1} berlarut`,
          description: `Pengurusan dokumen kependudukan saya (warga ${index + 1}) tertunda berminggu-minggu tanpa kabar.`,
          name: CITIZENS[index]!,
          email: `warga${index + 1}@example.id`,
        }),
      ),
    );
    // Each presses Send in turn; the proxy holds each submission, so the arrival order is known.
    for (const [index, { page }] of citizens.entries()) {
      await sendComplaint(page);
      await proxy.waitForHeld(index + 1);
    }
    const [first, second, third, fourth] = proxy.held as [typeof proxy.held[0], typeof proxy.held[0], typeof proxy.held[0], typeof proxy.held[0]];
    expect(new Set(proxy.held.map((held) => held.idempotencyKey)).size).toBe(4);

    // 1 and 2 reach the server, which stores them and answers; the browsers get no answer yet.
    const answers = [await first.forwardWhole(), await second.forwardWhole()];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    // 3 reaches the server in part: sent, not answered. 4 never leaves the proxy.
    await third.forwardPart(Math.floor(third.body.length / 2));

    // The proxy holds both answers, so the server has written them; its log lines reach this process
    // through a pipe a moment later. Wait for that state, then kill it.
    await until(() => server.output.filter((line) => line.startsWith('POST /v1/complaints 201 ')).length === 2, 'the server to log both answers');
    await server.kill();
    // The killed server answered exactly two submissions (the third never finished arriving).
    expect(server.output.filter((line) => line.startsWith('POST /v1/complaints '))).toEqual([
      expect.stringMatching(/^POST \/v1\/complaints 201 /),
      expect.stringMatching(/^POST \/v1\/complaints 201 /),
    ]);
    // What the killed server had committed: exactly the two it answered.
    const afterCrash = countRows(database);
    expect(afterCrash.complaints).toBe(2);
    expect(afterCrash.idempotencyKeys).toBe(2);
    expect(afterCrash.trackingIds).toEqual(answers.map(trackingIdOf).sort());

    // Citizen 4 closes the tab while waiting; their submission stays in the outbox (IndexedDB).
    await citizens[3]!.page.close();

    // The server comes back on the same database and port; the proxy lets everything through.
    server = await startServerProcess({ database, port: server.port });
    expect(server.tokens.size).toBe(0);
    proxy.open();
    // The lost answers: 1's connection is cut, 2 gets half its answer, 3's connection is cut.
    first.drop();
    second.deliverPartOf(answers[1]!, Math.floor(answers[1]!.body.length / 2));
    third.drop();
    await until(() => fourth.abandoned(), 'the closed tab to give up its request');

    // Citizen 4 comes back later: opening the page again resends what the outbox holds.
    const returning = await citizens[3]!.context.newPage();
    const returningWatch = await watchPage(returning);
    await returning.goto(`${proxy.url}/`);

    const shown = await Promise.all([
      ...citizens.slice(0, 3).map(({ page }) => trackingNumberShown(page, 90_000)),
      trackingNumberShown(returning, 90_000),
    ]);
    // Those whose first attempt was stored get the first answer back (same tracking number).
    expect(shown.slice(0, 2)).toEqual(answers.map(trackingIdOf));
    expect(new Set(shown).size).toBe(4);

    const stored = countRows(database);
    expect(stored.complaints).toBe(4);
    expect(stored.idempotencyKeys).toBe(4);
    expect(stored.trackingIds).toEqual([...shown].sort());
    // The restarted server created 3 and 4, and answered 1 and 2 by replaying their first answers
    // (its log lines arrive through a pipe: wait until all four answers are read).
    const answered = () => server.output.filter((line) => /^POST \/v1\/complaints 20[01] /.test(line));
    await until(() => answered().length >= 4, 'the restarted server to log its answers');
    const submissions = server.output.filter((line) => line.startsWith('POST /v1/complaints '));
    expect(submissions.filter((line) => line.startsWith('POST /v1/complaints 201 '))).toHaveLength(2);
    expect(submissions.filter((line) => line.startsWith('POST /v1/complaints 200 ')).length).toBeGreaterThanOrEqual(2);

    for (const watch of [...citizens.slice(0, 3).map((citizen) => citizen.watch), returningWatch]) {
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.errors).toEqual([]);
    }
  }, 150_000);
});
