import { osloDate } from '../../rulebook';
import { isReceivedAt } from './intake.validator';

describe('receivedAt (docs/intake.md)', () => {
  it.each([
    '2026-03-02T10:15:00Z',
    '2026-03-02T10:15:00.123Z',
    '2026-03-02T10:15:00.123456+01:00',
    '2026-03-02T23:30:00-05:30',
    '2000-01-01T00:00:00Z',
    '2024-02-29T12:00:00+00:00',
  ])('accepts %s, and the rulebook reads its date', (v) => {
    expect(isReceivedAt(v)).toBe(true);
    expect(osloDate(v)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['a space for T', '2026-03-02 10:15:00Z'],
    ['lower-case t', '2026-03-02t10:15:00Z'],
    ['lower-case z', '2026-03-02T10:15:00z'],
    ['an offset of hours only', '2026-03-02T10:15:00+01'],
    ['an offset without its colon', '2026-03-02T10:15:00+0100'],
    ['no offset', '2026-03-02T10:15:00'],
    ['no seconds', '2026-03-02T10:15Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['a year before 2000', '1999-12-31T23:59:59Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February in a common year', '2026-02-29T10:00:00Z'],
    ['hour 24', '2026-03-02T24:00:00Z'],
    ['an offset of 24 hours', '2026-03-02T10:15:00+24:00'],
    ['a fraction without digits', '2026-03-02T10:15:00.Z'],
  ])('refuses %s', (_, v) => {
    expect(isReceivedAt(v)).toBe(false);
  });
});
