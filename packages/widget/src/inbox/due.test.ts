import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@narahubung/core';
import type { Deadlines, Status } from '@narahubung/core';
import { dueOf } from './due.js';

// Christmas 2026 (Friday 25 December) is a day off, as in the test intake's calendar.
const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-12-25'] });
const item = (status: Status, deadlines: Partial<Deadlines>, overdue = false) => ({
  status,
  overdue,
  deadlines: { verifyBy: '2026-12-24T16:59:59.999Z', respondBy: '2027-01-05T16:59:59.999Z', resolveBy: null, ...deadlines },
});
// The end of Thursday 24 December 2026, WIB.
const verifyBy = '2026-12-24T16:59:59.999Z';

describe('when a complaint is due, in the intake\'s working days', () => {
  it('counts the working days left, skipping weekends and holidays', () => {
    // Monday 21 December, 10:00 WIB: Tuesday, Wednesday, Thursday.
    expect(dueOf(item('received', { verifyBy }), calendar, new Date('2026-12-21T03:00:00Z'))).to.deep.equal({ kind: 'due', days: 3, today: false, at: verifyBy });
    expect(dueOf(item('received', { verifyBy }), calendar, new Date('2026-12-24T03:00:00Z'))).to.deep.equal({ kind: 'due', days: 0, today: true, at: verifyBy });
  });

  it('counts the working days late, so a holiday and a weekend do not count against the officer', () => {
    const late = item('received', { verifyBy }, true);
    // Friday 25 (holiday) and the weekend: still less than a working day late.
    expect(dueOf(late, calendar, new Date('2026-12-27T03:00:00Z'))).to.deep.equal({ kind: 'late', days: 0, at: verifyBy });
    expect(dueOf(late, calendar, new Date('2026-12-28T03:00:00Z'))).to.deep.equal({ kind: 'late', days: 1, at: verifyBy });
    expect(dueOf(late, calendar, new Date('2026-12-31T03:00:00Z'))).to.deep.equal({ kind: 'late', days: 4, at: verifyBy });
  });

  it('says when no clock runs: paused while the reporter is asked, none once resolved', () => {
    expect(dueOf(item('needs_info', {}), calendar, new Date('2026-12-21T03:00:00Z'))).to.deep.equal({ kind: 'paused' });
    expect(dueOf(item('resolved', {}), calendar, new Date('2026-12-21T03:00:00Z'))).to.deep.equal({ kind: 'none' });
  });
});
