/**
 * HTTP over a plain socket, for what `fetch` will not send: any method and request target, a body
 * in chunks at a chosen pace, pauses in the middle, and an answer read even when the server answers
 * early and closes while the body is still being sent.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  port: number;
  method: string;
  target: string;
  headers?: Record<string, string>;
  /** The body, sent as it is yielded; `Content-Length` is added when `length` is given. */
  body?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  length?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one request with `Connection: close` and resolves with the answer once the server closes. */
export function rawRequest(request: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(request.port, '127.0.0.1');
    const received: Buffer[] = [];
    let answered = false;
    const finish = () => {
      if (answered) return;
      const text = Buffer.concat(received).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        answered = true;
        return reject(new Error(`no answer from the server (${received.length} chunks)`));
      }
      answered = true;
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = Buffer.from(text.slice(split + 4), 'latin1').toString('utf8');
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body });
    };
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    // Writing after the server answered and closed fails with EPIPE or ECONNRESET: the answer is still what counts.
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      void (async () => {
        const headers = { host: `127.0.0.1:${request.port}`, connection: 'close', ...request.headers, ...(request.length !== undefined ? { 'content-length': String(request.length) } : {}) };
        const head = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;
        socket.write(head);
        if (!request.body) return;
        for await (const chunk of request.body) {
          if (socket.destroyed || answered || received.length > 0) break;
          if (!socket.write(chunk)) await new Promise((resume) => socket.once('drain', resume).once('close', resume));
        }
      })();
    });
  });
}

/** Yields `bytes` in chunks of `chunkBytes`, waiting so that the whole goes at about `bytesPerSecond`. */
export async function* paced(bytes: Uint8Array, bytesPerSecond: number, chunkBytes = 4096): AsyncGenerator<Uint8Array> {
  const started = Date.now();
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    const due = started + (offset / bytesPerSecond) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    yield bytes.subarray(offset, offset + chunkBytes);
  }
}

/** A multipart/form-data body with a `complaint` JSON part and files, under the boundary given. */
export function multipartBody(boundary: string, complaint: unknown, files: { name: string; bytes: Uint8Array }[]): Uint8Array {
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="complaint"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(complaint)}\r\n`),
  ];
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}
