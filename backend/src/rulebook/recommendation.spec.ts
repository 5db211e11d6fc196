import { grantBlockers } from './recommendation';
import { run } from './testing';
import { JUDGMENT_CRITERIA } from './judgments';
import type { CaseSnapshot } from './types';

const allJudgmentsPass = (c: CaseSnapshot) => {
  c.judgments = JUDGMENT_CRITERIA.map((j) => ({ criterionId: j.criterionId, outcome: 'pass' as const, rationale: 'Vurdert.' }));
};

describe('grantBlockers (docs/rules.md section 10)', () => {
  it('lists failed rules and unjudged criteria of the sample', () => {
    const refs = grantBlockers(run()).map((b) => b.ref);
    expect(refs).toEqual([
      'INT-01',
      'CUM-01',
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

  it('is empty for a clean case and an amount within both limits', () => {
    // Requested 945 000 + other aid 200 000 = max aid 1 145 000.
    const r = run((c) => {
      allJudgmentsPass(c);
      c.aid!.requestedAmountNok = 945_000;
    });
    expect(grantBlockers(r, 945_000)).toEqual([]);
    expect(grantBlockers(r, 900_000)).toEqual([]);
    expect(grantBlockers(r, 945_001).map((b) => b.ref)).toEqual(['amount']);
    expect(grantBlockers(r, 0).map((b) => b.ref)).toEqual(['amount']);
  });

  it('blocks on a failed judgment and on a line still to assess', () => {
    const r = run((c) => {
      allJudgmentsPass(c);
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
