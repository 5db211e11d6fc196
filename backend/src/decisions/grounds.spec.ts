import type { EvaluationView } from '../cases';
import { Problem } from '../common/problem';
import { groundsOfRejection, PRIORITY } from './grounds';

const text = (s: string) => ({ nb: s, en: s });

/** An evaluation with a rule at every outcome and judgments in every state. */
const evaluation = {
  rules: ['pass', 'fail', 'assess', 'missing', 'refer', 'na'].map((outcome, i) => ({
    ruleId: `R-0${i}`,
    outcome,
    legalReference: 'GBER',
    explanation: text(`rule ${outcome}`),
    inputs: {},
  })),
  judgments: [
    { criterionId: 'J-FAIL', outcome: 'fail', applies: true, rationale: 'Ikke nytt.' },
    { criterionId: 'J-PASS', outcome: 'pass', applies: true, rationale: 'Nytt.' },
    { criterionId: 'J-OPEN', outcome: 'assess', applies: true },
    { criterionId: 'J-NA', outcome: 'na', applies: false },
  ].map((j) => ({ ...j, title: text(`title ${j.criterionId}`), criterion: text('criterion') })),
} as unknown as EvaluationView;

function refusal(ids: string[], reason?: string) {
  try {
    groundsOfRejection(evaluation, ids, reason);
  } catch (e) {
    expect(e).toBeInstanceOf(Problem);
    return ((e as Problem).extensions as { errors: { path: string }[] }).errors.map((x) => x.path);
  }
  throw new Error('accepted');
}

describe('groundsOfRejection (docs/rules.md section 10)', () => {
  it.each([
    ['R-01', 'fail'],
    ['R-03', 'missing'],
    ['R-04', 'refer'],
  ])('accepts the rule %s at %s', (id, outcome) => {
    expect(groundsOfRejection(evaluation, [id])).toEqual([{ id, kind: 'rule', outcome, text: text(`rule ${outcome}`) }]);
  });

  it('accepts a judgment recorded fail, with its rationale', () => {
    expect(groundsOfRejection(evaluation, ['J-FAIL'])).toEqual([
      expect.objectContaining({ id: 'J-FAIL', kind: 'judgment', outcome: 'fail', rationale: 'Ikke nytt.' }),
    ]);
  });

  it.each([['R-00'], ['R-02'], ['R-05'], ['J-PASS'], ['J-OPEN'], ['J-NA'], ['XYZ-01']])('refuses %s as a ground', (id) => {
    expect(refusal(['R-01', id])).toEqual(['$.grounds[1]']);
  });

  it('refuses a ground named twice, and no grounds at all', () => {
    expect(refusal(['R-01', 'J-FAIL', 'R-01'])).toEqual(['$.grounds[2]']);
    expect(refusal([])).toEqual(['$.grounds']);
  });

  it('takes PRIORITY with its own reason, in the letter in both languages', () => {
    const [g] = groundsOfRejection(evaluation, [PRIORITY], '  Lavere samfunnsnytte enn de innvilgede.  ');
    expect(g).toMatchObject({ id: 'PRIORITY', kind: 'priority', rationale: 'Lavere samfunnsnytte enn de innvilgede.' });
    expect(g.text.nb).toMatch(/^Vi har .* prioritert andre søknader .*Begrunnelse: Lavere samfunnsnytte enn de innvilgede\.$/);
    expect(g.text.en).toMatch(/^We do not .*given priority to other applications .*Our reason: Lavere samfunnsnytte/);
  });

  it('refuses PRIORITY without its reason, and a reason without PRIORITY', () => {
    expect(refusal([PRIORITY])).toEqual(['$.priorityReason']);
    expect(refusal([PRIORITY], '   ')).toEqual(['$.priorityReason']);
    expect(refusal(['R-01'], 'Lav prioritet.')).toEqual(['$.priorityReason']);
  });

  it('names every ground that cannot be one', () => {
    expect(refusal(['R-00', 'R-01', 'J-PASS', PRIORITY])).toEqual(['$.grounds[0]', '$.grounds[2]', '$.priorityReason']);
  });
});
