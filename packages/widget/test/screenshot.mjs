#!/usr/bin/env node
// Renders the README's screenshots in headless Chromium, each page talking to the real intake
// handler: docs/form-phone.png, the citizen's form on a 360 px phone screen, and
// docs/inbox-laptop.png, a complaint opened in the focal point's inbox on a laptop screen.
// The inbox's intake has its clock stopped and its tracking numbers drawn from a fixed seed, so
// both files come out the same on every run; docs/indicators-laptop.png and docs/indicators-phone.png,
// the indicators of a year of complaints written at fixed instants. Needs `npm run build`.
// Usage: node packages/widget/test/screenshot.mjs
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

// Tracking numbers come from crypto.getRandomValues in this process (the intake runs here): a
// seeded generator (xorshift32) makes them the same on every run.
let seed = 0x2a17c0de;
crypto.getRandomValues = (array) => {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let index = 0; index < bytes.length; index++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[index] = seed & 0xff;
  }
  return array;
};

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bundle = await build({ entryPoints: [here('./intake-server.ts')], bundle: true, platform: 'node', format: 'esm', write: false, conditions: ['narahubung-source'], logLevel: 'error' });
const { intakeMiddleware } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
const scripts = {
  '/narahubung-widget.js': readFileSync(here('../dist/narahubung-widget.js')),
  '/narahubung-inbox.js': readFileSync(here('../dist/narahubung-inbox.js')),
  '/narahubung-indicators.js': readFileSync(here('../dist/narahubung-indicators.js')),
};
const pages = {
  '/': `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Layanan pengaduan</title><script src="/narahubung-widget.js" data-endpoint="/__nh/api/screenshot" defer></script>
<link rel="stylesheet" href="/page.css"></head><body><nh-complaint-form></nh-complaint-form></body></html>`,
  '/inbox': `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kotak masuk pengaduan</title><script src="/narahubung-inbox.js" data-endpoint="/__nh/api/screenshot-inbox" defer></script>
<link rel="stylesheet" href="/page.css"></head><body><nh-focal-point-inbox></nh-focal-point-inbox></body></html>`,
  '/indikator': `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kinerja penanganan pengaduan</title><script src="/narahubung-indicators.js" data-endpoint="/__nh/api/screenshot-indicators" defer></script>
<link rel="stylesheet" href="/page.css"></head><body><nh-indicators></nh-indicators></body></html>`,
};
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path.startsWith('/__nh/')) return void intakeMiddleware({ req, res, path, respond: true }, async () => res.writeHead(404).end());
  if (scripts[path]) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(scripts[path]);
  if (path === '/page.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end('body { margin: 0; } nh-focal-point-inbox { --nh-max-width: 56rem; } nh-indicators { --nh-max-width: none; }');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path] ?? pages['/']);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(asRoot ? ['--no-sandbox'] : [])],
});
/** Disdukcapil's focal point in the test intake (core's test fixtures). */
const TOKEN = 'token-disdukcapil-0123456789abcdef';

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function formOnPhone() {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await tab.goto(`${origin}/`);
  await tab.waitForFunction(() => document.querySelector('nh-complaint-form')?.shadowRoot?.querySelector('select'));
  // Show the error summary and inline messages: the state a citizen most needs to read well.
  await tab.evaluate(() => document.querySelector('nh-complaint-form').shadowRoot.querySelector('button[type="submit"]').click());
  await settle();
  await tab.screenshot({ path: here('../docs/form-phone.png') });
  await tab.close();
  console.log('wrote packages/widget/docs/form-phone.png');
}

/** A public complaint with two attachments, received Monday 2 November 2026 09:15 WIB and verified the next day. */
async function fileForInbox() {
  const api = `${origin}/__nh/api/screenshot-inbox`;
  const control = `${origin}/__nh/control/screenshot-inbox`;
  await fetch(`${control}/clock-at/${Date.parse('2026-11-02T02:15:00Z')}`);
  const complaint = {
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'KTP-el tidak kunjung terbit setelah dua bulan',
    description: 'Saya merekam data KTP-el pada 1 September di kantor Disdukcapil. Petugas menjanjikan dua minggu, tetapi sampai hari ini belum terbit dan tidak ada penjelasan.',
    incident: { date: '2026-09-01', place: 'Kantor Disdukcapil Kota Bandar Lampung' },
    priorAttempt: { date: '2026-10-10', contacted: 'Loket pelayanan', response: 'Diminta menunggu' },
    expectedResolution: 'KTP-el diterbitkan atau ada kepastian tanggal terbit',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '0812 3456 7890' },
    confidentiality: 'public',
    consent: true,
    locale: 'id',
  };
  const form = new FormData();
  form.set('complaint', new Blob([JSON.stringify(complaint)], { type: 'application/json' }));
  form.append('attachments', new Blob(['%PDF-1.4\n%', 'x'.repeat(180_000), '\n%%EOF\n'], { type: 'application/pdf' }), 'surat-pengantar-rt.pdf');
  form.append('attachments', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'x'.repeat(420_000)], { type: 'image/jpeg' }), 'bukti-pengambilan.jpg');
  const answer = await fetch(`${api}/v1/complaints`, { method: 'POST', headers: { 'idempotency-key': 'screenshot-inbox-0001' }, body: form });
  if (answer.status !== 201) throw new Error(`filing the complaint: ${answer.status} ${await answer.text()}`);
  const { trackingId } = await answer.json();
  await fetch(`${control}/clock-at/${Date.parse('2026-11-03T03:00:00Z')}`);
  const moved = await fetch(`${api}/v1/complaints/${trackingId}/transitions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'verified', note: 'Berkas lengkap. Permohonan diteruskan ke Bidang Pelayanan Pendaftaran Penduduk.' }),
  });
  if (!moved.ok) throw new Error(`verifying the complaint: ${moved.status} ${await moved.text()}`);
  await fetch(`${control}/clock-at/${Date.parse('2026-11-04T01:30:00Z')}`);
  return trackingId;
}

async function inboxOnLaptop() {
  const trackingId = await fileForInbox();
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
  await tab.goto(`${origin}/inbox`);
  const inbox = 'nh-focal-point-inbox';
  const inShadow = (selector) => tab.waitForFunction((host, inner) => document.querySelector(host)?.shadowRoot?.querySelector(inner), { polling: 100 }, inbox, selector);
  await (await inShadow('#token')).type(TOKEN);
  await (await inShadow('form button[type="submit"]')).click();
  await (await inShadow(`[data-tracking-id="${trackingId}"]`)).click();
  await inShadow('[part="download-button"]');
  // From the description down: the attachments with their download buttons, the deadlines, the history.
  await tab.evaluate((selector) => {
    const root = document.querySelector(selector).shadowRoot;
    root.activeElement?.blur();
    const description = [...root.querySelectorAll('h3')].find((heading) => heading.nextElementSibling?.classList.contains('prose'));
    window.scrollTo(0, description.getBoundingClientRect().top + window.scrollY - 16);
  }, inbox);
  await settle();
  await tab.screenshot({ path: here('../docs/inbox-laptop.png') });
  await tab.close();
  console.log('wrote packages/widget/docs/inbox-laptop.png');
}

/**
 * A year of complaints about Disdukcapil and the hospital, written at fixed instants: the first of
 * every week from January to October, a category by turns, most verified the next working day,
 * some late, resolved a fortnight later or left open. The clock then stands on 2 November 2026.
 */
async function fileForIndicators() {
  const api = `${origin}/__nh/api/screenshot-indicators`;
  const control = `${origin}/__nh/control/screenshot-indicators`;
  const at = (instant) => fetch(`${control}/clock-at/${Date.parse(instant)}`);
  const categories = ['undue_delay', 'undue_delay', 'no_service', 'improper_request', 'procedural_deviation', 'undue_delay', 'incompetence'];
  const tokens = { 'disdukcapil-bandar-lampung': TOKEN, 'rsud-abdul-moeloek': 'token-rsud-0123456789abcdef-xyz' };
  const move = async (trackingId, agencyId, to, note) => {
    const moved = await fetch(`${api}/v1/complaints/${trackingId}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[agencyId]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to, note }),
    });
    if (!moved.ok) throw new Error(`moving ${trackingId} to ${to}: ${moved.status} ${await moved.text()}`);
  };
  let count = 0;
  for (let day = Date.parse('2026-01-05T02:00:00Z'); day < Date.parse('2026-10-31T00:00:00Z'); day += 7 * 86_400_000) {
    for (const [agencyId, perWeek] of [['disdukcapil-bandar-lampung', 3], ['rsud-abdul-moeloek', 1]]) {
      for (let index = 0; index < perWeek; index++, count++) {
        await at(new Date(day + index * 3_600_000).toISOString());
        const answer = await fetch(`${api}/v1/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `screenshot-indicators-${count}` },
          body: JSON.stringify({
            kind: 'complaint',
            agencyId,
            category: categories[count % categories.length],
            title: 'Layanan tidak kunjung selesai',
            description: 'Sudah dua minggu menunggu tanpa penjelasan dari petugas di loket pelayanan.',
            reporter: { name: 'Warga', email: 'warga@example.id' },
            confidentiality: 'anonymous',
            consent: true,
            locale: 'id',
          }),
        });
        if (answer.status !== 201) throw new Error(`filing: ${answer.status} ${await answer.text()}`);
        const { trackingId } = await answer.json();
        if (count % 5 === 4) continue;
        await at(new Date(day + (count % 3 === 0 ? 6 : 1) * 86_400_000).toISOString());
        await move(trackingId, agencyId, 'verified', 'Berkas lengkap.');
        if (count % 3 === 2) continue;
        await move(trackingId, agencyId, 'in_progress', 'Sedang diproses.');
        await at(new Date(day + 14 * 86_400_000).toISOString());
        await move(trackingId, agencyId, 'resolved', count % 6 === 1 ? '' : 'Sudah selesai.');
      }
    }
  }
  await at('2026-11-02T03:00:00Z');
}

async function indicatorsOnScreens() {
  await fileForIndicators();
  const host = 'nh-indicators';
  for (const [file, viewport, target] of [
    ['indicators-laptop.png', { width: 1280, height: 900, deviceScaleFactor: 1 }, '.controls'],
    ['indicators-phone.png', { width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, '#chart-trend'],
  ]) {
    const tab = await browser.newPage();
    await tab.setViewport(viewport);
    await tab.goto(`${origin}/indikator`);
    await tab.waitForFunction((selector) => document.querySelector(selector)?.shadowRoot?.querySelector('table[part="table"] tbody tr'), { polling: 100 }, host);
    await tab.evaluate((selector, inner) => {
      const element = document.querySelector(selector).shadowRoot.querySelector(inner);
      window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 16);
    }, host, target);
    await settle();
    await tab.screenshot({ path: here(`../docs/${file}`) });
    await tab.close();
    console.log(`wrote packages/widget/docs/${file}`);
  }
}

try {
  await formOnPhone();
  await inboxOnLaptop();
  await indicatorsOnScreens();
} finally {
  await browser.close();
  server.close();
}
