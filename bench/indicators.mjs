// The supervisors' indicators at scale (issue 13): the real server over SQLite and over
// PostgreSQL, on the complaints bench/scale.mjs seeds (bench/seed.mjs: 20 agencies, 10 years;
// 10,000 and 1,000,000), over HTTP with the Ombudsman office's supervisor token (the whole
// province): the province's indicators for one year and for all ten years, one agency's for a
// year, and the province's year as CSV. p50 and p99, one request at a time, and the server's peak
// memory. The 10,000 figures are the baseline, measured in the same run.
// Goal: p99 ≤ 200 ms for a year of the province at 1,000,000 complaints, server peak RSS ≤ 250 MB.
//
//   npm run build && node bench/indicators.mjs        10,000 and 1,000,000 (seeding the first time: minutes)
//   node bench/indicators.mjs --count 10000           one size (BENCH_COUNT too); --store sqlite|postgres (BENCH_STORE)
import { cpus } from 'node:os';
import { FOCAL_AGENCY, PROVINCE_SUPERVISOR } from './seed.mjs';
import { formatMs as format, measure, runColumns, shortCount, startSeededServer } from './seeded-server.mjs';

const GOAL_MS = 200;
const GOAL_RSS_MB = 250;
const YEAR_QUERY = 'province, one year';

/** The queries for a seed whose period is `[start, end)`: the last whole year, and every year. */
function queriesOf(meta) {
  const year = Number(meta.end.slice(0, 4)) - 1;
  const oneYear = `from=${year}-01-01&to=${year + 1}-01-01`;
  const dayAfterEnd = new Date(Date.parse(meta.end) + 86_400_000).toISOString().slice(0, 10);
  return [
    { name: YEAR_QUERY, path: `/v1/indicators?${oneYear}`, period: `${year}` },
    { name: 'province, ten years', path: `/v1/indicators?from=${meta.start.slice(0, 10)}&to=${dayAfterEnd}`, period: `${meta.start.slice(0, 10)} to ${meta.end.slice(0, 10)}` },
    { name: "one agency's year", path: `/v1/indicators?${oneYear}&agency=${FOCAL_AGENCY}`, period: `${year}` },
    { name: "province's year as CSV", path: `/v1/indicators.csv?${oneYear}`, period: `${year}` },
  ];
}

async function run(store, count) {
  const server = await startSeededServer(store, count, [PROVINCE_SUPERVISOR]);
  if (server.skipped) return { skipped: server.skipped };
  const token = server.token(PROVINCE_SUPERVISOR);
  const queries = queriesOf(server.meta);
  const results = {};
  try {
    for (const query of queries) {
      const result = await measure(`${server.url}${query.path}`, token, { budgetMs: 20_000 });
      if (!query.path.includes('.csv')) {
        const body = JSON.parse(result.body.toString('utf8'));
        result.received = body.total.received;
        result.agencies = body.agencies.length;
      }
      delete result.body;
      results[query.name] = result;
    }
  } finally {
    results.memory = await server.stop();
  }
  return { results, meta: server.meta, queries };
}

const { counts, load, columns, largest, shown } = await runColumns(run);
const width = 17;
const label = 30;
console.log(`machine: ${cpus().length} cores, load average ${load} (other work on the machine slows every figure)`);
console.log(`indicators over HTTP, one request at a time, the Ombudsman office's supervisor token (the province); ms p50 / p99;`);
console.log(`the ${shortCount(Math.min(...counts))} columns are the baseline. Goal at ${shortCount(largest)}: p99 ≤ ${GOAL_MS} ms for a year of the province, server peak RSS ≤ ${GOAL_RSS_MB} MB.`);
if (shown.length > 0) console.log(`periods: ${shown[0].queries.map((query) => `${query.name}: ${query.period}`).join('; ')}`);
console.log(`${''.padEnd(label)}${shown.map((column) => `${column.store} ${shortCount(column.count)}`.padStart(width)).join('')}`);
for (const name of shown[0]?.queries.map((query) => query.name) ?? []) {
  console.log(`${name.padEnd(label)}${shown.map((column) => `${format(column.results[name].p50)} / ${format(column.results[name].p99)}`.padStart(width)).join('')}`);
}
for (const name of shown[0]?.queries.filter((query) => !query.path.includes('.csv')).map((query) => query.name) ?? []) {
  console.log(`${`  complaints: ${name}`.padEnd(label)}${shown.map((column) => column.results[name].received.toLocaleString('en').padStart(width)).join('')}`);
}
console.log(`${'  (fewest samples of a query)'.padEnd(label)}${shown.map((column) => String(Math.min(...Object.values(column.results).filter((result) => result.n).map((result) => result.n))).padStart(width)).join('')}`);
console.log(`${'server peak RSS (VmHWM), MB'.padEnd(label)}${shown.map((column) => column.results.memory.peakMb.toFixed(0).padStart(width)).join('')}`);
for (const column of columns.filter((one) => one.skipped)) console.log(`${column.store} ${shortCount(column.count)}: skipped, ${column.skipped}`);

const missed = [];
for (const column of shown.filter((one) => one.count === largest)) {
  const { p99 } = column.results[YEAR_QUERY];
  if (p99 > GOAL_MS) missed.push(`${column.store}: ${YEAR_QUERY} p99 ${format(p99)} ms`);
  if (column.results.memory.peakMb > GOAL_RSS_MB) missed.push(`${column.store}: peak RSS ${column.results.memory.peakMb.toFixed(0)} MB`);
}
console.log(missed.length === 0 ? `every goal met at ${shortCount(largest)}` : `missed at ${shortCount(largest)}: ${missed.join('; ')}`);
