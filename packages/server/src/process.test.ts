// The server as a process, as `npm start` runs it: first-run token lines, and SIGTERM finishing a
// request that is provably in flight. The entry point is bundled from source with esbuild (which
// Vite already brings), so this test needs no prior build.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from './app.js';
import { openDatabase } from '@narahubung/store-sqlite';
import { loadDirectoryFile } from './directory-file.js';
import { newKey, submission, tempFolder } from './test-support.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const coreSource = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));
const storeSource = fileURLToPath(new URL('../../store-sqlite/src/', import.meta.url));
const postgresStoreSource = fileURLToPath(new URL('../../store-postgres/src/index.ts', import.meta.url));
const require = createRequire(import.meta.url);

let folder: ReturnType<typeof tempFolder>;
let bundleDir: string;
let entry: string;

beforeAll(async () => {
  folder = tempFolder('narahubung-process-');
  // Inside the package (git-ignored dist/), so that the writer worker finds better-sqlite3.
  mkdirSync(join(here, '../dist'), { recursive: true });
  bundleDir = mkdtempSync(join(here, '../dist/process-test-'));
  entry = join(bundleDir, 'server.mjs');
  copyFileSync(join(storeSource, 'sqlite-writer.worker.mjs'), join(bundleDir, 'sqlite-writer.worker.mjs'));
  const sqlite = pathToFileURL(require.resolve('better-sqlite3')).href;
  await build({
    entryPoints: [join(here, 'cli.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    alias: { '@narahubung/core': coreSource, '@narahubung/store-sqlite': join(storeSource, 'index.ts'), '@narahubung/store-postgres': postgresStoreSource },
    // CommonJS packages stay imports (an ESM bundle cannot require Node's built-ins from them).
    external: ['busboy', 'pg'],
    plugins: [{ name: 'native-sqlite', setup: (bundler) => bundler.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) }],
  });
});

afterAll(() => {
  folder.cleanup();
  rmSync(bundleDir, { recursive: true, force: true });
});

interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves with the output once it matches. */
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function startProcess(database: string): ServerProcess {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', DATABASE: database, RATE_LIMIT: '0', DIRECTORY: DEFAULTS.directory, HOLIDAYS: DEFAULTS.holidays.join(',') },
    stdio: 'pipe',
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = output.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void exited.then(() => reject(new Error(`server exited before printing ${pattern}:\n${output}`)));
      }),
    exited,
  };
}

describe('the server process', () => {
  it('prints a token line for every sample focal point, and an API key line for the client system, on the first run only', async () => {
    const database = join(folder.dir, 'tokens.sqlite');
    const first = startProcess(database);
    await first.waitFor(/listening on (http:\S+)/);
    await first.waitFor(/token for Contoh: Petugas/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const { directory } = loadDirectoryFile(DEFAULTS.directory);
    for (const focalPoint of directory.agencies().flatMap((agency) => directory.focalPointsOf(agency.id))) {
      const line = `token for ${focalPoint.name} (${directory.agency(focalPoint.agencyId)!.name}): `;
      expect(first.output()).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}nh_[A-Za-z0-9_-]{43}$`, 'm'));
    }
    expect(first.output()).toMatch(/^api key for Contoh: FixMyStreet Lampung: nh_[A-Za-z0-9_-]{43}$/m);

    const second = startProcess(database);
    await second.waitFor(/listening on/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).not.toContain('token for');
    expect(second.output()).not.toContain('api key for');
  });

  it('finishes a request in flight on SIGTERM, stores it, then exits', async () => {
    const database = join(folder.dir, 'sigterm.sqlite');
    const server = startProcess(database);
    const [, url] = await server.waitFor(/listening on (http:\S+)/);
    const body = JSON.stringify(submission());
    const key = newKey();
    // Headers and half the body now; the rest only after the server has begun shutting down.
    const outgoing = request(`${url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'content-length': String(Buffer.byteLength(body)) },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      outgoing.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      outgoing.on('error', reject);
    });
    const half = Math.floor(body.length / 2);
    outgoing.write(body.slice(0, half));
    // Let the server take the request in before the signal.
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    await server.waitFor(/SIGTERM: finishing requests in flight/);
    outgoing.end(body.slice(half));

    const { status, text } = await answered;
    expect(status).toBe(201);
    const { trackingId } = JSON.parse(text) as { trackingId: string };
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/stopped/);

    const db = openDatabase(database);
    expect(db.prepare('SELECT tracking_id FROM idempotency_keys WHERE key = ?').get(key)).toEqual({ tracking_id: trackingId });
    db.close();
  });

  it('backs up the database while the server runs (`backup <file>`), the latest complaint included, and never overwrites a file', async () => {
    const database = join(folder.dir, 'running.sqlite');
    const server = startProcess(database);
    const [, url] = await server.waitFor(/listening on (http:\S+)/);
    const key = newKey();
    const answer = await fetch(`${url}/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(submission()) });
    expect(answer.status).toBe(201);
    const { trackingId } = (await answer.json()) as { trackingId: string };

    const target = join(folder.dir, 'backup', 'narahubung-copy.sqlite');
    mkdirSync(join(folder.dir, 'backup'));
    const backup = (file: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [entry, 'backup', file], { env: { PATH: process.env['PATH'] ?? '', DATABASE: database }, stdio: 'pipe' });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.once('exit', (code) => resolve({ code, output }));
      });
    const first = await backup(target);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`to ${target}`);
    // The server is still up and still answering while the copy is read elsewhere.
    expect((await fetch(`${url}/v1/complaints/${trackingId}`)).status).toBe(200);
    const copy = openDatabase(target);
    expect(copy.prepare('SELECT tracking_id FROM idempotency_keys WHERE key = ?').get(key)).toEqual({ tracking_id: trackingId });
    copy.close();

    const again = await backup(target);
    expect(again.code).toBe(1);
    expect(again.output).toContain('exists already');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('refuses new connections once shutting down', async () => {
    const database = join(folder.dir, 'refuse.sqlite');
    const server = startProcess(database);
    const [, url] = await server.waitFor(/listening on (http:\S+)/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(fetch(`${url}/v1/config`)).rejects.toThrow();
  });
});
