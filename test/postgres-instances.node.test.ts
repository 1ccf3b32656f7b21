/**
 * Two server processes (the built server) on one PostgreSQL database, as behind a load balancer:
 * idempotency, durability across a SIGKILL, transitions and the submission rate limit hold across
 * instances. Both run with TRUST_PROXY=1, as they would behind a proxy, so each test names its
 * clients in X-Forwarded-For.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '@narahubung/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, publicStatus, transition } from './e2e/api.js';
import { startPostgres } from './e2e/postgres.js';
import type { PostgresCluster } from './e2e/postgres.js';
import { requireBuild, SERVER_BUILD, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';
import { until } from './e2e/until.js';

const DISDUKCAPIL = 'Narahubung Disdukcapil Bandar Lampung';

function submission(title: string, index: number): string {
  return JSON.stringify({
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title,
    description: `Pengurusan KTP-el saya tertunda berminggu-minggu tanpa kabar (${index}).`,
    reporter: { name: 'Warga Contoh', email: `warga${index}@example.id` },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
  });
}

interface Posted {
  status: number;
  trackingId: string | null;
}

/** `POST /v1/complaints` from `client` (X-Forwarded-For); rejects when the connection fails. */
async function post(url: string, key: string, body: string, client: string): Promise<Posted> {
  const response = await fetch(`${url}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': client },
    body,
  });
  const answer = (await response.json()) as { trackingId?: string };
  return { status: response.status, trackingId: answer.trackingId ?? null };
}

describe('two server instances on one PostgreSQL database', () => {
  const folder = tempFolder('narahubung-e2e-postgres-');
  let cluster: PostgresCluster;
  let databaseUrl: string;
  let a: ServerProcess;
  let b: ServerProcess;
  /** One SQL answer from the database, as text. */
  const sql = (text: string) => cluster.psql(new URL(databaseUrl).pathname.slice(1), text).then((output) => output.trim());

  beforeAll(async () => {
    requireBuild([SERVER_BUILD]);
    cluster = await startPostgres();
    databaseUrl = await cluster.createDatabase('narahubung');
    // One SECRET for both: reporters' keys must be the same whichever instance answers.
    const env = { DATABASE_URL: databaseUrl, SECRET: randomBytes(48).toString('base64url'), RATE_LIMIT: '5/60', TRUST_PROXY: '1' };
    // A SQLite path that must stay unused: with DATABASE_URL, nothing is written there.
    const unused = join(folder.dir, 'unused.sqlite');
    a = await startServerProcess({ database: unused, env });
    // One after the other: the first migrates the schema and issues the tokens.
    b = await startServerProcess({ database: unused, env });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await cluster?.stop();
    folder.remove();
  });

  it('runs on the database, not on a SQLite file; tokens are printed once, by the first instance', async () => {
    expect(a.output.some((line) => line.includes('database:            PostgreSQL postgres://narahubung:***@127.0.0.1:'))).toBe(true);
    expect(a.output.join('\n')).not.toContain(new URL(databaseUrl).password);
    expect(a.tokens.size).toBeGreaterThan(0);
    expect(b.tokens.size).toBe(0);
    expect(await sql('SELECT max(version) FROM narahubung_schema')).toBe(String(SCHEMA_VERSION));
    expect(existsSync(join(folder.dir, 'unused.sqlite'))).toBe(false);
  });

  it('stores one complaint for 20 concurrent submissions with one key, split across both instances', async () => {
    const title = 'Dua instans satu kunci';
    const body = submission(title, 0);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => post(index % 2 === 0 ? a.url : b.url, 'e2e-one-key', body, `198.51.100.${index + 1}`)));
    expect(answers.filter((answer) => answer.status === 201).length).toBe(1);
    expect(answers.filter((answer) => answer.status === 200).length).toBe(19);
    expect(new Set(answers.map((answer) => answer.trackingId)).size).toBe(1);
    expect(await sql(`SELECT count(*) FROM complaints WHERE record::jsonb #>> '{submission,title}' = '${title}'`)).toBe('1');
    expect(await sql(`SELECT count(*) FROM idempotency_keys WHERE key = 'e2e-one-key'`)).toBe('1');
  });

  it('shows a transition made on one instance on the other, with the first instance\'s token', async () => {
    const created = await post(a.url, 'e2e-transition', submission('Transisi lintas instans', 1), '198.51.100.50');
    expect(created.status).toBe(201);
    const trackingId = created.trackingId!;
    const token = a.token(DISDUKCAPIL);
    // The token works on the instance that did not print it: credentials live in the database.
    expect((await inbox(b.url, token)).body.items.some((item) => item.trackingId === trackingId)).toBe(true);
    const moved = await transition(b.url, token, trackingId, 'verified', 'Berkas lengkap.');
    expect(moved.status).toBe(200);
    const seen = await publicStatus(a.url, trackingId);
    expect(seen.body.status).toBe('verified');
    expect(seen.body.history.map((entry) => entry.status)).toEqual(['received', 'verified']);
    expect(seen.body.history.at(-1)?.note).toBe('Berkas lengkap.');
  });

  it('holds the submission rate limit across instances: 5 of 10 alternating submissions from one client', async () => {
    const answers: number[] = [];
    for (let index = 0; index < 10; index++) {
      answers.push((await post(index % 2 === 0 ? a.url : b.url, `e2e-rate-${index}`, submission('Batas kiriman', 100 + index), '203.0.113.77')).status);
    }
    expect(answers).toEqual([201, 201, 201, 201, 201, 429, 429, 429, 429, 429]);
    // Another client is not held back by this one.
    expect((await post(b.url, 'e2e-rate-other', submission('Batas kiriman', 200), '203.0.113.78')).status).toBe(201);
  });

  it('loses nothing acknowledged when one instance is killed during a burst, and stores each key once', async () => {
    const title = 'Beban saat instans mati';
    const total = 240;
    const keys = Array.from({ length: total }, (_, index) => `e2e-burst-${index}`);
    const acknowledged = new Map<string, string>();
    const failed: number[] = [];
    let next = 0;
    let killed: Promise<void> | null = null;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const target = index % 2 === 0 ? a : b;
        try {
          const answer = await post(target.url, keys[index]!, submission(title, 1000 + index), `192.0.2.${index}`);
          if (answer.status === 201 || answer.status === 200) acknowledged.set(keys[index]!, answer.trackingId!);
          else failed.push(index);
        } catch {
          failed.push(index);
        }
        // Mid-burst, instance A dies without finishing anything.
        if (acknowledged.size === 60 && !killed) killed = a.kill();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await killed;
    expect(killed, 'the kill happened during the burst').not.toBe(null);
    expect(failed.length, 'some submissions to the killed instance failed').toBeGreaterThan(0);

    // Every acknowledged complaint is in the database, under its key.
    const stored = new Map(
      (await sql(`SELECT k.key || ' ' || k.tracking_id FROM idempotency_keys AS k JOIN complaints AS c USING (tracking_id) WHERE k.key LIKE 'e2e-burst-%'`))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [string, string]),
    );
    for (const [key, trackingId] of acknowledged) expect(stored.get(key), key).toBe(trackingId);

    // The citizens whose request failed send again, to the surviving instance: each key ends with
    // exactly one complaint, and one already stored before the kill keeps its tracking number.
    for (const index of failed) {
      const answer = await until(() => post(b.url, keys[index]!, submission(title, 1000 + index), `198.18.0.${index}`).then((posted) => (posted.status < 300 ? posted : null)), `retry ${index}`);
      if (stored.has(keys[index]!)) expect(answer.trackingId).toBe(stored.get(keys[index]!));
    }
    expect(await sql(`SELECT count(*) FROM complaints WHERE record::jsonb #>> '{submission,title}' = '${title}'`)).toBe(String(total));
    expect(await sql(`SELECT count(DISTINCT key) FROM idempotency_keys WHERE key LIKE 'e2e-burst-%'`)).toBe(String(total));
  });
});
