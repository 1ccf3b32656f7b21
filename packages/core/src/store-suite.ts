/**
 * The contract every Store must keep, as a test suite any implementation can run:
 *
 *   describeStoreContract('sqlite', async () => ({ store, reopen, cleanup }));
 *
 * It runs under Vitest in Node and under Mocha in Chromium (core's tests run in both).
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintRecord, SubmitAnswer } from './model.js';
import type { NewSubmission, Store } from './store.js';

export interface StoreUnderTest {
  store: Store;
  /** Close and open the same storage again, to prove durability; absent for memory stores. */
  reopen?: () => Promise<Store>;
  cleanup?: () => Promise<void>;
}

let serial = 0;

/** A complete, valid record for store tests. */
export function sampleRecord(overrides: Partial<ComplaintRecord> = {}): ComplaintRecord {
  serial += 1;
  const trackingId = overrides.trackingId ?? `NH-TEST-${String(serial).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`;
  const receivedAt = overrides.receivedAt ?? new Date(Date.UTC(2026, 10, 2, 3, 0, serial % 60)).toISOString();
  return {
    trackingId,
    submission: {
      kind: 'complaint',
      agencyId: 'disdukcapil-bandar-lampung',
      category: 'undue_delay',
      title: 'KTP-el tidak kunjung terbit',
      description: 'Saya mengajukan KTP-el pada 1 September dan belum terbit hingga kini.',
      reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '+6281234567890' },
      confidentiality: 'anonymous',
      consent: true,
      locale: 'id',
    },
    status: 'received',
    receivedAt,
    agencyId: 'disdukcapil-bandar-lampung',
    handlingAgencyId: 'disdukcapil-bandar-lampung',
    focalPointIds: ['fp-1'],
    history: [{ status: 'received', at: receivedAt, actor: 'system', note: '' }],
    attachments: [],
    version: 1,
    ...overrides,
  };
}

function answerFor(record: ComplaintRecord): SubmitAnswer {
  return {
    trackingId: record.trackingId,
    status: record.status,
    receivedAt: record.receivedAt,
    deadlines: { verifyBy: record.receivedAt, respondBy: record.receivedAt, resolveBy: null },
    focalPoint: null,
  };
}

/** A submission for `record` under `key`. */
export function sampleSubmission(key: string, record = sampleRecord(), fingerprint = `fp-${key}`): NewSubmission {
  return { idempotencyKey: key, fingerprint, record, attachments: [], answer: answerFor(record) };
}

/**
 * Sends `concurrency` insertions with one key at once, each with its own tracking id, and
 * returns how many the store says it inserted and how many complaints it then holds for them.
 */
export async function raceOneKey(store: Store, key: string, concurrency: number): Promise<{ inserted: number; stored: number; trackingIds: Set<string> }> {
  const submissions = Array.from({ length: concurrency }, () => sampleSubmission(key));
  const outcomes = await Promise.all(submissions.map((submission) => store.insertOnce(submission)));
  const found = await Promise.all(submissions.map((submission) => store.get(submission.record.trackingId)));
  return {
    inserted: outcomes.filter((outcome) => outcome.inserted).length,
    stored: found.filter((record) => record !== null).length,
    trackingIds: new Set(outcomes.map((outcome) => outcome.answer.trackingId)),
  };
}

/** Registers the Store contract tests for one implementation. */
export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    async function withStore(test: (subject: StoreUnderTest) => Promise<void>): Promise<void> {
      const subject = await open();
      try {
        await test(subject);
      } finally {
        await subject.store.close?.();
        await subject.cleanup?.();
      }
    }

    it('stores a complaint once and gives it back unchanged', () =>
      withStore(async ({ store }) => {
        const submission = sampleSubmission('key-a');
        const outcome = await store.insertOnce(submission);
        expect(outcome.inserted).to.equal(true);
        expect(outcome.answer).to.deep.equal(submission.answer);
        expect(await store.get(submission.record.trackingId)).to.deep.equal(submission.record);
        expect(await store.get('NH-0000-0000-0000-0')).to.equal(null);
      }));

    it('answers a replayed key with the first answer and stores nothing new', () =>
      withStore(async ({ store }) => {
        const first = sampleSubmission('key-b', sampleRecord(), 'same');
        const second = sampleSubmission('key-b', sampleRecord(), 'other');
        await store.insertOnce(first);
        const outcome = await store.insertOnce(second);
        expect(outcome.inserted).to.equal(false);
        if (!outcome.inserted) expect(outcome.fingerprint).to.equal('same');
        expect(outcome.answer.trackingId).to.equal(first.record.trackingId);
        expect(await store.get(second.record.trackingId)).to.equal(null);
        expect(await store.findByIdempotencyKey('key-b')).to.deep.equal({ fingerprint: 'same', answer: first.answer });
        expect(await store.findByIdempotencyKey('key-unknown')).to.equal(null);
      }));

    it('inserts exactly once when 50 requests with one key arrive together', () =>
      withStore(async ({ store }) => {
        const result = await raceOneKey(store, 'key-race', 50);
        expect(result.inserted).to.equal(1);
        expect(result.stored).to.equal(1);
        expect(result.trackingIds.size).to.equal(1);
        const listed = await store.list({ includeSecret: true });
        expect(listed.length).to.equal(1);
      }));

    it('keeps different keys apart under concurrency', () =>
      withStore(async ({ store }) => {
        const submissions = Array.from({ length: 40 }, (_, index) => sampleSubmission(`key-many-${index % 20}`));
        const outcomes = await Promise.all(submissions.map((submission) => store.insertOnce(submission)));
        expect(outcomes.filter((outcome) => outcome.inserted).length).to.equal(20);
        expect((await store.list({ includeSecret: true })).length).to.equal(20);
      }));

    it('updates only from the version that was read', () =>
      withStore(async ({ store }) => {
        const submission = sampleSubmission('key-c');
        await store.insertOnce(submission);
        const read = (await store.get(submission.record.trackingId))!;
        const at = new Date(Date.parse(read.receivedAt) + 60_000).toISOString();
        const next: ComplaintRecord = { ...read, status: 'verified', version: read.version + 1, history: [...read.history, { status: 'verified', at, actor: 'fp-1', note: 'Lengkap' }] };
        expect(await store.update(next)).to.equal(true);
        expect(await store.update(next)).to.equal(false);
        expect(await store.update({ ...read, status: 'rejected', version: read.version + 1 })).to.equal(false);
        expect(await store.get(read.trackingId)).to.deep.equal(next);
        expect(await store.update(sampleRecord({ version: 2 }))).to.equal(false);
      }));

    it('lists by agency, status and confidentiality, newest first', () =>
      withStore(async ({ store }) => {
        const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 1, minute)).toISOString();
        const a = sampleRecord({ receivedAt: at(1), agencyId: 'a', handlingAgencyId: 'a' });
        const b = sampleRecord({ receivedAt: at(2), agencyId: 'b', handlingAgencyId: 'inspektorat-b', status: 'escalated' });
        const secret = sampleRecord({ receivedAt: at(3), agencyId: 'a', handlingAgencyId: 'a' });
        secret.submission = { ...secret.submission, confidentiality: 'secret' };
        for (const [index, record] of [a, b, secret].entries()) await store.insertOnce(sampleSubmission(`key-list-${index}`, record));
        const ids = (records: ComplaintRecord[]) => records.map((record) => record.trackingId);
        expect(ids(await store.list({ includeSecret: true }))).to.deep.equal([secret.trackingId, b.trackingId, a.trackingId]);
        expect(ids(await store.list({ includeSecret: false }))).to.deep.equal([b.trackingId, a.trackingId]);
        expect(ids(await store.list({ includeSecret: true, agencyIds: ['a'] }))).to.deep.equal([secret.trackingId, a.trackingId]);
        expect(ids(await store.list({ includeSecret: true, agencyIds: ['inspektorat-b'] }))).to.deep.equal([b.trackingId]);
        expect(ids(await store.list({ includeSecret: true, statuses: ['escalated'] }))).to.deep.equal([b.trackingId]);
        expect(ids(await store.list({ includeSecret: true, limit: 1, offset: 1 }))).to.deep.equal([b.trackingId]);
      }));

    it('keeps attachment bytes exactly', () =>
      withStore(async ({ store }) => {
        const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10]);
        const record = sampleRecord({ attachments: [{ id: 'att-1', name: 'surat.pdf', type: 'application/pdf', size: bytes.length, sha256: 'x' }] });
        const submission = { ...sampleSubmission('key-d', record), attachments: [{ meta: record.attachments[0]!, bytes }] };
        await store.insertOnce(submission);
        const found = await store.getAttachment(record.trackingId, 'att-1');
        expect(found?.meta).to.deep.equal(record.attachments[0]);
        expect(Array.from(found?.bytes ?? [])).to.deep.equal(Array.from(bytes));
        expect(await store.getAttachment(record.trackingId, 'nope')).to.equal(null);
      }));

    it('keeps complaints, keys and attachments when reopened', async function () {
      const subject = await open();
      try {
        if (!subject.reopen) return; // memory stores keep nothing by design
        const submission = sampleSubmission('key-durable');
        await subject.store.insertOnce(submission);
        await subject.store.close?.();
        const again = await subject.reopen();
        subject.store = again;
        expect(await again.get(submission.record.trackingId)).to.deep.equal(submission.record);
        const replay = await again.insertOnce(sampleSubmission('key-durable'));
        expect(replay.inserted).to.equal(false);
        expect(replay.answer).to.deep.equal(submission.answer);
      } finally {
        await subject.store.close?.();
        await subject.cleanup?.();
      }
    });
  });
}
