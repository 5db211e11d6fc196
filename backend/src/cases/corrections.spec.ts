import { applyCorrections, isCorrectable, pathExists, readPath } from './corrections';

describe('fact corrections', () => {
  const doc: any = {
    applicant: { name: 'Fjordplast AS', financials: [{ year: 2025, annualWorkUnits: 42 }], insolvencyProceedings: false },
    project: { startDate: '2026-04-01' },
    costLines: [{ id: 'a', amountNok: 1 }],
  };

  it('allows the facts the rules read, not identity, request or cost lines', () => {
    expect(isCorrectable('applicant.financials[0].annualWorkUnits')).toBe(true);
    expect(isCorrectable('applicant.outstandingRecoveryOrder')).toBe(true);
    expect(isCorrectable('project.startDate')).toBe(true);
    expect(isCorrectable('applicant.orgNumber')).toBe(false);
    expect(isCorrectable('aid.requestedAmountNok')).toBe(false);
    expect(isCorrectable('costLines[0].amountNok')).toBe(false);
    expect(isCorrectable('applicant.financials[0].year')).toBe(false);
  });

  it('applies corrections in order without touching the submitted values', () => {
    const corrected = applyCorrections(doc, [
      { path: 'applicant.financials[0].annualWorkUnits', corrected_value: 51 },
      { path: 'applicant.financials[0].annualWorkUnits', corrected_value: 49.5 },
      { path: 'applicant.outstandingRecoveryOrder', corrected_value: false },
      { path: 'applicant.insolvencyProceedings', corrected_value: null },
    ]);
    expect(readPath(corrected, 'applicant.financials[0].annualWorkUnits')).toBe(49.5);
    expect(corrected.applicant.outstandingRecoveryOrder).toBe(false);
    expect('insolvencyProceedings' in corrected.applicant).toBe(false);
    expect(doc.applicant.financials[0].annualWorkUnits).toBe(42);
    expect(doc.applicant.insolvencyProceedings).toBe(false);
  });

  it('knows which paths lead somewhere', () => {
    expect(pathExists(doc, 'applicant.financials[0].turnoverNok')).toBe(true);
    expect(pathExists(doc, 'applicant.financials[3].turnoverNok')).toBe(false);
    expect(pathExists(doc, 'project.collaborationPartners[0].sizeClass')).toBe(false);
  });
});
