import {
  businessDaysBetween,
  easterSunday,
  isBusinessDay,
  norwegianHolidays,
  osloToday,
  shiftDate,
} from './business-days';

describe('Norwegian business days', () => {
  it('finds Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('knows the public holidays, the moving ones included', () => {
    expect([...norwegianHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-02', // Maundy Thursday
      '2026-04-03', // Good Friday
      '2026-04-05',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-14', // Ascension Day
      '2026-05-17',
      '2026-05-24',
      '2026-05-25', // Whit Monday
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(isBusinessDay('2026-12-25')).toBe(false);
    expect(isBusinessDay('2026-12-05')).toBe(false); // a Saturday
    expect(isBusinessDay('2026-12-04')).toBe(true);
  });

  it('counts the days left to a date, and the days past it', () => {
    // Thursday 3 December 2026 to Wednesday 16 December: 9 business days.
    expect(businessDaysBetween('2026-12-03', '2026-12-16')).toBe(9);
    expect(businessDaysBetween('2026-12-16', '2026-12-03')).toBe(-9);
    expect(businessDaysBetween('2026-12-03', '2026-12-03')).toBe(0);
    // Friday to Monday is one business day; over Christmas the holidays do not count.
    expect(businessDaysBetween('2026-12-04', '2026-12-07')).toBe(1);
    expect(businessDaysBetween('2026-12-23', '2026-12-28')).toBe(2); // 24th and 28th
    // Over Easter 2026: Wed 1 April to Tue 7 April has Tuesday only.
    expect(businessDaysBetween('2026-04-01', '2026-04-07')).toBe(1);
  });

  it('shifts dates across months and years, and reads today in Norwegian time', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    // 23:30 UTC on 31 December is already New Year's Day in Oslo.
    expect(osloToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
