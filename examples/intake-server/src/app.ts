/**
 * The reference intake server: core's intake handler on Node's HTTP server, over a SQLite store,
 * with the demo pages beside it. `startServer` has no side effect beyond what it is asked to do
 * (no printing, no signal handlers), so tests and other programs can run it; `server.ts` is the
 * process around it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createIntakeHandler, defaultPolicy } from '@narahubung/core';
import type { IntakeLogEntry, Policy, RateLimit, Store } from '@narahubung/core';
import { openDatabase } from './database.js';
import { loadCalendar, loadDirectoryFile } from './directory-file.js';
import { BodyTooLargeError, sendWebResponse, toWebRequest } from './node-http.js';
import { createSqliteStore } from './sqlite-store.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';
import { createTokenRegistry } from './tokens.js';
import type { IssuedToken, TokenRegistry } from './tokens.js';

/** `examples/intake-server/`, found from this file whether it runs from src/ or dist/. */
export const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  database: `${REPO_ROOT}data/narahubung.sqlite`,
  directory: `${SERVER_DIR}directory/lampung.json`,
  holidays: [`${SERVER_DIR}directory/holidays-id-2026.json`],
  rateLimit: { submissions: 20, windowSeconds: 60 } satisfies RateLimit,
} as const;

export interface ServerOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1 (this machine only); `0.0.0.0` or `::` to listen on every interface. */
  host?: string;
  /** The SQLite file (created with its folder if missing). */
  database?: string;
  /** The directory data file; default `directory/lampung.json`. */
  directory?: string;
  /** Holiday list files; default Indonesia 2026. */
  holidays?: readonly string[];
  /** Origins allowed to call the API from a browser (agency sites that embed the widget). */
  allowedOrigins?: readonly string[];
  /** Submissions per client address and window; null turns the limit off. */
  rateLimit?: RateLimit | null;
  /** Use the last `X-Forwarded-For` address as the client's (only behind a reverse proxy you run). */
  trustProxy?: boolean;
  /** Receives one line per request and event: ids, codes, paths and statuses, never personal data. */
  log?: (line: string) => void;
  /** Another store for the same handler (the bench compares with the memory store). Default: SQLite in `database`. */
  store?: Store;
  policy?: Policy;
  now?: () => Date;
  /** Folders of the static pages; defaults are the repository's. */
  agencySite?: string;
  pages?: string;
  widgetDist?: string;
  /** How long `close()` waits for in-flight requests before cutting connections (default 10 s). */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  port: number;
  /** Tokens issued on this start (first run, or principals new to the directory); empty otherwise. */
  tokensPrinted: IssuedToken[];
  tokens: TokenRegistry;
  /** A new token for a focal point or intake officer (the old one fails at once); null for an unknown id. */
  rotateToken(principalId: string): IssuedToken | null;
  store: Store;
  /** Stops accepting connections, finishes in-flight requests, then closes the database. */
  close(): Promise<void>;
}

/** Formats a handler log entry: ids and codes only, as the handler gives them. */
function formatEntry(entry: IntakeLogEntry): string {
  return Object.entries(entry)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

/** A request's path for the log: no query string, which may carry anything a client typed. */
function loggedPath(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0]!;
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

/**
 * Starts the server and resolves once it listens.
 * @example
 * const server = await startServer({ port: 0, database: '/tmp/nh.sqlite', rateLimit: null });
 * // server.url, server.tokensPrinted; later: await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  // Formatting a line costs microseconds per request: none is formatted when nobody reads it.
  const log = options.log;
  const policy = options.policy ?? defaultPolicy;
  const loaded = loadDirectoryFile(options.directory ?? DEFAULTS.directory);
  const calendar = loadCalendar(loaded.timeZone, options.holidays ?? DEFAULTS.holidays);

  const database = openDatabase(options.database ?? DEFAULTS.database);
  const sqliteStore = createSqliteStore(database, { maxAttachmentBytes: policy.attachments.maxBytes });
  const store = options.store ?? sqliteStore;
  const tokens = createTokenRegistry(database);
  const tokensPrinted = tokens.ensure(loaded.principals, loaded.agencyOf);

  const rateLimit = options.rateLimit === undefined ? DEFAULTS.rateLimit : options.rateLimit;
  const handle = createIntakeHandler({
    store,
    directory: loaded.directory,
    calendar,
    tokens: tokens.verifier,
    policy,
    defaultAgencyId: loaded.defaultAgencyId,
    allowedOrigins: options.allowedOrigins ?? [],
    ...(rateLimit ? { rateLimit } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(log ? { log: (entry: IntakeLogEntry) => log(formatEntry(entry)) } : {}),
  });
  const roots = {
    agencySite: options.agencySite ?? `${REPO_ROOT}examples/agency-site`,
    pages: options.pages ?? `${SERVER_DIR}pages`,
    widgetDist: options.widgetDist ?? `${REPO_ROOT}packages/widget/dist`,
  };
  // A backstop above the handler's own limit, for bodies sent without Content-Length.
  const maxBodyBytes = policy.maxBodyBytes + 64 * 1024;

  let origin = '';
  let inFlight = 0;
  let closing: Promise<void> | null = null;
  let idle: (() => void) | null = null;

  function clientAddress(incoming: IncomingMessage): string {
    if (options.trustProxy) {
      const forwarded = incoming.headers['x-forwarded-for'];
      const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
      if (last) return last;
    }
    return incoming.socket.remoteAddress ?? 'unknown';
  }

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<number> {
    let response: Response;
    try {
      const request = await toWebRequest(incoming, origin, maxBodyBytes);
      const path = pathOf(request.url);
      if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/open311/')) {
        response = await handle(request, { clientAddress: clientAddress(incoming) });
      } else if (request.method === 'OPTIONS') {
        response = await handle(request);
      } else {
        response = (await serveStatic(request, roots)) ?? notFound();
      }
    } catch (error) {
      response = error instanceof BodyTooLargeError ? plainError(413, 'Payload Too Large') : plainError(500, 'Internal Server Error');
    }
    // A body the handler did not read (refused early) is not worth reading: drop the connection after.
    const close = closing !== null || (!incoming.complete && incoming.method !== 'GET' && incoming.method !== 'HEAD');
    await sendWebResponse(response, outgoing, close ? CLOSING_HEADERS : SECURITY_HEADERS);
    return response.status;
  }

  const server = createServer({ requestTimeout: 120_000, headersTimeout: 30_000, keepAliveTimeout: 5_000 }, (incoming, outgoing) => {
    const started = performance.now();
    inFlight += 1;
    answer(incoming, outgoing)
      .then((status) => log?.(`${incoming.method ?? '?'} ${loggedPath(incoming.url)} ${status} ${(performance.now() - started).toFixed(1)}ms`))
      .catch((error: unknown) => {
        log?.(`${incoming.method ?? '?'} ${loggedPath(incoming.url)} failed ${error instanceof Error ? error.name : 'unknown'}`);
        if (!outgoing.headersSent) outgoing.writeHead(500, SECURITY_HEADERS);
        outgoing.end();
      })
      .finally(() => {
        inFlight -= 1;
        if (closing) server.closeIdleConnections();
        if (inFlight === 0 && idle) idle();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await sqliteStore.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;

  return {
    url: origin,
    port: address.port,
    tokensPrinted,
    tokens,
    rotateToken: (principalId) => tokens.rotate(principalId, loaded.agencyOf),
    store,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          const grace = options.shutdownGraceMs ?? 10_000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              server.closeAllConnections();
              resolve();
            }, grace);
            idle = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        server.closeAllConnections();
        await stopped;
        if (store !== sqliteStore) await store.close?.();
        // Committed writes are already on disk; this releases the file and its WAL.
        await sqliteStore.close();
      })();
      return closing;
    },
  };
}

/** The security headers and `Connection: close`, for the last answer on a connection. */
const CLOSING_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...SECURITY_HEADERS, connection: 'close' });

/**
 * The path of an http(s) URL as the URL parser serialised it (a Request's `url`): from the first
 * `/` after the authority to the query or fragment. Cheaper than parsing the URL once more.
 */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const fragment = url.indexOf('#', start);
  if (fragment >= 0 && fragment < end) end = fragment;
  return url.slice(start, end);
}

function notFound(): Response {
  return plainError(404, 'Not Found');
}

function plainError(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
