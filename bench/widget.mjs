#!/usr/bin/env node
// The widget's weight and start-up time, each beside a baseline measured in the same run:
//   1. raw, gzip and brotli bytes of every file in packages/widget/dist, beside a Lit-only element
//      (LitElement rendering a form, nothing else) bundled and minified the same way;
//   2. the script-tag files against their budget (narahubung-widget.js at most 30 KB gzip), beside
//      the figure recorded before issue 12 (which added narahubung-citizen.js);
//   3. time from script start to an interactive form in headless Chromium, beside a plain HTML
//      form with the same fields, as medians and their ratio.
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
await browser.close();
server.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const widgetMedian = median(widgetTimes);
const plainMedian = median(plainTimes);
console.log(`\n## Script start to interactive form, headless Chromium, median of ${runs}\n`);
console.log('| page | ms |');
console.log('| --- | ---: |');
console.log(`| <nh-complaint-form> (one-file bundle, GET /v1/config included) | ${widgetMedian.toFixed(1)} |`);
console.log(`| baseline: plain HTML form, same fields | ${plainMedian.toFixed(1)} |`);
console.log(`| ratio | ${(widgetMedian / Math.max(plainMedian, 0.1)).toFixed(1)}x |`);
