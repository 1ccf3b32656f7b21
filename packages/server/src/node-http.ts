/**
 * Between Node's `http` module and the web-standard `Request`/`Response` that core's handler
 * speaks: the request body is streamed (never buffered here) and cut off past a size limit, and a
 * response body is streamed back with backpressure.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Why a request could not be turned into a web `Request`, or why its body stopped: each is an
 * answer the client gets (`problem` code and HTTP status), never a 500.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly code: 'too_large' | 'request_timeout' | 'bad_request' | 'method_not_allowed' | 'busy',
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Bytes of request bodies the whole process holds at once, across requests. A request that would
 * pass the cap is answered 503 with Retry-After instead of being read: 16 clients each sending 50 MB
 * once took a server to 955 MB.
 */
export interface ByteBudget {
  /** Takes `bytes` if they fit under the cap; false (nothing taken) otherwise. */
  reserve(bytes: number): boolean;
  release(bytes: number): void;
  inFlight(): number;
}

export function createByteBudget(cap: number): ByteBudget {
  let used = 0;
  return {
    reserve(bytes) {
      if (used + bytes > cap) return false;
      used += bytes;
      return true;
    },
    release(bytes) {
      used = Math.max(0, used - bytes);
    },
    inFlight: () => used,
  };
}

export interface BodyLimits {
  /** Past this many bytes the body errors with `too_large`. */
  maxBodyBytes: number;
  /**
   * A body that sends nothing for this long errors with `request_timeout`. A slow body that keeps
   * moving is never cut off: a 9 MB PDF over a 64 KB/s link takes minutes.
   */
  idleTimeoutMs: number;
  budget: ByteBudget;
}

/** Bodies up to this size that declare their length are read whole before the handler runs: cheaper than a stream. */
const SMALL_BODY = 256 * 1024;

/** Methods the fetch standard forbids in a `Request`: answered 405 here. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A web `Request` for a Node request. `origin` is the server's own, e.g. `http://127.0.0.1:8080`.
 * A body is streamed when it is large or of unknown length, cut off past `maxBodyBytes` or after
 * `idleTimeoutMs` without a byte, and counted against the process's byte budget until `release`
 * (returned beside the request) is called. Throws `RequestError` for a request that cannot be
 * served: a forbidden method, a target that is no URL or carries credentials, a body over the
 * budget.
 */
export interface WebRequest {
  request: Request;
  /** Gives the request's bytes back to the budget; call once the request is answered. */
  release: () => void;
  /** Why the body stream stopped, when the server stopped it (the handler only sees a failed read). */
  failure: () => RequestError | null;
}

export async function toWebRequest(incoming: IncomingMessage, origin: string, limits: BodyLimits): Promise<WebRequest> {
  // From the raw pairs in one go, straight into the Request: several times cheaper than a set()
  // per header, and the Request copies a Headers object into its own anyway.
  const headers: [string, string][] = [];
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) if (!raw[index]!.startsWith(':')) headers.push([raw[index]!, raw[index + 1]!]);
  const method = incoming.method ?? 'GET';
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) throw new RequestError('method_not_allowed', `method ${method}`);
  const url = requestUrl(incoming.url ?? '/', origin);
  if (method === 'GET' || method === 'HEAD') return { request: webRequest(url, { method, headers }), release: noop, failure: () => null };
  const declared = Number(incoming.headers['content-length'] ?? NaN);
  let reserved = 0;
  let stopped: RequestError | null = null;
  const release = () => {
    limits.budget.release(reserved);
    reserved = 0;
  };
  const reserve = (bytes: number): boolean => {
    if (!limits.budget.reserve(bytes)) return false;
    reserved += bytes;
    return true;
  };
  if (declared > 0 && declared <= limits.maxBodyBytes && !reserve(declared)) throw new RequestError('busy', 'over the byte budget');
  try {
    // Node's parser never delivers more than a declared Content-Length.
    const body =
      declared >= 0 && declared <= Math.min(SMALL_BODY, limits.maxBodyBytes)
        ? await readWhole(incoming, limits.idleTimeoutMs)
        : boundedBody(incoming, limits, declared >= 0 ? null : reserve, (error) => {
            stopped = error;
          });
    return { request: webRequest(url, { method, headers, body, duplex: 'half' } as RequestInit), release, failure: () => stopped };
  } catch (error) {
    release();
    throw error;
  }
}

const noop = () => undefined;

/** The Request, or a `bad_request` when the URL cannot be one (e.g. it carries `user:password@`). */
function webRequest(url: string, init: RequestInit): Request {
  try {
    return new Request(url, init);
  } catch {
    throw new RequestError('bad_request', 'the request target is not a URL a request may have');
  }
}

/**
 * The request's absolute URL as a string (the Request parses it; parsing it here as well cost a
 * second parse). A plain path is appended to the origin; anything else (`//host`, a backslash, an
 * absolute-form target, `*`) is resolved by the URL parser as before.
 */
function requestUrl(target: string, origin: string): string {
  if (target.charCodeAt(0) === 0x2f && target.charCodeAt(1) !== 0x2f && target.charCodeAt(1) !== 0x5c) return origin + target;
  try {
    return new URL(target, origin).href;
  } catch {
    throw new RequestError('bad_request', 'the request target is not a URL');
  }
}

/**
 * A timer that fires `onIdle` when `touch` has not been called for `ms` while running. `pause`
 * stops it while the server, not the client, holds the body back (backpressure).
 */
function idleTimer(ms: number, onIdle: () => void): { touch(): void; pause(): void; resume(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = setTimeout(onIdle, ms);
  let stopped = false;
  return {
    touch() {
      timer?.refresh();
    },
    pause() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    resume() {
      if (!stopped && !timer) timer = setTimeout(onIdle, ms);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function readWhole(incoming: IncomingMessage, idleTimeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const idle = idleTimer(idleTimeoutMs, () => reject(new RequestError('request_timeout', 'the body stopped')));
    incoming.on('data', (chunk: Buffer) => {
      idle.touch();
      chunks.push(chunk);
    });
    incoming.once('end', () => {
      idle.stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    incoming.once('error', (error) => {
      idle.stop();
      reject(error);
    });
    // A client that goes away mid-body: nothing more will come.
    incoming.once('close', () => {
      idle.stop();
      if (!incoming.complete) reject(new Error('request body incomplete: the client went away'));
    });
  });
}

/**
 * The request's bytes as a web stream that errors once more than `maxBodyBytes` have come, or when
 * nothing came for `idleTimeoutMs`. A body of unknown length reserves its bytes in the budget as
 * they arrive (`reserve`), and errors with `busy` when they do not fit.
 */
function boundedBody(
  incoming: IncomingMessage,
  limits: BodyLimits,
  reserve: ((bytes: number) => boolean) | null,
  onStop: (error: RequestError) => void,
): ReadableStream<Uint8Array> {
  let received = 0;
  let idle: ReturnType<typeof idleTimer> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const stop = (error: RequestError) => {
        idle?.stop();
        onStop(error);
        try {
          controller.error(error);
        } catch {
          // already closed or errored
        }
        incoming.pause();
      };
      idle = idleTimer(limits.idleTimeoutMs, () => stop(new RequestError('request_timeout', 'the body stopped')));
      incoming.on('data', (chunk: Buffer) => {
        idle?.touch();
        received += chunk.byteLength;
        if (received > limits.maxBodyBytes) return stop(new RequestError('too_large', `request body over ${limits.maxBodyBytes} bytes`));
        if (reserve && !reserve(chunk.byteLength)) return stop(new RequestError('busy', 'over the byte budget'));
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Backpressure: stop reading the socket until the handler asks for more; the wait is ours, not the client's.
        if ((controller.desiredSize ?? 1) <= 0) {
          incoming.pause();
          idle?.pause();
        }
      });
      incoming.once('end', () => {
        idle?.stop();
        try {
          controller.close();
        } catch {
          // already errored (too large)
        }
      });
      incoming.once('error', (error) => {
        idle?.stop();
        try {
          controller.error(error);
        } catch {
          // already closed
        }
      });
    },
    pull() {
      idle?.resume();
      incoming.resume();
    },
    cancel() {
      idle?.stop();
      incoming.pause();
    },
  }, { highWaterMark: 4 });
}

/**
 * A small body's bytes. A reader loop, not `arrayBuffer()`: in Node 20 the latter costs about
 * 3 µs more per answer (undici's fullyReadBody), measured on the API's JSON answers.
 */
async function readWholeBody(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks);
}

/**
 * Writes a web `Response` to Node's `ServerResponse`, streaming its body; resolves when sent.
 * `defaultHeaders` are sent unless the response sets the same header.
 */
export async function sendWebResponse(
  response: Response,
  outgoing: ServerResponse,
  defaultHeaders: Readonly<Record<string, string>> = {},
  /** Awaited after the whole answer is written and before the response ends (see `lingerOn`). */
  linger: Promise<void> | null = null,
): Promise<void> {
  const headers: Record<string, string | string[]> = { ...defaultHeaders };
  // One pass over the response's headers (names come lower-case, each Set-Cookie on its own).
  const setCookies: string[] = [];
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') setCookies.push(value);
    else headers[name] = value;
  });
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  const type = (headers['content-type'] as string | undefined) ?? '';
  if (response.body && outgoing.req.method !== 'HEAD' && /^application\/(problem\+)?json/.test(type)) {
    // The API's JSON answers are small and whole: one write, with a length, keeps keep-alive cheap.
    const bytes = await readWholeBody(response.body);
    headers['content-length'] = String(bytes.byteLength);
    outgoing.writeHead(response.status, response.statusText || undefined, headers);
    // As text, Node sends the head and the body in one write; bytes go out as a writev of two
    // buffers, which cost more. Only valid UTF-8 survives the round trip unchanged.
    const body = isUtf8(bytes) ? bytes.toString('utf8') : bytes;
    if (linger) {
      outgoing.write(body);
      await linger;
      outgoing.end();
    } else {
      outgoing.end(body);
    }
    return;
  }
  outgoing.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body || outgoing.req.method === 'HEAD') {
    await response.body?.cancel();
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  outgoing.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (outgoing.destroyed) break;
      if (!outgoing.write(value)) await new Promise<void>((resolve) => {
        const go = () => {
          outgoing.off('drain', go);
          outgoing.off('close', go);
          resolve();
        };
        outgoing.on('drain', go);
        outgoing.on('close', go);
      });
    }
  } finally {
    outgoing.off('close', stop);
    if (linger) await linger;
    outgoing.end();
  }
}

/**
 * Reads and drops what is left of a request body for at most `ms`, or until it ends. An answer
 * sent before the body was read (a refusal) is followed by a close; closing a socket that still has
 * unread bytes makes the kernel send a reset, and the client may then lose the answer it was
 * already sent. So the answer is written first, the rest of the body drained, and only then is the
 * response ended (a lingering close, as nginx does).
 */
export function lingerOn(incoming: IncomingMessage, ms: number): Promise<void> {
  if (incoming.complete || incoming.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      incoming.off('end', done);
      incoming.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    // The body's readers (the handler's stream) are gone: drop every byte from now on.
    incoming.removeAllListeners('data');
    incoming.on('data', () => undefined);
    incoming.once('end', done);
    incoming.once('close', done);
    incoming.resume();
  });
}
