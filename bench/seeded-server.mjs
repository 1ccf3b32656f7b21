// The real server on a seeded database, for bench/scale.mjs and bench/indicators.mjs: the built
// `narahubung-server` as its own process (what `npm start` runs), RATE_LIMIT=off, on the SQLite
// file (DATABASE) or the PostgreSQL database (DATABASE_URL) that bench/seed.mjs made, with the
// bench directory (DIRECTORY). Tokens come from `narahubung-server tokens rotate <id>`, as an
// operator gets them for a database that already has its tokens. Timings are over HTTP, one
// request at a time on a kept-alive connection; the server's peak memory is its VmHWM.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCounts, benchStores, seedPostgres, seedSqlite } from './seed.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const SERVER = join(REPO, 'packages/server/bin/narahubung-server.js');
const SECRET = 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** `token for <name> (<agency>): <token>` lines, by name. */
function tokenLines(text) {
  const tokens = new Map();
  for (const line of text.split('\n')) {
    const match = /^token for (.+?) \((.*)\): (nh_[A-Za-z0-9_-]+)$/.exec(line);
    if (match) tokens.set(match[1], match[3]);
  }
  return tokens;
}

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SERVER, ...args], { cwd: REPO, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`narahubung-server ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Memory of a process from /proc: peak (VmHWM) and current (VmRSS), in MB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/**
 * Seeds (or finds) `count` complaints on `store` ('sqlite' | 'postgres') and starts the server on
 * them. Resolves `{ url, pid, meta, token(id), stop() }`, or `{ skipped: reason }` without
 * PostgreSQL. `stop()` resolves the server's memory just before it stopped.
 */
export async function startSeededServer(store, count, principalIds, log = console.log) {
  let env;
  let seed;
  let cluster = null;
  if (store === 'sqlite') {
    seed = await seedSqlite(count, log);
    env = { DATABASE: seed.database };
  } else {
    seed = await seedPostgres(count, log);
    if (!seed.cluster) return { skipped: seed.reason };
    cluster = seed.cluster;
    env = { DATABASE_URL: seed.databaseUrl, SECRET };
  }
  env = { ...env, DIRECTORY: seed.directoryFile, RATE_LIMIT: 'off', PORT: '0', HOST: '127.0.0.1' };
  try {
    const directory = JSON.parse(readFileSync(seed.directoryFile, 'utf8'));
    const names = new Map([...directory.focalPoints, ...directory.supervisors].map((principal) => [principal.id, principal.name]));
    const tokens = new Map();
    for (const id of principalIds) {
      const printed = tokenLines(await runCli(['tokens', 'rotate', id], env));
      const token = printed.get(names.get(id));
      if (!token) throw new Error(`no token printed for ${id}`);
      tokens.set(id, token);
    }

    const child = spawn(process.execPath, [SERVER], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let output = '';
    const url = await new Promise((resolve, reject) => {
      let buffer = '';
      const onData = (chunk) => {
        buffer += chunk;
        const match = /Narahubung intake server listening on (http:\/\/\S+)/.exec(buffer);
        if (match) {
          child.stdout.off('data', onData);
          // One line per request follows: read and dropped, so the pipe never fills.
          child.stdout.resume();
          resolve(match[1]);
        }
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', onData);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk) => (output += chunk));
      exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening:\n${buffer}${output}`)));
    });
    return {
      url,
      pid: child.pid,
      meta: seed.meta,
      token: (id) => tokens.get(id),
      async stop() {
        const memory = memoryOf(child.pid);
        child.kill('SIGTERM');
        await exited;
        await cluster?.stop();
        return memory;
      },
    };
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET: `{ status, ms, body }`. */
export function get(url, token) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The value at quantile `q` of sorted numbers (nearest rank). */
export const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/**
 * p50 and p99 of one GET: a few requests to warm up, then up to `samples` one after another, for
 * at most `budgetMs` but at least `minSamples`. Any answer but 200 is an error.
 */
export async function measure(url, token, { samples = 200, minSamples = 20, budgetMs = 15_000, warmup = 5 } = {}) {
  let first;
  for (let index = 0; index < warmup; index += 1) {
    const answer = await get(url, token);
    if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.body.toString('utf8').slice(0, 500)}`);
    first ??= answer;
  }
  const times = [];
  const started = performance.now();
  while (times.length < samples && (times.length < minSamples || performance.now() - started < budgetMs)) {
    const answer = await get(url, token);
    if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status}`);
    times.push(answer.ms);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), n: times.length, bytes: first.body.length, body: first.body };
}

/** `1,000,000` → `1M`, `10,000` → `10k`. */
export const shortCount = (count) => (count >= 1_000_000 && count % 1_000_000 === 0 ? `${count / 1_000_000}M` : count >= 1000 && count % 1000 === 0 ? `${count / 1000}k` : String(count));

/** Milliseconds as a table shows them: two decimals under 10, one under 100, none above. */
export const formatMs = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

/**
 * Runs `run(store, count)` for every size and store asked for (smallest first) and returns the
 * columns side by side per store, each size beside the other so the growth is visible, with the
 * machine's load average at the start and the end.
 */
export async function runColumns(run) {
  const counts = benchCounts();
  const stores = benchStores();
  const before = loadavg();
  const columns = [];
  for (const count of [...counts].sort((a, b) => a - b)) {
    for (const store of stores) {
      process.stderr.write(`${store}, ${count.toLocaleString('en')} complaints…\n`);
      columns.push({ store, count, ...(await run(store, count)) });
    }
  }
  const load = [before, loadavg()].map((value) => value.map((one) => one.toFixed(1)).join(' ')).join(' at start, ') + ' at the end';
  const shown = columns.filter((column) => !column.skipped).sort((a, b) => stores.indexOf(a.store) - stores.indexOf(b.store) || a.count - b.count);
  return { counts, load, columns, largest: Math.max(...counts), shown };
}
