import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from './calendar.js';
import { computeDeadlines, currentDeadline } from './deadlines.js';
import { createDirectory } from './directory.js';
import { computeIndicators, medianOf, satisfactionOf } from './indicators.js';
import { applyReporterAction, applyTransition } from './lifecycle.js';
import type { ComplaintRecord, Status } from './model.js';
import { defaultPolicy } from './policy.js';
import { sampleRecord } from './store-suite.js';

const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-08-17'] });

let serial = 0;
/** A complaint received at `receivedAt` (Jakarta time) that staff then move through `steps`. */
function handled(receivedAt: string, steps: [Status | 'dispute' | 'withdrawal' | 'reply', string, string?][], overrides: Partial<ComplaintRecord> = {}): ComplaintRecord {
  serial += 1;
  const at = new Date(receivedAt).toISOString();
  let record = sampleRecord({ trackingId: `NH-TEST-${String(serial).padStart(4, '0')}`, receivedAt: at, history: [{ status: 'received', at, actor: 'system', note: '' }], ...overrides });
  for (const [to, when, note] of steps) {
    const instant = new Date(when).toISOString();
    const result =
      to === 'dispute' || to === 'withdrawal' || to === 'reply'
        ? applyReporterAction(record, to, instant)
        : applyTransition(record, { to, actor: 'fp-1', at: instant, note: note ?? '', ...(to === 'rejected' ? { reason: 'not_competent' as const } : {}) });
    if (!result.ok) throw result.error;
    record = result.record;
    if (to === 'dispute') record = { ...record, disputes: [{ at: instant, reason: 'Belum selesai.' }] };
    if (to === 'withdrawal') record = { ...record, withdrawal: { at: instant, reason: 'Sudah beres.' } };
  }
  const last = new Date(record.history.at(-1)!.at);
  return { ...record, dueAt: currentDeadline(record, computeDeadlines(record, defaultPolicy, calendar, last)) };
}

const options = { calendar, policy: defaultPolicy, from: '2026-06-01', to: '2026-07-01', now: new Date('2026-09-01T00:00:00+07:00') };

describe('computeIndicators', () => {
  it('counts verification on time in working days: a Friday complaint verified on Wednesday is on time, on Thursday late', () => {
    // Friday 5 June 2026: three working days run to the end of Wednesday 10 June.
    const onTime = handled('2026-06-05T10:00:00+07:00', [['verified', '2026-06-10T16:00:00+07:00', 'Diperiksa.']]);
    const late = handled('2026-06-05T10:00:00+07:00', [['verified', '2026-06-11T09:00:00+07:00', 'Diperiksa.']]);
    const waiting = handled('2026-06-05T10:00:00+07:00', []);
    const { total } = computeIndicators([onTime, late, waiting], options);
    // The one never verified is past its deadline at `now`: counted, and missed.
    expect(total.cepat.verifiedOnTime).to.deep.equal({ n: 1, of: 3, share: 0.3333 });
  });

  it('leaves a withdrawal before any move out of verification, and every withdrawal out of completion', () => {
    const withdrawn = handled('2026-06-02T10:00:00+07:00', [['withdrawal', '2026-06-02T12:00:00+07:00']]);
    const done = handled('2026-06-02T10:00:00+07:00', [
      ['verified', '2026-06-03T10:00:00+07:00'],
      ['in_progress', '2026-06-04T10:00:00+07:00'],
      ['resolved', '2026-06-08T10:00:00+07:00', 'Sudah terbit.'],
    ]);
    const { total } = computeIndicators([withdrawn, done], options);
    expect(total.received).to.equal(2);
    expect(total.cepat.verifiedOnTime).to.deep.equal({ n: 1, of: 1, share: 1 });
    expect(total.tuntas.completed).to.deep.equal({ n: 1, of: 1, share: 1 });
    // 2 June (Tuesday) to 8 June (Monday): 3, 4, 5, 8 June are working days.
    expect(total.cepat.medianWorkingDaysToResolve).to.equal(4);
  });

  it('counts notes on staff changes, explained decisions, escalations, disputes and overdue complaints', () => {
    const a = handled('2026-06-10T09:00:00+07:00', [
      ['verified', '2026-06-10T10:00:00+07:00', 'Lengkap.'],
      ['in_progress', '2026-06-11T10:00:00+07:00'],
      ['resolved', '2026-06-20T10:00:00+07:00', 'Sudah terbit.'],
      ['dispute', '2026-06-22T10:00:00+07:00'],
    ]);
    const b = handled('2026-06-10T09:00:00+07:00', [['rejected', '2026-06-11T10:00:00+07:00']]);
    const c = handled('2026-06-10T09:00:00+07:00', [
      ['verified', '2026-06-11T10:00:00+07:00', 'Lengkap.'],
      ['forwarded', '2026-06-12T10:00:00+07:00', 'Ke dinas.'],
      ['escalated', '2026-06-30T10:00:00+07:00', 'Tidak ditanggapi.'],
    ]);
    const { total } = computeIndicators([a, b, c], options);
    // a: 3 changes (2 with notes), b: 1 without, c: 3 with notes.
    expect(total.transparan.publicNotes).to.deep.equal({ n: 5, of: 7, share: 0.7143 });
    // a's resolution has a note; b's rejection has a reason.
    expect(total.akuntabel.explainedResolutions).to.deep.equal({ n: 2, of: 2, share: 1 });
    expect(total.akuntabel.escalated).to.deep.equal({ n: 1, of: 3, share: 0.3333 });
    expect(total.tuntas.disputed).to.deep.equal({ n: 1, of: 1, share: 1 });
    // By 1 September the resolve deadline (60 days from receipt) has passed for c, still open, and
    // for a, which the dispute reopened.
    expect(total.tuntas.openOverdue).to.equal(2);
    expect(total.tuntas.completed).to.deep.equal({ n: 0, of: 3, share: 0 });
    expect(total.transparan.answeredInfoRequests).to.deep.equal({ n: 0, of: 0, share: null });
  });

  it('counts a request for information as reaching the citizen when they answered it or opened their own view after it', () => {
    const ask: [Status, string, string] = ['needs_info', '2026-06-10T10:00:00+07:00', 'Mohon nomor antrean.'];
    const answered = handled('2026-06-10T09:00:00+07:00', [ask, ['reply', '2026-06-11T08:00:00+07:00']]);
    const seen = { ...handled('2026-06-10T09:00:00+07:00', [ask]), reporterSeenAt: new Date('2026-06-10T12:00:00+07:00').toISOString() };
    const seenBefore = { ...handled('2026-06-10T09:00:00+07:00', [ask]), reporterSeenAt: new Date('2026-06-10T09:30:00+07:00').toISOString() };
    const unseen = handled('2026-06-10T09:00:00+07:00', [ask]);
    const { total } = computeIndicators([answered, seen, seenBefore, unseen], options);
    expect(total.transparan.answeredInfoRequests).to.deep.equal({ n: 2, of: 4, share: 0.5 });
  });

  it('has no satisfaction without ratings, and converts ratings as the national survey does', () => {
    const unrated = handled('2026-06-10T09:00:00+07:00', []);
    expect(computeIndicators([unrated], options).total.tuntas.satisfaction).to.equal(null);
    const rated = (speed: 1 | 2 | 3 | 4, clarity: 1 | 2 | 3 | 4, conduct: 1 | 2 | 3 | 4, outcome: 1 | 2 | 3 | 4): ComplaintRecord => ({
      ...handled('2026-06-10T09:00:00+07:00', [['verified', '2026-06-10T10:00:00+07:00'], ['in_progress', '2026-06-10T11:00:00+07:00'], ['resolved', '2026-06-12T10:00:00+07:00', 'Selesai.']]),
      rating: { at: '2026-06-13T00:00:00.000Z', scores: { speed, clarity, conduct, outcome }, comment: '' },
    });
    const records = [rated(4, 4, 4, 4), rated(3, 3, 3, 4)];
    // Mean score (16 + 13) / 8 = 3.625 → 90.63: grade A.
    expect(computeIndicators(records, options).total.tuntas.satisfaction).to.deep.equal({ index: 90.63, grade: 'A', responses: 2 });
  });

  it('grades at the survey\'s boundaries', () => {
    expect(satisfactionOf(0, 0)).to.equal(null);
    // 88.31 needs a mean of 3.5324; with 4 questions × 25 responses = 100 scores, 354 → 88.5.
    expect(satisfactionOf(354, 25)?.grade).to.equal('A');
    expect(satisfactionOf(353, 25)).to.deep.equal({ index: 88.25, grade: 'B', responses: 25 });
    expect(satisfactionOf(307, 25)).to.deep.equal({ index: 76.75, grade: 'B', responses: 25 });
    expect(satisfactionOf(306, 25)?.grade).to.equal('C');
    expect(satisfactionOf(260, 25)).to.deep.equal({ index: 65, grade: 'C', responses: 25 });
    expect(satisfactionOf(259, 25)?.grade).to.equal('D');
    expect(satisfactionOf(4, 1)).to.deep.equal({ index: 25, grade: 'D', responses: 1 });
  });

  it('takes the median of a histogram as of the sorted list', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 200 }), { maxLength: 60 }), (values) => {
        const histogram: Record<number, number> = {};
        for (const value of values) histogram[value] = (histogram[value] ?? 0) + 1;
        const sorted = [...values].sort((a, b) => a - b);
        const middle = sorted.length / 2;
        const expected = sorted.length === 0 ? null : sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
        expect(medianOf(histogram)).to.equal(expected);
      }),
    );
  });

  it('counts only complaints received in [from, to) in the calendar\'s zone, without secret ones', () => {
    // 1 July 00:30 in Jakarta is 30 June in UTC: outside June.
    const july = handled('2026-07-01T00:30:00+07:00', []);
    const june = handled('2026-06-30T23:30:00+07:00', []);
    const secret = handled('2026-06-15T10:00:00+07:00', [], { submission: { ...sampleRecord().submission, confidentiality: 'secret' } });
    const { total, agencies } = computeIndicators([july, june, secret], options);
    expect(total.received).to.equal(1);
    expect(agencies.map((agency) => [agency.agencyId, agency.byCategory])).to.deep.equal([['disdukcapil-bandar-lampung', { undue_delay: 1 }]]);
    expect(agencies[0]!.trend).to.deep.equal({ '2026-06': { undue_delay: 1 } });
  });

  it('rolls agencies up per inspectorate and for the directory, with zeros for agencies without complaints', () => {
    const directory = createDirectory({
      agencies: [
        { id: 'a', name: 'A', kind: 'local_government', regionCode: '18.71', parentId: null, inspectorateId: 'insp' },
        { id: 'b', name: 'B', kind: 'local_government', regionCode: '18.71', parentId: null, inspectorateId: 'insp' },
        { id: 'insp', name: 'Inspektorat', kind: 'inspectorate', regionCode: '18.71', parentId: null, inspectorateId: null },
      ],
      focalPoints: [],
    });
    const inA = handled('2026-06-10T09:00:00+07:00', [['verified', '2026-06-10T10:00:00+07:00']], { agencyId: 'a', handlingAgencyId: 'a', submission: { ...sampleRecord().submission, agencyId: 'a' } });
    const result = computeIndicators([inA], { ...options, directory });
    expect(result.agencies.map((agency) => [agency.agencyId, agency.received])).to.deep.equal([['a', 1], ['b', 0], ['insp', 0]]);
    expect(result.inspectorates).to.have.length(1);
    expect(result.inspectorates[0]).to.deep.include({ inspectorateId: 'insp', agencyIds: ['a', 'b'], received: 1 });
    expect(result.agencies[1]!.cepat.verifiedOnTime).to.deep.equal({ n: 0, of: 0, share: null });
  });
});
