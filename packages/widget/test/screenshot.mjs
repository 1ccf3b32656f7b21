#!/usr/bin/env node
// Renders the README's screenshots in headless Chromium, each page talking to the real intake
// handler: docs/form-phone.png, the citizen's form on a 360 px phone screen; the focal
// point's inbox at 1280×800: docs/inbox-list.png, the list with filters, and
// docs/inbox-complaint.png, a complaint opened; docs/indicators-laptop.png and
// docs/indicators-phone.png, the indicators of a year of complaints written at fixed instants. The
// intakes have their clocks stopped (the inbox page's clock is set to the same instant) and their
// tracking numbers drawn from a fixed seed, so the files come out the same on every run. Needs
// `npm run build`.
// Usage: node packages/widget/test/screenshot.mjs [form|inbox|indicators]   (all when not said)
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
  if (path === '/page.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end('body { margin: 0; } nh-indicators { --nh-max-width: none; }');
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

const inboxApi = `${origin}/__nh/api/screenshot-inbox`;
const inboxControl = `${origin}/__nh/control/screenshot-inbox`;
/** Wednesday 4 November 2026, 09:30 WIB: the intake's clock and the page's, for the pictures. */
const NOW = Date.parse('2026-11-04T02:30:00Z');
const stopClock = (iso) => fetch(`${inboxControl}/clock-at/${Date.parse(iso)}`);
const asFocalPoint = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

/** Files a complaint at `at` (the intake's clock stopped there), with files as multipart parts. */
async function fileAt(at, fields, files = []) {
  await stopClock(at);
  const complaint = {
    kind: 'complaint', agencyId: 'disdukcapil-bandar-lampung', category: 'undue_delay', confidentiality: 'anonymous', consent: true, locale: 'id',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '0812 3456 7890' },
    description: 'Saya sudah mengurus permohonan ini di kantor Disdukcapil dan belum ada kepastian sampai hari ini.',
    ...fields,
  };
  const form = new FormData();
  form.set('complaint', new Blob([JSON.stringify(complaint)], { type: 'application/json' }));
  for (const [name, type, bytes] of files) form.append('attachments', new Blob(bytes, { type }), name);
  const answer = await fetch(`${inboxApi}/v1/complaints`, { method: 'POST', headers: { 'idempotency-key': `screenshot-inbox-${at}` }, body: form });
  if (answer.status !== 201) throw new Error(`filing "${fields.title}": ${answer.status} ${await answer.text()}`);
  return (await answer.json()).trackingId;
}

/** A staff request at `at`, failing loudly. */
async function staff(at, path, body) {
  await stopClock(at);
  const answer = await fetch(`${inboxApi}${path}`, { method: 'POST', headers: asFocalPoint, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
}

/** A month of Disdukcapil's complaints: some late, some verified, one waiting for the reporter, some assigned. */
async function fileForInbox() {
  const pdf = ['application/pdf', ['%PDF-1.4\n%', 'x'.repeat(180_000), '\n%%EOF\n']];
  const jpeg = ['image/jpeg', [new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'x'.repeat(420_000)]];
  const seed = [
    ['2026-10-19T02:10:00Z', { title: 'Akta kematian ayah belum terbit enam minggu', category: 'undue_delay' }],
    ['2026-10-21T06:45:00Z', { title: 'Petugas meminta uang agar KK cepat selesai', category: 'improper_request' }, [['bukti-chat.jpg', ...jpeg]]],
    ['2026-10-23T03:20:00Z', { title: 'Perubahan data KK ditolak tanpa alasan', category: 'procedural_deviation' }],
    ['2026-10-26T01:05:00Z', { title: 'Usul loket khusus lansia dan difabel', category: 'other', kind: 'aspiration' }],
    ['2026-10-27T04:30:00Z', { title: 'Surat pindah belum diterbitkan', category: 'undue_delay' }],
    ['2026-10-28T07:15:00Z', { title: 'Loket tutup sebelum jam layanan berakhir', category: 'no_service' }],
    ['2026-10-29T02:50:00Z', { title: 'Kartu Identitas Anak tidak bisa dicetak', category: 'no_service' }],
    ['2026-10-30T03:40:00Z', { title: 'Berapa biaya legalisir akta kelahiran?', category: 'other', kind: 'information_request' }],
    ['2026-11-02T02:15:00Z', { title: 'KTP-el tidak kunjung terbit setelah dua bulan', category: 'undue_delay', confidentiality: 'public',
      description: 'Saya merekam data KTP-el pada 1 September di kantor Disdukcapil. Petugas menjanjikan dua minggu, tetapi sampai hari ini belum terbit dan tidak ada penjelasan.',
      incident: { date: '2026-09-01', place: 'Kantor Disdukcapil Kota Bandar Lampung' }, priorAttempt: { date: '2026-10-10', contacted: 'Loket pelayanan', response: 'Diminta menunggu' },
      expectedResolution: 'KTP-el diterbitkan atau ada kepastian tanggal terbit' }, [['surat-pengantar-rt.pdf', ...pdf], ['bukti-pengambilan.jpg', ...jpeg]]],
    ['2026-11-02T05:30:00Z', { title: 'Petugas tidak ramah saat melayani warga lansia', category: 'improper_conduct' }],
    ['2026-11-03T01:45:00Z', { title: 'NIK ganda pada kartu keluarga', category: 'incompetence' }, [['kk.pdf', ...pdf]]],
    ['2026-11-03T06:20:00Z', { title: 'Jadwal perekaman di kecamatan dibatalkan mendadak', category: 'no_service' }],
    ['2026-11-04T00:40:00Z', { title: 'Layanan daring Dukcapil sering gangguan', category: 'no_service' }],
    ['2026-11-04T01:55:00Z', { title: 'Antrean perekaman KTP-el tidak tertib', category: 'improper_conduct' }],
  ];
  const ids = [];
  for (const [at, fields, files] of seed) ids.push(await fileAt(at, fields, files));
  await staff('2026-10-22T03:00:00Z', `/v1/complaints/${ids[1]}/transitions`, { to: 'verified', note: 'Laporan diteruskan ke Inspektorat untuk diperiksa.' });
  await staff('2026-10-22T03:05:00Z', `/v1/complaints/${ids[1]}/assignment`, { officerId: 'off-disdukcapil' });
  await staff('2026-10-28T02:00:00Z', `/v1/complaints/${ids[4]}/transitions`, { to: 'needs_info', note: 'Mohon kirim foto surat pengantar RT/RW.' });
  await staff('2026-11-03T03:00:00Z', `/v1/complaints/${ids[8]}/transitions`, { to: 'verified', note: 'Berkas lengkap. Permohonan diteruskan ke Bidang Pelayanan Pendaftaran Penduduk.' });
  await staff('2026-11-03T03:10:00Z', `/v1/complaints/${ids[8]}/assignment`, { officerId: 'off-disdukcapil' });
  await staff('2026-11-03T03:20:00Z', `/v1/complaints/${ids[8]}/notes`, { text: 'Blangko KTP-el di gudang habis sejak Oktober; tanyakan jadwal kiriman ke Kemendagri sebelum menjawab pelapor.' });
  await staff('2026-11-03T04:00:00Z', `/v1/complaints/${ids[10]}/assignment`, { officerId: 'off-disdukcapil' });
  await stopClock(new Date(NOW).toISOString());
  return ids[8];
}

/** A tab at 1280×800 whose clock stands at NOW, like the intake's, signed in to the inbox. */
async function laptopInbox(path) {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
  await tab.evaluateOnNewDocument((now) => {
    const RealDate = Date;
    globalThis.Date = class extends RealDate {
      constructor(...args) {
        super(...(args.length === 0 ? [now] : args));
      }
      static now() {
        return now;
      }
    };
  }, NOW);
  await tab.goto(`${origin}${path}`);
  const inShadow = (selector) => tab.waitForFunction((inner) => {
    const visit = (scope) => [...(scope.shadowRoot ?? scope).querySelectorAll('*')].some((element) => element.matches(inner) || (element.shadowRoot && visit(element)));
    const inbox = document.querySelector('nh-focal-point-inbox');
    return inbox && visit(inbox);
  }, { polling: 100 }, selector);
  await inShadow('#token');
  await tab.click('nh-focal-point-inbox >>> #token');
  await tab.keyboard.type(TOKEN);
  await tab.keyboard.press('Enter');
  return { tab, inShadow };
}

async function inboxOnLaptop() {
  const opened = await fileForInbox();
  // The list: open complaints of the kind "complaint", the late ones first; the officers' names, the files.
  const list = await laptopInbox('/inbox?kind=complaint');
  await list.inShadow('table[aria-busy="false"] tbody tr');
  await list.inShadow('[part~="tabs"] .count');
  await list.tab.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    active?.blur();
  });
  await settle();
  await list.tab.screenshot({ path: here('../docs/inbox-list.png') });
  await list.tab.close();
  console.log('wrote packages/widget/docs/inbox-list.png');
  // The complaint, as a mail's link opens it: public, verified, assigned, with an internal note.
  const complaint = await laptopInbox(`/inbox?complaint=${opened}`);
  await complaint.inShadow('#officer');
  await complaint.inShadow('[part~="internal-notes"] li');
  await complaint.tab.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    active?.blur();
    // From the complaint's title down: its fields, beside them the public box and the internal notes.
    const detail = document.querySelector('nh-focal-point-inbox').shadowRoot.querySelector('nh-inbox-detail').shadowRoot;
    window.scrollTo(0, detail.querySelector('h2').getBoundingClientRect().top + window.scrollY - 12);
  });
  await settle();
  await complaint.tab.screenshot({ path: here('../docs/inbox-complaint.png') });
  await complaint.tab.close();
  console.log('wrote packages/widget/docs/inbox-complaint.png');
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

const only = process.argv[2];
try {
  if (!only || only === 'form') await formOnPhone();
  if (!only || only === 'inbox') await inboxOnLaptop();
  if (!only || only === 'indicators') await indicatorsOnScreens();
} finally {
  await browser.close();
  server.close();
}
