import { GBER_2014, GBER_2023 } from '../parameters';
import { context, rule, run } from '../testing';
import type { CaseSnapshot, RuleOutcome } from '../types';

const requesting = (nok: number | null) => (c: CaseSnapshot) => (c.aid!.requestedAmountNok = nok);

describe('INT-01 maximum intensity (GBER art. 29(4), art. 7)', () => {
  // Sample: small, eligible 2 290 000, max aid 50 % = 1 145 000.
  it.each<[number, RuleOutcome]>([
    [1_145_000, 'pass'],
    [1_145_001, 'fail'],
    [1, 'pass'],
  ])('requested %s: %s', (nok, expected) => {
    expect(rule(run(requesting(nok)), 'INT-01').outcome).toBe(expected);
  });

  it('rounds the maximum aid down', () => {
    // Eligible 2 290 001 (line-2 claims one krone more): 50 % = 1 145 000.5, max aid 1 145 000.
    const r = run((c) => {
      c.costLines![1].amountNok = 600_001;
      c.aid!.requestedAmountNok = 1_145_001;
    });
    expect(r.totals.maxAidNok).toBe(1_145_000);
    expect(rule(r, 'INT-01').outcome).toBe('fail');
  });

  it('mentions costs pending assessment', () => {
    const r = run((c) => {
      c.costLines![1].supplierRelation = 'linked';
      c.aid!.requestedAmountNok = 1_000_000;
    });
    expect(r.totals.pendingAssessmentNok).toBe(600_000);
    expect(rule(r, 'INT-01').explanation.nb).toContain('Av kostnadene er 600 000 kr ennå til vurdering og regnet med krevd beløp.');
  });

  it('fails a request above the maximum at the highest intensity even when the size is unknown', () => {
    const unknownSize = (c: CaseSnapshot) => (c.applicant!.financials = []);
    expect(
      rule(
        run((c) => (unknownSize(c), requesting(1_500_000)(c))),
        'INT-01',
      ).outcome,
    ).toBe('fail');
    const r = rule(
      run((c) => (unknownSize(c), requesting(300_000)(c))),
      'INT-01',
    );
    expect(r.outcome).toBe('missing');
    expect(r.inputs.missing).toEqual(['sizeClass']);
  });

  it('is missing without a requested amount', () => {
    expect(rule(run(requesting(null)), 'INT-01').outcome).toBe('missing');
  });
});

describe('CUM-01 cumulation (GBER art. 8(3))', () => {
  const otherAid =
    (...entries: CaseSnapshot['otherPublicAid'] & object) =>
    (c: CaseSnapshot) => {
      c.otherPublicAid = entries;
    };

  it.each<[string, number, CaseSnapshot['otherPublicAid'], RuleOutcome]>([
    ['no other aid', 1_145_000, [], 'pass'],
    ['other aid for other costs only', 1_145_000, [{ grantor: 'X', amountNok: 900_000, coversSameCosts: false }], 'pass'],
    ['together exactly the maximum', 945_000, [{ grantor: 'X', amountNok: 200_000, coversSameCosts: true }], 'pass'],
    ['together one krone above', 945_001, [{ grantor: 'X', amountNok: 200_000, coversSameCosts: true }], 'fail'],
    [
      'several grants add up',
      745_000,
      [
        { grantor: 'X', amountNok: 200_000, coversSameCosts: true },
        { grantor: 'Y', amountNok: 200_001, coversSameCosts: true },
      ],
      'fail',
    ],
    ['unknown whether same costs', 100_000, [{ grantor: 'X', amountNok: 200_000, coversSameCosts: null }], 'missing'],
    [
      'over the maximum whatever the unknown entry says',
      1_100_000,
      [
        { grantor: 'X', amountNok: 200_000, coversSameCosts: true },
        { grantor: 'Y', amountNok: null, coversSameCosts: true },
      ],
      'fail',
    ],
  ])('%s', (_name, requested, entries, expected) => {
    const r = rule(
      run((c) => (requesting(requested)(c), otherAid(...(entries ?? []))(c))),
      'CUM-01',
    );
    expect(r.outcome).toBe(expected);
  });

  it('names an entry it cannot place', () => {
    const r = rule(
      run((c) => (requesting(100_000)(c), otherAid({ grantor: 'Fylket', amountNok: 1, coversSameCosts: null })(c))),
      'CUM-01',
    );
    expect(r.inputs.missing).toEqual(['otherPublicAid[0].coversSameCosts']);
    expect(r.explanation.nb).toBe('Mangler: om støtten gjelder de samme kostnadene for annen offentlig støtte «Fylket».');
  });
});

describe('THR-01 notification threshold (GBER art. 4(1))', () => {
  it.each<[string, string, number, RuleOutcome]>([
    // gber-2023: EUR 10 000 000 = NOK 115 000 000 at 11.50.
    ['gber-2023, exactly at the threshold', '2026-03-02', 115_000_000, 'pass'],
    ['gber-2023, one krone above', '2026-03-02', 115_000_001, 'refer'],
    // gber-2014: EUR 7 500 000 = NOK 86 250 000.
    ['gber-2014, exactly at the threshold', '2023-12-10', 86_250_000, 'pass'],
    ['gber-2014, one krone above', '2023-12-10', 86_250_001, 'refer'],
    ['gber-2023 allows what gber-2014 refers', '2023-12-11', 86_250_001, 'pass'],
  ])('%s', (_name, date, nok, expected) => {
    const r = rule(run(requesting(nok), context(date)), 'THR-01');
    expect(r.outcome).toBe(expected);
  });

  it('states the EUR amount and the threshold', () => {
    const r = rule(run(requesting(115_000_001)), 'THR-01');
    expect(r.inputs).toEqual({
      requestedAidNok: 115_000_001,
      requestedAidEur: 10_000_000.09,
      nokPerEur: 11.5,
      notificationThresholdEur: 10_000_000,
    });
    expect(r.explanation.en).toBe(
      'The requested aid of NOK 115,000,001 = EUR 10,000,000.09 (11.5 NOK/EUR) is above the notification threshold of EUR 10,000,000 per undertaking per project. It must be notified to ESA and cannot be block-exempted.',
    );
  });
});

describe('TRN-01 transparency (GBER art. 9(1)(c), støtteprosessloven § 7)', () => {
  it.each<[string, string, number, boolean]>([
    // gber-2023: EUR 100 000 = NOK 1 150 000.
    ['gber-2023, exactly EUR 100 000', '2026-03-02', 1_150_000, true],
    ['gber-2023, EUR 99 999.91', '2026-03-02', 1_149_999, false],
    // gber-2014: EUR 500 000 = NOK 5 750 000.
    ['gber-2014, exactly EUR 500 000', '2023-12-10', 5_750_000, true],
    ['gber-2014, just below', '2023-12-10', 5_749_999, false],
    ['gber-2014 threshold does not apply from 2023-12-11', '2023-12-11', 1_150_000, true],
  ])('%s', (_name, date, nok, obliged) => {
    const r = run(requesting(nok), context(date));
    expect(rule(r, 'TRN-01').outcome).toBe('pass');
    expect(r.obligations).toEqual(obliged ? ['register-report'] : []);
    expect(rule(r, 'TRN-01').inputs.obligations).toEqual(obliged ? ['register-report'] : []);
  });

  it('rounds the EUR amount to cents before comparing', () => {
    // Not whole-krone requests, but the rule must be exact:
    // 1 149 999.90 / 11.5 = 99 999.9913 = 99 999.99 EUR: below.
    expect(run(requesting(1_149_999.9)).obligations).toEqual([]);
    // 1 149 999.95 / 11.5 = 99 999.9957 = 100 000.00 EUR: at the threshold.
    expect(run(requesting(1_149_999.95)).obligations).toEqual(['register-report']);
  });

  it('explains the obligation', () => {
    const r = rule(run(requesting(1_150_000)), 'TRN-01');
    expect(r.explanation.nb).toBe(
      'Søkt støtte 1 150 000 kr = 100 000,00 EUR (11,5 NOK/EUR) er minst 100 000 EUR: tildelingen skal publiseres i Registeret for offentlig støtte innen 6 måneder, og dokumentasjonen skal oppbevares i 10 år.',
    );
  });

  it('follows the given rate', () => {
    // 1 150 000 / 11.6 = 99 137.93 EUR: below.
    expect(run(requesting(1_150_000), context('2026-03-02', 11.6)).obligations).toEqual([]);
  });

  it('uses the thresholds of the set passed in', () => {
    expect(run(requesting(1_150_000), context('2026-03-02'), GBER_2014).obligations).toEqual([]);
    expect(run(requesting(1_150_000), context('2023-01-01'), GBER_2023).obligations).toEqual(['register-report']);
  });
});
