import { evaluation } from '../../testing/fixtures';
import { RuleResult } from '../core/api/evaluation.models';
import { RecommendationRecord } from '../core/api/workflow.models';
import {
  groupLeft,
  isDeviation,
  lastReturned,
  pluralKey,
  prefillFrom,
  sortRules,
  whatIsLeft,
} from './what-is-left.logic';

const text = (s: string) => ({ nb: s, en: s });

function rule(ruleId: string, outcome: RuleResult['outcome']): RuleResult {
  return {
    ruleId,
    outcome,
    explanation: text(ruleId),
    inputs: {},
    legalReference: '',
  } as RuleResult;
}

function recommendation(overrides: Partial<RecommendationRecord> = {}): RecommendationRecord {
  return {
    id: 'rec-1',
    outcome: 'grant',
    amountNok: 1_200_000,
    justification: 'Godt prosjekt.',
    conditions: [
      { code: 'ACCEPT', text: text('Aksept') },
      { code: 'AUDITOR', text: text('Revisor') },
      { text: text('Egen betingelse') },
    ],
    grounds: [],
    evaluationId: 'e-1',
    partial: {
      requestedNok: 1_250_000,
      grantedNok: 1_200_000,
      allowedNok: 1_250_000,
      refusedCosts: [],
      reductionReason: 'Foretaket bærer mer selv.',
    },
    recommendedAt: '2026-12-01T10:00:00Z',
    recommendedBy: 'kari',
    recommendedByName: 'Kari Nordmann',
    returned: {
      at: '2026-12-02T10:00:00Z',
      by: 'ingrid',
      byName: 'Ingrid Godkjenner',
      comment: 'Begrunn beløpet bedre.',
      reasonCode: 'missing-justification',
    },
    ...overrides,
  } as RecommendationRecord;
}

describe('what is left before a grant', () => {
  const e = evaluation({
    rules: [rule('ELIG-01', 'pass'), rule('INC-01', 'fail'), rule('DUP-01', 'missing')],
    judgments: [
      { criterionId: 'J-INNO-01', applies: true, outcome: 'assess' },
      { criterionId: 'J-INNO-02', applies: true, outcome: 'assess' },
      { criterionId: 'J-NEED-01', applies: true, outcome: 'fail' },
    ] as never,
    grantBlockers: [
      { kind: 'rule', ref: 'INC-01', reason: text('INC-01 ikke oppfylt') },
      { kind: 'rule', ref: 'DUP-01', reason: text('DUP-01 mangler') },
      { kind: 'judgment', ref: 'J-INNO-01', reason: text('ikke vurdert') },
      { kind: 'judgment', ref: 'J-INNO-02', reason: text('ikke vurdert') },
      { kind: 'judgment', ref: 'J-NEED-01', reason: text('ikke oppfylt') },
      { kind: 'cost-line', ref: 'line-7', reason: text('ikke vurdert') },
      { kind: 'amount', ref: 'amount', reason: text('beløp') },
    ],
  });

  it("follows the server's list, each item with the tab and the element that deals with it", () => {
    const items = whatIsLeft(e);
    expect(items.map((i) => [i.kind, i.ref, i.tab, i.targetId])).toEqual([
      ['ruleFailed', 'INC-01', 'rules', 'rule-INC-01'],
      ['ruleOpen', 'DUP-01', 'rules', 'rule-DUP-01'],
      ['judgment', 'J-INNO-01', 'rules', 'judgment-J-INNO-01'],
      ['judgment', 'J-INNO-02', 'rules', 'judgment-J-INNO-02'],
      ['judgmentFailed', 'J-NEED-01', 'rules', 'judgment-J-NEED-01'],
      ['costLine', 'line-7', 'costs', 'cost-line-line-7'],
    ]);
  });

  it('groups by kind in the order the strip says them: judgments, cost lines, rules', () => {
    expect(groupLeft(whatIsLeft(e)).map((g) => [g.kind, g.items.length])).toEqual([
      ['judgment', 2],
      ['costLine', 1],
      ['ruleFailed', 1],
      ['ruleOpen', 1],
      ['judgmentFailed', 1],
    ]);
  });

  it('is empty without an evaluation or with nothing in the way', () => {
    expect(whatIsLeft(null)).toEqual([]);
    expect(whatIsLeft(evaluation({ grantBlockers: [] }))).toEqual([]);
    expect(groupLeft([])).toEqual([]);
  });

  it('chooses singular or plural by the language’s rules', () => {
    expect(pluralKey('whatIsLeft.judgment', 1, 'nb')).toBe('whatIsLeft.judgment.one');
    expect(pluralKey('whatIsLeft.judgment', 3, 'nb')).toBe('whatIsLeft.judgment.other');
    expect(pluralKey('whatIsLeft.judgment', 0, 'en')).toBe('whatIsLeft.judgment.other');
    expect(pluralKey('whatIsLeft.judgment', 1, 'en')).toBe('whatIsLeft.judgment.one');
  });
});

describe('the order of the rules', () => {
  it('puts failures first, then missing facts, referrals and what is to assess, then the rest', () => {
    const rules = [
      rule('A', 'pass'),
      rule('B', 'missing'),
      rule('C', 'na'),
      rule('D', 'fail'),
      rule('E', 'pass'),
      rule('F', 'refer'),
      rule('G', 'fail'),
      rule('H', 'assess'),
    ];
    expect(sortRules(rules).map((r) => r.ruleId)).toEqual(['D', 'G', 'B', 'F', 'H', 'A', 'E', 'C']);
    // The list given is left as it was.
    expect(rules[0].ruleId).toBe('A');
  });

  it('calls fail, missing, refer and assess deviations, pass and not applicable not', () => {
    expect(['fail', 'missing', 'refer', 'assess', 'pass', 'na'].map(isDeviation)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('the recommendation after a return', () => {
  const mandatory = ['ACCEPT', 'PAYMENT'];

  it('starts from the returned grant: amount, justification, chosen and free conditions, reduction reason', () => {
    expect(prefillFrom([recommendation()], mandatory)).toEqual({
      outcome: 'grant',
      amountNok: 1_200_000,
      justification: 'Godt prosjekt.',
      conditionCodes: ['AUDITOR'],
      freeConditions: ['Egen betingelse'],
      grounds: [],
      priorityReason: '',
      reductionReason: 'Foretaket bærer mer selv.',
    });
  });

  it('starts from a returned rejection: its grounds and the reason of priority', () => {
    const rejection = recommendation({
      outcome: 'reject',
      amountNok: null,
      conditions: [],
      partial: null,
      grounds: [
        { id: 'INC-01', kind: 'rule', outcome: 'fail', text: text('x') },
        {
          id: 'PRIORITY',
          kind: 'priority',
          outcome: 'fail',
          text: text('y'),
          rationale: 'Lavere rangert.',
        },
      ],
    });
    expect(prefillFrom([rejection], mandatory)).toMatchObject({
      outcome: 'reject',
      amountNok: null,
      grounds: ['INC-01', 'PRIORITY'],
      priorityReason: 'Lavere rangert.',
      conditionCodes: [],
      reductionReason: '',
    });
  });

  it('takes the latest recommendation, and nothing when it was not returned', () => {
    const older = recommendation({ id: 'old', amountNok: 900_000 });
    expect(prefillFrom([older, recommendation({ id: 'new' })], mandatory)?.amountNok).toBe(
      1_200_000,
    );
    expect(prefillFrom([recommendation({ returned: null })], mandatory)).toBeNull();
    expect(prefillFrom([], mandatory)).toBeNull();
    expect(prefillFrom(null, mandatory)).toBeNull();
    expect(lastReturned([older, recommendation({ id: 'new', returned: null })])).toBeNull();
    expect(lastReturned([older])?.id).toBe('old');
  });
});
