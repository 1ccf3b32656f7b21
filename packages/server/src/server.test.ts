import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openSqliteStore } from '@narahubung/store-sqlite';
import { loadDirectoryFile } from './directory-file.js';
import { DEFAULTS } from './app.js';
import { CONTENT_SECURITY_POLICY } from './static-files.js';
import { newKey, startTestServer, submission, submit, tempFolder } from './test-support.js';
import type { TestServer } from './test-support.js';
import { createTokenRegistry } from './tokens.js';

const DISDUKCAPIL = 'fp-disdukcapil-bandar-lampung';
const RSUD = 'fp-rsud-abdul-moeloek';
const OFFICER = 'officer-ombudsman-lampung';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function move(server: TestServer, token: string, trackingId: string, to: string, note = 'Berkas lengkap'): Promise<Response> {
  return fetch(`${server.url}/v1/complaints/${trackingId}/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(token) },
    body: JSON.stringify({ to, note }),
  });
}

describe('intake server over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('issues one token to each sample focal point and the intake officer on the first run', () => {
    const { principals, agencyOf } = loadDirectoryFile(DEFAULTS.directory);
    expect(server.tokensPrinted.map((token) => token.principal.id).sort()).toEqual(principals.map((principal) => principal.id).sort());
    expect(principals.filter((principal) => principal.role === 'intake_officer').length).toBe(1);
    for (const issued of server.tokensPrinted) {
      expect(issued.token).toMatch(/^nh_[A-Za-z0-9_-]{43}$/);
      expect(issued.agencyName).toBe(agencyOf(issued.principal));
    }
    // Only hashes are stored.
    const db = openDatabase(server.database);
    const stored = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    db.close();
    for (const issued of server.tokensPrinted) expect(stored).not.toContain(issued.token);
  });

  it('stores a submission and lets only its own agency read and move it', async () => {
    const { status, answer } = await submit(server.url, submission());
    expect(status).toBe(201);
    const id = answer.trackingId;
    expect(answer['focalPoint']).toMatchObject({ agency: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung' });

    const own = server.token(DISDUKCAPIL);
    const other = server.token(RSUD);
    const ownInbox = (await (await fetch(`${server.url}/v1/inbox`, { headers: auth(own) })).json()) as { items: { trackingId: string }[] };
    expect(ownInbox.items.map((item) => item.trackingId)).toContain(id);
    const otherInbox = (await (await fetch(`${server.url}/v1/inbox`, { headers: auth(other) })).json()) as { items: { trackingId: string }[] };
    expect(otherInbox.items.map((item) => item.trackingId)).not.toContain(id);

    expect((await fetch(`${server.url}/v1/inbox/${id}`, { headers: auth(other) })).status).toBe(404);
    expect((await move(server, other, id, 'verified')).status).toBe(404);
    expect((await fetch(`${server.url}/v1/inbox/${id}`)).status).toBe(401);
    expect((await move(server, 'nh_not-a-real-token-at-all-0000000000', id, 'verified')).status).toBe(401);

    const item = (await (await fetch(`${server.url}/v1/inbox/${id}`, { headers: auth(own) })).json()) as { reporter: unknown; status: string };
    // Anonymous: the focal point sees no identity.
    expect(item.reporter).toBe(null);
    expect((await move(server, own, id, 'verified')).status).toBe(200);
    expect((await move(server, own, id, 'in_progress', 'Sedang diproses')).status).toBe(200);
    const publicStatus = (await (await fetch(`${server.url}/v1/complaints/${id}`)).json()) as { status: string; history: { status: string }[] };
    expect(publicStatus.status).toBe('in_progress');
    expect(publicStatus.history.map((entry) => entry.status)).toEqual(['received', 'verified', 'in_progress']);

    // The intake officer sees every agency's complaints, with the reporter's identity.
    const officerView = (await (await fetch(`${server.url}/v1/inbox/${id}`, { headers: auth(server.token(OFFICER)) })).json()) as { reporter: { name: string } };
    expect(officerView.reporter.name).toBe('Siti Aminah');
  });

  it('answers a replayed submission with the first answer and stores it once', async () => {
    const key = newKey();
    const [first, second] = await Promise.all([submit(server.url, submission(), key), submit(server.url, submission(), key)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.answer.trackingId).toBe(second.answer.trackingId);
    const db = openDatabase(server.database);
    expect(db.prepare('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?').get(key)).toEqual({ n: 1 });
    db.close();
  });

  it('stops accepting a token once it is rotated, from another process, while running', async () => {
    const { answer } = await submit(server.url, submission());
    const old = server.token(DISDUKCAPIL);
    expect((await fetch(`${server.url}/v1/inbox`, { headers: auth(old) })).status).toBe(200);
    // What `npm run tokens -- rotate` does: its own connection to the same file.
    const other = openSqliteStore(server.database);
    const { agencyOf } = loadDirectoryFile(DEFAULTS.directory);
    const rotated = await createTokenRegistry(other).rotate(DISDUKCAPIL, agencyOf);
    await other.close();
    expect(rotated?.token).toBeTruthy();
    expect(rotated?.token).not.toBe(old);
    expect((await fetch(`${server.url}/v1/inbox`, { headers: auth(old) })).status).toBe(401);
    expect((await move(server, old, answer.trackingId, 'verified')).status).toBe(401);
    expect((await fetch(`${server.url}/v1/inbox`, { headers: auth(rotated!.token) })).status).toBe(200);
  });

  it("rotates a client system's Open311 API key like a token: the old key is refused 403, the new one posts", async () => {
    const post = (apiKey: string) =>
      fetch(`${server.url}/open311/v2/requests.xml`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: apiKey, service_code: 'undue_delay', address_string: `Kantor Kecamatan ${Math.random()}` }).toString(),
      });
    const old = server.token('fixmystreet-lampung');
    expect((await post(old)).status).toBe(201);
    expect((await fetch(`${server.url}/v1/inbox`, { headers: auth(old) })).status).toBe(401);
    const rotated = await server.rotateToken('fixmystreet-lampung');
    expect(rotated?.principal.role).toBe('client_system');
    expect((await post(old)).status).toBe(403);
    expect((await post(rotated!.token)).status).toBe(201);
  });

  it('sends the security headers on pages, API answers and errors', async () => {
    const answers = await Promise.all([
      fetch(`${server.url}/status`),
      fetch(`${server.url}/inbox`),
      fetch(`${server.url}/v1/config`),
      fetch(`${server.url}/v1/inbox`),
      fetch(`${server.url}/no-such-page`),
      fetch(`${server.url}/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ]);
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 401, 404, 400]);
    for (const response of answers) {
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'; script-src 'self'; style-src 'self'");
    expect(answers[0]!.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('serves the indicators page at /indikator under the CSP, with nothing inline, and every page leads to it', async () => {
    const page = await fetch(`${server.url}/indikator`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<script src="/narahubung-indicators.js" defer></script>');
    expect(html).toContain('<nh-indicators>');
    // The strict CSP allows no inline script or style: the page has none.
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    expect((await fetch(`${server.url}/indikator/`)).status).toBe(200);
    for (const path of ['/', '/status', '/inbox']) expect(await (await fetch(`${server.url}${path}`)).text(), path).toContain('href="/indikator"');
    // The numbers it shows: the public indicators of the agencies offered.
    const indicators = await fetch(`${server.url}/v1/indicators`);
    expect(indicators.status).toBe(200);
    expect(((await indicators.json()) as { exact: boolean }).exact).toBe(false);
  });

  it('serves no file outside its folders', async () => {
    for (const path of ['/..%2F..%2Fpackage.json', '/%2e%2e/%2e%2e/package.json', '/pages/..%2F..%2F..%2Fpackage.json', '/.git/config', '/pages/%00.html']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
  });

  it('refuses a body over the limit without reading it', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(`${server.url}/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), 'content-length': String(60 * 1024 * 1024) },
      });
      outgoing.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        outgoing.destroy();
      });
      outgoing.on('error', reject);
      outgoing.write('{"kind":');
    });
    expect(status).toBe(413);
  });
});

describe('widget bundles', () => {
  it('serves narahubung-indicators.js (and its map) beside the other bundles, embeddable from any origin', async () => {
    const dist = tempFolder('narahubung-dist-');
    mkdirSync(dist.dir, { recursive: true });
    const bundles = { 'narahubung-widget.js': 'widget', 'narahubung-inbox.js': 'inbox', 'narahubung-indicators.js': 'indicators', 'narahubung-indicators.js.map': '{}' };
    for (const [name, body] of Object.entries(bundles)) writeFileSync(join(dist.dir, name), body);
    const server = await startTestServer({ widgetDist: dist.dir });
    try {
      for (const [name, body] of Object.entries(bundles)) {
        const response = await fetch(`${server.url}/${name}`);
        expect(response.status, name).toBe(200);
        expect(await response.text()).toBe(body);
        expect(response.headers.get('content-type')).toBe(name.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      }
      // Only the named bundles: nothing else in the folder is reachable.
      writeFileSync(join(dist.dir, 'narahubung-other.js'), 'other');
      expect((await fetch(`${server.url}/narahubung-other.js`)).status).toBe(404);
    } finally {
      await server.stop();
      dist.cleanup();
    }
  });
});

describe('CORS allow-list and rate limit', () => {
  it('answers allowed origins only and throttles one client', async () => {
    const server = await startTestServer({ allowedOrigins: ['https://dinas.example.id'], rateLimit: { submissions: 2, windowSeconds: 60 } });
    try {
      const allowed = await fetch(`${server.url}/v1/config`, { headers: { origin: 'https://dinas.example.id' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dinas.example.id');
      const refused = await fetch(`${server.url}/v1/config`, { headers: { origin: 'https://evil.example' } });
      expect(refused.headers.get('access-control-allow-origin')).toBe(null);
      const statuses = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await submit(server.url, submission())).status);
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await server.stop();
    }
  });
});

describe('log output', () => {
  it('carries no personal data, only methods, paths, ids, statuses and codes', async () => {
    const server = await startTestServer();
    const canaries = {
      name: 'Kanari Zqxw Reporter',
      email: 'kanari.zqxw@example.id',
      phone: '+6281299887766',
      idNumber: '1871019988776655',
      address: 'Jl. Kanari Zqxw No. 7',
      title: 'Judul kanari zqxw',
      description: 'Uraian kanari zqxw yang panjang: petugas meminta uang tambahan untuk mempercepat.',
      place: 'Loket kanari zqxw',
      note: 'Catatan kanari zqxw',
    };
    try {
      const body = submission({
        confidentiality: 'public',
        title: canaries.title,
        description: canaries.description,
        incident: { place: canaries.place },
        reporter: { name: canaries.name, email: canaries.email, phone: canaries.phone, idNumber: canaries.idNumber, address: canaries.address },
      });
      const { status, answer } = await submit(server.url, body);
      expect(status).toBe(201);
      await submit(server.url, { ...body, reporter: { name: canaries.name, email: 'not-an-email kanari.zqxw' } });
      await fetch(`${server.url}/v1/complaints/${answer.trackingId}?email=${encodeURIComponent(canaries.email)}`);
      await move(server, server.token(DISDUKCAPIL), answer.trackingId, 'verified', canaries.note);
      await fetch(`${server.url}/v1/inbox/${answer.trackingId}`, { headers: auth(server.token(DISDUKCAPIL)) });
      const open311 = await fetch(`${server.url}/open311/v2/requests.xml`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: server.token('fixmystreet-lampung'), service_code: 'undue_delay', description: canaries.description, address_string: canaries.place, first_name: canaries.name, email: canaries.email }).toString(),
      });
      expect(open311.status).toBe(201);
      const log = server.logs.join('\n');
      expect(log).toContain(answer.trackingId);
      expect(log).toMatch(/POST \/v1\/complaints 201 \d+\.\dms/);
      for (const [field, value] of Object.entries(canaries)) {
        expect(log.toLowerCase(), field).not.toContain(value.toLowerCase());
      }
      expect(log.toLowerCase()).not.toContain('zqxw');
      for (const issued of server.tokensPrinted) expect(log).not.toContain(issued.token);
    } finally {
      await server.stop();
    }
  });
});
