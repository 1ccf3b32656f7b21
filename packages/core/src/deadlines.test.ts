import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createWorkCalendar } from './calendar.js';
import { computeDeadlines, isOverdue } from './deadlines.js';
import type { ComplaintRecord, Deadlines, HistoryEntry, Status } from './model.js';
import { STATUSES } from './model.js';
import { createPolicy, defaultPolicy } from './policy.js';

const wib = createWorkCalendar({ timeZone: 'Asia/Jakarta' });
const wit = createWorkCalendar({ timeZone: 'Asia/Jayapura' });

type Lifecycle = Pick<ComplaintRecord, 'receivedAt' | 'history' | 'status'>;

/** A record received at `receivedAt` that then went through `steps` ([status, at] in UTC). */
function complaint(receivedAt: string, steps: readonly (readonly [Status, string])[] = []): Lifecycle {
  const history: HistoryEntry[] = [
    { status: 'received', at: receivedAt, actor: 'intake', note: '' },
    ...steps.map(([status, at]) => ({ status, at, actor: 'officer', note: '' })),
  ];
  return { receivedAt, history, status: history[history.length - 1]?.status ?? 'received' };
}

const FAR_FUTURE = new Date('2030-01-01T00:00:00Z');

// Monday 3 March 2025, 09:00 WIB: verify by Thursday 6 March, respond by Monday 17 March.
const MONDAY = '2025-03-03T02:00:00Z';

describe('computeDeadlines', () => {
  it('gives verify, respond and (once verified) resolve deadlines at the end of local days', () => {
    // Friday 7 March 2025, 19:30 WIB.
    const received = complaint('2025-03-07T12:30:00Z');
    expect(computeDeadlines(received, defaultPolicy, wib, FAR_FUTURE)).to.deep.equal({
      verifyBy: '2025-03-12T16:59:59.999Z', // Wednesday, 3 working days
      respondBy: '2025-03-21T16:59:59.999Z', // 14 days
      resolveBy: null,
    });
    // Verified Tuesday 11 March, 09:00 WIB: resolve within 60 days, by Saturday 10 May.
    const verified = complaint('2025-03-07T12:30:00Z', [['verified', '2025-03-11T02:00:00Z']]);
    expect(computeDeadlines(verified, defaultPolicy, wib, FAR_FUTURE).resolveBy).to.equal('2025-05-10T16:59:59.999Z');
  });

  it('follows the policy', () => {
    const policy = createPolicy({ verifyWorkingDays: 5, respondDays: 7, resolveDays: 30 });
    const record = complaint('2025-03-07T12:30:00Z', [['verified', '2025-03-11T02:00:00Z']]);
    expect(computeDeadlines(record, policy, wib, FAR_FUTURE)).to.deep.equal({
      verifyBy: '2025-03-14T16:59:59.999Z',
      respondBy: '2025-03-14T16:59:59.999Z',
      resolveBy: '2025-04-10T16:59:59.999Z',
    });
  });

  it('counts days in the calendar’s zone', () => {
    // Thursday 23:30 WIB is already Friday 01:30 WIT.
    const record = complaint('2025-03-06T16:30:00Z');
    expect(computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE)).to.deep.equal({
      verifyBy: '2025-03-11T16:59:59.999Z',
      respondBy: '2025-03-20T16:59:59.999Z',
      resolveBy: null,
    });
    expect(computeDeadlines(record, defaultPolicy, wit, FAR_FUTURE)).to.deep.equal({
      verifyBy: '2025-03-12T14:59:59.999Z',
      respondBy: '2025-03-21T14:59:59.999Z',
      resolveBy: null,
    });
  });

  it('skips holidays for verification but not for the calendar-day deadlines', () => {
    const calendar = createWorkCalendar({
      timeZone: 'Asia/Jakarta',
      holidays: ['2025-03-28', '2025-03-31', '2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-07'],
    });
    const record = complaint('2025-03-27T03:00:00Z');
    expect(computeDeadlines(record, defaultPolicy, calendar, FAR_FUTURE)).to.deep.equal({
      verifyBy: '2025-04-10T16:59:59.999Z',
      respondBy: '2025-04-10T16:59:59.999Z',
      resolveBy: null,
    });
  });

  it('crosses a daylight saving time change in local days', () => {
    const amsterdam = createWorkCalendar({ timeZone: 'Europe/Amsterdam' });
    // Thursday 27 March 2025, 12:00 CET; summer time begins on the Sunday.
    const record = complaint('2025-03-27T11:00:00Z', [['verified', '2025-03-28T09:00:00Z']]);
    expect(computeDeadlines(record, defaultPolicy, amsterdam, FAR_FUTURE)).to.deep.equal({
      verifyBy: '2025-04-01T21:59:59.999Z',
      respondBy: '2025-04-10T21:59:59.999Z',
      resolveBy: '2025-05-27T21:59:59.999Z',
    });
  });

  describe('the pause in needs_info', () => {
    it('pushes the running deadlines by the length of one pause', () => {
      // Asked for information Tuesday 10:00 WIB, verified Tuesday 15:00 WIB: 5 hours on a working day.
      const record = complaint(MONDAY, [
        ['needs_info', '2025-03-04T03:00:00Z'],
        ['verified', '2025-03-04T08:00:00Z'],
      ]);
      expect(computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE)).to.deep.equal({
        verifyBy: '2025-03-06T21:59:59.999Z', // Thursday 23:59:59.999 WIB + 5 hours
        respondBy: '2025-03-17T21:59:59.999Z',
        resolveBy: '2025-05-03T16:59:59.999Z', // its clock starts at verification, after the pause
      });
    });

    it('pushes verification by the working time of the pause only', () => {
      // Received Wednesday 5 March 10:00 WIB; paused Friday 12:00 to Monday 12:00 WIB: three days,
      // of which 24 hours fall on working days.
      const record = complaint('2025-03-05T03:00:00Z', [
        ['needs_info', '2025-03-07T05:00:00Z'],
        ['verified', '2025-03-10T05:00:00Z'],
      ]);
      expect(computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE)).to.deep.equal({
        verifyBy: '2025-03-11T16:59:59.999Z', // Monday becomes Tuesday
        respondBy: '2025-03-22T16:59:59.999Z', // 19 March + 3 days
        resolveBy: '2025-05-09T16:59:59.999Z',
      });
    });

    it('does not move verification for a pause at the weekend', () => {
      const record = complaint('2025-03-07T02:00:00Z', [
        ['needs_info', '2025-03-08T03:00:00Z'],
        ['verified', '2025-03-09T03:00:00Z'],
      ]);
      const deadlines = computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE);
      expect(deadlines.verifyBy).to.equal('2025-03-12T16:59:59.999Z');
      expect(deadlines.respondBy).to.equal('2025-03-22T16:59:59.999Z'); // 21 March + 1 day
    });

    it('adds up two pauses, each pushing only the deadlines running when it began', () => {
      const record = complaint(MONDAY, [
        ['needs_info', '2025-03-04T03:00:00Z'], // 5 hours while received: verify and respond
        ['verified', '2025-03-04T08:00:00Z'],
        ['in_progress', '2025-03-05T02:00:00Z'],
        ['needs_info', '2025-03-10T02:00:00Z'], // 4 days while in progress: resolve only
        ['verified', '2025-03-14T02:00:00Z'],
        ['in_progress', '2025-03-14T03:00:00Z'],
      ]);
      expect(computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE)).to.deep.equal({
        verifyBy: '2025-03-06T21:59:59.999Z',
        respondBy: '2025-03-17T21:59:59.999Z',
        resolveBy: '2025-05-07T16:59:59.999Z', // 3 May + 4 days
      });
    });

    it('adds up two pauses of the same deadline', () => {
      const record = complaint(MONDAY, [
        ['verified', '2025-03-04T02:00:00Z'],
        ['in_progress', '2025-03-05T02:00:00Z'],
        ['needs_info', '2025-03-10T02:00:00Z'], // 2 days
        ['verified', '2025-03-12T02:00:00Z'],
        ['in_progress', '2025-03-12T03:00:00Z'],
        ['needs_info', '2025-04-01T02:00:00Z'], // 3 days
        ['verified', '2025-04-04T02:00:00Z'],
        ['in_progress', '2025-04-04T03:00:00Z'],
      ]);
      // Verified 4 March: 60 days is 3 May, then 5 paused days.
      expect(computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE).resolveBy).to.equal('2025-05-08T16:59:59.999Z');
    });

    it('runs a pause that has not ended up to now', () => {
      const record = complaint(MONDAY, [['needs_info', '2025-03-04T03:00:00Z']]);
      // One day later: 24 working hours paused so far.
      expect(computeDeadlines(record, defaultPolicy, wib, new Date('2025-03-05T03:00:00Z'))).to.deep.equal({
        verifyBy: '2025-03-07T16:59:59.999Z',
        respondBy: '2025-03-18T16:59:59.999Z',
        resolveBy: null,
      });
      // On Monday 10 March, 12:00 WIB: paused 6 days 2 hours, of which 4 days 2 hours on working
      // days. The deadlines keep moving while paused.
      const later = computeDeadlines(record, defaultPolicy, wib, new Date('2025-03-10T05:00:00Z'));
      expect(later.respondBy).to.equal('2025-03-23T18:59:59.999Z');
      expect(later.verifyBy).to.equal('2025-03-12T18:59:59.999Z'); // Thursday 13 March, 01:59:59.999 WIB
    });

    it('does not rescue a deadline that had already passed when the pause began', () => {
      // Verification was due Thursday 6 March; information is asked for on Monday 10 March.
      const record = complaint(MONDAY, [
        ['needs_info', '2025-03-10T02:00:00Z'],
        ['verified', '2025-03-12T02:00:00Z'],
      ]);
      const deadlines = computeDeadlines(record, defaultPolicy, wib, FAR_FUTURE);
      expect(deadlines.verifyBy).to.equal('2025-03-06T16:59:59.999Z');
      expect(deadlines.respondBy).to.equal('2025-03-19T16:59:59.999Z');
    });

    it('never brings a deadline forward', () => {
      const hour = 3_600_000;
      const gaps = fc.array(fc.integer({ min: 1, max: 30 * 24 * hour }), { minLength: 7, maxLength: 7 });
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }), gaps, (start, gap) => {
          const statuses: Status[] = ['needs_info', 'verified', 'in_progress', 'needs_info', 'verified', 'in_progress', 'needs_info'];
          let at = start;
          const steps = statuses.map((status, index) => {
            at += gap[index] ?? 0;
            return [status, new Date(at).toISOString()] as const;
          });
          const now = new Date(at + 5 * 24 * hour);
          const paused = computeDeadlines(complaint(new Date(start).toISOString(), steps), defaultPolicy, wib, now);
          const unpaused = computeDeadlines(
            complaint(new Date(start).toISOString(), steps.filter(([status]) => status !== 'needs_info')),
            defaultPolicy,
            wib,
            now,
          );
          expect(Date.parse(paused.verifyBy)).to.be.at.least(Date.parse(unpaused.verifyBy));
          expect(Date.parse(paused.respondBy)).to.be.at.least(Date.parse(unpaused.respondBy));
          expect(Date.parse(paused.resolveBy ?? '')).to.be.at.least(Date.parse(unpaused.resolveBy ?? ''));
        }),
      );
    });
  });

  it('rejects a record whose times are not instants', () => {
    expect(() => computeDeadlines(complaint('yesterday'), defaultPolicy, wib, FAR_FUTURE)).to.throw(RangeError);
  });
});

describe('isOverdue', () => {
  const deadlines: Deadlines = {
    verifyBy: '2025-03-06T16:59:59.999Z',
    respondBy: '2025-03-17T16:59:59.999Z',
    resolveBy: '2025-05-03T16:59:59.999Z',
  };
  const justAfter = (iso: string): Date => new Date(Date.parse(iso) + 1);
  const overdue = (status: Status, now: Date, given: Deadlines = deadlines): boolean => isOverdue({ status }, given, now);

  it('checks verification while received, up to its last millisecond', () => {
    expect(overdue('received', new Date(deadlines.verifyBy))).to.be.false;
    expect(overdue('received', justAfter(deadlines.verifyBy))).to.be.true;
  });

  it('checks the first response and the resolution once verified or forwarded', () => {
    for (const status of ['verified', 'forwarded'] as const) {
      expect(overdue(status, justAfter(deadlines.verifyBy))).to.be.false;
      expect(overdue(status, justAfter(deadlines.respondBy))).to.be.true;
      expect(overdue(status, justAfter(deadlines.resolveBy ?? ''))).to.be.true;
    }
  });

  it('checks the resolution in progress and when escalated', () => {
    for (const status of ['in_progress', 'escalated'] as const) {
      expect(overdue(status, justAfter(deadlines.respondBy))).to.be.false;
      expect(overdue(status, justAfter(deadlines.resolveBy ?? ''))).to.be.true;
      expect(overdue(status, FAR_FUTURE, { ...deadlines, resolveBy: null })).to.be.false;
    }
  });

  it('is never overdue while paused or once finished', () => {
    for (const status of ['needs_info', 'resolved', 'closed', 'rejected'] as const) {
      expect(overdue(status, FAR_FUTURE)).to.be.false;
    }
  });

  it('is never overdue before the earliest deadline, whatever the status', () => {
    for (const status of STATUSES) expect(overdue(status, new Date(deadlines.verifyBy))).to.be.false;
  });
});
