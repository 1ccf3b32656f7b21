/**
 * Between Node's `http` module and the web-standard `Request`/`Response` that core's handler
 * speaks: the request body is streamed (never buffered here) and cut off past a size limit, and a
 * response body is streamed back with backpressure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown into the request body stream when a client sends more than the limit. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly code = 'too_large';
}

/** A web `Request` for a Node request. `origin` is the server's own, e.g. `http://127.0.0.1:8080`. */
export function toWebRequest(incoming: IncomingMessage, origin: string, maxBodyBytes: number, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody ? { body: boundedBody(incoming, maxBodyBytes), duplex: 'half' } : {}),
    ...(signal ? { signal } : {}),
  } as RequestInit);
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

/** Writes a web `Response` to Node's `ServerResponse`, streaming its body; resolves when sent. */
export async function sendWebResponse(response: Response, outgoing: ServerResponse, extraHeaders: Record<string, string> = {}): Promise<void> {
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
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
