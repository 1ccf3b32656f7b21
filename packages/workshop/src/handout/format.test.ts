import { describe, expect, it } from 'vitest';
import { categoriesOf, categoryLabel, dayBefore, formatCell, formatDays, formatNumber, formatSatisfaction, formatShare, monthsOf, periodLine } from './format.js';

describe("the handout's numbers and dates", () => {
  it('groups digits and writes decimals as each language does, without Intl', () => {
    expect(formatNumber(1234567.25, 'id', 1)).toBe('1.234.567,3');
    expect(formatNumber(1234567.25, 'en', 1)).toBe('1,234,567.3');
    expect(formatNumber(999, 'id')).toBe('999');
    expect(formatNumber(1000, 'id')).toBe('1.000');
    expect(formatShare({ n: 14, of: 16, share: 0.875 }, 'id')).toEqual({ percent: '87,5%', count: '14/16' });
    expect(formatShare({ n: 1234, of: 5678, share: 0.2173 }, 'en')).toEqual({ percent: '21.7%', count: '1,234/5,678' });
    // Nothing to count is not 0%.
    expect(formatShare({ n: 0, of: 0, share: null }, 'id')).toBeNull();
    expect(formatDays(null, 'id')).toBe('—');
    expect(formatDays(4.5, 'id')).toBe('4,5');
    expect(formatDays(4, 'en')).toBe('4');
    expect(formatSatisfaction({ index: 82.5, grade: 'B', responses: 12 }, 'id')).toBe('82,50 B\n12 tanggapan');
    expect(formatSatisfaction(null, 'en')).toBe('—');
    expect(formatCell('< 5', 'id')).toBe('< 5');
    expect(formatCell(12345, 'id')).toBe('12.345');
  });

  it('prints the period with its last day included and the instant in the intake zone', () => {
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    const answer = { period: { from: '2026-01-01', to: '2027-01-01' }, at: '2026-11-06T03:00:00.000Z' };
    expect(periodLine({ ...answer, timeZone: 'Asia/Jayapura' }, 'id')).toBe('Pengaduan yang diterima 1 Januari 2026 s.d. 31 Desember 2026; dihitung pada 6 November 2026 pukul 12.00 WIT.');
    // Outside Indonesia the zone is its UTC offset (Intl would print "GMT+1").
    expect(periodLine({ ...answer, timeZone: 'Europe/Amsterdam' }, 'en')).toBe('Complaints received 1 January 2026 to 31 December 2026; computed on 6 November 2026 at 04:00 UTC+1.');
    // Late in the evening UTC is the next day in Jakarta.
    expect(periodLine({ ...answer, at: '2026-11-06T20:30:00.000Z', timeZone: 'Asia/Jakarta' }, 'id')).toContain('dihitung pada 7 November 2026 pukul 03.30 WIB');
  });

  it('lists every month of the period, with none left out for having no complaints', () => {
    expect(monthsOf({ from: '2026-11-15', to: '2027-02-01' }, ['2026-12'])).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsOf({ from: '2026-01-01', to: '2026-01-02' }, [])).toEqual(['2026-01']);
    expect(monthsOf({ from: '2016-01-01', to: '2026-01-01' }, []).length).toBe(120);
  });

  it("orders the categories as core's catalogue and names them as the form does", () => {
    expect(categoriesOf({ other: 3, undue_delay: '< 5', discrimination: 0, custom_code: 7 })).toEqual(['undue_delay', 'other', 'custom_code']);
    expect(categoryLabel('improper_request', 'id')).toBe('Permintaan imbalan uang, barang, atau jasa');
    expect(categoryLabel('improper_request', 'en')).toBe('Request for money, goods or favours');
    expect(categoryLabel('custom_code', 'en')).toBe('custom_code');
  });
});
