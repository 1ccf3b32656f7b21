/**
 * The reference intake server: core's intake handler on Node's HTTP server, over SQLite or PostgreSQL,
 * with the demo pages beside it. `startServer` has no side effect beyond what it is asked to do
 * (no printing, no signal handlers), so tests and other programs can run it; `server.ts` is the
 * process around it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntakeHandler, createReporterKeys, defaultPolicy, formatBytes, negotiateLocale, problemResponse } from '@narahubung/core';
import type { IntakeLogEntry, Notifier, Open311Options, Policy, RateLimit, Store } from '@narahubung/core';
import type { FontFiles, renderIndicatorsHandout } from '@narahubung/workshop';
import { loadCalendar, loadDirectoryFile } from './directory-file.js';
import { createByteBudget, lingerOn, RequestError, sendWebResponse, toWebRequest } from './node-http.js';
import type { WebRequest } from './node-http.js';
import { createStreamingMultipartReader } from './multipart.js';
import { openStorage } from './storage.js';
import { createSmtpNotifier, domainOf, startMailLoop } from './mail.js';
import type { MailSettings } from './mail.js';
import { loadSecret } from './secret.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';
import { createTokenRegistry } from './tokens.js';
import type { IssuedToken, TokenRegistry } from './tokens.js';

/** `packages/server/`, found from this file whether it runs from src/ or dist/. */
export const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The repository, whose `examples/lampung` holds the demo's directory, holidays and agency site. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The widget's built bundles, wherever npm put the package. */
const WIDGET_DIST = join(dirname(createRequire(import.meta.url).resolve('@narahubung/widget/package.json')), 'dist');

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  database: `${REPO_ROOT}data/narahubung.sqlite`,
  directory: `${REPO_ROOT}examples/lampung/directory.json`,
  holidays: [`${REPO_ROOT}examples/lampung/holidays-id-2026.json`],
  rateLimit: { submissions: 20, windowSeconds: 60 } satisfies RateLimit,
  bodyIdleTimeoutMs: 60_000,
  maxBytesInFlight: 128 * 1024 * 1024,
} as const;

export interface ServerOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1 (this machine only); `0.0.0.0` or `::` to listen on every interface. */
  host?: string;
  /** The SQLite file (created with its folder if missing). */
  database?: string;
  /** `postgres://…`: keep everything in PostgreSQL instead (several instances may share it). */
  databaseUrl?: string;
  /** The directory data file; default the Lampung demo, `examples/lampung/directory.json`. */
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
  /**
   * A request body that sends nothing for this long is answered 408 (default 60 s). There is no
   * limit on the whole upload: a citizen on a slow link may take many minutes, and that is fine.
   */
  bodyIdleTimeoutMs?: number;
  /**
   * Bytes of request bodies the process takes at once, across all requests (default 128 MiB, at
   * least the policy's largest body). Past it, a request is answered 503 with Retry-After.
   */
  maxBytesInFlight?: number;
  /** Where uploaded files wait until their complaint is stored (default: a new folder in the system's temporary folder). */
  uploadDir?: string;
  /**
   * The secret reporters' keys are derived from (at least 32 bytes). Default: a file beside the
   * SQLite database, created on the first start; required with `databaseUrl`.
   */
  secret?: string;
  /** SMTP relay and sender: turns on notifications (the outbox and its sender). Without it no mail is written or sent. */
  mail?: MailSettings;
  /** Where people reach this server, for links in mails (default: its own URL). */
  publicUrl?: string;
  /** Another Notifier instead of SMTP (tests). */
  notifier?: Notifier;
  /** How often the mail loop looks at the outbox when idle (default 2 s). */
  mailIntervalMs?: number;
  /** How long a claimed mail is held by this instance before another may send it (default 60 s; a crash delays its mails this long). */
  mailLeaseMs?: number;
  /** Open311's jurisdictions and discovery texts (core's `Open311Options`); default: any jurisdiction. */
  open311?: Open311Options;
}

export interface RunningServer {
  /** Whether mail is on, and through what (no password). */
  mailStatus: string;
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  port: number;
  /** Tokens issued on this start (first run, or principals new to the directory); empty otherwise. */
  tokensPrinted: IssuedToken[];
  tokens: TokenRegistry;
  /** A new token for a focal point or intake officer (the old one fails at once); null for an unknown id. */
  rotateToken(principalId: string): Promise<IssuedToken | null>;
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

  const storage = await openStorage({
    database: options.database ?? DEFAULTS.database,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    maxAttachmentBytes: policy.attachments.maxBytes,
  });
  const store = options.store ?? storage.store;
  const tokens = createTokenRegistry(storage.store);
  const tokensPrinted = await tokens.ensure(loaded.principals, loaded.agencyOf);

  const secret = loadSecret({ ...(options.secret ? { given: options.secret } : {}), ...(options.databaseUrl ? {} : { database: options.database ?? DEFAULTS.database }) });
  const rateLimit = options.rateLimit === undefined ? DEFAULTS.rateLimit : options.rateLimit;
  // Links in mails point at the public address; until the server listens, its own address is unknown.
  const mailLinks = { statusPage: '', inbox: '', api: '' };
  const mailOn = options.mail !== undefined || options.notifier !== undefined;
  let mailLoop: ReturnType<typeof startMailLoop> | null = null;
  // Our own folder unless one is given; removed on close (files in it belong to requests in flight only).
  const uploadDir = options.uploadDir ?? mkdtempSync(join(tmpdir(), 'narahubung-uploads-'));
  // The handout's renderer and fonts are loaded when the first one is asked for, then kept (a failed
  // load is tried again): the workshop package (pdf-lib, fontkit) took 35 MB of every server's
  // memory from the start (bench/scale.mjs, peak RSS), for a route few call.
  let handout: Promise<{ render: typeof renderIndicatorsHandout; fonts: FontFiles }> | undefined;
  const loadHandout = () =>
    (handout ??= Promise.all([import('@narahubung/workshop'), import('@narahubung/workshop/node').then((node) => node.loadDejaVuFonts())])
      .then(([workshop, fonts]) => ({ render: workshop.renderIndicatorsHandout, fonts }))
      .catch((error: unknown) => {
        handout = undefined;
        throw error;
      }));
  const staffLocale = options.mail?.staffLocale ?? 'id';
  const handle = createIntakeHandler({
    readMultipart: createStreamingMultipartReader(uploadDir),
    secret,
    ...(mailOn ? { mail: { links: mailLinks, staffLocale } } : {}),
    store,
    directory: loaded.directory,
    calendar,
    tokens: tokens.verifier,
    // GET /v1/indicators.pdf: the period's indicators as the workshop package's printable handout.
    indicatorsPdf: async (answer, locale) => {
      const { render, fonts } = await loadHandout();
      return render(answer, { locale, fonts });
    },
    policy,
    defaultAgencyId: loaded.defaultAgencyId,
    allowedOrigins: options.allowedOrigins ?? [],
    ...(options.open311 ? { open311: options.open311 } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    // On PostgreSQL every instance counts in the database; on SQLite, in this process.
    ...(rateLimit && storage.rateCounter ? { rateCounter: storage.rateCounter } : {}),
    ...(options.now ? { now: options.now } : {}),
    log: (entry: IntakeLogEntry) => {
      // A change that may have written mail: the mail loop looks at once instead of at its next round.
      if (mailLoop && WAKES_MAIL.has(entry.event)) mailLoop.wake();
      log?.(formatEntry(entry));
    },
  });
  const roots = {
    agencySite: options.agencySite ?? `${REPO_ROOT}examples/lampung/site`,
    pages: options.pages ?? `${SERVER_DIR}pages`,
    widgetDist: options.widgetDist ?? WIDGET_DIST,
  };
  const bodyLimits = {
    // A backstop above the handler's own limit, for bodies sent without Content-Length.
    maxBodyBytes: policy.maxBodyBytes + 64 * 1024,
    idleTimeoutMs: options.bodyIdleTimeoutMs ?? DEFAULTS.bodyIdleTimeoutMs,
    budget: createByteBudget(Math.max(options.maxBytesInFlight ?? DEFAULTS.maxBytesInFlight, policy.maxBodyBytes + 64 * 1024)),
  };

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

  /** The problem answer for a request the server itself refused, in the locale the client asks for. */
  function requestProblem(incoming: IncomingMessage, error: RequestError): Response {
    const locale = negotiateLocale(null, incoming.headers['accept-language'] ?? null);
    switch (error.code) {
      case 'too_large':
        return problemResponse(locale, 'too_large', { max: formatBytes(policy.maxBodyBytes) });
      case 'request_timeout':
        return problemResponse(locale, 'request_timeout', { seconds: Math.round(bodyLimits.idleTimeoutMs / 1000) });
      case 'bad_request':
        return problemResponse(locale, 'bad_request');
      case 'method_not_allowed':
        return problemResponse(locale, 'method_not_allowed', { allowed: ALLOWED_METHODS }, { headers: { allow: ALLOWED_METHODS } });
      case 'busy':
        return problemResponse(locale, 'busy', { seconds: BUSY_RETRY_SECONDS }, { headers: { 'retry-after': String(BUSY_RETRY_SECONDS) } });
    }
  }

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<number> {
    let response: Response;
    let made: WebRequest | null = null;
    try {
      made = await toWebRequest(incoming, origin, bodyLimits);
      const { request } = made;
      const path = pathOf(request.url);
      if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/open311/')) {
        response = await handle(request, { clientAddress: clientAddress(incoming) });
      } else if (request.method === 'OPTIONS') {
        response = await handle(request);
      } else {
        response = (await serveStatic(request, roots)) ?? notFound();
      }
      // The server cut the body off (too slow to move, too large, over the budget): the handler
      // only saw a failed read, so the answer is the server's.
      const stopped = made.failure();
      if (stopped) {
        await response.body?.cancel();
        response = requestProblem(incoming, stopped);
      }
    } catch (error) {
      response = error instanceof RequestError ? requestProblem(incoming, error) : plainError(500, 'Internal Server Error');
    }
    try {
      // A body the handler did not read (refused early) is not worth reading: close the connection
      // after the answer, draining the rest for a moment so that the client gets the answer.
      const unread = !incoming.complete && incoming.method !== 'GET' && incoming.method !== 'HEAD';
      const linger = unread ? lingerOn(incoming, LINGER_MS) : null;
      await sendWebResponse(response, outgoing, closing !== null || unread ? CLOSING_HEADERS : SECURITY_HEADERS, linger);
    } finally {
      made?.release();
    }
    return response.status;
  }

  // No limit on a whole request (requestTimeout 0): a slow upload that keeps moving is served; a body
  // that stops is cut off by the idle timeout of toWebRequest.
  const server = createServer({ requestTimeout: 0, headersTimeout: 30_000, keepAliveTimeout: 5_000 }, (incoming, outgoing) => {
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
    await storage.close();
    if (!options.uploadDir) rmSync(uploadDir, { recursive: true, force: true });
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  const publicUrl = options.publicUrl ?? origin;
  Object.assign(mailLinks, { statusPage: `${publicUrl}/status`, inbox: `${publicUrl}/inbox`, api: publicUrl });
  const smtp = options.mail && !options.notifier ? createSmtpNotifier(options.mail) : null;
  const notifier = options.notifier ?? smtp;
  mailLoop = notifier
    ? startMailLoop({
        store,
        notifier,
        keys: createReporterKeys(secret),
        domain: options.mail ? domainOf(options.mail.from) : 'narahubung.invalid',
        context: { directory: loaded.directory, calendar, policy, links: mailLinks, staffLocale },
        now: options.now ?? (() => new Date()),
        ...(log ? { log } : {}),
        ...(options.mailIntervalMs !== undefined ? { intervalMs: options.mailIntervalMs } : {}),
        ...(options.mailLeaseMs !== undefined ? { leaseMs: options.mailLeaseMs } : {}),
      })
    : null;
  const mailStatus = options.mail ? `on, via ${new URL(options.mail.smtpUrl).host} from ${options.mail.from}` : options.notifier ? 'on' : 'off (set SMTP_URL and MAIL_FROM to send notifications)';

  return {
    mailStatus,
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
        // Mail in flight finishes (or stays in the outbox for the next start).
        await mailLoop?.stop();
        smtp?.close();
        if (store !== storage.store) await store.close?.();
        // Committed writes are already on disk; this releases the file and its WAL.
        await storage.close();
        if (!options.uploadDir) rmSync(uploadDir, { recursive: true, force: true });
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

/** How long the rest of a refused body is drained before the connection closes. */
const LINGER_MS = 5_000;
/** Log events after which the outbox may hold new mail. */
const WAKES_MAIL: ReadonlySet<IntakeLogEntry['event']> = new Set(['complaint_received', 'complaint_transitioned', 'reporter_action']);

/** Every method the server answers on some path. */
const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';
/** When a client refused for the byte budget may try again: long enough for a large upload to finish. */
const BUSY_RETRY_SECONDS = 10;

function notFound(): Response {
  return plainError(404, 'Not Found');
}

function plainError(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
