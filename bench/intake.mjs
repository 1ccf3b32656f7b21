// Intake over HTTP on this machine: durable submissions per second and p50/p99 latency at 50
// concurrent connections with the SQLite store (WAL, synchronous=FULL, group commit) and the
// PostgreSQL store (a throwaway local cluster with Debian's defaults: fsync and synchronous_commit
// on), beside the same handler with the memory store in the same run (the cost of durability);
// then 1,000 concurrent citizens whose first attempt is cut off and who retry twice at once, on
// each durable store: duplicates must be 0. Loopback only; bounded in count and time. Needs a
// build: `npm run build && node bench/intake.mjs`. PostgreSQL needs `apt-get install postgresql`;
// without it the PostgreSQL rows are skipped (said so, exit code 0), or `BENCH_POSTGRES=required`
// makes that an error.
//
// The server runs in a worker thread (its own event loop), the load generator in the main thread.
// Beside the wall figures it prints the CPU each submission cost: the machine is shared, and CPU
// per submission moves less with other load than submissions per second do. "server" is the
// HTTP thread, "load gen" the client in this process (each thread's own CPU time from
// /proc/thread-self on Linux, else its event loop's busy time, which also counts time spent
// waiting for a core), "process" every thread together (process.cpuUsage: the two, the SQLite
// writer thread, V8's GC and compiler threads).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startCluster } from './postgres.mjs';

const CONNECTIONS = 50;
const WARMUP = 1_000;
const SUBMISSIONS = 20_000;
const PHASE_SECONDS = 20;
const CITIZENS = 1_000;

/** CPU microseconds this thread has used (Linux), or its event loop's busy time elsewhere. */
function threadMicros() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return performance.eventLoopUtilization().active * 1000;
  }
}

/** CPU microseconds of a process and its children now alive (PostgreSQL: the postmaster and its backends). */
function processTreeMicros(root) {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(name) === root || Number(fields[1]) === root) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks * 10_000;
}

if (!isMainThread) parentPort.on('message', (message) => message === 'cpu' && parentPort.postMessage({ cpu: threadMicros() }));

if (!isMainThread && workerData.store === 'trivial') {
  // ---- the ceiling: Node's HTTP server reading the body and answering a fixed 201 ----
  const { createServer } = await import('node:http');
  const server = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => outgoing.writeHead(201, { 'content-type': 'application/json' }).end('{"trackingId":"NH-0000-0000-0000-0"}'));
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ url: `http://127.0.0.1:${server.address().port}` }));
  parentPort.on('message', (message) => {
    if (message === 'stats') parentPort.postMessage({ complaints: 0, commits: null });
    else if (message === 'close') server.close(() => parentPort.postMessage({ closed: true }));
  });
} else if (!isMainThread) {
  // ---- the intake server, in a worker ----
  const { startServer } = await import(workerData.module ?? '../packages/server/dist/index.js');
  const { createMemoryStore } = await import('@narahubung/core');
  const server = await startServer({
    port: 0,
    database: workerData.database,
    rateLimit: null,
    ...(workerData.store === 'memory' ? { store: createMemoryStore() } : {}),
    // PostgreSQL needs a SECRET shared by its instances; any 32 bytes do for a bench.
    ...(workerData.store === 'postgres' ? { databaseUrl: workerData.databaseUrl, secret: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz' } : {}),
  });
  parentPort.postMessage({ url: server.url });
  parentPort.on('message', async (message) => {
    if (message === 'stats') {
      const { total } = await server.store.query({ sort: 'received', limit: 1 });
      parentPort.postMessage({ complaints: total, commits: server.store.commitStats?.() ?? null });
    } else if (message === 'close') {
      await server.close();
      parentPort.postMessage({ closed: true });
    }
  });
} else {
  await main();
}

function body(index) {
  return JSON.stringify({
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'KTP-el tidak kunjung terbit',
    description: `Saya mengajukan KTP-el tiga bulan lalu dan sampai hari ini belum terbit tanpa penjelasan (${index}).`,
    reporter: { name: 'Warga Contoh', email: `warga${index}@example.id`, phone: '0812 3456 7890' },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
  });
}

/** One POST; resolves { status, trackingId, ms } or rejects when the socket is cut. */
function post(url, agent, key, payload, { abortAfterMs } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = request(`${url}/v1/complaints`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'content-length': Buffer.byteLength(payload) },
    });
    outgoing.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode, trackingId: response.statusCode < 300 ? JSON.parse(text).trackingId : null, ms: performance.now() - started });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
    if (abortAfterMs !== undefined) setTimeout(() => outgoing.destroy(new Error('cut off')), abortAfterMs);
  });
}

function startWorker(store, database, { databaseUrl, module } = {}) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { store, database, databaseUrl, module } });
  const next = () => new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, next };
}

/** Submissions/s and latency percentiles at CONNECTIONS concurrent keep-alive connections. */
async function load(url, label, prefix, worker, databasePid) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let sent = 0;
  const run = async (count, deadline, latencies, phase) => {
    let failures = 0;
    const connection = async () => {
      while (sent < count && performance.now() < deadline) {
        const index = (sent += 1);
        const answer = await post(url, agent, `${prefix}-${label}-${phase}-${index}`, body(index));
        if (answer.status !== 201) failures += 1;
        latencies?.push(answer.ms);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    return failures;
  };
  await run(WARMUP, performance.now() + 10_000, null, "warmup");
  sent = 0;
  const latencies = [];
  const serverCpu = () => {
    worker.postMessage('cpu');
    return new Promise((resolve) => {
      const take = (message) => {
        if (message.cpu === undefined) return;
        worker.off('message', take);
        resolve(message.cpu);
      };
      worker.on('message', take);
    });
  };
  const serverBefore = await serverCpu();
  const clientBefore = threadMicros();
  const cpu = process.cpuUsage();
  const databaseBefore = databasePid ? processTreeMicros(databasePid) : 0;
  const started = performance.now();
  const failures = await run(SUBMISSIONS, started + PHASE_SECONDS * 1000, latencies, "measured");
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const micros = {
    server: ((await serverCpu()) - serverBefore) / latencies.length,
    loadGenerator: (threadMicros() - clientBefore) / latencies.length,
    process: (user + system) / latencies.length,
    database: databasePid ? (processTreeMicros(databasePid) - databaseBefore) / latencies.length : 0,
  };
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { label, count: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures, micros, seconds };
}

/** CITIZENS submit at once; each first attempt is cut off at a random moment, then two retries race. */
async function retries(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: CITIZENS });
  const citizens = Array.from({ length: CITIZENS }, (_, index) => ({ key: `bench-retry-${index}-${Math.random().toString(36).slice(2)}`, payload: body(index) }));
  const outcomes = await Promise.all(
    citizens.map(async ({ key, payload }) => {
      const first = await post(url, agent, key, payload, { abortAfterMs: Math.random() * 20 }).catch(() => null);
      const again = await Promise.all([post(url, agent, key, payload), post(url, agent, key, payload)]);
      const ids = new Set([first?.trackingId, ...again.map((answer) => answer.trackingId)].filter(Boolean));
      return { ok: again.every((answer) => answer.status === 200 || answer.status === 201), ids: ids.size };
    }),
  );
  agent.destroy();
  return { everyoneAnswered: outcomes.every((outcome) => outcome.ok), splitAnswers: outcomes.filter((outcome) => outcome.ids !== 1).length };
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'narahubung-bench-'));
  const results = [];
  const { cluster, reason } = await startCluster();
  try {
    // BASELINE_SERVER=<another build's packages/server/dist/index.js> adds a row of that build over
    // SQLite in the same run, e.g. the commit before a change to the router.
    const baseline = process.env.BASELINE_SERVER ? { label: 'baseline', store: 'sqlite', module: pathToFileURL(resolve(process.env.BASELINE_SERVER)).href } : null;
    const rows = [...(baseline ? [baseline] : []), { label: 'sqlite', store: 'sqlite' }, ...(cluster ? [{ label: 'postgres', store: 'postgres' }] : []), { label: 'memory', store: 'memory' }, { label: 'trivial', store: 'trivial' }];
    for (const { label, store, module } of rows) {
      const databaseUrl = store === 'postgres' ? await cluster.createDatabase('bench') : undefined;
      const { worker, next } = startWorker(store, join(folder, `${label}.sqlite`), { databaseUrl, module });
      const { url } = await next();
      results.push(await load(url, label, `bench-${Date.now()}`, worker, store === 'postgres' ? cluster.pid : undefined));
      worker.postMessage('stats');
      const stats = await next();
      if (stats.commits) results.at(-1).writesPerCommit = stats.commits.writes / stats.commits.commits;
      worker.postMessage('close');
      await next();
      await worker.terminate();
    }
    const cores = cpus().length;
    console.log(`machine: ${cores} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} (other work on the machine lowers every row)`);
    console.log(`intake over HTTP, ${CONNECTIONS} connections, ${SUBMISSIONS} submissions or ${PHASE_SECONDS} s (after ${WARMUP} warm-up); target: 5000/s, p99 < 20 ms (sqlite; postgres at least sqlite's rate):`);
    console.log(`  store     submissions/s    p50 ms    p99 ms   not 201 | CPU us per submission: server  load gen  process  database | machine busy`);
    for (const result of results) {
      const { server, loadGenerator, process: all, database } = result.micros;
      const busy = ((all + database) * result.perSecond) / 1e6 / cores;
      console.log(
        `  ${result.label.padEnd(8)} ${result.perSecond.toFixed(0).padStart(14)} ${result.p50.toFixed(2).padStart(9)} ${result.p99.toFixed(2).padStart(9)} ${String(result.failures).padStart(9)} |` +
          `${server.toFixed(0).padStart(29)} ${loadGenerator.toFixed(0).padStart(9)} ${all.toFixed(0).padStart(8)} ${(database ? database.toFixed(0) : '-').padStart(9)} | ${(busy * 100).toFixed(0).padStart(4)}%` +
          (result.writesPerCommit ? `   ${result.writesPerCommit.toFixed(1)} writes/commit` : ''),
      );
    }
    const byLabel = Object.fromEntries(results.map((result) => [result.label, result]));
    const { baseline: before, sqlite, postgres, memory, trivial } = byLabel;
    if (before) {
      console.log(
        `  this build against the baseline build (sqlite): ${((sqlite.perSecond / before.perSecond - 1) * 100).toFixed(1)}% submissions/s,` +
          ` server CPU per submission ${((sqlite.micros.server / before.micros.server - 1) * 100).toFixed(1)}%`,
      );
    }
    console.log(`  (trivial = Node's HTTP server alone answering a fixed 201: the ceiling of this machine with this load generator)`);
    if (!postgres) console.log(`  postgres: skipped, ${reason}`);
    for (const durable of [sqlite, postgres].filter(Boolean)) {
      console.log(`  cost of durability (${durable.label}): ${((1 - durable.perSecond / memory.perSecond) * 100).toFixed(0)}% of throughput, p99 x${(durable.p99 / memory.p99).toFixed(1)}`);
    }
    if (postgres) console.log(`  postgres / sqlite: ${(postgres.perSecond / sqlite.perSecond).toFixed(2)}x submissions/s (goal: at least 1.00x)`);
    // What the server's own CPU would allow if it had a core to itself and the client cost nothing.
    console.log(
      `  server thread alone could answer at most ~${(1e6 / sqlite.micros.server).toFixed(0)}/s (sqlite),${postgres ? ` ~${(1e6 / postgres.micros.server).toFixed(0)}/s (postgres),` : ''} ~${(1e6 / trivial.micros.server).toFixed(0)}/s (trivial);` +
        ` the load generator takes ${((sqlite.micros.loadGenerator / sqlite.micros.process) * 100).toFixed(0)}% of the process's CPU in the sqlite row`,
    );

    for (const store of cluster ? ['sqlite', 'postgres'] : ['sqlite']) {
      const databaseUrl = store === 'postgres' ? await cluster.createDatabase('retries') : undefined;
      const { worker, next } = startWorker(store, join(folder, 'retries.sqlite'), { databaseUrl });
      const { url } = await next();
      const outcome = await retries(url);
      worker.postMessage('stats');
      const { complaints } = await next();
      worker.postMessage('close');
      await next();
      await worker.terminate();
      const duplicates = complaints - CITIZENS;
      console.log(`${CITIZENS} citizens, first attempt cut off, two concurrent retries each (${store}):`);
      console.log(`  duplicates: ${duplicates}   complaints stored: ${complaints}   everyone answered: ${outcome.everyoneAnswered}   citizens with differing tracking ids: ${outcome.splitAnswers}`);
      if (duplicates !== 0 || !outcome.everyoneAnswered || outcome.splitAnswers !== 0) process.exitCode = 1;
    }
  } finally {
    await cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
