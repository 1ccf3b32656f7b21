/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, `initdb` in a new
 * temporary folder (UTF8, C.UTF-8), `pg_ctl start` on a free loopback port with its socket in that
 * folder, and everything removed by `stop()` — also when starting failed, and when the process
 * exits without calling it. No mock: the real server, with its default durability settings
 * (fsync on, synchronous_commit on).
 *
 * PostgreSQL refuses to run as root: as root, every command runs as the `postgres` user
 * (`runuser -u postgres --`), which owns the folder.
 *
 * With `folder`, the cluster is kept instead (benchmarks cache a seeded database this way): it is
 * created there on first use, started again from there later, and `stop()` shuts it down cleanly
 * and leaves the folder.
 *
 * @example
 * const cluster = await startPostgres();
 * const url = await cluster.createDatabase(); // postgres://narahubung:…@127.0.0.1:PORT/test_1
 * // …
 * await cluster.stop();
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PostgresCluster {
  /** The cluster's superuser connection string, to its `postgres` database. */
  url: string;
  port: number;
  /** The postmaster's process id (its backends are its children), e.g. to read their CPU time. */
  pid: number;
  /** A new, empty database; its connection string. */
  createDatabase(name?: string): Promise<string>;
  /** Drops a database made by `createDatabase` (its connections are ended first). */
  dropDatabase(url: string): Promise<void>;
  /** Runs one SQL text through `psql` as the superuser (for tests that look at the database directly). */
  psql(database: string, sql: string): Promise<string>;
  /** The cluster's log so far (for a failure's message). */
  log(): string;
  /** Stops the server at once and removes the folder (a kept cluster: shuts it down cleanly, keeps the folder). */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Extra server settings (`-c name=value`), e.g. `{ max_connections: '200' }`. */
  settings?: Record<string, string>;
  /**
   * Keep the cluster in this folder (created if missing) rather than in a new temporary one: an
   * existing cluster there is started again, with its databases and password.
   */
  folder?: string;
}

/** Where Debian puts the binaries (not on PATH): `PG_BIN`, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinaries(): string {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to the folder of initdb and pg_ctl)');
  return join(root, newest, 'bin');
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const USER = 'narahubung';

/** The command line for a PostgreSQL binary, as the `postgres` user when we are root. */
function command(bin: string, program: string, args: readonly string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), [...args]];
}

function run(bin: string, program: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const [file, argv] = command(bin, program, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { env: { ...process.env, ...env, LC_ALL: 'C.UTF-8' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Clusters this process started and has not stopped: stopped when it exits, also on Ctrl-C or
 * SIGTERM (then the signal is raised again, so the process still ends as it would have).
 */
const running = new Set<() => void>();
let exitHookInstalled = false;
function onExitStop(stopNow: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    const stopAll = () => {
      for (const stop of running) stop();
      running.clear();
    };
    process.once('exit', stopAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const onSignal = () => {
        stopAll();
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      };
      process.on(signal, onSignal);
    }
  }
  running.add(stopNow);
  return () => running.delete(stopNow);
}

let databases = 0;

/** Creates (or, with `folder`, reuses), starts and returns a cluster; on any failure, leaves nothing new behind. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinaries();
  const kept = options.folder !== undefined;
  if (kept) mkdirSync(options.folder!, { recursive: true });
  const folder = kept ? options.folder! : mkdtempSync(join(tmpdir(), 'narahubung-pg-'));
  const data = join(folder, 'data');
  const socket = join(folder, 'socket');
  const logFile = join(folder, 'postgres.log');
  const passwordFile = join(folder, 'password');
  const fresh = !existsSync(join(data, 'PG_VERSION'));
  if (fresh) rmSync(data, { recursive: true, force: true });
  const password = !fresh && existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : randomBytes(18).toString('base64url');
  mkdirSync(socket, { recursive: true });
  if (fresh) writeFileSync(passwordFile, `${password}\n`);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const path of [folder, socket, passwordFile]) chownSync(path, uid, gid);
  }
  chmodSync(folder, 0o700);

  let started = false;
  const stopNow = () => {
    if (started) {
      try {
        // A kept cluster is shut down cleanly (a checkpoint), so its next start needs no recovery.
        const [file, argv] = command(bin, 'pg_ctl', ['stop', '-D', data, '-m', kept ? 'fast' : 'immediate', '-w', '-t', '300']);
        execFileSync(file, argv, { stdio: 'ignore' });
      } catch {
        // Already stopped (or never came up): the folder goes anyway.
      }
      started = false;
    }
    if (!kept) rmSync(folder, { recursive: true, force: true });
  };
  const forget = onExitStop(stopNow);

  try {
    // Password authentication over TCP, as a deployment would have; the socket is the superuser's.
    if (fresh) await run(bin, 'initdb', ['-D', data, '-E', 'UTF8', '--locale=C.UTF-8', '-U', USER, `--pwfile=${passwordFile}`, '--auth-local=trust', '--auth-host=scram-sha-256']);
    const port = await freePort();
    const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: socket, ...options.settings };
    const serverOptions = Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' ');
    started = true;
    await run(bin, 'pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOptions]);

    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const psql = (database: string, sql: string) => run(bin, 'psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', socket, '-p', String(port), '-U', USER, '-d', database, '-c', sql]);
    return {
      url: `${base}/postgres`,
      port,
      pid,
      async createDatabase(name) {
        const database = name ?? `test_${process.pid}_${(databases += 1)}`;
        await psql('postgres', `CREATE DATABASE "${database}"`);
        return `${base}/${database}`;
      },
      async dropDatabase(url) {
        const database = decodeURIComponent(new URL(url).pathname.slice(1));
        await psql('postgres', `DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
      },
      psql,
      log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
      async stop() {
        forget();
        stopNow();
      },
    };
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    forget();
    stopNow();
    throw log ? new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`) : error;
  }
}
