// Security review item 4: a slow connection must be able to send a limit-sized attachment. The
// server timed out a whole request after 120 s, so a 9 MB PDF at 64 KB/s never arrived, whatever
// the outbox retried. Now only a body that stops moving is cut off (idle timeout), with a 408
// problem that the log records as 408.
import { createPolicy } from '@narahubung/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody, paced, rawRequest } from '../../../test/e2e/raw-http.js';
import { newKey, startTestServer, submission } from './test-support.js';
import type { TestServer } from './test-support.js';

const KiB = 1024;
/** The attachment limit of this server: a limit-sized file at 32 KB/s takes 128 s, past the old 120 s. */
const LIMIT = 4096 * KiB;

async function* stalling(bytes: Uint8Array, sendFirst: number, pauseMs: number): AsyncGenerator<Uint8Array> {
  yield bytes.subarray(0, sendFirst);
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  yield bytes.subarray(sendFirst);
}

describe('a slow upload', () => {
  let server: TestServer;
  beforeAll(async () => {
    const policy = createPolicy({ attachments: { maxFiles: 5, maxBytes: LIMIT, types: ['image/jpeg', 'image/png', 'application/pdf'] } });
    server = await startTestServer({ policy, bodyIdleTimeoutMs: 3_000 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('arrives however long it takes, as long as it keeps moving (a limit-sized file at 32 KB/s)', async () => {
    const file = new Uint8Array(LIMIT);
    file.set(new TextEncoder().encode('%PDF-1.7\n'));
    const body = multipartBody('slow-link', submission(), [{ name: 'surat.pdf', bytes: file }]);
    const started = Date.now();
    const answer = await rawRequest({
      port: server.port,
      method: 'POST',
      target: '/v1/complaints',
      headers: { 'content-type': 'multipart/form-data; boundary=slow-link', 'idempotency-key': newKey() },
      body: paced(body, 32 * KiB, 8 * KiB),
      length: body.byteLength,
    });
    expect(answer.status, answer.body).to.equal(201);
    // It really took longer than any whole-request limit would have allowed (the old one was 120 s).
    expect(Date.now() - started).to.be.greaterThan(120_000);
    const { trackingId } = JSON.parse(answer.body) as { trackingId: string };
    const stored = await server.store.get(trackingId);
    expect(stored?.attachments[0]?.size).to.equal(LIMIT);
  }, 300_000);

  it('is answered 408 when it stops for longer than the idle timeout, and the log says 408', async () => {
    const file = new Uint8Array(512 * KiB);
    file.set(new TextEncoder().encode('%PDF-1.7\n'));
    const body = multipartBody('stalled', submission(), [{ name: 'surat.pdf', bytes: file }]);
    const answer = await rawRequest({
      port: server.port,
      method: 'POST',
      target: '/v1/complaints',
      headers: { 'content-type': 'multipart/form-data; boundary=stalled', 'idempotency-key': newKey(), 'accept-language': 'en' },
      body: stalling(body, 100 * KiB, 4_500),
      length: body.byteLength,
    });
    expect(answer.status).to.equal(408);
    expect(answer.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).to.include({ code: 'request_timeout', title: 'The upload stopped' });
    expect(server.logs.some((line) => /^POST \/v1\/complaints 408 /.test(line)), server.logs.join('\n')).to.equal(true);
    expect(server.logs.some((line) => / 500 /.test(line))).to.equal(false);
  }, 60_000);
});
