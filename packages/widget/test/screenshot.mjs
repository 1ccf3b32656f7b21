#!/usr/bin/env node
// Renders docs/form-phone.png: the form on a 360 px phone screen, in headless Chromium, talking
// to the real intake handler. Needs `npm run build`. Usage: node packages/widget/test/screenshot.mjs
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bundle = await build({ entryPoints: [here('./intake-server.ts')], bundle: true, platform: 'node', format: 'esm', write: false, conditions: ['narahubung-source'], logLevel: 'error' });
const { intakeMiddleware } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
const script = readFileSync(here('../dist/narahubung-widget.js'));
const page = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Layanan pengaduan</title><script src="/narahubung-widget.js" data-endpoint="/__nh/api/screenshot" defer></script>
<link rel="stylesheet" href="/page.css"></head><body><nh-complaint-form></nh-complaint-form></body></html>`;
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path.startsWith('/__nh/')) return void intakeMiddleware({ req, res, path, respond: true }, async () => res.writeHead(404).end());
  if (path === '/narahubung-widget.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  if (path === '/page.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end('body { margin: 0; }');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(asRoot ? ['--no-sandbox'] : [])],
});
const tab = await browser.newPage();
await tab.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
await tab.goto(`http://127.0.0.1:${server.address().port}/`);
await tab.waitForFunction(() => document.querySelector('nh-complaint-form')?.shadowRoot?.querySelector('select'));
// Show the error summary and inline messages: the state a citizen most needs to read well.
await tab.evaluate(() => document.querySelector('nh-complaint-form').shadowRoot.querySelector('button[type="submit"]').click());
await new Promise((resolve) => setTimeout(resolve, 300));
await tab.screenshot({ path: here('../docs/form-phone.png') });
await browser.close();
server.close();
console.log('wrote packages/widget/docs/form-phone.png');
