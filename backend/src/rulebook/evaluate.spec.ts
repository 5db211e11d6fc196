import { evaluate } from './evaluate';
import { intakeSampleCase } from './fixtures';
import { GBER_2014, GBER_2023 } from './parameters';
import { context, lineResult, rule, run } from './testing';
import { RULEBOOK_VERSION } from './version';

describe('evaluate: the docs/intake.md sample on 2026-03-02 at 11.50 NOK/EUR', () => {
  const result = evaluate(intakeSampleCase(), context('2026-03-02', 11.5));

  it('uses the gber-2023 set and records the rate, its source and the rulebook version', () => {
    expect(result.parameterSet).toBe('gber-2023');
    expect(result.nokPerEur).toBe(11.5);
    expect(result.fxSource).toBe('test');
    expect(result.fxDate).toBe('2026-03-02');
    expect(result.rulebookVersion).toBe(RULEBOOK_VERSION);
    expect(result.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a small enterprise from the aggregated figures', () => {
    // 2025: AWU 42 + 30 % x 5 = 43.5; turnover 98 000 000 + 30 % x 12 000 000 = 101 600 000 NOK
    //   = 8 834 782.61 EUR; balance 61 000 000 + 30 % x 30 000 000 = 70 000 000 NOK = 6 086 956.52 EUR.
    //   Micro: AWU 43.5 >= 10. Small: 43.5 < 50 and 8.83 M <= 10 M: small.
    // 2024: AWU 39 + 1.5 = 40.5; turnover 94 600 000 NOK = 8 226 086.96 EUR: small.
    // Same class both years: small.
    const sme = rule(result, 'SME-01');
    expect(sme.outcome).toBe('pass');
    expect(result.sizeClass).toBe('small');
    expect(sme.inputs.years).toEqual([
      expect.objectContaining({
        year: 2025,
        annualWorkUnits: 43.5,
        turnoverEur: 8_834_782.61,
        balanceSheetEur: 6_086_956.52,
        sizeClass: 'small',
      }),
      expect.objectContaining({
        year: 2024,
        annualWorkUnits: 40.5,
        turnoverEur: 8_226_086.96,
        balanceSheetEur: 5_826_086.96,
        sizeClass: 'small',
      }),
    ]);
    expect(sme.explanation.nb).toContain('årsverk 43,5, omsetning 8 834 782,61 EUR');
    expect(sme.explanation.en).toContain('annual work units 43.5, turnover EUR 8,834,782.61');
    expect(sme.explanation.nb).toContain('Størrelsesklasse: lite foretak.');
  });

  it('finds every cost line eligible in full', () => {
    // line-1: 1 200 h x 850 = 1 020 000, claimed 1 020 000.
    // line-3: project 2026-04-01..2027-09-30 = 18 months; 2 400 000 x 18/60 x 50 % = 360 000.
    // line-4: 10 000 x 6 x 100 % = 60 000.
    expect(result.costLines.map((l) => [l.costLineId, l.outcome, l.claimedNok, l.eligibleNok])).toEqual([
      ['line-1', 'eligible', 1_020_000, 1_020_000],
      ['line-2', 'eligible', 600_000, 600_000],
      ['line-3', 'eligible', 360_000, 360_000],
      ['line-4', 'eligible', 60_000, 60_000],
      ['line-5', 'eligible', 250_000, 250_000],
    ]);
    expect(lineResult(result, 'line-3').reasons[0].explanation.nb).toBe(
      'Avskrivning: 2 400 000 kr × 18/60 måneder × 50 % = 360 000 kr. Krevd 360 000 kr er innenfor.',
    );
  });

  it('computes the totals', () => {
    // Eligible 1 020 000 + 600 000 + 360 000 + 60 000 + 250 000 = 2 290 000.
    // Max aid: 50 % x 2 290 000 = 1 145 000. Requested 1 500 000 NOK / 11.5 = 130 434.78 EUR.
    expect(result.totals).toEqual({
      appliedCostsNok: 2_290_000,
      eligibleCostsNok: 2_290_000,
      pendingAssessmentNok: 0,
      maxIntensityPct: 50,
      maxAidNok: 1_145_000,
      requestedAidNok: 1_500_000,
      requestedAidEur: 130_434.78,
      otherAidSameCostsNok: 200_000,
    });
  });

  it('gives every case-level rule in the order of the rulebook', () => {
    expect(result.rules.map((r) => [r.ruleId, r.outcome])).toEqual([
      ['INC-01', 'pass'], // received 2026-03-02 (11:15 in Oslo) < start 2026-04-01
      ['INC-02', 'pass'],
      ['SME-01', 'pass'],
      ['LRG-01', 'na'], // small
      ['UID-01', 'pass'], // other equity 15 000 000 >= 0; not large, so no leverage test
      ['REC-01', 'pass'],
      ['SEC-01', 'pass'], // NACE 22.220: division 22
      ['INT-01', 'assess'], // requested 1 500 000 > 1 145 000: a grant can be at most 1 145 000
      ['CUM-01', 'assess'], // 1 500 000 + 200 000 = 1 700 000 > 1 145 000: a grant can be at most 945 000
      ['THR-01', 'pass'], // 130 434.78 EUR <= 10 000 000 EUR
      ['TRN-01', 'pass'], // 130 434.78 EUR >= 100 000 EUR: register-report
    ]);
    expect(result.obligations).toEqual(['register-report']);
  });

  it('explains the maximum aid in NOK in both languages', () => {
    const int = rule(result, 'INT-01');
    expect(int.explanation.nb).toBe(
      'Søkt støtte 1 500 000 kr er over maksimal støtte 1 145 000 kr (50 % av støtteberettigede kostnader 2 290 000 kr, rundet ned); tilskuddet kan høyst bli 1\u00a0145\u00a0000\u00a0kr.',
    );
    expect(int.explanation.en).toBe(
      'The requested aid of NOK 1,500,000 is above the maximum aid of NOK 1,145,000 (50% of eligible costs of NOK 2,290,000, rounded down); a grant can be at most NOK\u00a01,145,000.',
    );
    expect(int.legalReference).toBe('GBER art. 29(4), art. 7');
  });

  it('leaves every applicable judgment to assess and the conditional ones not applicable', () => {
    expect(result.judgments.map((j) => [j.criterionId, j.outcome, j.applies])).toEqual([
      ['J-INNO-01', 'assess', true],
      ['J-INNO-02', 'assess', true],
      ['J-INNO-03', 'assess', true],
      ['J-COMP-01', 'assess', true],
      ['J-COMP-02', 'assess', true],
      ['J-NEED-01', 'assess', true],
      ['J-FEAS-01', 'assess', true],
      ['J-COST-01', 'assess', true],
      ['J-LRG-01', 'na', false],
      ['J-CIRC-01', 'na', false],
    ]);
  });

  it('passes INT-01 and CUM-01 once the request fits, and leaves a request above the maximum to assess', () => {
    // 945 000 + 200 000 = 1 145 000 = max aid: at most, so pass.
    const r = run((c) => (c.aid!.requestedAmountNok = 945_000));
    expect(rule(r, 'INT-01').outcome).toBe('pass');
    expect(rule(r, 'CUM-01').outcome).toBe('pass');
    const over = run((c) => (c.aid!.requestedAmountNok = 945_001));
    expect(rule(over, 'INT-01').outcome).toBe('pass');
    expect(rule(over, 'CUM-01').outcome).toBe('assess');
  });
});

describe('evaluate: parameter set and context', () => {
  it('picks the set by the evaluation date', () => {
    expect(run(undefined, context('2023-12-10')).parameterSet).toBe('gber-2014');
    expect(run(undefined, context('2023-12-11')).parameterSet).toBe('gber-2023');
  });

  it('uses an explicitly given set', () => {
    expect(run(undefined, context('2026-03-02'), GBER_2014).parameterSet).toBe('gber-2014');
  });

  it('changes the register obligation with the set: EUR 130 434.78 is below 500 000 (2014), above 100 000 (2023)', () => {
    expect(run(undefined, context('2023-12-10')).obligations).toEqual([]);
    expect(run(undefined, context('2023-12-11')).obligations).toEqual(['register-report']);
  });

  it('rejects an invalid context, not an incomplete case', () => {
    expect(() => evaluate(intakeSampleCase(), context('2026-02-30'))).toThrow(RangeError);
    expect(() => evaluate(intakeSampleCase(), context('2026-03-02', 0))).toThrow(RangeError);
    expect(() => evaluate(intakeSampleCase(), context('2026-03-02', Number.NaN))).toThrow(RangeError);
    expect(() => evaluate({}, context())).not.toThrow();
  });

  it('never changes its input', () => {
    const snapshot = intakeSampleCase();
    const before = JSON.stringify(snapshot);
    const freeze = (v: unknown): void => {
      if (v && typeof v === 'object') {
        Object.values(v).forEach(freeze);
        Object.freeze(v);
      }
    };
    freeze(snapshot);
    expect(() => evaluate(snapshot, context())).not.toThrow();
    expect(JSON.stringify(snapshot)).toBe(before);
  });

  it('hashes the input: same input same hash, any change another hash', () => {
    const a = evaluate(intakeSampleCase(), context());
    const b = evaluate(intakeSampleCase(), context());
    expect(a.inputHash).toBe(b.inputHash);
    expect(run((c) => (c.costLines![0].approvedAmountNok = 1_000_000)).inputHash).not.toBe(a.inputHash);
    expect(evaluate(intakeSampleCase(), context('2026-03-02', 11.6)).inputHash).not.toBe(a.inputHash);
    expect(evaluate(intakeSampleCase(), context('2026-03-03')).inputHash).not.toBe(a.inputHash);
    expect(evaluate(intakeSampleCase(), context(), GBER_2014).inputHash).not.toBe(a.inputHash);
    expect(evaluate(intakeSampleCase(), context(), GBER_2023).inputHash).toBe(a.inputHash);
  });

  it('evaluates an empty snapshot to missing, not to a crash', () => {
    const r = evaluate({}, context());
    expect(r.sizeClass).toBeNull();
    expect(r.totals).toEqual({
      appliedCostsNok: 0,
      eligibleCostsNok: 0,
      pendingAssessmentNok: 0,
      maxIntensityPct: null,
      maxAidNok: null,
      requestedAidNok: null,
      requestedAidEur: null,
      otherAidSameCostsNok: 0,
    });
    expect(r.rules.map((x) => [x.ruleId, x.outcome])).toEqual([
      ['INC-01', 'missing'],
      ['INC-02', 'missing'],
      ['SME-01', 'missing'],
      ['LRG-01', 'missing'],
      ['UID-01', 'missing'],
      ['REC-01', 'missing'],
      ['SEC-01', 'missing'],
      ['INT-01', 'missing'],
      ['CUM-01', 'pass'],
      ['THR-01', 'missing'],
      ['TRN-01', 'missing'],
    ]);
    expect(r.obligations).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('produces JSON-safe output: what is stored reads back equal', () => {
    const r = evaluate(intakeSampleCase(), context());
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
