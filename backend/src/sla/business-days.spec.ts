import fc from 'fast-check';
import { addBusinessDays, businessDaysBetween, isBusinessDay, toOsloDate } from './business-days';

describe('Norwegian business days', () => {
  it('skips weekends and the moving holidays of Easter 2026', () => {
    // Maundy Thursday 2 April, Good Friday 3 April, Easter Monday 6 April.
    expect(['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07'].map(isBusinessDay)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(addBusinessDays('2026-04-01', 1)).toBe('2026-04-07');
    expect(businessDaysBetween('2026-04-01', '2026-04-07')).toBe(1);
  });

  it('counts 40 business days from 2 March 2026 to 30 April (Easter inside, 1 May a holiday)', () => {
    expect(addBusinessDays('2026-03-02', 40)).toBe('2026-04-30');
    expect(businessDaysBetween('2026-03-02', '2026-04-30')).toBe(40);
  });

  it('knows Ascension Day and Whit Monday, and that 17 May 2026 is a Sunday', () => {
    expect(isBusinessDay('2026-05-14')).toBe(false); // Kristi himmelfartsdag
    expect(isBusinessDay('2026-05-25')).toBe(false); // Andre pinsedag
    expect(businessDaysBetween('2026-05-13', '2026-05-18')).toBe(2); // 15th and 18th
  });

  it('is negative once the date has passed, and agrees with a day-by-day walk over years', () => {
    expect(businessDaysBetween('2026-04-30', '2026-03-02')).toBe(-40);
    const walk = (from: string, to: string) => {
      let n = 0;
      for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) < to;) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (isBusinessDay(d.toISOString().slice(0, 10))) n++;
      }
      return n;
    };
    for (const [a, b] of [
      ['2023-12-20', '2026-01-05'],
      ['2024-02-28', '2024-03-01'],
      ['2025-12-24', '2026-01-02'],
    ]) {
      expect(businessDaysBetween(a, b)).toBe(walk(a, b));
      expect(businessDaysBetween(b, a)).toBe(-walk(a, b));
    }
  });

  it('takes the date of an instant in Norwegian time', () => {
    expect(toOsloDate('2026-03-01T23:30:00Z')).toBe('2026-03-02');
    expect(toOsloDate('2026-07-01T21:59:00Z')).toBe('2026-07-01');
    expect(toOsloDate('2026-07-01T22:00:00Z')).toBe('2026-07-02');
  });

  it('gives the date ICU gives for any instant, across daylight saving changes (the per-hour memo is exact)', () => {
    const icu = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(toOsloDate(d)).toBe(icu.format(d));
        expect(toOsloDate(d.toISOString())).toBe(icu.format(d));
      }),
      { numRuns: 3000 },
    );
    for (const instant of [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00Z',
      '2026-03-29T00:59:59Z',
      '2026-03-29T01:00:00Z',
      '2026-10-24T21:59:59Z',
      '2026-10-24T22:00:00Z',
      '2026-10-25T22:59:59Z',
      '2026-10-25T23:00:00Z',
    ]) {
      expect(toOsloDate(instant)).toBe(icu.format(new Date(instant)));
    }
  });
});
