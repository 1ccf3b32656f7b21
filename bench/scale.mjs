// Complaints at scale (issue 9): the real server over SQLite and over PostgreSQL, each on 10,000
// and on 1,000,000 seeded complaints (bench/seed.mjs: 20 agencies, every status, 10 years), over
// HTTP: the first inbox page of one agency's focal point (about 1/10 of the complaints), its 50th
// page by cursor, a category filter, a search for a common and for a rare word, the Open311
// listing, and the counts per status (the inbox's tabs): p50 and p99 of each, one request at a
// time, the server's peak memory, and each store's seeding rate. The 10,000 figures are the
// baseline, measured in the same run, so the growth with the number of complaints is visible.
// Goals: every query p99 ≤ 20 ms at 1,000,000 complaints, server peak RSS ≤ 250 MB.
//
//   npm run build && node bench/scale.mjs             10,000 and 1,000,000 (seeding the first time: minutes)
//   node bench/scale.mjs --count 10000                one size (BENCH_COUNT=10000 too; comma-separated for several)
//   node bench/scale.mjs --store sqlite               one store (BENCH_STORE too)
//
// PostgreSQL needs Debian's `postgresql` package; without it its columns are skipped (said so).
import { cpus } from 'node:os';
import { COMMON_WORD, FOCAL_POINT, RARE_WORD } from './seed.mjs';
import { formatMs as format, get, measure, memoryOf, runColumns, shortCount, startSeededServer } from './seeded-server.mjs';

const GOAL_MS = 20;
const GOAL_RSS_MB = 250;
const PAGE = 50;

/** The queries, each a path for the focal point's token (or none: Open311 is public). */
const QUERIES = [
  { name: 'inbox, first page', path: '/v1/inbox' },
  { name: 'inbox, page 50 (cursor)', path: null },
  { name: 'inbox, category filter', path: '/v1/inbox?category=improper_request' },
  { name: `search, common word (${COMMON_WORD})`, path: `/v1/inbox?q=${COMMON_WORD}` },
  { name: `search, rare word (${RARE_WORD})`, path: `/v1/inbox?q=${RARE_WORD}` },
  { name: 'Open311 requests.json', path: '/open311/v2/requests.json', public: true },
  { name: 'counts per status (tabs)', path: '/v1/inbox?counts=true&limit=1' },
];

/** The cursor of page `page` of the inbox, walked from the first (of the last page, when there are fewer), and its number. */
async function cursorOfPage(url, token, page) {
  let cursor = null;
  let reached = 1;
  while (reached < page) {
    const answer = await get(`${url}/v1/inbox?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`, token);
    const body = JSON.parse(answer.body.toString('utf8'));
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
    reached += 1;
  }
  return { cursor, page: reached };
}

async function run(store, count) {
  const server = await startSeededServer(store, count, [FOCAL_POINT]);
  if (server.skipped) return { skipped: server.skipped };
  const token = server.token(FOCAL_POINT);
  const results = {};
  let total = null;
  let deepPage = null;
  try {
    for (const query of QUERIES) {
      let path = query.path;
      if (!path) {
        const deep = await cursorOfPage(server.url, token, 50);
        deepPage = deep.page;
        path = `/v1/inbox${deep.cursor ? `?cursor=${deep.cursor}` : ''}`;
      }
      const result = await measure(`${server.url}${path}`, query.public ? undefined : token);
      const body = JSON.parse(result.body.toString('utf8'));
      result.matches = Array.isArray(body) ? body.length : body.total;
      if (query.path === '/v1/inbox') total = body.total;
      delete result.body;
      result.memory = memoryOf(server.pid);
      results[query.name] = result;
    }
  } finally {
    results.memory = await server.stop();
  }
  return { results, meta: server.meta, total, deepPage };
}

const { counts, load, columns, largest, shown } = await runColumns(run);
const width = 17;
const label = 34;
console.log(`machine: ${cpus().length} cores, load average ${load} (other work on the machine slows every figure)`);
console.log(`complaints at scale over HTTP, one request at a time, the focal point of one agency (~1/10 of the complaints); ms p50 / p99;`);
console.log(`the ${shortCount(Math.min(...counts))} columns are the baseline. Goal at ${shortCount(largest)}: p99 ≤ ${GOAL_MS} ms, server peak RSS ≤ ${GOAL_RSS_MB} MB.`);
console.log(`${''.padEnd(label)}${shown.map((column) => `${column.store} ${shortCount(column.count)}`.padStart(width)).join('')}`);
for (const query of QUERIES) {
  const cells = shown.map((column) => {
    const result = column.results[query.name];
    return `${format(result.p50)} / ${format(result.p99)}`.padStart(width);
  });
  console.log(`${query.name.padEnd(label)}${cells.join('')}`);
}
console.log(`${'  (fewest samples of a query)'.padEnd(label)}${shown.map((column) => String(Math.min(...QUERIES.map((query) => column.results[query.name].n))).padStart(width)).join('')}`);
console.log(`${'  (the page measured as page 50)'.padEnd(label)}${shown.map((column) => String(column.deepPage).padStart(width)).join('')}`);
console.log(`${"agency's complaints (total)".padEnd(label)}${shown.map((column) => column.total.toLocaleString('en').padStart(width)).join('')}`);
for (const query of QUERIES.slice(2)) {
  console.log(`${`  matches: ${query.name}`.slice(0, label - 1).padEnd(label)}${shown.map((column) => column.results[query.name].matches.toLocaleString('en').padStart(width)).join('')}`);
}
console.log(`${'server peak RSS (VmHWM), MB'.padEnd(label)}${shown.map((column) => column.results.memory.peakMb.toFixed(0).padStart(width)).join('')}`);
console.log(`${'seeding, complaints/s'.padEnd(label)}${shown.map((column) => column.meta.perSecond.toFixed(0).padStart(width)).join('')}`);
console.log(`${'  seeded at load average'.padEnd(label)}${shown.map((column) => column.meta.machine.loadAverage[0].toFixed(1).padStart(width)).join('')}`);
console.log(`${'  seeded on schema (now)'.padEnd(label)}${shown.map((column) => `${column.meta.seededSchemaVersion ?? column.meta.schemaVersion} (${column.meta.schemaVersion})`.padStart(width)).join('')}`);
for (const column of shown) console.log(`peak RSS after each query in turn, ${column.store} ${shortCount(column.count)}: ${QUERIES.map((query) => column.results[query.name].memory.peakMb.toFixed(0)).join(', ')} MB`);
for (const column of columns.filter((one) => one.skipped)) console.log(`${column.store} ${shortCount(column.count)}: skipped, ${column.skipped}`);

const missed = [];
for (const column of shown.filter((one) => one.count === largest)) {
  for (const query of QUERIES) {
    const { p99 } = column.results[query.name];
    if (p99 > GOAL_MS) missed.push(`${column.store}: ${query.name} p99 ${format(p99)} ms`);
  }
  if (column.results.memory.peakMb > GOAL_RSS_MB) missed.push(`${column.store}: peak RSS ${column.results.memory.peakMb.toFixed(0)} MB`);
}
console.log(missed.length === 0 ? `every goal met at ${shortCount(largest)}` : `missed at ${shortCount(largest)}: ${missed.join('; ')}`);
