import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract, generateComplaints, sampleRecord, sampleSubmission, seeded } from '@narahubung/core/testing';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from './database.js';
import { openSqliteStore, StoreError } from './sqlite-store.js';

function tempDatabase(): { path: string; cleanup: () => Promise<void> } {
  const folder = mkdtempSync(join(tmpdir(), 'narahubung-store-'));
  return { path: join(folder, 'narahubung.sqlite'), cleanup: async () => rmSync(folder, { recursive: true, force: true }) };
}

describeStoreContract('sqlite', async () => {
  const { path, cleanup } = tempDatabase();
  return { store: openSqliteStore(path), reopen: async () => openSqliteStore(path), cleanup };
});

describe('SQLite store', () => {
  it('uses WAL with synchronous=FULL and the current schema', async () => {
    const { path, cleanup } = tempDatabase();
    const store = openSqliteStore(path);
    try {
      expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL
      expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('keeps complaints, their updates, keys and attachments in the file across reopening', async () => {
    const { path, cleanup } = tempDatabase();
    let store = openSqliteStore(path);
    try {
      const bytes = new Uint8Array(4096).map((_, index) => index % 251);
      const record = sampleRecord({ attachments: [{ id: 'a1', name: 'foto.png', type: 'image/png', size: bytes.length, sha256: 'x' }] });
      await store.insertOnce({ ...sampleSubmission('key-reopen', record), attachments: [{ meta: record.attachments[0]!, bytes }] });
      const moved: typeof record = { ...record, status: 'verified', version: 2 };
      expect(await store.update(moved)).toBe(true);
      await store.close();

      store = openSqliteStore(path);
      expect(await store.get(record.trackingId)).toEqual(moved);
      expect((await store.findByIdempotencyKey('key-reopen'))?.answer.trackingId).toBe(record.trackingId);
      expect(Array.from((await store.getAttachment(record.trackingId, 'a1'))!.bytes)).toEqual(Array.from(bytes));
      // A new process sees it too: a second connection reads what the first committed.
      const other = openDatabase(path);
      expect(other.prepare('SELECT count(*) AS n FROM complaints').get()).toEqual({ n: 1 });
      other.close();
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('keeps the counts table exact through inserts and every kind of change, as the complaints themselves count', async () => {
    const { path, cleanup } = tempDatabase();
    const store = openSqliteStore(path);
    try {
      const random = seeded(515);
      const records = generateComplaints(random, 120);
      await Promise.all(records.map((record, index) => store.insertOnce(sampleSubmission(`key-counts-${index}`, record))));
      // Status changes, escalations there and back, a change that keeps every counted column.
      const changes = records.slice(0, 60).map((record, index) => ({
        ...record,
        version: record.version + 1,
        status: index % 3 === 0 ? ('closed' as const) : record.status,
        handlingAgencyId: index % 4 === 0 ? `inspektorat-${record.agencyId}` : index % 5 === 0 ? record.agencyId : record.handlingAgencyId,
      }));
      for (const next of changes) expect(await store.update(next)).toBe(true);
      const kept = store.database.prepare('SELECT agency_id, handled_elsewhere, status, kind, category, confidentiality, n FROM complaint_counts WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6').all();
      const counted = store.database
        .prepare(
          `SELECT agency_id, CASE WHEN handling_agency_id <> agency_id THEN handling_agency_id ELSE '' END AS handled_elsewhere, status, kind, category, confidentiality, count(*) AS n
           FROM complaints GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
        )
        .all();
      expect(kept).toEqual(counted);
      expect(kept.length).toBeGreaterThan(20);
      // The counts a focal point's inbox shows come from that table, and agree with the records.
      const inbox = await store.countByStatus({ agencyIds: ['agency-a'], categories: ['undue_delay', 'other'] });
      const expected = Object.fromEntries(Object.keys(inbox).map((status) => [status, 0]));
      for (const record of records.map((original) => changes.find((next) => next.trackingId === original.trackingId) ?? original)) {
        if ((record.agencyId === 'agency-a' || record.handlingAgencyId === 'agency-a') && ['undue_delay', 'other'].includes(record.submission.category)) expected[record.status]! += 1;
      }
      expect(inbox).toEqual(expected);
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('commits many concurrent submissions in few transactions, each stored once', async () => {
    const { path, cleanup } = tempDatabase();
    const store = openSqliteStore(path);
    try {
      const submissions = Array.from({ length: 300 }, (_, index) => sampleSubmission(`key-group-${index % 150}`));
      const outcomes = await Promise.all(submissions.map((submission) => store.insertOnce(submission)));
      expect(outcomes.filter((outcome) => outcome.inserted).length).toBe(150);
      expect((await store.query({ sort: 'received', limit: 1 })).total).toBe(150);
      expect(store.commitStats().commits).toBeLessThan(10);
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('refuses an oversized attachment and one whose size disagrees, without touching the others', async () => {
    const { path, cleanup } = tempDatabase();
    const store = openSqliteStore(path, { maxAttachmentBytes: 10 });
    try {
      const big = new Uint8Array(11);
      const record = sampleRecord({ attachments: [{ id: 'a1', name: 'x.pdf', type: 'application/pdf', size: 11, sha256: 'x' }] });
      const ok = sampleSubmission('key-fine');
      const [refused, stored] = await Promise.allSettled([
        store.insertOnce({ ...sampleSubmission('key-big', record), attachments: [{ meta: record.attachments[0]!, bytes: big }] }),
        store.insertOnce(ok),
      ]);
      expect(refused.status).toBe('rejected');
      expect(refused.status === 'rejected' && refused.reason instanceof StoreError && refused.reason.code).toBe('attachment_too_large');
      expect(stored.status).toBe('fulfilled');
      const lying = sampleRecord({ attachments: [{ id: 'a1', name: 'x.pdf', type: 'application/pdf', size: 3, sha256: 'x' }] });
      await expect(store.insertOnce({ ...sampleSubmission('key-lie', lying), attachments: [{ meta: lying.attachments[0]!, bytes: new Uint8Array(4) }] })).rejects.toMatchObject({ code: 'attachment_size_mismatch' });
      expect(await store.findByIdempotencyKey('key-big')).toBe(null);
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('rejects only the write that fails inside a shared transaction', async () => {
    const { path, cleanup } = tempDatabase();
    const store = openSqliteStore(path);
    try {
      const record = sampleRecord();
      const first = sampleSubmission('key-one', record);
      // Same tracking id under another key: the primary key refuses it, its neighbours commit.
      const clash = sampleSubmission('key-two', { ...record });
      const third = sampleSubmission('key-three');
      const results = await Promise.allSettled([store.insertOnce(first), store.insertOnce(clash), store.insertOnce(third)]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.findByIdempotencyKey('key-two')).toBe(null);
      expect((await store.query({ sort: 'received', limit: 1 })).total).toBe(2);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
