import { diffEvaluations } from './diff';
import { evaluate } from './evaluate';
import { intakeSampleCase } from './fixtures';
import { context, run } from './testing';

describe('diffEvaluations', () => {
  const base = run();

  it('is empty for a replay of the same input', () => {
    expect(diffEvaluations(base, evaluate(intakeSampleCase(), context()))).toEqual([]);
  });

  it('is empty for a stored evaluation read back from JSON, ignoring storage metadata', () => {
    const stored = { id: 'e1', applicationId: 'a1', evaluatedAt: '2026-03-02T12:00:00Z', ...JSON.parse(JSON.stringify(base)) };
    expect(diffEvaluations(stored, base)).toEqual([]);
  });

  it('says which outcomes and totals a what-if changes', () => {
    // Approving 600 000 of the 1 020 000 personnel line: eligible 2 290 000 - 420 000 = 1 870 000, max aid 935 000.
    const whatIf = run((c) => {
      c.costLines![0].approvedAmountNok = 600_000;
      c.costLines![0].approvalReason = 'Timetall ikke dokumentert.';
    });
    const d = diffEvaluations(base, whatIf);
    const paths = d.map((x) => x.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'inputHash',
        'costLines[line-1].outcome',
        'costLines[line-1].eligibleNok',
        'costLines[line-1].approvedAmountNok',
        'costLines[line-1].reasons[ASSESSMENT]',
        'totals.eligibleCostsNok',
        'totals.maxAidNok',
        'rules[INT-01].explanation.nb',
        'rules[INT-01].inputs.maxAidNok',
      ]),
    );
    expect(d.find((x) => x.path === 'totals.maxAidNok')).toEqual({ path: 'totals.maxAidNok', before: 1_145_000, after: 935_000 });
    expect(d.find((x) => x.path === 'costLines[line-1].outcome')).toEqual({
      path: 'costLines[line-1].outcome',
      before: 'eligible',
      after: 'partly',
    });
    expect(d.find((x) => x.path === 'costLines[line-1].reasons[ASSESSMENT]')?.before).toBeUndefined();
    expect(paths).not.toContain('rules[INT-01].outcome'); // still fails
  });

  it('reports a changed rate', () => {
    const d = diffEvaluations(base, evaluate(intakeSampleCase(), context('2026-03-02', 12)));
    expect(d).toContainEqual({ path: 'nokPerEur', before: 11.5, after: 12 });
    expect(d).toContainEqual({ path: 'totals.requestedAidEur', before: 130_434.78, after: 125_000 });
  });

  it('matches lines by id, so adding a line is one difference, not a shift', () => {
    const more = run((c) => c.costLines!.splice(1, 0, { id: 'line-new', category: 'other', amountNok: 1, incurredFrom: '2026-04-01' }));
    const linePaths = diffEvaluations(base, more)
      .map((x) => x.path)
      .filter((p) => p.startsWith('costLines'));
    expect(linePaths).toEqual(['costLines[line-new]']);
  });

  it('compares plain values and treats undefined as absent', () => {
    expect(diffEvaluations({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffEvaluations({ a: null }, { a: undefined })).toEqual([{ path: 'a', before: null, after: undefined }]);
    expect(diffEvaluations({ a: [1, 2] }, { a: [1, 3, 4] })).toEqual([
      { path: 'a[1]', before: 2, after: 3 },
      { path: 'a[2]', before: undefined, after: 4 },
    ]);
  });
});
