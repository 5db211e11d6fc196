import { rule, run, sizeFigures } from '../testing';
import type { CaseSnapshot, RuleOutcome, SizeClass } from '../types';

/** A large applicant (AWU 300) whose own eligible costs are the sample's 2 290 000. */
const large = (c: CaseSnapshot) => sizeFigures(300, 500_000_000, 500_000_000)(c);

function lrg(partners: { sizeClass: SizeClass | null; eligibleCostsNok: number | null }[]) {
  return run((c) => {
    large(c);
    c.project!.collaborationPartners = partners.map((p, i) => ({ name: `Partner ${i + 1} AS`, ...p }));
  });
}

describe('LRG-01 SME collaboration of a large applicant (GBER art. 29(2))', () => {
  it('does not apply to an SME', () => {
    const r = run();
    expect(rule(r, 'LRG-01').outcome).toBe('na');
    expect(rule(r, 'LRG-01').explanation.en).toContain('small enterprise (SME)');
  });

  it.each<[string, { sizeClass: SizeClass | null; eligibleCostsNok: number | null }[], RuleOutcome]>([
    // Total = 2 290 000 + partners. 30 % exactly: SME costs s with s = 0.3 (2 290 000 + s) => s = 981 428.57.
    ['no partners', [], 'fail'],
    ['SME share just below 30 %', [{ sizeClass: 'small', eligibleCostsNok: 981_428 }], 'fail'],
    ['SME share just above 30 %', [{ sizeClass: 'small', eligibleCostsNok: 981_429 }], 'pass'],
    ['a large partner does not count as SME', [{ sizeClass: 'large', eligibleCostsNok: 5_000_000 }], 'fail'],
    [
      'SME share of applicant plus all partners',
      [
        { sizeClass: 'medium', eligibleCostsNok: 1_500_000 },
        { sizeClass: 'large', eligibleCostsNok: 1_210_000 },
      ],
      // 1 500 000 / (2 290 000 + 1 500 000 + 1 210 000) = 1 500 000 / 5 000 000 = 30 % exactly.
      'pass',
    ],
    [
      'one krone short of 30 %',
      [
        { sizeClass: 'micro', eligibleCostsNok: 1_499_999 },
        { sizeClass: 'large', eligibleCostsNok: 1_210_001 },
      ],
      'fail',
    ],
  ])('%s', (_name, partners, expected) => {
    expect(rule(lrg(partners), 'LRG-01').outcome).toBe(expected);
  });

  it('states the SME share and the numbers behind it', () => {
    const r = lrg([
      { sizeClass: 'medium', eligibleCostsNok: 1_500_000 },
      { sizeClass: 'large', eligibleCostsNok: 1_210_000 },
    ]);
    const l = rule(r, 'LRG-01');
    expect(l.inputs).toMatchObject({
      applicantEligibleCostsNok: 2_290_000,
      partnersEligibleCostsNok: 2_710_000,
      smeEligibleCostsNok: 1_500_000,
      totalEligibleCostsNok: 5_000_000,
      smeSharePct: 30,
      requiredSmeSharePct: 30,
    });
    expect(l.explanation.nb).toBe(
      'Søker er et stort foretak. SMB-partnernes støtteberettigede kostnader er 1 500 000 kr av prosjektets samlede 5 000 000 kr ' +
        '(søkers 2 290 000 kr og partnernes 2 710 000 kr), altså 30 %. Kravet om minst 30 % er oppfylt.',
    );
    expect(l.explanation.en).toContain('that is 30%. The requirement of at least 30% is met.');
  });

  it('is missing when a partner lacks its size class or costs', () => {
    const r = lrg([{ sizeClass: null, eligibleCostsNok: null }]);
    expect(rule(r, 'LRG-01').outcome).toBe('missing');
    expect(rule(r, 'LRG-01').inputs.missing).toEqual([
      'project.collaborationPartners[0].sizeClass',
      'project.collaborationPartners[0].eligibleCostsNok',
    ]);
    expect(rule(r, 'LRG-01').explanation.nb).toBe(
      'Mangler: størrelsesklasse for samarbeidspartner «Partner 1 AS» og støtteberettigede kostnader for samarbeidspartner «Partner 1 AS».',
    );
  });

  it('is missing when the applicant’s size is unknown', () => {
    const r = run((c) => (c.applicant!.financials = []));
    expect(rule(r, 'LRG-01').outcome).toBe('missing');
    expect(rule(r, 'LRG-01').inputs.missing).toEqual(['sizeClass']);
  });

  it('makes J-LRG-01 applicable and the intensity 15 %', () => {
    const r = lrg([]);
    expect(r.sizeClass).toBe('large');
    expect(r.judgments.find((j) => j.criterionId === 'J-LRG-01')).toMatchObject({ applies: true, outcome: 'assess' });
    expect(r.totals.maxIntensityPct).toBe(15);
    expect(r.totals.maxAidNok).toBe(343_500); // 15 % x 2 290 000
  });
});
