import { formatDate, formatEur, formatList, formatNok, formatNumber, formatPct } from './format';
import { maxAid, nokToEur, roundDown, roundHalfUp } from './money';

describe('rounding', () => {
  it.each<[number, number]>([
    [0.5, 1],
    [1.49, 1],
    [2.5, 3],
    [1060.5, 1061],
    [1234.4999999999998, 1235], // float noise of an exact half
    [0, 0],
    [-0.4, 0],
  ])('half up %s = %s', (x, expected) => {
    expect(roundHalfUp(x)).toBe(expected);
    expect(Object.is(roundHalfUp(x), -0)).toBe(false);
  });

  it('rounds to cents', () => {
    expect(roundHalfUp(8_834_782.608695652, 2)).toBe(8_834_782.61);
    expect(roundHalfUp(1.005, 2)).toBe(1.01); // 1.005 is 1.00499999999999989... in binary
  });

  it('rounds a maximum aid down', () => {
    expect(roundDown(1_145_000.5)).toBe(1_145_000);
    expect(maxAid(2_290_001, 50)).toBe(1_145_000);
    expect(maxAid(1_000_001, 15)).toBe(150_000);
    expect(maxAid(1_000_000, 15)).toBe(150_000);
    // 0.1 + 0.2 style noise must not cost a krone: 2 000 000 x 15 % = 300 000 exactly.
    expect(maxAid(2_000_000, 15)).toBe(300_000);
  });

  it('converts NOK to EUR with two decimals', () => {
    expect(nokToEur(1_500_000, 11.5)).toBe(130_434.78);
    expect(nokToEur(1_150_000, 11.5)).toBe(100_000);
  });
});

describe('formatting', () => {
  it('formats NOK in both languages', () => {
    expect(formatNok('nb', 1_500_000)).toBe('1 500 000 kr');
    expect(formatNok('en', 1_500_000)).toBe('NOK 1,500,000');
    expect(formatNok('nb', 0)).toBe('0 kr');
    expect(formatNok('nb', 999)).toBe('999 kr');
    expect(formatNok('en', 1000)).toBe('NOK 1,000');
    expect(formatNok('nb', -1_500_000)).toBe('-1 500 000 kr');
    expect(formatNok('en', 1_234_567_890)).toBe('NOK 1,234,567,890');
  });

  it('formats EUR with cents', () => {
    expect(formatEur('nb', 8_834_782.61)).toBe('8 834 782,61 EUR');
    expect(formatEur('en', 100_000)).toBe('EUR 100,000.00');
    expect(formatEur('en', 10_000_000, true)).toBe('EUR 10,000,000');
  });

  it('formats numbers, percentages, dates and lists', () => {
    expect(formatNumber('nb', 43.5, 2)).toBe('43,5');
    expect(formatNumber('en', 7.25, 2)).toBe('7.25');
    expect(formatNumber('en', 1200, 2)).toBe('1,200');
    expect(formatPct('nb', 28.57)).toBe('28,57 %');
    expect(formatPct('en', 30)).toBe('30%');
    expect(formatDate('nb', '2026-03-02')).toBe('2. mars 2026');
    expect(formatDate('en', '2026-12-31')).toBe('31 December 2026');
    expect(formatList('nb', ['a', 'b', 'c'])).toBe('a, b og c');
    expect(formatList('en', ['a', 'b'])).toBe('a and b');
    expect(formatList('en', ['a'])).toBe('a');
  });
});
