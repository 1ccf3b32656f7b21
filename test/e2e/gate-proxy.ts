/**
 * A tiny HTTP proxy on loopback between the browsers and the intake server, so a test can decide
 * what happens to each submission: hold it, forward it whole or in part, keep the server's answer
 * from the browser, or cut the connection. Everything else passes straight through.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The server's answer to a forwarded submission, as it reached the proxy. */
export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A `POST /v1/complaints` the proxy holds: the browser has sent it and waits for an answer. */
export interface HeldSubmission {
  idempotencyKey: string;
  body: Buffer;
  /** Sends the whole request to the server and resolves with its answer, which the browser does not get. */
  forwardWhole(): Promise<UpstreamAnswer>;
  /** Sends the headers and the first `bytes` of the body, and no more: the server waits for the rest. */
  forwardPart(bytes: number): Promise<void>;
  /** Gives the browser the status line, headers and the first `bytes` of `answer`'s body, then cuts the connection. */
  deliverPartOf(answer: UpstreamAnswer, bytes: number): void;
  /** Cuts the browser's connection without an answer. */
  drop(): void;
  /** Whether the browser gave up on the request (e.g. its page was closed). */
  abandoned(): boolean;
}

export interface GateProxy {
  url: string;
  /** Submissions held so far, in the order they arrived. */
  held: HeldSubmission[];
  /** Resolves once `count` submissions are held. */
  waitForHeld(count: number): Promise<void>;
  /** From now on submissions pass straight through too. */
  open(): void;
  close(): Promise<void>;
}

/** Starts the proxy in front of `127.0.0.1:<upstreamPort>`, holding every submission until `open()`. */
export async function startGateProxy(upstreamPort: number): Promise<GateProxy> {
  let gated = true;
  const held: HeldSubmission[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const upstream = (incoming: IncomingMessage) =>
    httpRequest({ host: '127.0.0.1', port: upstreamPort, method: incoming.method, path: incoming.url, headers: incoming.headers, agent: false });

  function passThrough(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const forwarded = upstream(incoming);
    forwarded.on('response', (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
      answer.on('error', () => outgoing.destroy());
    });
    forwarded.on('error', () => {
      // The server is down or died mid-answer: as a real gateway does.
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway\n');
      else outgoing.destroy();
    });
    incoming.pipe(forwarded);
  }

  async function hold(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let abandoned = false;
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) abandoned = true;
    });
    const send = (forwarded: ReturnType<typeof upstream>, part: Buffer) =>
      new Promise<void>((resolve, reject) => forwarded.write(part, (error) => (error ? reject(error) : resolve())));
    held.push({
      idempotencyKey: String(incoming.headers['idempotency-key'] ?? ''),
      body,
      forwardWhole() {
        const forwarded = upstream(incoming);
        return new Promise<UpstreamAnswer>((resolve, reject) => {
          forwarded.on('error', reject);
          forwarded.on('response', (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (part: Buffer) => parts.push(part));
            answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(parts) }));
            answer.on('error', reject);
          });
          forwarded.end(body);
        });
      },
      async forwardPart(bytes) {
        const forwarded = upstream(incoming);
        // Its connection dies with the server; that is the point.
        forwarded.on('error', () => undefined);
        forwarded.flushHeaders();
        await send(forwarded, body.subarray(0, bytes));
      },
      deliverPartOf(answer, bytes) {
        outgoing.writeHead(answer.status, answer.headers);
        outgoing.write(answer.body.subarray(0, bytes), () => outgoing.socket?.destroy());
      },
      drop: () => outgoing.socket?.destroy(),
      abandoned: () => abandoned,
    });
    for (const waiter of waiters.filter((candidate) => held.length >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  const proxy = createServer((incoming, outgoing) => {
    if (gated && incoming.method === 'POST' && incoming.url === '/v1/complaints') void hold(incoming, outgoing);
    else passThrough(incoming, outgoing);
  });
  proxy.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    held,
    waitForHeld: (count) => new Promise((resolve) => (held.length >= count ? resolve() : waiters.push({ count, resolve }))),
    open: () => void (gated = false),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
