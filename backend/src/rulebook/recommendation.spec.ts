import { JUDGMENT_CRITERIA } from './judgments';
import { amountEvaluated, grantBlockers } from './recommendation';
import { atAmount, context, run } from './testing';
import type { AidAmount, CaseSnapshot } from './types';

const allJudgmentsPass = (c: CaseSnapshot) => {
  c.judgments = JUDGMENT_CRITERIA.map((j) => ({ criterionId: j.criterionId, outcome: 'pass' as const, rationale: 'Vurdert.' }));
};

/** The sample (maximum aid 1 145 000, other aid 200 000 on the same costs, requested 1 500 000) with every judgment passed. */
const judged =
  (change: (c: CaseSnapshot) => void = () => undefined) =>
  (c: CaseSnapshot) => {
    allJudgmentsPass(c);
    change(c);
  };

/** The evaluation a recommendation or decision runs: the amount rules at that amount. */
const at = (basis: AidAmount['basis'], amountNok: number, change?: (c: CaseSnapshot) => void) =>
  run(judged(change), atAmount(basis, amountNok));

const refs = (blockers: ReturnType<typeof grantBlockers>) => blockers.map((b) => b.ref);

describe('grantBlockers (docs/rules.md section 10)', () => {
  it('lists the unjudged criteria of the sample; its request above the maximum blocks nothing before a recommendation', () => {
    // INT-01 and CUM-01 are `assess` at the requested 1 500 000: decided again at the recommended amount.
    expect(refs(grantBlockers(run()))).toEqual([
      'J-INNO-01',
      'J-INNO-02',
      'J-INNO-03',
      'J-COMP-01',
      'J-COMP-02',
      'J-NEED-01',
      'J-FEAS-01',
      'J-COST-01',
    ]);
  });

  it.each<[string, AidAmount['basis'], number, string[]]>([
    // Without other aid the maximum aid of 1 145 000 is the limit.
    ['a grant below the maximum', 'recommended', 1_000_000, []],
    ['a grant at the maximum', 'recommended', 1_145_000, []],
    ['a grant one krone above the maximum', 'recommended', 1_145_001, ['INT-01', 'amount']],
    ['a decision at the maximum', 'granted', 1_145_000, []],
    ['a decision one krone above the maximum', 'granted', 1_145_001, ['INT-01', 'amount']],
  ])('asked 1 500 000, no other aid: %s (%s %s) is blocked by %j', (_name, basis, amount, expected) => {
    const r = at(basis, amount, (c) => (c.otherPublicAid = []));
    expect(refs(grantBlockers(r, amount))).toEqual(expected);
  });

  it.each<[number, string[]]>([
    [944_999, []],
    [945_000, []],
    [945_001, ['CUM-01']],
    [1_145_000, ['CUM-01']],
  ])('asked 1 500 000 with 200 000 of other aid: a grant of %s is blocked by %j', (amount, expected) => {
    expect(refs(grantBlockers(at('recommended', amount), amount))).toEqual(expected);
    expect(refs(grantBlockers(at('granted', amount), amount))).toEqual(expected);
  });

  it('blocks a grant above the request and one of nothing', () => {
    const r = at('recommended', 1_000_000, (c) => {
      c.otherPublicAid = [];
      c.aid!.requestedAmountNok = 900_000;
    });
    expect(grantBlockers(r, 1_000_000).map((b) => [b.ref, b.reason.en])).toEqual([
      ['amount', 'NOK 1,000,000 is above the requested aid of NOK 900,000.'],
    ]);
    expect(refs(grantBlockers(at('recommended', 0), 0))).toEqual(['amount']);
  });

  it('refers a grant above the notification threshold only at the amount of the grant', () => {
    // Eligible costs of 300 000 000 (maximum aid 150 000 000): the amounts fit, only THR-01 decides.
    const big = (requested: number) => (c: CaseSnapshot) => {
      c.otherPublicAid = [];
      c.costLines = [
        {
          id: 'line-1',
          category: 'consultancy',
          description: 'Konsulent',
          supplierName: 'Rådgiver AS',
          supplierRelation: 'independent',
          amountNok: 300_000_000,
          incurredFrom: '2026-04-01',
        },
      ];
      c.aid!.requestedAmountNok = requested;
    };
    const requested = run(judged(big(120_000_000)), context());
    expect(requested.rules.find((x) => x.ruleId === 'THR-01')!.outcome).toBe('refer');
    expect(refs(grantBlockers(requested))).toEqual([]);
    expect(refs(grantBlockers(at('recommended', 115_000_000, big(120_000_000)), 115_000_000))).toEqual([]);
    expect(refs(grantBlockers(at('recommended', 115_000_001, big(120_000_000)), 115_000_001))).toEqual(['THR-01']);
  });

  it('keeps a missing fact of an amount rule as a blocker at basis requested', () => {
    const r = run(
      judged((c) => {
        c.aid!.requestedAmountNok = 100_000;
        c.otherPublicAid = [{ grantor: 'Fylket', amountNok: 50_000, coversSameCosts: null }];
      }),
    );
    expect(refs(grantBlockers(r))).toEqual(['CUM-01']);
  });

  it('refuses to judge an amount the evaluation was not run at', () => {
    const r = at('recommended', 900_000, (c) => (c.otherPublicAid = []));
    expect(grantBlockers(r, 900_000)).toEqual([]);
    expect(grantBlockers(r, 800_000).map((b) => b.reason.en)).toEqual(['The amount rules have not been evaluated at NOK 800,000.']);
    expect(refs(grantBlockers(run(judged((c) => (c.aid!.requestedAmountNok = 900_000))), 900_000))).toEqual(['amount']);
  });

  it('blocks on a failed judgment and on a line still to assess', () => {
    const r = at('recommended', 500_000, (c) => {
      c.judgments![0] = { criterionId: 'J-INNO-01', outcome: 'fail', rationale: 'Mindre endring.' };
      c.aid!.requestedAmountNok = 500_000;
      c.costLines![1].supplierRelation = 'partner';
    });
    const blockers = grantBlockers(r, 500_000);
    expect(blockers.map((b) => [b.kind, b.ref])).toEqual([
      ['judgment', 'J-INNO-01'],
      ['cost-line', 'line-2'],
    ]);
    expect(blockers[0].reason.en).toBe('Process or organisational innovation: judged not met.');
  });
});

describe('amountEvaluated', () => {
  it('reads the basis and amount the amount rules were evaluated at', () => {
    expect(amountEvaluated(run())).toEqual({ basis: 'requested', amountNok: 1_500_000 });
    expect(amountEvaluated(run(undefined, atAmount('recommended', 900_000)))).toEqual({ basis: 'recommended', amountNok: 900_000 });
    expect(amountEvaluated(run(undefined, atAmount('granted', 1_145_000)))).toEqual({ basis: 'granted', amountNok: 1_145_000 });
  });
});
