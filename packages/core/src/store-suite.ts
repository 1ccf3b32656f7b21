/**
 * The contract every Store must keep, as a test suite any implementation can run under Vitest
 * (`@narahubung/core/testing`):
 *
 *   import { describeStoreContract } from '@narahubung/core/testing';
 *   describeStoreContract('postgres', async () => ({ store, reopen, cleanup }));
 *
 * It runs under Vitest in Node and under Mocha in Chromium (core's tests run in both). Queries are
 * checked against the reference meaning of filters and orders in `store-query.ts`, on generated
 * complaints, page by page.
 */
import { describe, expect, it } from 'vitest';
import type { Category, ComplaintRecord, Confidentiality, Kind, Status } from './model.js';
import { CATEGORIES, KINDS, STATUSES } from './model.js';
import type { ComplaintFilter, ComplaintQuery, CredentialStore, NewNotification, NewSubmission, Store, StoredAnswer } from './store.js';
import { COMPLAINT_SORTS } from './store.js';
import { compareComplaints, compareUpdates, complaintMatches, emptyStatusCounts, isPublicChange } from './store-query.js';
import { createWorkCalendar } from './calendar.js';
import { computeDeadlines, currentDeadline } from './deadlines.js';
import type { IndicatorName, IndicatorSums } from './indicators.js';
import { aggregateFacts, computeIndicators, INDICATOR_NAMES, indicatorFactsOf, indicatorOutcome, indicatorsFromAggregates, periodBounds } from './indicators.js';
import { applyReporterAction, applyTransition } from './lifecycle.js';
import { defaultPolicy } from './policy.js';

export interface StoreUnderTest {
  store: Store & Partial<CredentialStore>;
  /** Close and open the same storage again, to prove durability; absent for memory stores. */
  reopen?: () => Promise<Store & Partial<CredentialStore>>;
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

function answerFor(record: ComplaintRecord): StoredAnswer {
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
        const listed = await store.query({ sort: '-received', limit: 100 });
        expect(listed.items.length).to.equal(1);
        expect(listed.total).to.equal(1);
      }));

    it('keeps different keys apart under concurrency', () =>
      withStore(async ({ store }) => {
        const submissions = Array.from({ length: 40 }, (_, index) => sampleSubmission(`key-many-${index % 20}`));
        const outcomes = await Promise.all(submissions.map((submission) => store.insertOnce(submission)));
        expect(outcomes.filter((outcome) => outcome.inserted).length).to.equal(20);
        expect((await store.query({ sort: 'received', limit: 100 })).total).to.equal(20);
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

    it('lists by agency (reported or handling), status and confidentiality, newest first', () =>
      withStore(async ({ store }) => {
        const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 1, minute)).toISOString();
        const a = sampleRecord({ receivedAt: at(1), agencyId: 'a', handlingAgencyId: 'a' });
        const b = sampleRecord({ receivedAt: at(2), agencyId: 'b', handlingAgencyId: 'inspektorat-b', status: 'escalated' });
        const secret = sampleRecord({ receivedAt: at(3), agencyId: 'a', handlingAgencyId: 'a' });
        secret.submission = { ...secret.submission, confidentiality: 'secret' };
        for (const [index, record] of [a, b, secret].entries()) await store.insertOnce(sampleSubmission(`key-list-${index}`, record));
        const ids = async (query: Partial<ComplaintQuery>) => (await store.query({ sort: '-received', limit: 100, ...query })).items.map((record) => record.trackingId);
        expect(await ids({})).to.deep.equal([secret.trackingId, b.trackingId, a.trackingId]);
        expect(await ids({ confidentialities: ['public', 'anonymous'] })).to.deep.equal([b.trackingId, a.trackingId]);
        expect(await ids({ agencyIds: ['a'] })).to.deep.equal([secret.trackingId, a.trackingId]);
        expect(await ids({ agencyIds: ['inspektorat-b'] })).to.deep.equal([b.trackingId]);
        expect(await ids({ agencyIds: ['b'] })).to.deep.equal([b.trackingId]);
        expect(await ids({ statuses: ['escalated'] })).to.deep.equal([b.trackingId]);
        expect(await ids({ sort: 'received', limit: 1 })).to.deep.equal([a.trackingId]);
      }));

    it('answers every generated query as the reference does, page by page, with exact totals and counts', () =>
      withStore(async ({ store }) => {
        const random = seeded(20261204);
        const records = generateComplaints(random, 140);
        await insertAll(store, records, 'gen');
        for (let round = 0; round < 70; round++) {
          const query = generateQuery(random);
          const expected = records.filter((record) => complaintMatches(record, query)).sort(compareComplaints(query.sort));
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await store.query({ ...query, ...(cursor ? { cursor } : {}) });
            expect(page.items.length, `round ${round}: a page is never longer than asked`).to.be.at.most(query.limit);
            expect(page.total, `round ${round}: total of ${JSON.stringify(query)}`).to.equal(expected.length);
            seen.push(...page.items.map((record) => record.trackingId));
            cursor = page.nextCursor ?? undefined;
            if (cursor === undefined) expect(seen.length, `round ${round}: the last page ends the list`).to.equal(expected.length);
            pages += 1;
          } while (cursor !== undefined && pages < 200);
          expect(seen, `round ${round}: ${JSON.stringify(query)}`).to.deep.equal(expected.map((record) => record.trackingId));
          const { sort: _sort, limit: _limit, ...filter } = query;
          const counts = emptyStatusCounts();
          for (const record of records) if (complaintMatches(record, filter)) counts[record.status] += 1;
          expect(await store.countByStatus(filter), `round ${round}: counts of ${JSON.stringify(filter)}`).to.deep.equal(counts);
        }
      }));

    it('gives back whole records from a query, the same as get()', () =>
      withStore(async ({ store }) => {
        const records = generateComplaints(seeded(7), 12);
        await insertAll(store, records, 'whole');
        const page = await store.query({ sort: 'received', limit: 50 });
        for (const record of page.items) expect(record).to.deep.equal(await store.get(record.trackingId));
        expect(page.items.length).to.equal(12);
      }));

    it('pages neither skip nor repeat a complaint while others arrive between pages, in every order', () =>
      withStore(async ({ store }) => {
        const random = seeded(99);
        const records = generateComplaints(random, 45);
        await insertAll(store, records, 'arrive');
        let arrivals = 0;
        for (const sort of COMPLAINT_SORTS) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await store.query({ sort, limit: 7, ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((record) => record.trackingId));
            cursor = page.nextCursor ?? undefined;
            // New complaints arrive between pages, before and after the cursor.
            await insertAll(store, generateComplaints(random, 3), `arrive-${sort}-${(arrivals += 1)}`);
          } while (cursor !== undefined);
          for (const record of records) expect(seen.filter((id) => id === record.trackingId).length, `${sort}: ${record.trackingId}`).to.equal(1);
          expect(new Set(seen).size, `${sort}: no repeats`).to.equal(seen.length);
        }
      }));

    it('refuses a cursor it did not give, or one of another order', () =>
      withStore(async ({ store }) => {
        await insertAll(store, generateComplaints(seeded(3), 5), 'cursor');
        const first = await store.query({ sort: 'deadline', limit: 2 });
        expect(first.nextCursor).to.be.a('string');
        for (const cursor of ['nonsense', 'eyJ4Ijox', first.nextCursor!.slice(0, -2)]) {
          await expectCursorError(() => store.query({ sort: 'deadline', limit: 2, cursor }));
        }
        await expectCursorError(() => store.query({ sort: 'received', limit: 2, cursor: first.nextCursor! }));
      }));

    it('keeps what queries read current when a complaint changes (status, deadline, assignee, handling agency)', () =>
      withStore(async ({ store }) => {
        const record = sampleRecord({ dueAt: '2026-11-05T16:59:59.999Z', agencyId: 'a', handlingAgencyId: 'a' });
        await store.insertOnce(sampleSubmission('key-current', record));
        const next: ComplaintRecord = {
          ...record,
          status: 'escalated',
          handlingAgencyId: 'inspektorat-a',
          dueAt: '2027-01-10T16:59:59.999Z',
          assigneeId: 'officer-7',
          version: 2,
          history: [...record.history, { status: 'escalated', at: '2026-11-04T01:00:00.000Z', actor: 'fp-a', note: 'Ke inspektorat' }],
        };
        expect(await store.update(next)).to.equal(true);
        const total = async (filter: ComplaintFilter) => (await store.query({ ...filter, sort: 'deadline', limit: 10 })).total;
        expect(await total({ statuses: ['escalated'] })).to.equal(1);
        expect(await total({ statuses: ['received'] })).to.equal(0);
        expect(await total({ agencyIds: ['inspektorat-a'] })).to.equal(1);
        expect(await total({ assigneeId: 'officer-7' })).to.equal(1);
        expect(await total({ assigneeId: null })).to.equal(0);
        expect(await total({ overdueAt: '2026-12-01T00:00:00.000Z' })).to.equal(0);
        expect(await total({ overdueAt: '2027-02-01T00:00:00.000Z' })).to.equal(1);
        expect((await store.countByStatus({ agencyIds: ['a'] })).escalated).to.equal(1);
      }));

    it('lists public changes in a time window, oldest first, page by page, without secret complaints or assignments', () =>
      withStore(async ({ store }) => {
        const records = generateComplaints(seeded(31), 60);
        await insertAll(store, records, 'updates');
        const from = '2026-03-01T00:00:00.000Z';
        const before = '2026-09-01T00:00:00.000Z';
        const confidentialities: Confidentiality[] = ['public', 'anonymous'];
        const expected = records
          .filter((record) => confidentialities.includes(record.submission.confidentiality))
          .flatMap((record) => record.history.map((entry, index) => ({ trackingId: record.trackingId, index, entry })))
          .filter((update) => isPublicChange(update.entry) && update.entry.at >= from && update.entry.at < before)
          .sort(compareUpdates);
        expect(expected.length).to.be.greaterThan(20);
        const seen: typeof expected = [];
        let cursor: string | undefined;
        do {
          const page = await store.updates({ from, before, confidentialities, limit: 9, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).to.be.at.most(9);
          seen.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        expect(seen).to.deep.equal(expected);
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

    it("keeps an Open311 complaint's location and client details as given", () =>
      withStore(async ({ store }) => {
        const base = sampleRecord();
        const record = sampleRecord({
          submission: { ...base.submission, incident: { place: 'Kantor Kecamatan Kedaton', location: { lat: -5.3719, long: 105.2483 } } },
          open311: { clientSystemId: 'fixmystreet-lampung', jurisdictionId: 'bandarlampungkota.go.id', addressId: 'P-42', deviceId: 'android-3f2a', accountId: 'fms-1', mediaUrls: ['https://a.example/1.jpg', 'https://a.example/2.jpg'] },
        });
        await store.insertOnce(sampleSubmission('key-open311', record));
        expect(await store.get(record.trackingId)).to.deep.equal(record);
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

    it('stores an idempotent change once: a retry with its key changes nothing and finds the first answer', () =>
      withStore(async ({ store }) => {
        const record = sampleRecord();
        await store.insertOnce(sampleSubmission('key-action-base', record));
        const at = new Date(Date.parse(record.receivedAt) + 60_000).toISOString();
        const moved = (version: number, note: string): ComplaintRecord => ({
          ...record,
          status: 'rejected',
          version,
          history: [...record.history, { status: 'rejected', at, actor: 'reporter', note, reason: 'withdrawn' }],
        });
        // Two retries of one request race from the same version: one change, one answer.
        const effects = { idempotency: { key: 'reporter:withdraw-1', fingerprint: 'f1', answer: { withdrawn: true } } };
        const results = await Promise.all([store.update(moved(2, 'a'), effects), store.update(moved(2, 'b'), effects)]);
        expect(results.filter(Boolean).length).to.equal(1);
        expect(await store.findActionByKey('reporter:withdraw-1')).to.deep.equal({ fingerprint: 'f1', answer: { withdrawn: true } });
        const stored = await store.get(record.trackingId);
        expect(stored?.version).to.equal(2);
        // A later change with a key already used is refused even from the right version.
        expect(await store.update(moved(3, 'c'), effects)).to.equal(false);
        expect((await store.get(record.trackingId))?.version).to.equal(2);
        expect(await store.findActionByKey('reporter:unknown')).to.equal(null);
      }));

    it('keeps the attachments a change brings, and writes nothing of a change that lost its race', () =>
      withStore(async ({ store }) => {
        const record = sampleRecord();
        await store.insertOnce(sampleSubmission('key-change-files', record));
        const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
        const meta = { id: 'a2', name: 'balasan.png', type: 'image/png' as const, size: bytes.length, sha256: 'x' };
        const next = { ...record, version: 2, attachments: [meta] };
        expect(await store.update(next, { attachments: [{ meta, bytes }], notifications: [note('won', record.trackingId)] })).to.equal(true);
        const lost = { ...record, version: 2, attachments: [{ ...meta, id: 'a3' }] };
        expect(await store.update(lost, { attachments: [{ meta: { ...meta, id: 'a3' }, bytes }], notifications: [note('lost', record.trackingId)] })).to.equal(false);
        expect(Array.from((await store.getAttachment(record.trackingId, 'a2'))?.bytes ?? [])).to.deep.equal(Array.from(bytes));
        expect(await store.getAttachment(record.trackingId, 'a3')).to.equal(null);
        const claimed = await store.claimNotifications({ now: '2030-01-01T00:00:00.000Z', limit: 10, leaseMs: 60_000 });
        expect(claimed.map((notification) => notification.id)).to.deep.equal(['won']);
      }));

    it('keeps an outbox: written with the change, claimed once under a lease, retried later, done when sent', () =>
      withStore(async ({ store }) => {
        const record = sampleRecord();
        await store.insertOnce({ ...sampleSubmission('key-outbox', record), notifications: [note('receipt', record.trackingId), note('alert', record.trackingId)] });
        // The same id again is ignored: enqueueing is idempotent.
        await store.enqueueNotifications([note('receipt', record.trackingId), note('digest-1')]);
        const now = '2030-01-01T00:00:00.000Z';
        const first = await store.claimNotifications({ now, limit: 2, leaseMs: 60_000 });
        expect(first.length).to.equal(2);
        expect(first[0]).to.include({ to: 'warga@example.id', subject: 'Subjek', attempts: 0, lastError: null });
        const second = await store.claimNotifications({ now, limit: 10, leaseMs: 60_000 });
        expect(second.map((notification) => notification.id), 'leased ones are not claimed again').to.have.length(1);
        const all = [...first, ...second].map((notification) => notification.id).sort();
        expect(all).to.deep.equal(['alert', 'digest-1', 'receipt']);
        await store.settleNotification(first[0]!.id, { sent: true, at: now });
        await store.settleNotification(first[1]!.id, { sent: false, retryAt: '2030-01-01T00:10:00.000Z', error: '451 try later' });
        // The lease of the third runs out: it is due again, the failed one only at its retry time.
        const later = await store.claimNotifications({ now: '2030-01-01T00:05:00.000Z', limit: 10, leaseMs: 60_000 });
        expect(later.map((notification) => notification.id)).to.deep.equal([second[0]!.id]);
        await store.settleNotification(second[0]!.id, { sent: true, at: '2030-01-01T00:05:01.000Z' });
        const retried = await store.claimNotifications({ now: '2030-01-01T00:10:00.000Z', limit: 10, leaseMs: 60_000 });
        expect(retried.map((notification) => notification.id)).to.deep.equal([first[1]!.id]);
        expect(retried[0]).to.include({ attempts: 1, lastError: '451 try later' });
        await store.settleNotification(first[1]!.id, { sent: true, at: '2030-01-01T00:10:01.000Z' });
        expect(await store.claimNotifications({ now: '2031-01-01T00:00:00.000Z', limit: 10, leaseMs: 60_000 })).to.deep.equal([]);
      }));

    it('aggregates the indicators of a period as core\'s reference does, at any present, without secret complaints', () =>
      withStore(async ({ store }) => {
        const random = seeded(4242);
        const records = generateHandledComplaints(random, 160);
        await insertAll(store, records, 'facts');
        const all = (record: ComplaintRecord) => ({ agencyId: record.agencyId, category: record.submission.category, status: record.status, dueAt: record.dueAt, facts: record.facts! });
        for (const [from, before, now, agencyIds] of [
          ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', undefined],
          ['2026-03-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', '2026-07-15T00:00:00.000Z', ['agency-a', 'agency-c']],
          ['2026-01-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', ['agency-b']],
        ] as const) {
          const expected = aggregateFacts(
            records
              .filter((record) => record.submission.confidentiality !== 'secret' && record.receivedAt >= from && record.receivedAt < before && (!agencyIds || (agencyIds as readonly string[]).includes(record.agencyId)))
              .map(all),
            new Date(now),
          );
          const answered = await store.indicatorAggregates({ receivedFrom: from, receivedBefore: before, now, ...(agencyIds ? { agencyIds } : {}) });
          expect(answered, `${from} to ${before} at ${now}`).to.deep.equal(expected);
        }
        // And what a reader gets: the indicators from the store's aggregates are computeIndicators' over the records.
        const period = { from: '2026-02-01', to: '2026-10-01', now: new Date('2026-10-15T00:00:00.000Z') };
        const { fromMs, beforeMs } = periodBounds(SUITE_CALENDAR, period.from, period.to);
        const fromStore = indicatorsFromAggregates(
          await store.indicatorAggregates({ receivedFrom: new Date(fromMs).toISOString(), receivedBefore: new Date(beforeMs).toISOString(), now: period.now.toISOString(), agencyIds: [...AGENCIES] }),
          { agencyIds: [...AGENCIES], inspectorateOf: (agencyId) => `inspektorat-${agencyId}`, ...period },
        );
        const reference = computeIndicators(records, { calendar: SUITE_CALENDAR, policy: defaultPolicy, agencyIds: [...AGENCIES], ...period });
        expect(fromStore.agencies).to.deep.equal(reference.agencies);
        expect(fromStore.total).to.deep.equal(reference.total);
        expect(reference.total.received).to.be.greaterThan(50);
        expect(Object.keys(await store.indicatorAggregates({ receivedFrom: '2030-01-01T00:00:00.000Z', receivedBefore: '2031-01-01T00:00:00.000Z', now: '2031-01-01T00:00:00.000Z' }))).to.deep.equal([]);
      }));

    it('finds the complaints behind each indicator, met or missed, as core\'s rules say and the aggregates count', () =>
      withStore(async ({ store }) => {
        const random = seeded(777);
        const records = generateHandledComplaints(random, 120);
        await insertAll(store, records, 'drill');
        const at = '2026-09-30T00:00:00.000Z';
        const atMs = Date.parse(at);
        const sums = (await store.indicatorAggregates({ receivedFrom: '2020-01-01T00:00:00.000Z', receivedBefore: '2030-01-01T00:00:00.000Z', now: at }));
        const total = (key: keyof IndicatorSums) => Object.values(sums).reduce((sum, aggregate) => sum + aggregate.sums[key], 0);
        // Complaint-level indicators: the drill-down's totals are the aggregate's n and of.
        const perComplaint: Partial<Record<IndicatorName, [keyof IndicatorSums, keyof IndicatorSums]>> = {
          verifiedOnTime: ['verifiedOnTime', 'verifyDecided'],
          resolvedOnTime: ['resolvedOnTime', 'resolveDecided'],
          escalated: ['escalated', 'received'],
          completed: ['completed', 'notWithdrawn'],
          openOverdue: ['openOverdue', 'received'],
          disputed: ['disputed', 'everResolved'],
        };
        const visible = records.filter((record) => record.submission.confidentiality !== 'secret');
        for (const name of INDICATOR_NAMES) {
          const found: Record<'met' | 'missed', string[]> = { met: [], missed: [] };
          for (const outcome of ['met', 'missed'] as const) {
            const ids: string[] = [];
            let cursor: string | undefined;
            let reportedTotal = -1;
            do {
              const page = await store.query({ indicator: { name, outcome, at }, confidentialities: ['public', 'anonymous'], sort: 'received', limit: 25, ...(cursor ? { cursor } : {}) });
              ids.push(...page.items.map((record) => record.trackingId));
              reportedTotal = page.total;
              cursor = page.nextCursor ?? undefined;
            } while (cursor);
            const expected = visible
              .filter((record) => indicatorOutcome({ status: record.status, dueAt: record.dueAt ?? null, facts: record.facts! }, name, atMs) === outcome)
              .map((record) => record.trackingId);
            expect(ids.sort(), `${name} ${outcome}`).to.deep.equal(expected.sort());
            expect(reportedTotal, `${name} ${outcome} total`).to.equal(expected.length);
            found[outcome] = ids;
          }
          const keys = perComplaint[name];
          if (keys) {
            expect(found.met.length, `${name} n`).to.equal(total(keys[0]));
            expect(found.met.length + found.missed.length, `${name} of`).to.equal(total(keys[1]));
          }
        }
      }));

    it('keeps credentials by hash: sync, rotate, and a version that changes with them', async function () {
      const subject = await open();
      try {
        const store = subject.store;
        if (!store.listCredentials || !store.syncCredentials || !store.rotateCredential || !store.credentialsVersion) return; // not a credential store
        const principal = { role: 'focal_point' as const, id: 'fp-1', name: 'Rina', agencyId: 'a' };
        const before = await store.credentialsVersion();
        await store.syncCredentials({ insert: [{ principalId: 'fp-1', tokenHash: 'h1', principal, createdAt: '2026-11-01T00:00:00.000Z', rotatedAt: null }], updatePrincipals: [], remove: [] });
        const afterInsert = await store.credentialsVersion();
        expect(afterInsert).to.not.equal(before);
        expect(await store.listCredentials()).to.deep.equal([{ principalId: 'fp-1', tokenHash: 'h1', principal, createdAt: '2026-11-01T00:00:00.000Z', rotatedAt: null }]);
        expect(await store.rotateCredential('fp-1', 'h2', '2026-11-02T00:00:00.000Z')).to.equal(true);
        expect(await store.rotateCredential('nobody', 'h3', '2026-11-02T00:00:00.000Z')).to.equal(false);
        expect(await store.credentialsVersion()).to.not.equal(afterInsert);
        const renamed = { ...principal, name: 'Rina Marlina' };
        await store.syncCredentials({ insert: [], updatePrincipals: [{ principalId: 'fp-1', principal: renamed }], remove: [] });
        expect(await store.listCredentials()).to.deep.equal([{ principalId: 'fp-1', tokenHash: 'h2', principal: renamed, createdAt: '2026-11-01T00:00:00.000Z', rotatedAt: '2026-11-02T00:00:00.000Z' }]);
        await store.syncCredentials({ insert: [], updatePrincipals: [], remove: ['fp-1'] });
        expect(await store.listCredentials()).to.deep.equal([]);
      } finally {
        await subject.store.close?.();
        await subject.cleanup?.();
      }
    });
  });
}

/** A notification for store tests. */
function note(id: string, trackingId?: string): NewNotification {
  return { id, kind: 'test', to: 'warga@example.id', subject: 'Subjek', text: 'Isi', html: '<p>Isi</p>', ...(trackingId ? { trackingId } : {}) };
}

async function expectCursorError(run: () => Promise<unknown>): Promise<void> {
  let code: unknown = null;
  try {
    await run();
  } catch (error) {
    code = (error as { code?: unknown }).code;
  }
  expect(code, 'a bad cursor is refused with CursorError (code bad_cursor)').to.equal('bad_cursor');
}

/** A small seeded generator (mulberry32): the same complaints and queries on every run. */
export function seeded(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const some = <T>(random: () => number, values: readonly T[]): T[] => {
  const chosen = values.filter(() => random() < 0.35);
  return chosen.length > 0 ? chosen : [pick(random, values)];
};

const AGENCIES = ['agency-a', 'agency-b', 'agency-c'] as const;
const WORDS = ['KTP-el', 'akta', 'kelahiran', 'antrean', 'Pungutan', 'liar', 'loket', 'pelayanan', 'terbit', 'Kepala', 'Dinas', 'pérmintaan', 'uang', 'izin', 'jalan', 'rusak', 'sekolah', 'guru'];
let generated = 0;

/** Complaints spread over agencies, statuses, kinds, categories, confidentialities, months and deadlines. */
export function generateComplaints(random: () => number, count: number): ComplaintRecord[] {
  return Array.from({ length: count }, () => {
    generated += 1;
    const agencyId = pick(random, AGENCIES);
    const status = pick(random, STATUSES);
    // Some share a receipt time to the millisecond: ties are broken by tracking id.
    const receivedMs = Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86_400_000 + (random() < 0.2 ? 0 : Math.floor(random() * 86_400_000));
    const receivedAt = new Date(receivedMs).toISOString();
    const dueAt = random() < 0.25 ? null : new Date(receivedMs + Math.floor(random() * 40) * 86_400_000).toISOString();
    const title = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, WORDS)).join(' ');
    const description = `${Array.from({ length: 8 + Math.floor(random() * 8) }, () => pick(random, WORDS)).join(' ')} nomor ${Math.floor(random() * 1000)}.`;
    const history: ComplaintRecord['history'] = [{ status: 'received', at: receivedAt, actor: 'system', note: '' }];
    let at = receivedMs;
    for (const next of ['verified', 'in_progress', 'resolved'] as const) {
      if (random() < 0.4) break;
      at += Math.floor(random() * 20 * 86_400_000) + 1;
      history.push({ status: next, at: new Date(at).toISOString(), actor: 'fp', note: random() < 0.5 ? 'Ditindaklanjuti.' : '' });
      if (random() < 0.2) history.push({ status: next, at: new Date(at).toISOString(), actor: 'fp', note: '', kind: 'assignment', assigneeId: 'officer-1' });
    }
    return sampleRecord({
      trackingId: `NH-GEN${String(generated).padStart(5, '0')}-${Math.floor(random() * 1e6).toString(36).toUpperCase()}`,
      agencyId,
      handlingAgencyId: random() < 0.15 ? `inspektorat-${agencyId}` : agencyId,
      status,
      receivedAt,
      dueAt,
      assigneeId: pick(random, [null, null, 'officer-1', 'officer-2']),
      history,
      submission: {
        ...sampleRecord().submission,
        agencyId,
        kind: pick(random, KINDS),
        category: pick(random, CATEGORIES),
        confidentiality: pick(random, ['public', 'anonymous', 'anonymous', 'secret'] as const),
        title,
        description,
      },
    });
  });
}

const SUITE_CALENDAR = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-03-19', '2026-08-17', '2026-12-25'] });

/**
 * Complaints that went through the lifecycle at random (verifications on time or late, requests for
 * information answered or not, rejections, escalations, resolutions, disputes, ratings,
 * withdrawals), each with its `dueAt` and indicator facts as the intake keeps them.
 */
export function generateHandledComplaints(random: () => number, count: number): ComplaintRecord[] {
  return generateComplaints(random, count).map((base) => {
    let record: ComplaintRecord = { ...base, status: 'received', history: [base.history[0]!], version: 1, handlingAgencyId: base.agencyId };
    let at = Date.parse(record.receivedAt);
    const step = (to: Status, extra: { note?: string; reason?: 'not_competent' | 'duplicate' } = {}) => {
      at += Math.floor(random() * 9 * 86_400_000) + 60_000;
      const result = applyTransition(record, { to, actor: 'fp-1', at: new Date(at).toISOString(), note: extra.note ?? (random() < 0.5 ? 'Catatan.' : ''), ...(extra.reason ? { reason: extra.reason } : {}) });
      if (result.ok) record = result.record;
      return result.ok;
    };
    const reporter = (action: 'reply' | 'dispute' | 'withdrawal') => {
      at += Math.floor(random() * 5 * 86_400_000) + 60_000;
      const result = applyReporterAction(record, action, new Date(at).toISOString());
      if (!result.ok) return;
      record = result.record;
      if (action === 'reply') record = { ...record, replies: [...(record.replies ?? []), { at: new Date(at).toISOString(), text: 'Jawaban.', attachmentIds: [] }] };
      if (action === 'dispute') record = { ...record, disputes: [...(record.disputes ?? []), { at: new Date(at).toISOString(), reason: 'Belum.' }] };
      if (action === 'withdrawal') record = { ...record, withdrawal: { at: new Date(at).toISOString(), reason: 'Dicabut.' } };
    };
    const path = random();
    if (path < 0.1) {
      // Still waiting for verification.
    } else if (path < 0.2) {
      step('rejected', { reason: random() < 0.5 ? 'not_competent' : 'duplicate' });
    } else if (path < 0.28) {
      reporter('withdrawal');
    } else {
      if (random() < 0.3) {
        step('needs_info');
        if (random() < 0.6) reporter('reply');
        else if (random() < 0.5) record = { ...record, reporterSeenAt: new Date(at + 3_600_000).toISOString() };
      }
      if (record.status === 'received') {
        step('verified');
        if (random() < 0.2) {
          step('forwarded');
          if (random() < 0.5) step('escalated');
        }
        step('in_progress');
        if (random() < 0.15) reporter('withdrawal');
        else if (random() < 0.8) {
          step('resolved');
          if (random() < 0.25) reporter('dispute');
          else if (random() < 0.5) step('closed');
          if (random() < 0.5) {
            const score = () => (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
            record = { ...record, rating: { at: new Date(at + 1000).toISOString(), scores: { speed: score(), clarity: score(), conduct: score(), outcome: score() }, comment: '' } };
          }
        }
      }
    }
    const deadlines = computeDeadlines(record, defaultPolicy, SUITE_CALENDAR, new Date(at));
    const withDue = { ...record, dueAt: currentDeadline(record, deadlines) };
    return { ...withDue, facts: indicatorFactsOf(withDue, SUITE_CALENDAR, defaultPolicy) };
  });
}

/** A query of a few filters at random, in a random order, with a random page size. */
export function generateQuery(random: () => number): ComplaintQuery {
  const query: ComplaintQuery = { sort: pick(random, COMPLAINT_SORTS), limit: 1 + Math.floor(random() * 30) };
  if (random() < 0.4) query.agencyIds = some(random, [...AGENCIES, 'inspektorat-agency-a']);
  if (random() < 0.15) query.reportedAgencyIds = some(random, [...AGENCIES, 'inspektorat-agency-a']);
  if (random() < 0.3) query.statuses = some(random, STATUSES) as Status[];
  if (random() < 0.2) query.kinds = some(random, KINDS) as Kind[];
  if (random() < 0.3) query.categories = some(random, CATEGORIES) as Category[];
  if (random() < 0.2) query.confidentialities = some(random, ['public', 'anonymous', 'secret'] as const) as Confidentiality[];
  if (random() < 0.25) query.receivedFrom = new Date(Date.UTC(2026, Math.floor(random() * 8), 1)).toISOString();
  if (random() < 0.25) query.receivedBefore = new Date(Date.UTC(2026, 3 + Math.floor(random() * 8), 15)).toISOString();
  if (random() < 0.2) query.overdueAt = new Date(Date.UTC(2026, Math.floor(random() * 11), 10)).toISOString();
  if (random() < 0.15) query.dueFrom = new Date(Date.UTC(2026, Math.floor(random() * 10), 20)).toISOString();
  if (random() < 0.2) query.assigneeId = pick(random, [null, 'officer-1', 'officer-2', 'officer-9']);
  if (random() < 0.3) query.text = pick(random, ['ktp', 'KTP-el terbit', 'akta kelahiran', 'permintaan', 'pungut', 'LOKET', 'jalan rusak', 'tidak-ada-kata-ini']);
  return query;
}

async function insertAll(store: Store, records: readonly ComplaintRecord[], prefix: string): Promise<void> {
  await Promise.all(records.map((record, index) => store.insertOnce(sampleSubmission(`${prefix}-${index}-${record.trackingId}`, record))));
}
