// Uploads as a hostile or unlucky client sends them, against the built server process: many large
// bodies at once, a flood of oversized ones, short multipart boundaries over random bytes, and
// request lines that are not requests. From the security review (items 3, 6 and 8).
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody, rawRequest } from './e2e/raw-http.js';
import { startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

const MiB = 1024 * 1024;

const complaint = (title = 'Berkas pendukung laporan KTP-el') => ({
  kind: 'complaint',
  agencyId: 'disdukcapil-bandar-lampung',
  category: 'undue_delay',
  title,
  description: 'Saya mengajukan KTP-el tiga bulan lalu dan sampai hari ini belum terbit tanpa penjelasan apa pun.',
  reporter: { name: 'Siti Aminah', email: 'siti@example.id' },
  confidentiality: 'public',
  consent: true,
  locale: 'id',
});

/** A PDF-looking file of `size` random bytes (the type is judged by the first bytes). */
function pdf(size: number, seed = randomBytes(size)): Uint8Array {
  const bytes = new Uint8Array(seed.buffer, seed.byteOffset, size);
  bytes.set(Buffer.from('%PDF-1.7\n'));
  return bytes;
}

/** The server's peak resident memory in bytes, from the kernel. */
function peakRss(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

let idempotency = 0;
const key = () => `uploads-test-${process.pid}-${(idempotency += 1)}`;

describe('uploads against the server process', () => {
  let server: ServerProcess;
  let folder: ReturnType<typeof tempFolder>;
  beforeAll(async () => {
    folder = tempFolder('narahubung-uploads-');
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
  });
  afterAll(async () => {
    await server?.stop();
    folder?.remove();
  });

  it('holds its memory when 16 clients send 50 MB at once: the bytes in flight are capped, the rest told to retry (503)', async () => {
    const file = pdf(10 * MiB - 1024);
    const body = multipartBody('----nh-limit-test-boundary', complaint(), Array.from({ length: 5 }, (_, index) => ({ name: `scan-${index}.pdf`, bytes: file })));
    expect(body.byteLength).to.be.greaterThan(50_000_000);
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        rawRequest({
          port: server.port,
          method: 'POST',
          target: '/v1/complaints',
          headers: { 'content-type': 'multipart/form-data; boundary=----nh-limit-test-boundary', 'idempotency-key': key() },
          body: [body],
          length: body.byteLength,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201).length).to.be.greaterThan(0);
    expect(statuses.every((status) => status === 201 || status === 503), statuses.join(',')).to.equal(true);
    const busy = answers.find((answer) => answer.status === 503);
    expect(busy?.headers['retry-after']).to.equal('10');
    expect(busy?.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(JSON.parse(busy!.body).code).to.equal('busy');
    // The review measured 955 MB for the same load before the cap and streaming.
    expect(peakRss(server.pid)).to.be.lessThan(400 * MiB);
  });

  it('reads any boundary RFC 2046 allows, over random bytes that contain the bare boundary', async () => {
    const officer = server.token('Petugas');
    const boundaryChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\'()+_,-./:=?'.split(''));
    await fc.assert(
      fc.asyncProperty(fc.array(boundaryChar, { minLength: 1, maxLength: 4 }).map((chars) => chars.join('')), fc.integer({ min: 16, max: 2 * MiB }), async (boundary, size) => {
        const bytes = pdf(size);
        // The bare boundary, and the boundary after two dashes, sprinkled through the file; only
        // CRLF + "--" + boundary would end the part, and that is kept out.
        for (let at = 64; at + boundary.length + 2 < size; at += Math.max(97, Math.floor(size / 50))) bytes.set(Buffer.from(`--${boundary}`), at);
        const delimiter = Buffer.from(`\r\n--${boundary}`);
        fc.pre(Buffer.from(bytes).indexOf(delimiter) < 0);
        const body = multipartBody(boundary, complaint(), [{ name: 'bukti.pdf', bytes }]);
        const answer = await rawRequest({
          port: server.port,
          method: 'POST',
          target: '/v1/complaints',
          headers: { 'content-type': `multipart/form-data; boundary="${boundary}"`, 'idempotency-key': key() },
          body: [body],
          length: body.byteLength,
        });
        expect(answer.status, answer.body).to.equal(201);
        const { trackingId } = JSON.parse(answer.body) as { trackingId: string };
        const stored = await fetch(`${server.url}/v1/inbox/${trackingId}/attachments/a1`, { headers: { authorization: `Bearer ${officer}` } });
        const digest = createHash('sha256').update(new Uint8Array(await stored.arrayBuffer())).digest('hex');
        expect(digest).to.equal(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 12 },
    );
  });

  it('answers request lines that are not requests with a 4xx problem, and logs what it answered', async () => {
    const trace = await rawRequest({ port: server.port, method: 'TRACE', target: '/v1/config', headers: { 'accept-language': 'en' } });
    expect(trace.status).to.equal(405);
    expect(trace.headers['allow']).to.equal('GET, HEAD, POST, OPTIONS');
    expect(JSON.parse(trace.body)).to.include({ code: 'method_not_allowed', title: 'Method not allowed' });
    for (const target of ['http://u:p@x/v1/config', '//[x/']) {
      const answer = await rawRequest({ port: server.port, method: 'GET', target });
      expect(answer.status, target).to.equal(400);
      expect(answer.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(JSON.parse(answer.body).code).to.equal('bad_request');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output.some((line) => /^TRACE \/v1\/config 405 /.test(line)), server.output.slice(-5).join('\n')).to.equal(true);
    expect(server.output.filter((line) => / 400 [\d.]+ms$/.test(line)).length).to.be.at.least(2);
    expect(server.output.some((line) => / 500 /.test(line))).to.equal(false);
  });
});

describe('a flood of oversized bodies from one client', () => {
  let server: ServerProcess;
  let folder: ReturnType<typeof tempFolder>;
  beforeAll(async () => {
    folder = tempFolder('narahubung-flood-');
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite`, env: { RATE_LIMIT: '20/60' } });
  });
  afterAll(async () => {
    await server?.stop();
    folder?.remove();
  });

  it('counts each refused 30 MB body against the rate limit: after 20, the answer is 429', async () => {
    const body = multipartBody('nh-flood', complaint(), [{ name: 'video.pdf', bytes: pdf(30 * MiB) }]);
    const statuses: number[] = [];
    let limited: { headers: Record<string, string> } | null = null;
    for (let attempt = 0; attempt < 25; attempt++) {
      const answer = await rawRequest({
        port: server.port,
        method: 'POST',
        target: '/v1/complaints',
        headers: { 'content-type': 'multipart/form-data; boundary=nh-flood', 'idempotency-key': key() },
        body: [body],
        length: body.byteLength,
      });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
      else expect(JSON.parse(answer.body).errors[0]).to.include({ path: 'attachments.0', code: 'file_too_large' });
    }
    expect(statuses.slice(0, 20).every((status) => status === 422), statuses.join(',')).to.equal(true);
    expect(statuses.slice(20).every((status) => status === 429), statuses.join(',')).to.equal(true);
    expect(Number(limited?.headers['retry-after'])).to.be.greaterThan(0);
    // No body took the process down (one refused upload once did, from a write stream destroyed mid-file).
    expect((await fetch(`${server.url}/v1/config`)).status).to.equal(200);
  });
});
