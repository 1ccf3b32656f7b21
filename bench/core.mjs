#!/usr/bin/env node
// Benchmarks of @narahubung/core, each printed beside a baseline measured in the same run:
// 1. validations per second of complaintSubmissionSchema (zod/mini) beside the very same schema
//    code built with full zod (validate.ts bundled twice, the second time with `zod/mini`
//    aliased to `zod`), and the bundle size each costs a browser;
// 2. submissions per second through createIntakeHandler with the memory store, beside
//    GET /v1/config through the same handler (the cost of routing alone).
// Run: npm run bench (builds first), or node bench/core.mjs after npm run build.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'narahubung-bench-'));

async function bundle(name, alias) {
  const outfile = join(work, `${name}.mjs`);
  const result = await build({
    entryPoints: [new URL('packages/core/src/validate.ts', root).pathname],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    minify: true,
    write: false,
    alias,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  writeFileSync(outfile, code);
  return { module: await import(pathToFileURL(outfile).href), bytes: code.length, gzip: gzipSync(code).length };
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
function rate(fn, ms = 1500) {
  for (let i = 0; i < 200; i++) fn(i); // warm up
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) fn(count + i);
    count += 100;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const samples = Array.from({ length: 64 }, (_, i) => ({
  kind: 'complaint',
  agencyId: 'disdukcapil-bandar-lampung',
  category: 'undue_delay',
  title: `KTP-el tidak kunjung terbit ${i}`,
  description: `Saya mengajukan KTP-el pada 1 September dan sampai hari ini belum terbit tanpa penjelasan. ${'x'.repeat(i * 10)}`,
  incident: { date: '2026-09-01', place: 'Kantor Disdukcapil Kota Bandar Lampung' },
  reporter: { name: 'Siti Aminah', email: `siti${i}@example.id`, phone: '0812 3456 7890' },
  confidentiality: 'anonymous',
  consent: true,
  locale: 'id',
}));
const invalid = { ...samples[0], description: 'pendek', reporter: { name: '', email: 'x' } };

console.log('@narahubung/core benchmarks (node ' + process.version + ')\n');
const mini = await bundle('mini', {});
const full = await bundle('full', { 'zod/mini': 'zod' });
console.log('1. complaintSubmissionSchema: zod/mini (ours) beside the same schema code on full zod');
const rows = [
  ['bundle of validate.ts, minified', `${fmt(mini.bytes)} B (${fmt(mini.gzip)} B gzip)`, `${fmt(full.bytes)} B (${fmt(full.gzip)} B gzip)`],
];
for (const [label, run] of [
  ['schema.safeParse, valid, per second', (m) => (i) => m.complaintSubmissionSchema.safeParse(samples[i % 64])],
  ['validateComplaint, valid, per second', (m) => (i) => m.validateComplaint(samples[i % 64], { locale: 'id' })],
  ['validateComplaint, invalid, per second', (m) => () => m.validateComplaint(invalid, { locale: 'en' })],
]) {
  rows.push([label, fmt(rate(run(mini.module))), fmt(rate(run(full.module)))]);
}
console.table(Object.fromEntries(rows.map(([label, a, b]) => [label, { 'zod/mini': a, 'full zod (baseline)': b }])));

console.log('\n2. createIntakeHandler with createMemoryStore, in-process (no network)');
const core = await import(new URL('packages/core/dist/index.js', root).href);
const directory = core.createDirectory({
  agencies: [{ id: 'disdukcapil-bandar-lampung', name: 'Disdukcapil Kota Bandar Lampung', kind: 'local_government', regionCode: '18.71', parentId: null, inspectorateId: null }],
  focalPoints: [{ id: 'fp', name: 'Rina', position: 'Kepala Seksi', agencyId: 'disdukcapil-bandar-lampung', unit: 'Pelayanan', email: 'fp@example.id', phone: '+62721000', categories: [], regions: [], active: { from: '2020-01-01', until: null } }],
});
const handle = core.createIntakeHandler({
  store: core.createMemoryStore(),
  directory,
  calendar: core.createWorkCalendar({ timeZone: 'Asia/Jakarta' }),
  tokens: core.createTokenVerifier([]),
});
async function throughput(makeRequest, total, concurrency) {
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      const i = next++;
      const response = await handle(makeRequest(i));
      await response.arrayBuffer();
      if (response.status >= 300) throw new Error(`unexpected ${response.status}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (total / (performance.now() - started)) * 1000;
}
const submit = (i) =>
  new Request('http://bench.local/v1/complaints', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${i}-${Math.random()}` },
    body: JSON.stringify(samples[i % 64]),
  });
const config = () => new Request('http://bench.local/v1/config');
await throughput(submit, 500, 10); // warm up
await throughput(config, 500, 10);
const submissions = await throughput(submit, 5000, 50);
const configs = await throughput(config, 5000, 50);
console.table({
  'requests per second, 50 concurrent': { 'POST /v1/complaints (memory store)': fmt(submissions), 'GET /v1/config (baseline)': fmt(configs) },
});
rmSync(work, { recursive: true, force: true });
