import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaintMatches, compareComplaints, createMemoryRateCounter } from '@narahubung/core';
import { describeStoreContract, generateComplaints, sampleRecord, sampleSubmission, seeded } from '@narahubung/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../test/e2e/postgres.js';
import type { PostgresCluster } from '../../../test/e2e/postgres.js';
import { createPostgresRateCounter, openPostgresStore, SCHEMA_VERSION, StoreError } from './index.js';
import type { PostgresStore } from './index.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

describeStoreContract('postgres', async () => {
  const url = await cluster.createDatabase();
  return { store: await openPostgresStore(url), reopen: () => openPostgresStore(url), cleanup: () => cluster.dropDatabase(url) };
});

/** A new database and `count` stores on it, each with its own pool (as separate processes would have). */
async function withStores(count: number, test: (stores: PostgresStore[], url: string) => Promise<void>, options: Parameters<typeof openPostgresStore>[1] = {}): Promise<void> {
  const url = await cluster.createDatabase();
  const stores: PostgresStore[] = [];
  try {
    for (let index = 0; index < count; index++) stores.push(await openPostgresStore(url, options));
    await test(stores, url);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await cluster.dropDatabase(url);
  }
}

describe('PostgreSQL store', () => {
  it('inserts once per key when the requests come through two pools at once', () =>
    withStores(2, async ([a, b]) => {
      for (let round = 0; round < 5; round++) {
        const key = `key-two-pools-${round}`;
        const submissions = Array.from({ length: 20 }, () => sampleSubmission(key));
        const outcomes = await Promise.all(submissions.map((submission, index) => (index % 2 === 0 ? a! : b!).insertOnce(submission)));
        expect(outcomes.filter((outcome) => outcome.inserted).length).toBe(1);
        expect(new Set(outcomes.map((outcome) => outcome.answer.trackingId)).size).toBe(1);
        const stored = await Promise.all(submissions.map((submission) => b!.get(submission.record.trackingId)));
        expect(stored.filter((record) => record !== null).length).toBe(1);
      }
      expect((await a!.query({ sort: 'received', limit: 1 })).total).toBe(5);
    }));

  it('applies an update from one version only, whichever pool sends it', () =>
    withStores(2, async ([a, b]) => {
      const record = sampleRecord();
      await a!.insertOnce(sampleSubmission('key-versions', record));
      const results = await Promise.all(
        [a!, b!, a!, b!].map((store, index) => store.update({ ...record, status: index % 2 === 0 ? 'verified' : 'rejected', version: 2, history: [...record.history, { status: 'verified', at: record.receivedAt, actor: `fp-${index}`, note: '' }] })),
      );
      expect(results.filter(Boolean).length).toBe(1);
      expect((await b!.get(record.trackingId))?.version).toBe(2);
    }));

  it('lets two instances claim the outbox at once without taking the same notification', () =>
    withStores(2, async ([a, b]) => {
      const notifications = Array.from({ length: 40 }, (_, index) => ({ id: `n-${index}`, kind: 'test', to: 'warga@example.id', subject: 'Subjek', text: 'Isi', html: '<p>Isi</p>' }));
      await a!.enqueueNotifications(notifications);
      const now = '2031-01-01T00:00:00.000Z';
      const claims = await Promise.all([a!, b!, a!, b!].map((store) => store.claimNotifications({ now, limit: 15, leaseMs: 60_000 })));
      const ids = claims.flat().map((notification) => notification.id);
      expect(ids.length).toBe(40);
      expect(new Set(ids).size).toBe(40);
    }));

  it('migrates once when four stores open a new database at the same moment', async () => {
    const url = await cluster.createDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)));
    try {
      expect(stores.map((store) => store.migrationsApplied).sort()).toEqual([0, 0, 0, SCHEMA_VERSION]);
      const { rows } = await stores[0]!.pool.query<{ version: number }>('SELECT version FROM narahubung_schema ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
      // Every store works on the one schema.
      await stores[1]!.insertOnce(sampleSubmission('key-after-migration'));
      expect((await stores[3]!.findByIdempotencyKey('key-after-migration'))?.fingerprint).toBe('fp-key-after-migration');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await cluster.dropDatabase(url);
    }
  });

  it('refuses a database migrated by newer code, and leaves no connection open', async () => {
    const url = await cluster.createDatabase();
    try {
      const store = await openPostgresStore(url);
      await store.pool.query('INSERT INTO narahubung_schema (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
      await store.close();
      await expect(openPostgresStore(url)).rejects.toMatchObject({ code: 'schema_too_new' });
      const database = new URL(url).pathname.slice(1);
      expect(await cluster.psql('postgres', `SELECT count(*) FROM pg_stat_activity WHERE datname = '${database}'`)).toBe('0\n');
    } finally {
      await cluster.dropDatabase(url);
    }
  });

  it('sees a token rotated through another pool (the credentials version moves for everyone)', () =>
    withStores(2, async ([a, b]) => {
      const principal = { role: 'focal_point' as const, id: 'fp-1', name: 'Rina', agencyId: 'a' };
      await a!.syncCredentials({ insert: [{ principalId: 'fp-1', tokenHash: 'h1', principal, createdAt: '2026-11-01T00:00:00.000Z', rotatedAt: null }], updatePrincipals: [], remove: [] });
      const seen = await b!.credentialsVersion();
      expect(await a!.rotateCredential('fp-1', 'h2', '2026-11-02T00:00:00.000Z')).toBe(true);
      expect(await b!.credentialsVersion()).not.toBe(seen);
      expect((await b!.listCredentials())[0]?.tokenHash).toBe('h2');
      // Hashes only: the table has no column a token could be in.
      const { rows } = await b!.pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'credentials' ORDER BY ordinal_position");
      expect(rows.map((row) => row.column_name)).toEqual(['principal_id', 'token_hash', 'principal', 'created_at', 'rotated_at']);
    }));

  // PostgreSQL's text search parser reads "1e5e" as the number 1e5 and the word "e", and drops the
  // Ethiopic digit ፩; the store indexes core's own words, so search finds what core's reference finds.
  it('finds the same complaints as core, also for words the text search parser would split or drop', () =>
    withStores(1, async ([store]) => {
      const long = 'a'.repeat(2100);
      const titles = ['KTP-el ñandú', '中文汉字 ひらがな', 'kode 1e5e v2.3 x1y2 nomor ፩', `berkas ${long}`, 'Pungli di loket 12abc', 'surat_edaran 2026/11'];
      const records = titles.map((title, index) => sampleRecord({ trackingId: `NH-SEARCH-${index}`, submission: { ...sampleRecord().submission, title, description: 'Belum ditanggapi.' } }));
      for (const [index, record] of records.entries()) await store!.insertOnce(sampleSubmission(`key-search-${index}`, record));
      for (const text of ['nand', '中文', 'ひら', '1e5e', '፩', 'v2 3', 'x1', 'aaaa', long.slice(0, 60), '12ab', 'surat edaran', '2026 11', 'ktp el', 'belum']) {
        const expected = records.filter((record) => complaintMatches(record, { text })).sort(compareComplaints('received'));
        const page = await store!.query({ text, sort: 'received', limit: 50 });
        expect(page.items.map((record) => record.trackingId), text.slice(0, 20)).toEqual(expected.map((record) => record.trackingId));
        expect(expected.length, `"${text.slice(0, 20)}" finds something`).toBeGreaterThan(0);
      }
    }));

  it('refuses an oversized attachment and one whose size disagrees, storing nothing for them', () =>
    withStores(
      1,
      async ([store]) => {
        const record = sampleRecord({ attachments: [{ id: 'a1', name: 'x.pdf', type: 'application/pdf', size: 11, sha256: 'x' }] });
        await expect(store!.insertOnce({ ...sampleSubmission('key-big', record), attachments: [{ meta: record.attachments[0]!, bytes: new Uint8Array(11) }] })).rejects.toMatchObject({ code: 'attachment_too_large' });
        const lying = sampleRecord({ attachments: [{ id: 'a1', name: 'x.pdf', type: 'application/pdf', size: 3, sha256: 'x' }] });
        await expect(store!.insertOnce({ ...sampleSubmission('key-lie', lying), attachments: [{ meta: lying.attachments[0]!, bytes: new Uint8Array(4) }] })).rejects.toBeInstanceOf(StoreError);
        expect(await store!.findByIdempotencyKey('key-big')).toBe(null);
        expect(await store!.findByIdempotencyKey('key-lie')).toBe(null);
      },
      { maxAttachmentBytes: 10 },
    ));

  it('fails only the insert that breaks a constraint, also inside a batch; its key stays free', () =>
    withStores(1, async ([store]) => {
      const record = sampleRecord();
      // Sent together, the three go in one statement; the same tracking id under another key breaks
      // the primary key, and only that submission fails.
      const results = await Promise.allSettled([store!.insertOnce(sampleSubmission('key-one', record)), store!.insertOnce(sampleSubmission('key-two', { ...record })), store!.insertOnce(sampleSubmission('key-three'))]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store!.findByIdempotencyKey('key-two')).toBe(null);
      expect((await store!.query({ sort: 'received', limit: 1 })).total).toBe(2);
    }));

  it('keeps the counts table exact through concurrent inserts and changes from two pools, as the complaints themselves count', () =>
    withStores(2, async ([a, b], url) => {
      const records = generateComplaints(seeded(515), 160);
      // Two pools insert at once, in batches that share counter rows: no deadlock, nothing lost.
      await Promise.all(records.map((record, index) => (index % 2 === 0 ? a! : b!).insertOnce(sampleSubmission(`key-counts-${index}`, record))));
      // Status changes, escalations there and back, and changes that move no count, also at once.
      const changes = records.slice(0, 80).map((record, index) => ({
        ...record,
        version: record.version + 1,
        status: index % 3 === 0 ? ('closed' as const) : record.status,
        handlingAgencyId: index % 4 === 0 ? `inspektorat-${record.agencyId}` : index % 5 === 0 ? record.agencyId : record.handlingAgencyId,
      }));
      expect(await Promise.all(changes.map((next, index) => (index % 2 === 0 ? b! : a!).update(next)))).toEqual(changes.map(() => true));
      const database = new URL(url).pathname.slice(1);
      const kept = await cluster.psql(database, 'SELECT agency_id, handled_elsewhere, status, kind, category, confidentiality, n FROM complaint_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6');
      const counted = await cluster.psql(
        database,
        "SELECT agency_id, COALESCE(handled_elsewhere, ''), status, kind, category, confidentiality, count(*) FROM complaints GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
      );
      expect(kept).toBe(counted);
      expect(kept.split('\n').length).toBeGreaterThan(20);
      // The counts a focal point's inbox shows come from that table, and agree with the records.
      const inbox = await a!.countByStatus({ agencyIds: ['agency-a'], categories: ['undue_delay', 'other'] });
      const expected = Object.fromEntries(Object.keys(inbox).map((status) => [status, 0]));
      for (const record of records.map((original) => changes.find((next) => next.trackingId === original.trackingId) ?? original)) {
        if ((record.agencyId === 'agency-a' || record.handlingAgencyId === 'agency-a') && ['undue_delay', 'other'].includes(record.submission.category)) expected[record.status]! += 1;
      }
      expect(inbox).toEqual(expected);
    }));

  it('commits many concurrent submissions in few statements, each stored once', () =>
    withStores(1, async ([store]) => {
      const submissions = Array.from({ length: 300 }, (_, index) => sampleSubmission(`key-group-${index % 150}`));
      const outcomes = await Promise.all(submissions.map((submission) => store!.insertOnce(submission)));
      expect(outcomes.filter((outcome) => outcome.inserted).length).toBe(150);
      expect((await store!.query({ sort: 'received', limit: 1 })).total).toBe(150);
      expect(store!.commitStats().commits).toBeLessThan(30);
    }));

  it('answers a key sent twice in one batch with the first submission', () =>
    withStores(1, async ([store]) => {
      const first = sampleSubmission('key-twice', sampleRecord(), 'fp-first');
      const second = sampleSubmission('key-twice', sampleRecord(), 'fp-second');
      const [a, b] = await Promise.all([store!.insertOnce(first), store!.insertOnce(second)]);
      expect(a).toEqual({ inserted: true, answer: first.answer });
      expect(b).toEqual({ inserted: false, fingerprint: 'fp-first', answer: first.answer });
      expect(await store!.get(second.record.trackingId)).toBe(null);
      expect(store!.commitStats()).toEqual({ commits: 1, writes: 1 });
      // When the first fails, the repeat is tried on its own.
      const broken = sampleSubmission('key-twice-2', sampleRecord({ trackingId: first.record.trackingId }));
      const next = sampleSubmission('key-twice-2');
      const [c, d] = await Promise.allSettled([store!.insertOnce(broken), store!.insertOnce(next)]);
      expect(c.status).toBe('rejected');
      expect(d).toEqual({ status: 'fulfilled', value: { inserted: true, answer: next.answer } });
    }));

  it('commits the submissions already queued when closed, then refuses work', () =>
    withStores(1, async ([store], url) => {
      const queued = Array.from({ length: 30 }, (_, index) => sampleSubmission(`key-queued-${index}`));
      const outcomes = Promise.all(queued.map((submission) => store!.insertOnce(submission)));
      await store!.close();
      expect((await outcomes).every((outcome) => outcome.inserted)).toBe(true);
      const again = await openPostgresStore(url);
      try {
        expect((await again.query({ sort: 'received', limit: 1 })).total).toBe(30);
      } finally {
        await again.close();
      }
      await expect(store!.get('NH-X')).rejects.toMatchObject({ code: 'closed' });
      await expect(store!.insertOnce(sampleSubmission('key-closed'))).rejects.toMatchObject({ code: 'closed' });
    }));
});

describe('PostgreSQL store with attachments in a directory', () => {
  it('keeps the bytes in files, the metadata in the database, and no files for a replay', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'narahubung-attachments-'));
    try {
      await withStores(
        2,
        async ([a, b], url) => {
          const bytes = new Uint8Array(300_000).map((_, index) => (index * 7) % 256);
          const record = sampleRecord({ attachments: [{ id: 'a1', name: 'foto.png', type: 'image/png', size: bytes.length, sha256: 'x' }] });
          const submission = { ...sampleSubmission('key-files', record), attachments: [{ meta: record.attachments[0]!, bytes }] };
          expect((await a!.insertOnce(submission)).inserted).toBe(true);
          // The other instance reads it from the shared directory.
          const found = await b!.getAttachment(record.trackingId, 'a1');
          expect(found?.meta).toEqual(record.attachments[0]);
          expect(Buffer.from(found!.bytes).equals(Buffer.from(bytes))).toBe(true);
          const { rows } = await a!.pool.query<{ bytes: Buffer | null; file: string }>('SELECT bytes, file FROM attachments');
          expect(rows).toEqual([{ bytes: null, file: expect.stringMatching(new RegExp(`^${record.trackingId}/a1\\.[0-9a-f]+$`)) }]);
          expect(readFileSync(join(folder, rows[0]!.file)).equals(Buffer.from(bytes))).toBe(true);

          // A replay under the same key with its own tracking id leaves no folder behind.
          const replayRecord = { ...record, trackingId: `${record.trackingId}-R` };
          expect((await b!.insertOnce({ ...submission, record: replayRecord })).inserted).toBe(false);
          expect(readdirSync(folder)).toEqual([record.trackingId]);
          expect(readdirSync(join(folder, record.trackingId))).toEqual([rows[0]!.file.split('/')[1]]);

          // A change with a file that loses its race to another leaves no file; the winner's stays.
          const reply = (id: string) => ({ meta: { id, name: 'balasan.png', type: 'image/png' as const, size: 3, sha256: 'x' }, bytes: new Uint8Array([1, 2, 3]) });
          const moved = (id: string) => ({ ...record, version: 2, attachments: [...record.attachments, reply(id).meta] });
          const results = await Promise.all([a!.update(moved('a2'), { attachments: [reply('a2')] }), b!.update(moved('a2'), { attachments: [reply('a2')] })]);
          expect(results.filter(Boolean).length).toBe(1);
          expect(readdirSync(join(folder, record.trackingId)).length).toBe(2);
          expect(Array.from((await a!.getAttachment(record.trackingId, 'a2'))!.bytes)).toEqual([1, 2, 3]);

          // A store opened without the directory says where the bytes are instead of inventing them.
          const without = await openPostgresStore(url);
          try {
            await expect(without.getAttachment(record.trackingId, 'a1')).rejects.toMatchObject({ code: 'attachment_missing' });
          } finally {
            await without.close();
          }
        },
        { attachmentsDir: folder },
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(existsSync(folder)).toBe(false);
  });
});

describe('PostgreSQL rate counter', () => {
  it('counts one client across two pools as one, with the windows of the memory counter', () =>
    withStores(2, async ([a, b]) => {
      const counters = [createPostgresRateCounter(a!.pool), createPostgresRateCounter(b!.pool)];
      const reference = createMemoryRateCounter();
      const start = Date.UTC(2026, 10, 4, 2, 0, 0);
      // Hits 10 seconds apart, alternating between instances, over three 60-second windows.
      for (let hit = 0; hit < 20; hit++) {
        const at = start + hit * 10_000 + (hit === 6 ? 1 : 0);
        const shared = await counters[hit % 2]!.hit('203.0.113.7', at, 60);
        expect(shared, `hit ${hit}`).toEqual(await reference.hit('203.0.113.7', at, 60));
      }
      expect((await counters[0]!.hit('198.51.100.1', start, 60)).count).toBe(1);
    }));

  it('counts concurrent hits from two pools atomically', () =>
    withStores(2, async ([a, b]) => {
      const counters = [createPostgresRateCounter(a!.pool), createPostgresRateCounter(b!.pool)];
      const at = Date.UTC(2026, 10, 4, 3, 0, 0);
      const results = await Promise.all(Array.from({ length: 60 }, (_, index) => counters[index % 2]!.hit('192.0.2.9', at + index, 600)));
      expect(results.map((result) => result.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
      expect(new Set(results.map((result) => result.windowStart)).size).toBe(1);
    }));
});
