/**
 * The router under the HTTP contract (issue 10): one Hono router for /v1 and /open311/v2, with 405
 * and Allow for a known path and the wrong method, HEAD on every GET, CORS for allowed origins only,
 * problem answers for unknown paths, and a base path.
 */
import { describe, expect, it } from 'vitest';
import { createTestIntake, request, submitOk, TOKENS } from '../test-support/fixtures.js';

const ROUTES: [path: string, allowed: string][] = [
  ['/v1/config', 'GET'],
  ['/v1/complaints', 'POST'],
  ['/v1/complaints/NH-0000-0000-0000-0', 'GET'],
  ['/v1/complaints/NH-0000-0000-0000-0/transitions', 'POST'],
  ['/v1/inbox', 'GET'],
  ['/v1/inbox/NH-0000-0000-0000-0', 'GET'],
  ['/v1/inbox/NH-0000-0000-0000-0/attachments/a1', 'GET'],
  ['/v1/me', 'GET'],
];

describe('routing', () => {
  it('answers a known path with the wrong method 405, naming the methods it takes in Allow', async () => {
    const intake = await createTestIntake();
    for (const [path, allowed] of ROUTES) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
        if (method === allowed) continue;
        const response = await request(intake, method, path);
        expect(response.status, `${method} ${path}`).to.equal(405);
        expect(response.headers.get('allow'), `${method} ${path}`).to.equal(allowed);
        expect((await response.json()).code).to.equal('method_not_allowed');
      }
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    for (const path of ['/v1/config', `/v1/complaints/${trackingId}`]) {
      const head = await request(intake, 'HEAD', path);
      expect(head.status, path).to.equal(200);
      expect(head.headers.get('content-type')).to.match(/^application\/json/);
      expect(await head.text()).to.equal('');
    }
  });

  it('answers an unknown path with a problem in the asked locale', async () => {
    const intake = await createTestIntake();
    for (const path of ['/', '/v1', '/v1/', '/v1/complaint', '/v2/config', '/v1/config/', '/v1/inbox/NH-0000-0000-0000-0/attachments']) {
      const response = await request(intake, 'GET', path, undefined, { 'accept-language': 'en' });
      expect(response.status, path).to.equal(404);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(await response.json()).to.include({ code: 'route_not_found', detail: 'There is nothing at this address.' });
    }
  });

  // A browser drops the Origin header a script sets (it is forbidden): this one runs in Node only.
  (typeof window === 'undefined' ? it : it.skip)('adds CORS headers for allowed origins only, and answers their preflights', async () => {
    const intake = await createTestIntake({ allowedOrigins: ['https://disdukcapil.example.id'] });
    const allowed = await request(intake, 'GET', '/v1/config', undefined, { origin: 'https://disdukcapil.example.id' });
    expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://disdukcapil.example.id');
    expect(allowed.headers.get('access-control-expose-headers')).to.include('Retry-After');
    const other = await request(intake, 'GET', '/v1/config', undefined, { origin: 'https://evil.example' });
    expect(other.status).to.equal(200);
    expect(other.headers.get('access-control-allow-origin')).to.equal(null);
    const sameOrigin = await request(intake, 'GET', '/v1/config');
    expect(sameOrigin.headers.get('access-control-allow-origin')).to.equal(null);
    expect(sameOrigin.headers.get('access-control-expose-headers')).to.equal(null);
    const preflight = await request(intake, 'OPTIONS', '/v1/complaints', undefined, {
      origin: 'https://disdukcapil.example.id',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, idempotency-key',
    });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-origin')).to.equal('https://disdukcapil.example.id');
    expect(preflight.headers.get('access-control-allow-headers')).to.include('Idempotency-Key');
    expect(preflight.headers.get('access-control-max-age')).to.equal('600');
  });

  it('serves the same API under a base path, and nothing outside it', async () => {
    const intake = await createTestIntake({ basePath: '/api' });
    expect((await request(intake, 'GET', '/api/v1/config')).status).to.equal(200);
    expect((await request(intake, 'GET', '/v1/config')).status).to.equal(404);
    const created = await request(intake, 'POST', '/api/v1/complaints', (await import('../test-support/fixtures.js')).submission(), { 'idempotency-key': 'base-path-key-0001' });
    expect(created.status).to.equal(201);
    expect(created.headers.get('location')).to.match(/^\/api\/v1\/complaints\/NH-/);
    const inbox = await request(intake, 'GET', '/api/v1/inbox', undefined, { authorization: `Bearer ${TOKENS.disdukcapil}` });
    expect((await inbox.json()).total).to.equal(1);
  });
});
