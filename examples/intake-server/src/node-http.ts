/**
 * Between Node's `http` module and the web-standard `Request`/`Response` that core's handler
 * speaks: the request body is streamed (never buffered here) and cut off past a size limit, and a
 * response body is streamed back with backpressure.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown into the request body stream when a client sends more than the limit. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly code = 'too_large';
}

/** Bodies up to this size that declare their length are read whole before the handler runs: cheaper than a stream. */
const SMALL_BODY = 256 * 1024;

/**
 * A web `Request` for a Node request. `origin` is the server's own, e.g. `http://127.0.0.1:8080`.
 * A body is streamed when it is large or of unknown length, and cut off past `maxBodyBytes`.
 */
export async function toWebRequest(incoming: IncomingMessage, origin: string, maxBodyBytes: number): Promise<Request> {
  // From the raw pairs in one go, straight into the Request: several times cheaper than a set()
  // per header, and the Request copies a Headers object into its own anyway.
  const headers: [string, string][] = [];
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) if (!raw[index]!.startsWith(':')) headers.push([raw[index]!, raw[index + 1]!]);
  const method = incoming.method ?? 'GET';
  const url = requestUrl(incoming.url ?? '/', origin);
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const declared = Number(incoming.headers['content-length'] ?? NaN);
  // Node's parser never delivers more than a declared Content-Length.
  const body = declared >= 0 && declared <= Math.min(SMALL_BODY, maxBodyBytes) ? await readWhole(incoming) : boundedBody(incoming, maxBodyBytes);
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

/**
 * The request's absolute URL as a string (the Request parses it; parsing it here as well cost a
 * second parse). A plain path is appended to the origin; anything else (`//host`, a backslash, an
 * absolute-form target, `*`) is resolved by the URL parser as before.
 */
function requestUrl(target: string, origin: string): string {
  return target.charCodeAt(0) === 0x2f && target.charCodeAt(1) !== 0x2f && target.charCodeAt(1) !== 0x5c ? origin + target : new URL(target, origin).href;
}

function readWhole(incoming: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.once('error', reject);
    // A client that goes away mid-body: nothing more will come.
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('request body incomplete: the client went away'));
    });
  });
}

/** The request's bytes as a web stream that errors once more than `maxBytes` have come. */
function boundedBody(incoming: IncomingMessage, maxBytes: number): ReadableStream<Uint8Array> {
  let received = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.on('data', (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > maxBytes) {
          controller.error(new BodyTooLargeError(`request body over ${maxBytes} bytes`));
          incoming.pause();
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Backpressure: stop reading the socket until the handler asks for more.
        if ((controller.desiredSize ?? 1) <= 0) incoming.pause();
      });
      incoming.once('end', () => {
        try {
          controller.close();
        } catch {
          // already errored (too large)
        }
      });
      incoming.once('error', (error) => {
        try {
          controller.error(error);
        } catch {
          // already closed
        }
      });
    },
    pull() {
      incoming.resume();
    },
    cancel() {
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
export async function sendWebResponse(response: Response, outgoing: ServerResponse, defaultHeaders: Readonly<Record<string, string>> = {}): Promise<void> {
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
    outgoing.end(isUtf8(bytes) ? bytes.toString('utf8') : bytes);
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
    outgoing.end();
  }
}
