import { addMonths, addYears, isIsoDate, monthsInclusiveRoundedUp, osloDate } from './dates';

describe('osloDate', () => {
  it.each<[string, string | null]>([
    ['2026-03-02T10:15:00Z', '2026-03-02'],
    ['2026-03-02T23:00:00Z', '2026-03-03'], // CET, +1
    ['2026-03-02T22:59:59Z', '2026-03-02'],
    ['2026-07-01T22:00:00Z', '2026-07-02'], // CEST, +2
    ['2026-07-01T21:59:59.999Z', '2026-07-01'],
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night summer time starts
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the night winter time starts
    ['2026-03-02T01:00:00+05:00', '2026-03-01'],
    ['2026-03-02T10:15:00', '2026-03-02'], // no offset: taken as Norwegian local time
    ['2026-03-02', '2026-03-02'],
    ['2026-02-30', null],
    ['yesterday', null],
  ])('%s is %s in Oslo', (ts, expected) => {
    expect(osloDate(ts)).toBe(expected);
  });

  it('ignores anything that is not a string', () => {
    expect(osloDate(null)).toBeNull();
    expect(osloDate(undefined)).toBeNull();
    expect(osloDate(20260302)).toBeNull();
  });
});

describe('calendar arithmetic', () => {
  it('validates dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
  });

  it('adds months and years, ending at the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2023-03-02', 3)).toBe('2026-03-02');
  });

  it.each<[string, string, number | null]>([
    ['2026-04-01', '2027-09-30', 18],
    ['2026-04-01', '2027-10-01', 19],
    ['2026-04-15', '2026-05-14', 1],
    ['2026-04-15', '2026-05-15', 2],
    ['2026-01-31', '2026-02-27', 1],
    ['2026-01-31', '2026-02-28', 1],
    ['2026-04-01', '2026-04-01', 1],
    ['2026-03-01', '2026-03-31', 1],
    ['2026-03-01', '2026-04-01', 2],
    ['2026-02-01', '2026-02-28', 1],
    ['2026-01-30', '2026-02-28', 1],
    ['2026-01-31', '2026-03-01', 2],
    ['2026-01-01', '2026-12-31', 12],
    ['2025-12-15', '2027-06-14', 18],
    ['2026-04-02', '2026-04-01', null],
  ])('project %s to %s is %s months', (start, end, expected) => {
    expect(monthsInclusiveRoundedUp(start, end)).toBe(expected);
  });
});
