// The indicators' printable handout (GET /v1/indicators.pdf), beside baselines measured in the
// same run. Run after `npm run build`: node bench/handout.mjs [renders]
//
// 1. renderIndicatorsHandout in this process: a province of 20 agencies under 15 inspectorates
//    over one year, and a large one (200 agencies, 40 inspectorates, ten years of monthly trend):
//    ms and CPU ms per handout (median of the renders), pages, pages per CPU second, bytes.
//    Baseline: the workshop's own documents for the Lampung example (buildWorkshop), measured the
//    same way: its agenda (start to agenda.pdf: validation, glyph check, one page) and the whole
//    set per page. No collection is forced between renders: a full GC before each one (node
//    --expose-gc and gc()) tripled the CPU of the next render here, which a server never sees.
// 2. Over HTTP, the reference server in this process with the Lampung directory (an empty SQLite
//    file in a temporary folder; the handout of 22 agencies is the same work with or without
//    complaints): GET /v1/indicators.pdf beside GET /v1/indicators (the same answer as JSON),
//    one request at a time, then the JSON's latency while handouts are rendered back to back
//    (what a handout costs the other requests: the rendering runs on the server's event loop).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';

const { buildWorkshop, parseWorkshop, renderIndicatorsHandout } = await import('../packages/workshop/dist/index.js');
const { loadDejaVuFonts } = await import('../packages/workshop/dist/node.js');
const { startServer } = await import('../packages/server/dist/index.js');

const RENDERS = Number(process.argv[2]) || 20;
const fonts = await loadDejaVuFonts();
const categories = ['undue_delay', 'no_service', 'procedural_deviation', 'abuse_of_authority', 'improper_request', 'incompetence', 'improper_conduct', 'discrimination', 'partiality', 'conflict_of_interest', 'other'];

const share = (n, of) => ({ n, of, share: of === 0 ? null : Math.round((n / of) * 10_000) / 10_000 });
function table(name, seed, months) {
  const received = 200 + ((seed * 997) % 5000);
  const trend = {};
  const byCategory = {};
  months.forEach((month, monthIndex) => {
    trend[month] = {};
    categories.forEach((category, index) => {
      const count = (seed * 7 + monthIndex * 3 + index * 5) % 40;
      if (count === 0) return;
      trend[month][category] = count < 5 ? '< 5' : count;
      byCategory[category] = (byCategory[category] ?? 0) + count;
    });
  });
  const half = Math.floor(received / 2);
  return {
    name,
    received,
    cepat: { verifiedOnTime: share(received - (seed % 70), received), resolvedOnTime: share(half - (seed % 50), half), medianWorkingDaysToResolve: 3 + (seed % 9) },
    transparan: { publicNotes: share(3 * received - (seed % 230), 3 * received), answeredInfoRequests: share(seed % 40, 40) },
    akuntabel: { explainedResolutions: share(half - (seed % 30), half), escalated: share(seed % 60, received) },
    tuntas: { completed: share(half + (seed % 50), received), openOverdue: seed % 130, disputed: share(seed % 30, half), satisfaction: { index: 60 + ((seed * 13) % 4000) / 100, grade: 'B', responses: 30 + (seed % 170) } },
    trend,
    byCategory,
  };
}
function answerOf(agencyCount, inspectorateCount, years) {
  const months = [];
  for (let year = 2026 - years + 1; year <= 2026; year++) for (let month = 1; month <= 12; month++) months.push(`${year}-${String(month).padStart(2, '0')}`);
  const agencies = Array.from({ length: agencyCount }, (_, index) => ({ agencyId: `agency-${index}`, ...table(`Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh ${index + 1}`, index + 1, months) }));
  // The last agencies of the list are under no inspectorate (they appear on the total's pages).
  const supervised = agencies.slice(0, agencyCount - Math.ceil(agencyCount / 10));
  const inspectorates = Array.from({ length: inspectorateCount }, (_, index) => {
    const agencyIds = supervised.filter((_agency, agencyIndex) => agencyIndex % inspectorateCount === index).map((agency) => agency.agencyId);
    return { inspectorateId: `inspectorate-${index}`, agencyIds, ...table(`Inspektorat Kabupaten Contoh ${index + 1}`, 500 + index, months) };
  }).filter((inspectorate) => inspectorate.agencyIds.length > 0);
  return { period: { from: `${2026 - years + 1}-01-01`, to: '2027-01-01' }, at: '2026-11-06T03:00:00.000Z', timeZone: 'Asia/Jakarta', exact: false, agencies, inspectorates, total: table('', 9999, months) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pagesOf = async (bytes) => (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};


/** `runs` timed calls of `work` after three untimed ones (JIT, font parsing): median wall and CPU ms, and the last result. */
async function timed(work, runs = RENDERS) {
  for (let warm = 0; warm < 3; warm++) await work();
  const walls = [];
  const cpus = [];
  let result;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    result = await work();
    walls.push(performance.now() - started);
    cpus.push(cpuMs(cpuStarted));
  }
  return { ms: median(walls), cpu: median(cpus), result };
}

const rows = [];
for (const [label, answer] of [
  ['handout: 20 agencies, 15 inspectorates, 1 year', answerOf(20, 15, 1)],
  ['handout: 200 agencies, 40 inspectorates, 10 years', answerOf(200, 40, 10)],
]) {
  const { ms, cpu, result } = await timed(() => renderIndicatorsHandout(answer, { locale: 'id', fonts }));
  const pages = await pagesOf(result);
  rows.push({ what: label, pages, ms: ms.toFixed(1), 'cpu ms': cpu.toFixed(1), 'cpu ms/page': (cpu / pages).toFixed(2), 'pages/cpu s': Math.round((pages * 1000) / cpu), KB: Math.round(result.length / 1024) });
}

// Baseline: the workshop documents of the Lampung example, the same way.
const exampleDir = fileURLToPath(new URL('../examples/lampung-2021/', import.meta.url));
const workshop = parseWorkshop(readFileSync(join(exampleDir, 'workshop.yaml'), 'utf8'));
const assets = { [workshop.organizer.logo]: new Uint8Array(readFileSync(join(exampleDir, workshop.organizer.logo))) };
// The whole set (its warm-up run also warms the agenda's path), then the agenda alone: each build
// stopped when agenda.pdf is done.
const set = await timed(async () => ({ files: await buildWorkshop(workshop, { fonts, assets }) }));
const agendas = [];
const agendaCpus = [];
for (let run = 0; run < RENDERS; run++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await buildWorkshop(workshop, {
    fonts,
    assets,
    onProgress: ({ path }) => {
      if (path === 'agenda.pdf') {
        agendas.push(performance.now() - started);
        agendaCpus.push(cpuMs(cpuStarted));
        throw Object.assign(new Error('stop'), { agenda: true });
      }
    },
  }).catch((error) => {
    if (!error.agenda) throw error;
  });
}
let setPages = 0;
// Every page of every PDF, the one-letter files included (as bench/workshop.mjs counts).
for (const file of set.result.files) if (file.path.endsWith('.pdf')) setPages += await pagesOf(file.bytes);
rows.push({ what: 'baseline: workshop agenda.pdf (Lampung example)', pages: 1, ms: median(agendas).toFixed(1), 'cpu ms': median(agendaCpus).toFixed(1), 'cpu ms/page': median(agendaCpus).toFixed(2), 'pages/cpu s': Math.round(1000 / median(agendaCpus)), KB: '' });
rows.push({
  what: `baseline: whole workshop set (${workshop.invitees.length} invitees)`,
  pages: setPages,
  ms: set.ms.toFixed(1),
  'cpu ms': set.cpu.toFixed(1),
  'cpu ms/page': (set.cpu / setPages).toFixed(2),
  'pages/cpu s': Math.round((setPages * 1000) / set.cpu),
  KB: Math.round(set.result.files.reduce((sum, file) => sum + file.bytes.length, 0) / 1024),
});
console.table(rows);

// Over HTTP.
const folder = mkdtempSync(join(tmpdir(), 'narahubung-bench-handout-'));
const server = await startServer({ port: 0, database: join(folder, 'bench.sqlite'), rateLimit: null });
try {
  const get = async (path) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return { ms: performance.now() - started, body };
  };
  const period = 'from=2026-01-01&to=2027-01-01';
  const series = async (path, count) => {
    await get(path);
    const times = [];
    let body;
    for (let index = 0; index < count; index++) ({ ms: times[index], body } = await get(path));
    return { times, body };
  };
  const json = await series(`/v1/indicators?${period}`, RENDERS * 2);
  const pdf = await series(`/v1/indicators.pdf?${period}`, RENDERS);
  // The JSON, one request at a time, while a loop keeps asking for handouts.
  let rendering = true;
  const renders = (async () => {
    let count = 0;
    while (rendering) {
      await get(`/v1/indicators.pdf?${period}`);
      count += 1;
    }
    return count;
  })();
  const during = [];
  for (let index = 0; index < RENDERS * 2; index++) during.push((await get(`/v1/indicators?${period}`)).ms);
  rendering = false;
  const rendered = await renders;
  const answer = JSON.parse(new TextDecoder().decode(json.body));
  console.table([
    { request: 'GET /v1/indicators (JSON)', p50: median(json.times).toFixed(1), p99: percentile(json.times, 0.99).toFixed(1), bytes: json.body.length },
    { request: 'GET /v1/indicators.pdf', p50: median(pdf.times).toFixed(1), p99: percentile(pdf.times, 0.99).toFixed(1), bytes: pdf.body.length },
    { request: `GET /v1/indicators (JSON) while ${rendered} handouts render`, p50: median(during).toFixed(1), p99: percentile(during, 0.99).toFixed(1), bytes: json.body.length },
  ]);
  console.log(`HTTP: the Lampung directory (${answer.agencies.length} agencies, ${answer.inspectorates.length} inspectorates), ${await pagesOf(pdf.body)} pages; ms over loopback, one request at a time.`);
} finally {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}
console.log(`load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} (a shared machine: compare CPU ms, and rows of the same run)`);
