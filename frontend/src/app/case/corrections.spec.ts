import { caseDetail } from '../../testing/fixtures';
import { FactCorrection } from '../core/api/models';
import { factInfo, financialYearOf, latestCorrections } from './corrections';

function correction(
  path: string,
  submittedValue: FactCorrection['submittedValue'],
  correctedValue: FactCorrection['correctedValue'],
  at = '2026-03-05T10:00:00Z',
): FactCorrection {
  return {
    path,
    submittedValue,
    correctedValue,
    reason: 'Sjekket',
    correctedBy: 'kari',
    correctedByName: 'Kari Nordmann',
    correctedAt: at,
  };
}

describe('Corrected facts', () => {
  it('find the financial year a correction is about by its submitted figure', () => {
    // The fixture lists 2024 (39 AWU) before 2025 (42 AWU), as the applicant did.
    const years = caseDetail().applicant.financials;
    expect(
      financialYearOf(correction('applicant.financials[1].annualWorkUnits', 42, 40), years),
    ).toBe(2025);
    expect(
      financialYearOf(correction('applicant.financials[0].annualWorkUnits', 39, 40), years),
    ).toBe(2024);
  });

  it('trust the index the case view gives a year, and give up when the figure is ambiguous', () => {
    const years = [
      { year: 2025, annualWorkUnits: 10, index: 1 },
      { year: 2024, annualWorkUnits: 10, index: 0 },
    ];
    expect(
      financialYearOf(correction('applicant.financials[0].annualWorkUnits', 10, 12), years),
    ).toBe(2024);
    // Years without the index the case view gives (as a document read elsewhere would have them).
    const unindexed = years.map(({ year, annualWorkUnits }) => ({
      year,
      annualWorkUnits,
    })) as unknown as typeof years;
    expect(
      financialYearOf(correction('applicant.financials[0].annualWorkUnits', 10, 12), unindexed),
    ).toBeNull();
  });

  it('keep the latest correction of each fact, keyed as the overview looks it up', () => {
    const detail = caseDetail({
      corrections: [
        correction('project.location', 'Bergen', 'Os', '2026-03-05T10:00:00Z'),
        correction('project.location', 'Bergen', 'Voss', '2026-03-06T10:00:00Z'),
        correction('applicant.financials[1].turnoverNok', 98_000_000, 95_000_000),
      ],
    });
    const latest = latestCorrections(detail);
    expect(latest.get('project.location')?.correctedValue).toBe('Voss');
    expect(latest.get('applicant.financials@2025.turnoverNok')?.correctedValue).toBe(95_000_000);
  });

  it('name the fact and its row', () => {
    const detail = caseDetail();
    expect(
      factInfo(correction('applicant.financials[1].turnoverNok', 98_000_000, 1), detail),
    ).toEqual({
      labelKey: 'financials.turnoverNok',
      kind: 'nok',
      context: '2025',
    });
    expect(
      factInfo(correction('applicant.relatedEnterprises[0].sharePct', 30, 20), detail),
    ).toEqual({
      labelKey: 'overview.share',
      kind: 'percent',
      context: 'Fjord Holding AS',
    });
    expect(factInfo(correction('project.circularTransition', false, true), detail)).toEqual({
      labelKey: 'overview.circularTransition',
      kind: 'bool',
    });
  });
});
