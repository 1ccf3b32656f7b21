/**
 * The reference intake server as a real process (the built `dist/server.js`) over a real SQLite
 * file, its output captured (Vitest fails a test that prints).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_SCRIPT = join(REPO_ROOT, 'packages/server/bin/narahubung-server.js');
/** What the launcher starts: the end-to-end tests need it built. */
export const SERVER_BUILD = join(REPO_ROOT, 'packages/server/dist/cli.js');
export const WIDGET_BUNDLE = join(REPO_ROOT, 'packages/widget/dist/narahubung-widget.js');
export const INBOX_BUNDLE = join(REPO_ROOT, 'packages/widget/dist/narahubung-inbox.js');
export const CITIZEN_BUNDLE = join(REPO_ROOT, 'packages/widget/dist/narahubung-citizen.js');
export const INDICATORS_BUNDLE = join(REPO_ROOT, 'packages/widget/dist/narahubung-indicators.js');

/** Fails with a clear message when the build the end-to-end tests run against is missing. */
export function requireBuild(files: readonly string[] = [SERVER_BUILD, WIDGET_BUNDLE]): void {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`end-to-end tests need the build: run npm run build (missing ${missing.map((file) => file.slice(REPO_ROOT.length)).join(', ')})`);
  }
}

/** A temporary folder for a test's database; `remove()` deletes it. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  url: string;
  /** The process id, to read its memory from /proc. */
  pid: number;
  port: number;
  database: string;
  /** Every line the process printed, stdout and stderr. */
  output: string[];
  /** Tokens printed on this start (first run of the database), by focal point or officer name. */
  tokens: Map<string, string>;
  /** The token printed for the principal whose name contains `name`. */
  token(name: string): string;
  /** Open311 API keys printed on this start, by client system name. */
  apiKeys: Map<string, string>;
  /** The API key printed for the client system whose name contains `name`. */
  apiKey(name: string): string;
  /** SIGTERM, then waits for the exit (the server finishes requests in flight first). */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit: nothing is finished, nothing is flushed. */
  kill(): Promise<void>;
}

const LISTENING = /^Narahubung intake server listening on (http:\/\/\S+)$/;
// `token for <name> (<agency>): <token>`; an agency name may hold parentheses, the token never does.
const TOKEN = /^token for (.+?) \((.*)\): (nh_[A-Za-z0-9_-]+)$/;
// `api key for <client system name>: <key>`
const API_KEY = /^api key for (.+): (nh_[A-Za-z0-9_-]+)$/;

/**
 * Starts `node packages/server/bin/narahubung-server.js` (the built server) with `DATABASE`, `PORT` (default 0: a free
 * one) and no rate limit; resolves when it listens and has printed its tokens.
 */
export async function startServerProcess(options: { database: string; port?: number; env?: Record<string, string> }): Promise<ServerProcess> {
  requireBuild([SERVER_BUILD]);
  const child = spawn(process.execPath, [SERVER_SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(options.port ?? 0), RATE_LIMIT: '0', DATABASE: options.database, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const tokens = new Map<string, string>();
  const apiKeys = new Map<string, string>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const lineWaiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  const waitForLine = (test: (line: string) => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (output.some(test)) return resolve();
      lineWaiters.push({ test, resolve });
      void exited.then((code) => reject(new Error(`the server exited (${code}):\n${output.join('\n')}`)));
    });
  readLines(child, (line) => {
    output.push(line);
    const token = TOKEN.exec(line);
    if (token) tokens.set(token[1]!, token[3]!);
    const apiKey = API_KEY.exec(line);
    if (apiKey) apiKeys.set(apiKey[1]!, apiKey[2]!);
    for (const waiter of lineWaiters.filter((candidate) => candidate.test(line))) {
      lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });

  let url: string;
  try {
    await waitForLine((line) => LISTENING.test(line));
    url = LISTENING.exec(output.find((line) => LISTENING.test(line))!)![1]!;
    // The process prints its URLs and tokens in one go before it answers anything: once the log line
    // of a first request is in, every token line is too.
    const probe = await fetch(`${url}/v1/config`);
    await probe.arrayBuffer();
    await waitForLine((line) => line.startsWith('GET /v1/config '));
  } catch (error) {
    // A start that went wrong leaves no process behind.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  }

  const port = Number(new URL(url).port);
  const wait = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    pid: child.pid!,
    port,
    database: options.database,
    output,
    tokens,
    token(name) {
      const found = [...tokens].find(([principal]) => principal.includes(name));
      if (!found) throw new Error(`no token printed for "${name}"; printed: ${[...tokens.keys()].join(', ')}`);
      return found[1];
    },
    apiKeys,
    apiKey(name) {
      const found = [...apiKeys].find(([client]) => client.includes(name));
      if (!found) throw new Error(`no API key printed for "${name}"; printed: ${[...apiKeys.keys()].join(', ')}`);
      return found[1];
    },
    stop: () => wait('SIGTERM'),
    kill: () => wait('SIGKILL'),
  };
}

function readLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }
}
