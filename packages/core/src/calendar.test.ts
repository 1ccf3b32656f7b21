import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays, addWorkingDays, createWorkCalendar, shiftLocalDate, workingDaysBetween } from './calendar.js';
import type { WorkCalendar } from './calendar.js';

const wib = createWorkCalendar({ timeZone: 'Asia/Jakarta' });
const wita = createWorkCalendar({ timeZone: 'Asia/Makassar' });
const wit = createWorkCalendar({ timeZone: 'Asia/Jayapura' });
const amsterdam = createWorkCalendar({ timeZone: 'Europe/Amsterdam' });

/** Idul Fitri 2025 with its cuti bersama, and the cuti bersama of Nyepi the Friday before. */
const LEBARAN_2025 = ['2025-03-28', '2025-03-31', '2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-07'];

const due = (calendar: WorkCalendar, instant: string, days: number): string =>
  addWorkingDays(calendar, instant, days).toISOString();

describe('createWorkCalendar', () => {
  it('names an unknown time zone in a RangeError', () => {
    expect(() => createWorkCalendar({ timeZone: 'Asia/Jakrta' })).to.throw(RangeError, 'Asia/Jakrta');
    expect(() => createWorkCalendar({ timeZone: '' })).to.throw(RangeError);
    expect(() => createWorkCalendar({ timeZone: undefined as unknown as string })).to.throw(RangeError);
  });

  it('rejects holidays that are not real YYYY-MM-DD dates', () => {
    for (const holiday of ['2025-3-31', '2025-02-30', '31-03-2025', '2025-03-31T00:00:00Z', 'Lebaran']) {
      expect(() => createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: [holiday] })).to.throw(RangeError, holiday);
    }
  });

  it('rejects weekend days outside 0–6 and a weekend with no working day left', () => {
    expect(() => createWorkCalendar({ timeZone: 'Asia/Jakarta', weekend: [7] })).to.throw(RangeError);
    expect(() => createWorkCalendar({ timeZone: 'Asia/Jakarta', weekend: [1.5] })).to.throw(RangeError);
    expect(() => createWorkCalendar({ timeZone: 'Asia/Jakarta', weekend: [0, 1, 2, 3, 4, 5, 6] })).to.throw(RangeError);
  });

  it('keeps the zone it was given', () => {
    expect(wit.timeZone).to.equal('Asia/Jayapura');
  });
});

describe('WorkCalendar', () => {
  it('skips Saturday, Sunday and the listed holidays by default', () => {
    const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2025-03-31'] });
    expect(calendar.isWorkingDay('2025-03-07')).to.be.true; // Friday
    expect(calendar.isWorkingDay('2025-03-08')).to.be.false; // Saturday
    expect(calendar.isWorkingDay('2025-03-09')).to.be.false; // Sunday
    expect(calendar.isWorkingDay('2025-03-31')).to.be.false; // Idul Fitri
    expect(calendar.isWorkingDay('2025-04-08')).to.be.true;
  });

  it('takes another weekend, such as Friday and Saturday', () => {
    const calendar = createWorkCalendar({ timeZone: 'Asia/Riyadh', weekend: [5, 6] });
    expect(calendar.isWorkingDay('2025-03-07')).to.be.false; // Friday
    expect(calendar.isWorkingDay('2025-03-09')).to.be.true; // Sunday
  });

  it('puts one UTC instant on different local days in WIB, WITA and WIT near midnight', () => {
    const instant = new Date('2025-03-06T16:30:00Z'); // 23:30 WIB, 00:30 WITA, 01:30 WIT
    expect(wib.localDate(instant)).to.equal('2025-03-06');
    expect(wita.localDate(instant)).to.equal('2025-03-07');
    expect(wit.localDate(instant)).to.equal('2025-03-07');
    const earlier = new Date('2025-03-06T15:30:00Z'); // 22:30 WIB, 23:30 WITA, 00:30 WIT
    expect([wib, wita, wit].map((calendar) => calendar.localDate(earlier))).to.deep.equal(['2025-03-06', '2025-03-06', '2025-03-07']);
  });

  it('starts and ends a local day at local midnight', () => {
    expect(wib.startOfDay('2025-03-12').toISOString()).to.equal('2025-03-11T17:00:00.000Z');
    expect(wib.endOfDay('2025-03-12').toISOString()).to.equal('2025-03-12T16:59:59.999Z');
    expect(wit.endOfDay('2025-03-12').toISOString()).to.equal('2025-03-12T14:59:59.999Z');
  });

  it('has 23- and 25-hour days where daylight saving time begins and ends', () => {
    expect(amsterdam.startOfDay('2025-03-30').toISOString()).to.equal('2025-03-29T23:00:00.000Z');
    expect(amsterdam.endOfDay('2025-03-30').toISOString()).to.equal('2025-03-30T21:59:59.999Z');
    expect(amsterdam.startOfDay('2025-10-26').toISOString()).to.equal('2025-10-25T22:00:00.000Z');
    expect(amsterdam.endOfDay('2025-10-26').toISOString()).to.equal('2025-10-26T22:59:59.999Z');
  });

  it('starts a day at 01:00 where daylight saving time skips midnight', () => {
    const santiago = createWorkCalendar({ timeZone: 'America/Santiago' });
    expect(santiago.startOfDay('2024-09-08').toISOString()).to.equal('2024-09-08T04:00:00.000Z');
    expect(santiago.endOfDay('2024-09-07').toISOString()).to.equal('2024-09-08T03:59:59.999Z');
    expect(santiago.startOfDay('2025-04-06').toISOString()).to.equal('2025-04-06T04:00:00.000Z');
  });

  it('rejects local dates that are not YYYY-MM-DD', () => {
    expect(() => wib.isWorkingDay('2025-02-29')).to.throw(RangeError);
    expect(() => wib.startOfDay('12/03/2025')).to.throw(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('ends at 23:59:59.999 local of the n-th working day after the day of receipt', () => {
    // Friday 19:30 WIB: Monday, Tuesday, Wednesday.
    expect(due(wib, '2025-03-07T12:30:00Z', 3)).to.equal('2025-03-12T16:59:59.999Z');
    // Monday 00:10 WIB (Sunday in UTC): Tuesday, Wednesday, Thursday.
    expect(due(wib, '2025-03-09T17:10:00Z', 3)).to.equal('2025-03-13T16:59:59.999Z');
    expect(due(wib, '2025-03-10T10:00:00Z', 1)).to.equal('2025-03-11T16:59:59.999Z');
  });

  it('does not count the day of receipt, whatever its hour', () => {
    expect(due(wib, '2025-03-09T17:00:00Z', 1)).to.equal('2025-03-11T16:59:59.999Z'); // Monday 00:00 WIB
    expect(due(wib, '2025-03-10T16:59:59.999Z', 1)).to.equal('2025-03-11T16:59:59.999Z'); // Monday 23:59 WIB
  });

  it('gives the end of the day of receipt for 0 days', () => {
    expect(due(wib, '2025-03-08T03:00:00Z', 0)).to.equal('2025-03-08T16:59:59.999Z');
  });

  it('counts from Monday when the complaint arrives at the weekend', () => {
    expect(due(wib, '2025-03-08T03:00:00Z', 3)).to.equal('2025-03-12T16:59:59.999Z'); // Saturday
    expect(due(wib, '2025-03-09T16:59:59.999Z', 3)).to.equal('2025-03-12T16:59:59.999Z'); // Sunday 23:59
  });

  it('skips a holiday on the Monday after a weekend', () => {
    const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2025-03-10'] });
    expect(due(calendar, '2025-03-07T12:30:00Z', 3)).to.equal('2025-03-13T16:59:59.999Z');
  });

  it('skips a long Lebaran stretch of holidays and weekends', () => {
    const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: LEBARAN_2025 });
    // Thursday 27 March: the next working days are 8, 9 and 10 April.
    expect(due(calendar, '2025-03-27T03:00:00Z', 3)).to.equal('2025-04-10T16:59:59.999Z');
    // Received on the holiday itself (Monday 31 March): the same three days.
    expect(due(calendar, '2025-03-31T03:00:00Z', 3)).to.equal('2025-04-10T16:59:59.999Z');
    expect(due(calendar, '2025-03-27T03:00:00Z', 1)).to.equal('2025-04-08T16:59:59.999Z');
  });

  it('counts from the local day of receipt in WIB, WITA and WIT', () => {
    const instant = '2025-03-06T16:30:00Z'; // Thursday 23:30 WIB, Friday 00:30 WITA, Friday 01:30 WIT
    expect(due(wib, instant, 3)).to.equal('2025-03-11T16:59:59.999Z'); // Tuesday 23:59:59.999 WIB
    expect(due(wita, instant, 3)).to.equal('2025-03-12T15:59:59.999Z'); // Wednesday 23:59:59.999 WITA
    expect(due(wit, instant, 3)).to.equal('2025-03-12T14:59:59.999Z'); // Wednesday 23:59:59.999 WIT
  });

  it('ends the day in summer time after daylight saving time begins', () => {
    // Thursday 27 March 12:00 CET; the clocks go forward on Sunday 30 March.
    expect(due(amsterdam, '2025-03-27T11:00:00Z', 1)).to.equal('2025-03-28T22:59:59.999Z'); // CET
    expect(due(amsterdam, '2025-03-27T11:00:00Z', 3)).to.equal('2025-04-01T21:59:59.999Z'); // CEST
    // And back to winter time after it ends on Sunday 26 October.
    expect(due(amsterdam, '2025-10-24T10:00:00Z', 1)).to.equal('2025-10-27T22:59:59.999Z');
  });

  it('takes a Date as well as an ISO string', () => {
    expect(addWorkingDays(wib, new Date('2025-03-07T12:30:00Z'), 3).toISOString()).to.equal('2025-03-12T16:59:59.999Z');
  });

  it('rejects an invalid instant and a day count that is negative or fractional', () => {
    expect(() => addWorkingDays(wib, 'not a date', 3)).to.throw(RangeError);
    expect(() => addWorkingDays(wib, new Date(Number.NaN), 3)).to.throw(RangeError);
    expect(() => addWorkingDays(wib, '2025-03-07T12:30:00Z', -1)).to.throw(RangeError);
    expect(() => addWorkingDays(wib, '2025-03-07T12:30:00Z', 1.5)).to.throw(RangeError);
  });
});

describe('addCalendarDays', () => {
  it('ends at 23:59:59.999 local of the date n days after the day of receipt, weekends included', () => {
    expect(addCalendarDays(wib, '2025-03-07T12:30:00Z', 14).toISOString()).to.equal('2025-03-21T16:59:59.999Z');
    expect(addCalendarDays(wib, '2025-03-07T12:30:00Z', 1).toISOString()).to.equal('2025-03-08T16:59:59.999Z');
    expect(addCalendarDays(amsterdam, '2025-03-27T11:00:00Z', 14).toISOString()).to.equal('2025-04-10T21:59:59.999Z');
  });
});

describe('workingDaysBetween', () => {
  const jakarta = createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2025-03-31', '2025-04-01', '2025-03-31'] });

  it('counts the working days after the first date up to the second, skipping weekends and holidays', () => {
    expect(workingDaysBetween(jakarta, '2025-03-07', '2025-03-12')).to.equal(3);
    expect(workingDaysBetween(jakarta, '2025-03-12', '2025-03-12')).to.equal(0);
    // Friday to Saturday: no working day passed.
    expect(workingDaysBetween(jakarta, '2025-03-07', '2025-03-08')).to.equal(0);
    // Idul Fitri (31 March, 1 April 2025) are days off.
    expect(workingDaysBetween(jakarta, '2025-03-28', '2025-04-02')).to.equal(1);
    expect(workingDaysBetween(jakarta, '2025-03-12', '2025-03-07')).to.equal(-3);
  });

  it('agrees with addWorkingDays', () => {
    for (let days = 0; days < 30; days++) {
      const deadline = jakarta.localDate(addWorkingDays(jakarta, '2025-03-20T02:00:00Z', days));
      expect(workingDaysBetween(jakarta, '2025-03-20', deadline)).to.equal(days);
    }
  });

  it('reads the calendar\'s own holidays and weekend, sorted and without repeats', () => {
    expect(jakarta.holidays).to.deep.equal(['2025-03-31', '2025-04-01']);
    expect(jakarta.weekend).to.deep.equal([0, 6]);
    const friday = createWorkCalendar({ timeZone: 'Asia/Riyadh', weekend: [6, 5] });
    expect(friday.weekend).to.deep.equal([5, 6]);
    expect(friday.holidays).to.deep.equal([]);
  });
});

describe('shiftLocalDate', () => {
  it('crosses months, leap days and years', () => {
    expect(shiftLocalDate('2024-02-28', 1)).to.equal('2024-02-29');
    expect(shiftLocalDate('2024-12-31', 1)).to.equal('2025-01-01');
    expect(shiftLocalDate('2025-03-01', -1)).to.equal('2025-02-28');
  });
});

describe('calendar properties', () => {
  const zones = [
    'Asia/Jakarta',
    'Asia/Makassar',
    'Asia/Jayapura',
    'Europe/Amsterdam',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
  ] as const;
  const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));
  /** A calendar with holidays scattered over the weeks after the instant. */
  const calendarNear = (zone: string, at: Date, offsets: readonly number[]): WorkCalendar => {
    const base = createWorkCalendar({ timeZone: zone }).localDate(at);
    return createWorkCalendar({ timeZone: zone, holidays: offsets.map((offset) => shiftLocalDate(base, offset)) });
  };
  const setting = fc.record({
    zone: fc.constantFrom(...zones),
    at: instant,
    holidays: fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 15 }),
  });

  it('always ends at the last millisecond of a working day, exactly n working days after receipt', () => {
    fc.assert(
      fc.property(setting, fc.integer({ min: 1, max: 30 }), ({ zone, at, holidays }, days) => {
        const calendar = calendarNear(zone, at, holidays);
        const deadline = addWorkingDays(calendar, at, days);
        const date = calendar.localDate(deadline);
        expect(calendar.isWorkingDay(date)).to.be.true;
        expect(deadline.getTime() + 1).to.equal(calendar.startOfDay(shiftLocalDate(date, 1)).getTime());
        expect(deadline.getTime()).to.be.greaterThan(at.getTime());
        let counted = 0;
        for (let day = shiftLocalDate(calendar.localDate(at), 1); day <= date; day = shiftLocalDate(day, 1)) {
          if (calendar.isWorkingDay(day)) counted += 1;
        }
        expect(counted).to.equal(days);
      }),
    );
  });

  it('never gives an earlier deadline for more days or a later receipt', () => {
    fc.assert(
      fc.property(
        setting,
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        ({ zone, at, holidays }, days, more, later) => {
          const calendar = calendarNear(zone, at, holidays);
          const deadline = addWorkingDays(calendar, at, days).getTime();
          expect(addWorkingDays(calendar, at, days + more).getTime()).to.be.at.least(deadline);
          if (more > 0) expect(addWorkingDays(calendar, at, days + more).getTime()).to.be.greaterThan(deadline);
          expect(addWorkingDays(calendar, new Date(at.getTime() + later), days).getTime()).to.be.at.least(deadline);
        },
      ),
    );
  });

  it('places every instant inside its own local day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, at) => {
        const calendar = createWorkCalendar({ timeZone: zone });
        const date = calendar.localDate(at);
        const start = calendar.startOfDay(date).getTime();
        const end = calendar.endOfDay(date).getTime();
        expect(start).to.be.at.most(at.getTime());
        expect(end).to.be.at.least(at.getTime());
        expect(calendar.localDate(new Date(start))).to.equal(date);
        expect(calendar.localDate(new Date(start - 1))).to.not.equal(date);
        expect(calendar.localDate(new Date(end + 1))).to.not.equal(date);
      }),
    );
  });
});
