import { evaluate } from '../evaluate';
import { NBSP } from '../format';
import { GBER_2014, GBER_2023 } from '../parameters';
import { atAmount, context, rule, run, sampleWith } from '../testing';
import type { AmountBasis, CaseRuleId, CaseSnapshot, EvaluationContext, RuleOutcome } from '../types';

const requesting = (nok: number | null) => (c: CaseSnapshot) => (c.aid!.requestedAmountNok = nok);
const noOtherAid = (c: CaseSnapshot) => (c.otherPublicAid = []);

/** The context for an amount at a basis: the requested aid itself, or a recommended or granted amount beside it. */
function basisContext(basis: AmountBasis, amountNok: number, ctx: EvaluationContext = context()): EvaluationContext {
  return basis === 'requested' ? ctx : atAmount(basis, amountNok, ctx);
}

/**
 * The sample at one basis: at `requested` the request is `amountNok`; at `recommended` and
 * `granted` the applicant asked for `requestedNok` and the rules run at `amountNok`.
 */
function atBasis(
  basis: AmountBasis,
  amountNok: number,
  change: (c: CaseSnapshot) => void = () => undefined,
  requestedNok = 1_500_000,
  ctx: EvaluationContext = context(),
) {
  const snapshot = sampleWith((c) => {
    change(c);
    c.aid!.requestedAmountNok = basis === 'requested' ? amountNok : requestedNok;
  });
  return evaluate(snapshot, basisContext(basis, amountNok, ctx));
}

/** Text as a caseworker reads it: no-break spaces as spaces. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('the amount rules at an amount (docs/rules.md section 5)', () => {
  const AMOUNT_RULES: CaseRuleId[] = ['INT-01', 'CUM-01', 'THR-01', 'TRN-01'];

  it.each<[AmountBasis, number]>([
    ['requested', 1_500_000],
    ['recommended', 900_000],
    ['granted', 1_000_000],
  ])('every result of INT-01, CUM-01, THR-01 and TRN-01 says it was evaluated at the %s amount of %s', (basis, amount) => {
    const r = atBasis(basis, amount);
    for (const id of AMOUNT_RULES) expect(rule(r, id).inputs).toMatchObject({ amountBasis: basis, aidAmountNok: amount });
    // The other rules do not depend on the amount.
    expect(r.rules.filter((x) => !AMOUNT_RULES.includes(x.ruleId)).some((x) => 'amountBasis' in x.inputs)).toBe(false);
    // The totals keep the request, whatever the basis.
    expect(r.totals.requestedAidNok).toBe(basis === 'requested' ? amount : 1_500_000);
  });

  it('says the amount is missing at basis requested without a request', () => {
    const r = run(requesting(null));
    for (const id of AMOUNT_RULES) expect(rule(r, id).inputs).toMatchObject({ amountBasis: 'requested', aidAmountNok: null });
  });

  it('names the amount by its basis in the explanations', () => {
    expect(rule(atBasis('requested', 900_000), 'INT-01').explanation.en).toMatch(/^The requested aid of NOK 900,000 is within/);
    expect(rule(atBasis('recommended', 900_000), 'INT-01').explanation.en).toMatch(/^The recommended aid of NOK 900,000 is within/);
    expect(rule(atBasis('granted', 900_000), 'INT-01').explanation.nb).toMatch(/^Innvilget støtte 900 000 kr er innenfor/);
    expect(rule(atBasis('recommended', 900_000), 'TRN-01').explanation.nb).toMatch(/^Anbefalt støtte 900 000 kr = 78 260,87 EUR/);
  });

  it('puts the amount and its basis in the input hash', () => {
    const snapshot = sampleWith();
    const hash = (ctx: EvaluationContext) => evaluate(snapshot, ctx).inputHash;
    const hashes = [
      hash(context()),
      hash({ ...context(), aidAmount: null }),
      hash(atAmount('recommended', 900_000)),
      hash(atAmount('recommended', 900_001)),
      hash(atAmount('granted', 900_000)),
    ];
    // No amount and a null amount are both basis requested, and hash alike; every other input differs.
    expect(hashes[1]).toBe(hashes[0]);
    expect(new Set(hashes).size).toBe(4);
  });

  it('refuses an amount that is not one', () => {
    const snapshot = sampleWith();
    expect(() => evaluate(snapshot, { ...context(), aidAmount: { basis: 'requested' as 'granted', amountNok: 1 } })).toThrow(RangeError);
    expect(() => evaluate(snapshot, atAmount('granted', -1))).toThrow(RangeError);
    expect(() => evaluate(snapshot, atAmount('granted', Number.NaN))).toThrow(RangeError);
  });

  it('gives the worked example of docs/rules.md section 5 (Fjordplast: maximum 1 145 000, other aid 200 000)', () => {
    const requested = atBasis('requested', 1_500_000);
    expect([rule(requested, 'INT-01').outcome, rule(requested, 'CUM-01').outcome]).toEqual(['assess', 'assess']);
    expect(plain(rule(requested, 'INT-01').explanation.en)).toContain('a grant can be at most NOK 1,145,000');
    expect(plain(rule(requested, 'CUM-01').explanation.en)).toContain('with the other aid a grant can be at most NOK 945,000');
    expect(requested.obligations).toEqual(['register-report']); // EUR 130 434.78

    const at900 = atBasis('recommended', 900_000);
    expect([rule(at900, 'INT-01').outcome, rule(at900, 'CUM-01').outcome, rule(at900, 'THR-01').outcome]).toEqual(['pass', 'pass', 'pass']);
    expect(at900.obligations).toEqual([]); // EUR 78 260.87

    const at1m = atBasis('recommended', 1_000_000);
    expect([rule(at1m, 'INT-01').outcome, rule(at1m, 'CUM-01').outcome]).toEqual(['pass', 'fail']); // 1 200 000 > 1 145 000
  });
});

describe('INT-01 maximum intensity (GBER art. 29(4), art. 7)', () => {
  // Sample: small, eligible 2 290 000, max aid 50 % = 1 145 000. The applicant asked for 1 500 000
  // where the basis is recommended or granted.
  it.each<[AmountBasis, number, RuleOutcome]>([
    ['requested', 1, 'pass'],
    ['requested', 1_144_999, 'pass'],
    ['requested', 1_145_000, 'pass'],
    ['requested', 1_145_001, 'assess'],
    ['requested', 1_500_000, 'assess'],
    ['recommended', 1_144_999, 'pass'],
    ['recommended', 1_145_000, 'pass'],
    ['recommended', 1_145_001, 'fail'],
    ['granted', 1_144_999, 'pass'],
    ['granted', 1_145_000, 'pass'],
    ['granted', 1_145_001, 'fail'],
  ])('%s %s: %s', (basis, nok, expected) => {
    expect(rule(atBasis(basis, nok), 'INT-01').outcome).toBe(expected);
  });

  it('tells at basis requested the most that can be granted, in both languages, the amount on one line', () => {
    const r = rule(atBasis('requested', 1_500_000), 'INT-01');
    expect(r.explanation.nb).toBe(
      'Søkt støtte 1 500 000 kr er over maksimal støtte 1 145 000 kr (50 % av støtteberettigede kostnader 2 290 000 kr, rundet ned); ' +
        `tilskuddet kan høyst bli 1${NBSP}145${NBSP}000${NBSP}kr.`,
    );
    expect(r.explanation.en).toBe(
      'The requested aid of NOK 1,500,000 is above the maximum aid of NOK 1,145,000 (50% of eligible costs of NOK 2,290,000, rounded down); ' +
        `a grant can be at most NOK${NBSP}1,145,000.`,
    );
  });

  it('says nothing of the kind within the maximum, nor when a recommended amount is above it', () => {
    expect(rule(atBasis('requested', 1_145_000), 'INT-01').explanation.en).not.toContain('can be at most');
    const over = rule(atBasis('recommended', 1_145_001), 'INT-01');
    expect(over.explanation.en).toBe(
      'The recommended aid of NOK 1,145,001 is above the maximum aid of NOK 1,145,000 (50% of eligible costs of NOK 2,290,000, rounded down).',
    );
  });

  it('rounds the maximum aid down', () => {
    // Eligible 2 290 001 (line-2 claims one krone more): 50 % = 1 145 000.5, max aid 1 145 000.
    const moreCost = (c: CaseSnapshot) => (c.costLines![1].amountNok = 600_001);
    const r = atBasis('granted', 1_145_001, moreCost);
    expect(r.totals.maxAidNok).toBe(1_145_000);
    expect(rule(r, 'INT-01').outcome).toBe('fail');
    expect(rule(atBasis('granted', 1_145_000, moreCost), 'INT-01').outcome).toBe('pass');
  });

  it('mentions costs pending assessment', () => {
    const r = run((c) => {
      c.costLines![1].supplierRelation = 'linked';
      c.aid!.requestedAmountNok = 1_000_000;
    });
    expect(r.totals.pendingAssessmentNok).toBe(600_000);
    expect(rule(r, 'INT-01').explanation.nb).toContain('Av kostnadene er 600 000 kr ennå til vurdering og regnet med krevd beløp.');
  });

  it('judges an amount above the maximum at the highest intensity even when the size is unknown', () => {
    const unknownSize = (c: CaseSnapshot) => (c.applicant!.financials = []);
    const requested = rule(atBasis('requested', 1_500_000, unknownSize), 'INT-01');
    expect(requested.outcome).toBe('assess');
    expect(plain(requested.explanation.en)).toContain('a grant can be at most NOK 1,145,000. The size class is unknown');
    expect(rule(atBasis('recommended', 1_500_000, unknownSize), 'INT-01').outcome).toBe('fail');
    const r = rule(atBasis('recommended', 300_000, unknownSize), 'INT-01');
    expect(r.outcome).toBe('missing');
    expect(r.inputs.missing).toEqual(['sizeClass']);
  });

  it('is missing without a requested amount at basis requested', () => {
    expect(rule(run(requesting(null)), 'INT-01').outcome).toBe('missing');
  });
});

describe('CUM-01 cumulation (GBER art. 8(3))', () => {
  const otherAid =
    (...entries: CaseSnapshot['otherPublicAid'] & object) =>
    (c: CaseSnapshot) => {
      c.otherPublicAid = entries;
    };
  const sameCosts = (amountNok: number | null, grantor = 'X') => ({ grantor, amountNok, coversSameCosts: true });

  // Max aid 1 145 000; with 200 000 of other aid on the same costs, 945 000 is left for a grant.
  it.each<[string, number, CaseSnapshot['otherPublicAid'], RuleOutcome, RuleOutcome]>([
    ['no other aid', 1_145_000, [], 'pass', 'pass'],
    ['other aid for other costs only', 1_145_000, [{ grantor: 'X', amountNok: 900_000, coversSameCosts: false }], 'pass', 'pass'],
    ['together one krone below the maximum', 944_999, [sameCosts(200_000)], 'pass', 'pass'],
    ['together exactly the maximum', 945_000, [sameCosts(200_000)], 'pass', 'pass'],
    ['together one krone above', 945_001, [sameCosts(200_000)], 'assess', 'fail'],
    ['several grants add up', 745_000, [sameCosts(200_000), sameCosts(200_001, 'Y')], 'assess', 'fail'],
    ['unknown whether same costs', 100_000, [{ grantor: 'X', amountNok: 200_000, coversSameCosts: null }], 'missing', 'missing'],
    ['over the maximum whatever the unknown entry says', 1_100_000, [sameCosts(200_000), sameCosts(null, 'Y')], 'assess', 'fail'],
  ])('%s: %s, at requested %s, at recommended and granted %s', (_name, amount, entries, atRequested, atDecision) => {
    const change = otherAid(...(entries ?? []));
    expect(rule(atBasis('requested', amount, change), 'CUM-01').outcome).toBe(atRequested);
    expect(rule(atBasis('recommended', amount, change), 'CUM-01').outcome).toBe(atDecision);
    expect(rule(atBasis('granted', amount, change), 'CUM-01').outcome).toBe(atDecision);
  });

  it('tells at basis requested the most that can be granted beside the other aid', () => {
    const r = rule(atBasis('requested', 1_500_000, otherAid(sameCosts(200_000, 'Regionalt forskningsfond'))), 'CUM-01');
    expect(r.explanation.nb).toBe(
      'Søkt støtte 1 500 000 kr og annen offentlig støtte til de samme kostnadene 200 000 kr («Regionalt forskningsfond») er til sammen 1 700 000 kr, ' +
        'over maksimal støtte 1 145 000 kr (50 % av støtteberettigede kostnader 2 290 000 kr, rundet ned); ' +
        `med den andre støtten kan tilskuddet høyst bli 945${NBSP}000${NBSP}kr.`,
    );
    expect(plain(r.explanation.en)).toContain('; with the other aid a grant can be at most NOK 945,000.');
  });

  it('says no grant is possible when the other aid alone reaches the maximum', () => {
    const r = rule(atBasis('requested', 100_000, otherAid(sameCosts(1_145_000))), 'CUM-01');
    expect(r.outcome).toBe('assess');
    expect(r.explanation.en).toContain('; the other aid alone reaches the maximum, so no grant is possible.');
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
  // gber-2023: EUR 10 000 000 = NOK 115 000 000 at 11.50. gber-2014: EUR 7 500 000 = NOK 86 250 000.
  it.each<[string, AmountBasis, string, number, RuleOutcome]>([
    ['gber-2023, exactly at the threshold', 'requested', '2026-03-02', 115_000_000, 'pass'],
    ['gber-2023, one krone above', 'requested', '2026-03-02', 115_000_001, 'refer'],
    ['gber-2023, a recommendation exactly at the threshold', 'recommended', '2026-03-02', 115_000_000, 'pass'],
    ['gber-2023, a recommendation one krone above', 'recommended', '2026-03-02', 115_000_001, 'refer'],
    ['gber-2023, a grant exactly at the threshold', 'granted', '2026-03-02', 115_000_000, 'pass'],
    ['gber-2023, a grant one krone above', 'granted', '2026-03-02', 115_000_001, 'refer'],
    ['gber-2014, exactly at the threshold', 'requested', '2023-12-10', 86_250_000, 'pass'],
    ['gber-2014, one krone above', 'requested', '2023-12-10', 86_250_001, 'refer'],
    ['gber-2014, a grant one krone above', 'granted', '2023-12-10', 86_250_001, 'refer'],
    ['gber-2023 allows what gber-2014 refers', 'requested', '2023-12-11', 86_250_001, 'pass'],
  ])('%s: %s', (_name, basis, date, nok, expected) => {
    const r = rule(atBasis(basis, nok, noOtherAid, 120_000_000, context(date)), 'THR-01');
    expect(r.outcome).toBe(expected);
  });

  it('lets a recommended amount at the threshold through when the request is above it', () => {
    const requested = rule(atBasis('requested', 120_000_000), 'THR-01');
    expect(requested.outcome).toBe('refer');
    expect(requested.explanation.en).toContain('The rule is decided again at the recommended amount, which may be below the threshold.');
    expect(rule(atBasis('recommended', 115_000_000, noOtherAid, 120_000_000), 'THR-01').outcome).toBe('pass');
  });

  it('states the EUR amount and the threshold', () => {
    const r = rule(run(requesting(115_000_001)), 'THR-01');
    expect(r.inputs).toEqual({
      amountBasis: 'requested',
      aidAmountNok: 115_000_001,
      aidAmountEur: 10_000_000.09,
      requestedAidNok: 115_000_001,
      nokPerEur: 11.5,
      notificationThresholdEur: 10_000_000,
    });
    expect(r.explanation.en).toBe(
      'The requested aid of NOK 115,000,001 = EUR 10,000,000.09 (11.5 NOK/EUR) is above the notification threshold of EUR 10,000,000 per undertaking per project. ' +
        'Aid of this size must be notified to ESA and cannot be block-exempted. The rule is decided again at the recommended amount, which may be below the threshold.',
    );
    const granted = rule(atBasis('granted', 115_000_001, noOtherAid, 120_000_000), 'THR-01');
    expect(granted.inputs).toMatchObject({ amountBasis: 'granted', aidAmountNok: 115_000_001, requestedAidNok: 120_000_000 });
    expect(granted.explanation.en).toBe(
      'The granted aid of NOK 115,000,001 = EUR 10,000,000.09 (11.5 NOK/EUR) is above the notification threshold of EUR 10,000,000 per undertaking per project. ' +
        'It must be notified to ESA and cannot be block-exempted.',
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

  // The request of 1 500 000 (EUR 130 434.78) is above the register threshold; a reduction can cross it.
  it.each<[AmountBasis, number, boolean]>([
    ['requested', 1_500_000, true],
    ['recommended', 1_150_000, true],
    ['recommended', 1_149_999, false],
    ['granted', 1_150_000, true],
    ['granted', 1_149_999, false],
    ['granted', 900_000, false],
  ])('takes the obligation from the amount evaluated: %s %s, register report %s', (basis, nok, obliged) => {
    const r = atBasis(basis, nok);
    expect(r.obligations).toEqual(obliged ? ['register-report'] : []);
    expect(rule(r, 'TRN-01').inputs).toMatchObject({ amountBasis: basis, aidAmountNok: nok, obligations: r.obligations });
  });

  it('rounds the EUR amount to cents before comparing', () => {
    // Not whole-krone requests, but the rule must be exact:
    // 1 149 999.90 / 11.5 = 99 999.9913 = 99 999.99 EUR: below.
    expect(run(requesting(1_149_999.9)).obligations).toEqual([]);
    // 1 149 999.95 / 11.5 = 99 999.9957 = 100 000.00 EUR: at the threshold.
    expect(run(requesting(1_149_999.95)).obligations).toEqual(['register-report']);
  });

  it('explains the obligation, and at basis requested that the granted amount decides', () => {
    const r = rule(run(requesting(1_150_000)), 'TRN-01');
    expect(r.explanation.nb).toBe(
      'Søkt støtte 1 150 000 kr = 100 000,00 EUR (11,5 NOK/EUR) er minst 100 000 EUR: en tildeling av dette beløpet skal publiseres i Registeret for offentlig støtte innen 6 måneder, ' +
        'og dokumentasjonen skal oppbevares i 10 år. Om vedtaket skal publiseres, avgjøres av innvilget beløp.',
    );
    expect(rule(atBasis('granted', 1_149_999), 'TRN-01').explanation.en).toBe(
      'The granted aid of NOK 1,149,999 = EUR 99,999.91 (11.5 NOK/EUR) is below EUR 100,000; the award is not published in the Register for public support.',
    );
  });

  it('follows the given rate', () => {
    // 1 150 000 / 11.6 = 99 137.93 EUR: below.
    expect(run(requesting(1_150_000), context('2026-03-02', 11.6)).obligations).toEqual([]);
    expect(atBasis('granted', 1_150_000, undefined, 1_500_000, context('2026-03-02', 11.6)).obligations).toEqual([]);
  });

  it('uses the thresholds of the set passed in', () => {
    expect(run(requesting(1_150_000), context('2026-03-02'), GBER_2014).obligations).toEqual([]);
    expect(run(requesting(1_150_000), context('2023-01-01'), GBER_2023).obligations).toEqual(['register-report']);
  });
});
