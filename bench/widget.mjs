#!/usr/bin/env node
// The widget's weight and start-up time, each beside a baseline measured in the same run:
//   1. raw, gzip and brotli bytes of every file in packages/widget/dist, beside a Lit-only element
//      (LitElement rendering a form, nothing else) bundled and minified the same way;
//   2. the script-tag files against their budget (narahubung-widget.js at most 30 KB gzip, the
//      inbox's narahubung-inbox.js at most 40 KB), beside the figure recorded before issue 12 (which
//      added narahubung-citizen.js);
//   3. time from script start to an interactive form in headless Chromium, beside a plain HTML
//      form with the same fields, as medians and their ratio;
//   4. the focal point's inbox over 120 complaints: time from script start to a rendered first page
//      of 50 rows, and from "next" to the second page, beside a plain server-rendered HTML table of
//      the same rows (the same store, queried by the server as it renders), as medians.
// Needs `npm run build` first. Usage: node bench/widget.mjs [runs]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'packages/widget/dist');
const runs = Number(process.argv[2] ?? 15);

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

// The baseline: the least a Lit element with the same kind of form costs.
const litOnlySource = `
import { LitElement, html } from 'lit';
class LitOnlyForm extends LitElement {
  render() {
    return html\`<form><label for="n">Name</label><input id="n" name="reporter.name"><button>Send</button></form>\`;
  }
}
customElements.define('lit-only-form', LitOnlyForm);
`;
const litBundle = await rollup({
  input: 'lit-only',
  logLevel: 'silent',
  plugins: [
    { name: 'lit-only', resolveId: (id) => (id === 'lit-only' ? id : null), load: (id) => (id === 'lit-only' ? litOnlySource : null) },
    nodeResolve({ browser: true, rootDir: root }),
    terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
  ],
});
const litOnly = Buffer.from((await litBundle.generate({ format: 'iife' })).output[0].code);

console.log('## Size (bytes)\n');
console.log('| file | raw | gzip | brotli |');
console.log('| --- | ---: | ---: | ---: |');
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.js')) files.push(path);
  }
};
walk(dist);
for (const file of files.sort()) {
  const s = sizes(readFileSync(file));
  console.log(`| ${file.slice(dist.length + 1)} | ${s.raw} | ${s.gzip} | ${s.brotli} |`);
}
const base = sizes(litOnly);
console.log(`| baseline: Lit-only element (lit bundled, minified) | ${base.raw} | ${base.gzip} | ${base.brotli} |`);

// What a citizen's browser fetches: the widget file for the form and the status lookup, and the
// second file once something comes after sending (a confirmation, a status's detail, the own view).
const BUDGET_GZIP = 30 * 1024;
/** narahubung-widget.js at b74d487, before issue 12 (the personal link, the own view and its actions): gzip -9. */
const BEFORE_ISSUE_12_GZIP = 29_921;
const widgetGzip = sizes(readFileSync(join(dist, 'narahubung-widget.js'))).gzip;
const citizenGzip = sizes(readFileSync(join(dist, 'narahubung-citizen.js'))).gzip;
console.log('\n## Script-tag budget (gzip bytes)\n');
console.log('| file | gzip | budget | baseline: before issue 12 |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| narahubung-widget.js | ${widgetGzip} | ${BUDGET_GZIP} (${widgetGzip <= BUDGET_GZIP ? 'within' : 'OVER'}, ${BUDGET_GZIP - widgetGzip} left) | ${BEFORE_ISSUE_12_GZIP} |`);
console.log(`| narahubung-citizen.js (loaded after sending) | ${citizenGzip} | none | 0 (did not exist) |`);
console.log(`| both, for a status with the own view | ${widgetGzip + citizenGzip} | none | ${BEFORE_ISSUE_12_GZIP} |`);

// Start-up: a server with the real intake handler (memory store) and two pages.
const intakeBundle = await build({
  entryPoints: [join(root, 'packages/widget/test/intake-server.ts')],
  bundle: true, platform: 'node', format: 'esm', write: false, conditions: ['narahubung-source'], logLevel: 'error',
});
const { intakeMiddleware } = await import(`data:text/javascript;base64,${Buffer.from(intakeBundle.outputFiles[0].text).toString('base64')}`);
const widgetScript = readFileSync(join(dist, 'narahubung-widget.js'));
const inboxScript = readFileSync(join(dist, 'narahubung-inbox.js'));
const fields = ['kind', 'agencyId', 'unit', 'category', 'title', 'description', 'incident.date', 'incident.place', 'reporter.name', 'reporter.email', 'reporter.phone'];
const pages = {
  '/widget.html': `<!doctype html><html lang="id"><head><meta charset="utf-8"><script>window.t0 = performance.now()</script>
    <script src="/narahubung-widget.js" data-endpoint="/__nh/api/bench"></script></head>
    <body><nh-complaint-form></nh-complaint-form></body></html>`,
  '/plain.html': `<!doctype html><html lang="id"><head><meta charset="utf-8"><script>window.t0 = performance.now()</script></head>
    <body><form>${fields.map((name) => `<label for="${name}">${name}</label><input id="${name}" name="${name}">`).join('')}
    <select name="category"><option>undue_delay</option></select><button>Kirim</button></form></body></html>`,
};
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path.startsWith('/__nh/')) return void intakeMiddleware({ req, res, path, respond: true }, async () => res.writeHead(404).end());
  if (path === '/narahubung-widget.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(widgetScript);
  if (path === '/narahubung-inbox.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(inboxScript);
  if (path === '/plain-table.html') {
    const params = new URL(req.url, 'http://localhost').searchParams;
    return void plainTable(params.get('cursor') ?? '', Number(params.get('start') ?? 1)).then((html) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  }
  if (pages[path]) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...(asRoot ? ['--no-sandbox'] : [])],
});

/**
 * Milliseconds from the page's first script to a form whose category select can take input,
 * checked inside the page (a timer loop from the first moment), so no DevTools round trip counts.
 */
async function timeToInteractive(path, host) {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument((hostTag) => {
    const isReady = () => {
      const scope = hostTag ? document.querySelector(hostTag)?.shadowRoot : document;
      return Boolean(scope?.querySelector('select[name="category"]'));
    };
    const poll = () => (isReady() ? (window.tReady = performance.now()) : setTimeout(poll, 0));
    poll();
  }, host);
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.tReady !== undefined);
  const ms = await page.evaluate(() => window.tReady - window.t0);
  await page.close();
  return ms;
}
const widgetReady = 'nh-complaint-form';
const plainReady = null;

const widgetTimes = [];
const plainTimes = [];
await timeToInteractive('/widget.html', widgetReady); // warm-up: the first config request builds the intake
for (let i = 0; i < runs; i++) {
  widgetTimes.push(await timeToInteractive('/widget.html', widgetReady));
  plainTimes.push(await timeToInteractive('/plain.html', plainReady));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const widgetMedian = median(widgetTimes);
const plainMedian = median(plainTimes);
console.log(`\n## Script start to interactive form, headless Chromium, median of ${runs}\n`);
console.log('| page | ms |');
console.log('| --- | ---: |');
console.log(`| <nh-complaint-form> (one-file bundle, GET /v1/config included) | ${widgetMedian.toFixed(1)} |`);
console.log(`| baseline: plain HTML form, same fields | ${plainMedian.toFixed(1)} |`);
console.log(`| ratio | ${(widgetMedian / Math.max(plainMedian, 0.1)).toFixed(1)}x |`);

// ---- 3. The inbox: a first page of 50 rows, then the next, beside a server-rendered table ----

const inboxEndpoint = '/__nh/api/bench-inbox';
/** Disdukcapil's focal point in the test intake (core's test fixtures). */
const TOKEN = 'token-disdukcapil-0123456789abcdef';
const ROWS = 120;
for (let start = 0; start < ROWS; start += 20) {
  await Promise.all(Array.from({ length: 20 }, async (_, offset) => {
    const index = start + offset;
    const answer = await fetch(`${origin}${inboxEndpoint}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-inbox-${index}` },
      body: JSON.stringify({
        kind: 'complaint', agencyId: 'disdukcapil-bandar-lampung', category: 'undue_delay', title: `KTP-el nomor ${index} belum terbit`,
        description: 'Permohonan KTP-el saya belum selesai melewati waktu yang dijanjikan petugas loket.',
        reporter: { name: 'Pelapor', email: 'pelapor@example.id' }, confidentiality: 'anonymous', consent: true, locale: 'id',
      }),
    });
    if (answer.status !== 201) throw new Error(`seeding the inbox: ${answer.status}`);
  }));
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const dateOf = (iso) => new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(new Date(iso));
/** The baseline: the same first page, the same columns, rendered by the server from the same store. */
async function plainTable(cursor, start) {
  const query = `limit=50&status=received,needs_info,verified,forwarded,in_progress,escalated,resolved${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const page = await (await fetch(`${origin}${inboxEndpoint}/v1/inbox?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
  const rows = page.items.map((item) => `<tr><td>${escapeHtml(item.trackingId)}</td><th scope="row"><a href="?complaint=${item.trackingId}">${escapeHtml(item.title)}</a></th>
    <td>${item.category}</td><td>${item.status}</td><td>${dateOf(item.receivedAt)}</td><td>${item.deadlines.verifyBy}</td><td>${item.assignee?.name ?? '—'}</td><td>${item.attachments.length}</td></tr>`);
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><script>window.t0 = performance.now()</script></head><body>
    <p id="range">${start}–${start + page.items.length - 1} dari ${page.total} laporan</p><table><tbody>${rows.join('')}</tbody></table>
    ${page.nextCursor ? `<a id="next" href="/plain-table.html?cursor=${encodeURIComponent(page.nextCursor)}&amp;start=${start + page.items.length}">Berikutnya</a>` : ''}</body></html>`;
}
pages['/inbox.html'] = `<!doctype html><html lang="id"><head><meta charset="utf-8"><script>window.t0 = performance.now()</script>
  <script src="/narahubung-inbox.js" data-endpoint="${inboxEndpoint}"></script></head><body><nh-focal-point-inbox></nh-focal-point-inbox></body></html>`;

/** ms from script start to the first page of 50 rows, and from "next" to the second page. */
async function timeInbox() {
  const page = await browser.newPage();
  // Signed in as a reload would be: the token remembered in this tab. The rows are the list's
  // (its shadow root inside the inbox's), checked from the first moment on a timer.
  await page.evaluateOnNewDocument((key, token) => {
    sessionStorage.setItem(key, token);
    window.inboxRows = () => {
      const list = document.querySelector('nh-focal-point-inbox')?.shadowRoot?.querySelector('nh-inbox-list')?.shadowRoot;
      return { rows: list?.querySelectorAll('tbody tr').length ?? 0, range: list?.querySelector('#range')?.textContent ?? '', next: list?.querySelector('a[rel="next"]') };
    };
    const poll = () => (window.inboxRows().rows === 50 && window.inboxRows().range.startsWith('1–50') ? (window.tReady = performance.now()) : setTimeout(poll, 0));
    poll();
  }, `narahubung.inbox-token:${origin}${inboxEndpoint}`, TOKEN);
  await page.goto(`${origin}/inbox.html`);
  await page.waitForFunction(() => window.tReady !== undefined);
  const first = await page.evaluate(() => window.tReady - window.t0);
  const next = await page.evaluate(async () => {
    const clicked = performance.now();
    window.inboxRows().next.click();
    for (;;) {
      const now = window.inboxRows();
      if (now.range.startsWith('51–') && now.rows === 50) return performance.now() - clicked;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });
  await page.close();
  return { first, next };
}

/** The same for the server-rendered table: its first page is there at parse; the next is a page load. */
async function timePlainTable() {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const poll = () => (document.querySelectorAll('tbody tr').length > 0 && document.querySelector('#range') ? (window.tReady = performance.now()) : setTimeout(poll, 0));
    poll();
  });
  await page.goto(`${origin}/plain-table.html`);
  await page.waitForFunction(() => window.tReady !== undefined);
  const first = await page.evaluate(() => window.tReady - window.t0);
  const clicked = await page.evaluate(() => performance.timeOrigin + performance.now());
  await Promise.all([page.waitForNavigation(), page.click('#next')]);
  await page.waitForFunction(() => window.tReady !== undefined && document.querySelector('#range').textContent.startsWith('51–'));
  // From the click in the first document to the table in the second: both on the same clock.
  const next = (await page.evaluate(() => performance.timeOrigin + window.tReady)) - clicked;
  await page.close();
  return { first, next };
}

await timeInbox(); // warm-up
const inboxTimes = [];
const tableTimes = [];
for (let i = 0; i < runs; i++) {
  inboxTimes.push(await timeInbox());
  tableTimes.push(await timePlainTable());
}
await browser.close();
server.close();

const inboxSize = sizes(inboxScript);
console.log(`\n## The inbox: 120 complaints, pages of 50, headless Chromium, median of ${runs}\n`);
console.log('| page | script start to first page of 50 rows, ms | "next" to the second page, ms |');
console.log('| --- | ---: | ---: |');
console.log(`| <nh-focal-point-inbox> (narahubung-inbox.js; GET /v1/me, /v1/config, /v1/officers, /v1/inbox?counts=true) | ${median(inboxTimes.map((time) => time.first)).toFixed(1)} | ${median(inboxTimes.map((time) => time.next)).toFixed(1)} |`);
console.log(`| baseline: server-rendered HTML table, same rows (next: a page load) | ${median(tableTimes.map((time) => time.first)).toFixed(1)} | ${median(tableTimes.map((time) => time.next)).toFixed(1)} |`);
console.log(`\nnarahubung-inbox.js: ${inboxSize.gzip} bytes gzip (${(inboxSize.gzip / 1024).toFixed(1)} KB; budget 40 KB), ${inboxSize.brotli} brotli.`);
