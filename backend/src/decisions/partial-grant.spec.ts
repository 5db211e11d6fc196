import { Problem } from '../common/problem';
import type { CaseSnapshot, CostLineResult, EvaluationResult } from '../rulebook';
import { partialGrant } from './partial-grant';

/** An evaluation at a granted amount: eligible costs, the maximum aid and the requested aid as given. */
function evaluation(
  t: { requested: number; maxAid: number; otherAid?: number },
  costLines: Partial<CostLineResult>[] = [],
): EvaluationResult {
  return {
    totals: { requestedAidNok: t.requested, maxAidNok: t.maxAid, otherAidSameCostsNok: t.otherAid ?? 0 },
    costLines: costLines.map((l) => ({ category: 'consultancy', approvedAmountNok: null, reasons: [], ...l })),
  } as unknown as EvaluationResult;
}

const snapshot = {
  costLines: [
    { id: 'a', description: 'Prosjektleder' },
    { id: 'b', description: 'Prosessanalyse', approvalReason: 'Markedspris.' },
    { id: 'c', description: 'Kontorrekvisita' },
  ],
} as CaseSnapshot;

function reductionError(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    const errors = (e as Problem).extensions.errors as { path: string; message: string }[];
    expect(errors.map((x) => x.path)).toEqual(['$.reductionReason']);
    return errors[0].message;
  }
  return undefined;
}

describe('a partial grant (docs/rules.md section 10)', () => {
  // Requested 1 500 000; at most 1 145 000 by intensity; 100 000 of other aid leaves 1 045 000.
  const e = evaluation({ requested: 1500000, maxAid: 1145000, otherAid: 100000 });

  it('is none at the requested aid', () => {
    expect(partialGrant(evaluation({ requested: 800000, maxAid: 1145000 }), snapshot, 800000, null)).toBeNull();
  });

  it('at the most the rules allow needs no reason, and takes none', () => {
    expect(partialGrant(e, snapshot, 1045000, undefined)).toMatchObject({
      requestedNok: 1500000,
      grantedNok: 1045000,
      allowedNok: 1045000,
      reductionReason: null,
    });
    expect(reductionError(() => partialGrant(e, snapshot, 1045000, 'Fordi.'))).toContain('only with a grant below NOK 1,045,000');
  });

  it('one krone below it needs the reason (J-NEED-01)', () => {
    expect(reductionError(() => partialGrant(e, snapshot, 1044999, '  '))).toContain('below the most the rules allow, NOK 1,045,000');
    expect(partialGrant(e, snapshot, 1044999, ' Egenfinansiering. ')).toMatchObject({ reductionReason: 'Egenfinansiering.' });
  });

  it('lists the cost lines not approved in full, with the rules or the caseworker that cut them', () => {
    const withLines = evaluation({ requested: 1500000, maxAid: 1000000 }, [
      { costLineId: 'a', category: 'personnel', claimedNok: 1020000, eligibleNok: 1020000 },
      {
        costLineId: 'b',
        claimedNok: 600000,
        eligibleNok: 400000,
        approvedAmountNok: 400000,
        reasons: [{ ruleId: 'COST-05', outcome: 'assess', explanation: { nb: '', en: '' } }],
      },
      {
        costLineId: 'c',
        category: 'materials',
        claimedNok: 50000,
        eligibleNok: 0,
        reasons: [
          { ruleId: 'COST-01', outcome: 'ineligible', explanation: { nb: '', en: '' } },
          { ruleId: 'COST-06', outcome: 'assess', explanation: { nb: '', en: '' } },
        ],
      },
    ]);
    expect(partialGrant(withLines, snapshot, 1000000, null)!.refusedCosts).toEqual([
      {
        description: 'Prosessanalyse',
        category: 'consultancy',
        claimedNok: 600000,
        approvedNok: 400000,
        reasons: ['ASSESSMENT'],
        caseworkerReason: 'Markedspris.',
      },
      {
        description: 'Kontorrekvisita',
        category: 'materials',
        claimedNok: 50000,
        approvedNok: 0,
        reasons: ['COST-01'],
        caseworkerReason: null,
      },
    ]);
  });
});
