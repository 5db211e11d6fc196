import { GBER_2014, GBER_2023, PARAMETER_SETS, parameterSetById, selectParameterSet } from './parameters';

describe('parameter sets (docs/rules.md section 4)', () => {
  it.each<[string, string]>([
    ['2014-07-01', 'gber-2014'],
    ['2023-12-10', 'gber-2014'],
    ['2023-12-11', 'gber-2023'],
    ['2026-03-02', 'gber-2023'],
    ['2023-12-10T22:59:59Z', 'gber-2014'], // 23:59:59 in Oslo
    ['2023-12-10T23:00:00Z', 'gber-2023'], // 00:00 on 11 December in Oslo
  ])('%s selects %s', (date, id) => {
    expect(selectParameterSet(date).id).toBe(id);
  });

  it('rejects what is not a date', () => {
    expect(() => selectParameterSet('2023-13-01')).toThrow(RangeError);
    expect(() => selectParameterSet('')).toThrow(RangeError);
  });

  it('holds every number of the rulebook', () => {
    for (const p of [GBER_2014, GBER_2023]) {
      expect(p.sizeLimits).toEqual({
        micro: { awuBelow: 10, turnoverEurAtMost: 2_000_000, balanceSheetEurAtMost: 2_000_000 },
        small: { awuBelow: 50, turnoverEurAtMost: 10_000_000, balanceSheetEurAtMost: 10_000_000 },
        medium: { awuBelow: 250, turnoverEurAtMost: 50_000_000, balanceSheetEurAtMost: 43_000_000 },
      });
      expect(p.publicControlLimitPct).toBe(25);
      expect(p.partnerSharePct).toEqual({ atLeast: 25, atMost: 50 });
      expect(p.maxIntensityPct).toEqual({ sme: 50, large: 15 });
      expect(p.smeCostShareWithLargePct).toBe(30);
      expect(p.startUpExemptionYears).toBe(3);
      expect(p.leverage).toEqual({ debtToEquityAbove: 7.5, interestCoverBelow: 1.0 });
      expect(p.eligibleCategories).toEqual(['personnel', 'consultancy', 'equipment', 'ipr']);
      expect(p.defaultNokPerEur).toBe(11.5);
    }
    expect([GBER_2014.notificationThresholdEur, GBER_2023.notificationThresholdEur]).toEqual([7_500_000, 10_000_000]);
    expect([GBER_2014.registerThresholdEur, GBER_2023.registerThresholdEur]).toEqual([500_000, 100_000]);
  });

  it('has contiguous, non-overlapping periods', () => {
    expect(PARAMETER_SETS.map((p) => [p.effectiveFrom, p.effectiveUntil])).toEqual([
      [null, '2023-12-10'],
      ['2023-12-11', null],
    ]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(GBER_2023)).toBe(true);
    expect(Object.isFrozen(GBER_2023.sizeLimits.small)).toBe(true);
    expect(Object.isFrozen(GBER_2023.eligibleCategories)).toBe(true);
  });

  it('finds a set by id', () => {
    expect(parameterSetById('gber-2023')).toBe(GBER_2023);
    expect(parameterSetById('nope')).toBeUndefined();
  });
});
