import { rule, run } from '../testing';
import type { RuleOutcome } from '../types';

describe('REC-01 outstanding recovery order (GBER art. 1(4)(a))', () => {
  it.each<[boolean | null | undefined, RuleOutcome]>([
    [false, 'pass'],
    [true, 'fail'],
    [null, 'missing'],
    [undefined, 'missing'],
  ])('outstandingRecoveryOrder %s: %s', (value, expected) => {
    const r = rule(
      run((c) => (c.applicant!.outstandingRecoveryOrder = value)),
      'REC-01',
    );
    expect(r.outcome).toBe(expected);
    expect(r.legalReference).toBe('GBER art. 1(4)(a)');
    if (expected === 'missing') expect(r.inputs.missing).toEqual(['applicant.outstandingRecoveryOrder']);
  });
});

describe('SEC-01 sector (GBER art. 1(3))', () => {
  it.each<[string | null, RuleOutcome]>([
    ['01.110', 'refer'],
    ['01.41', 'refer'],
    ['03.211', 'refer'],
    ['02.100', 'pass'],
    ['10.200', 'pass'],
    ['22.220', 'pass'],
    ['31.01', 'pass'],
    [null, 'missing'],
    ['fish', 'missing'],
  ])('NACE %s: %s', (code, expected) => {
    expect(
      rule(
        run((c) => (c.applicant!.naceCode = code)),
        'SEC-01',
      ).outcome,
    ).toBe(expected);
  });

  it('says which division and where the case goes', () => {
    const r = rule(
      run((c) => (c.applicant!.naceCode = '03.211')),
      'SEC-01',
    );
    expect(r.explanation.nb).toBe(
      'Næringskode 03.211 er i næring 03 (fiske og akvakultur), som er unntatt fra eller begrenset i gruppeunntaket. Saken sendes til statsstøtteenheten.',
    );
    expect(r.inputs).toEqual({ naceCode: '03.211', division: '03' });
  });
});
