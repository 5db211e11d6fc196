import { rule, run } from './testing';

describe('judgments (docs/rules.md section 9)', () => {
  it('takes recorded outcomes and rationales, the last record of a criterion counting', () => {
    const r = run((c) => {
      c.judgments = [
        { criterionId: 'J-INNO-01', outcome: 'fail', rationale: 'Først vurdert som mindre endring.' },
        { criterionId: 'J-INNO-01', outcome: 'pass', rationale: 'Ny prosess, dokumentert.' },
        { criterionId: 'J-NEED-01', outcome: 'fail', rationale: 'Prosjektet gjennomføres uansett.' },
        { criterionId: 'J-UNKNOWN', outcome: 'pass', rationale: 'x' },
      ];
    });
    expect(r.judgments.find((j) => j.criterionId === 'J-INNO-01')).toMatchObject({
      outcome: 'pass',
      rationale: 'Ny prosess, dokumentert.',
    });
    expect(r.judgments.find((j) => j.criterionId === 'J-NEED-01')).toMatchObject({ outcome: 'fail' });
    expect(r.judgments.find((j) => j.criterionId === 'J-COMP-01')).toMatchObject({ outcome: 'assess' });
    expect(r.judgments.find((j) => j.criterionId === 'J-COMP-01')?.rationale).toBeUndefined();
    expect(r.judgments).toHaveLength(10);
  });

  it('applies J-CIRC-01 only to a circular transition', () => {
    const circ = run((c) => (c.project!.circularTransition = true)).judgments.find((j) => j.criterionId === 'J-CIRC-01');
    expect(circ).toMatchObject({ applies: true, outcome: 'assess' });
    expect(circ?.title).toEqual({ nb: 'Sirkulær omstilling', en: 'Circular transition' });
  });

  it('gives na, not the recorded outcome, when a criterion no longer applies', () => {
    const r = run((c) => (c.judgments = [{ criterionId: 'J-LRG-01', outcome: 'pass', rationale: 'Reelt samarbeid.' }]));
    expect(r.judgments.find((j) => j.criterionId === 'J-LRG-01')).toMatchObject({
      applies: false,
      outcome: 'na',
      rationale: 'Reelt samarbeid.',
    });
  });

  it('has a title and the criterion text in both languages', () => {
    for (const j of run().judgments) {
      expect(j.title.nb && j.title.en && j.criterion.nb && j.criterion.en).toBeTruthy();
    }
  });

  it('does not change the hard rules', () => {
    const r = run((c) => (c.judgments = [{ criterionId: 'J-INNO-01', outcome: 'fail', rationale: 'x' }]));
    expect(rule(r, 'INC-01').outcome).toBe('pass');
  });
});
