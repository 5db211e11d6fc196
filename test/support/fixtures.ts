import { randomBytes } from 'node:crypto';

/** The example document of docs/intake.md, with a fresh externalRef unless one is given. */
export function sampleApplication(externalRef = `P-TEST-${randomBytes(5).toString('hex')}`): any {
  return {
    externalRef,
    receivedAt: '2026-03-02T10:15:00Z',
    applicant: {
      orgNumber: '923609016',
      name: 'Fjordplast AS',
      companyForm: 'AS',
      incorporatedOn: '2011-05-01',
      naceCode: '22.220',
      county: 'Vestland',
      publicOwnershipPct: 0,
      financials: [
        {
          year: 2025,
          annualWorkUnits: 42,
          turnoverNok: 98000000,
          balanceSheetNok: 61000000,
          shareCapitalNok: 2000000,
          otherEquityNok: 15000000,
          debtNok: 40000000,
          ebitdaNok: 9000000,
          interestExpenseNok: 1200000,
        },
        {
          year: 2024,
          annualWorkUnits: 39,
          turnoverNok: 91000000,
          balanceSheetNok: 58000000,
          shareCapitalNok: 2000000,
          otherEquityNok: 12000000,
          debtNok: 41000000,
          ebitdaNok: 8000000,
          interestExpenseNok: 1300000,
        },
      ],
      relatedEnterprises: [
        {
          name: 'Fjord Holding AS',
          orgNumber: '974760673',
          relation: 'partner',
          sharePct: 30,
          annualWorkUnits: 5,
          turnoverNok: 12000000,
          balanceSheetNok: 30000000,
        },
      ],
      insolvencyProceedings: false,
      outstandingRescueAid: false,
      outstandingRecoveryOrder: false,
    },
    project: {
      title: 'Robotisert sortering og ny skiftordning',
      description: 'Free text, up to 20 000 characters.',
      innovationTypes: ['process', 'organisational'],
      startDate: '2026-04-01',
      endDate: '2027-09-30',
      firstBindingCommitmentDate: null,
      location: 'Bergen',
      circularTransition: false,
      collaborationPartners: [{ name: 'Sorteringsteknikk AS', orgNumber: '986105174', sizeClass: 'small', eligibleCostsNok: 900000 }],
    },
    aid: { instrument: 'grant', requestedAmountNok: 1500000 },
    otherPublicAid: [{ grantor: 'Regionalt forskningsfond', legalBasis: 'GBER art. 25', amountNok: 200000, coversSameCosts: true }],
    costLines: [
      {
        category: 'personnel',
        description: 'Prosjektleder, 1 200 timer',
        hours: 1200,
        hourlyRateNok: 850,
        amountNok: 1020000,
        incurredFrom: '2026-04-01',
      },
      {
        category: 'consultancy',
        description: 'Prosessanalyse',
        supplierName: 'Prosessråd AS',
        supplierRelation: 'independent',
        amountNok: 600000,
        incurredFrom: '2026-05-01',
      },
      {
        category: 'equipment',
        description: 'Sorteringsrobot, avskrivning',
        basis: 'depreciation',
        acquisitionCostNok: 2400000,
        usefulLifeMonths: 60,
        monthsUsed: 18,
        projectUseSharePct: 50,
        amountNok: 360000,
        incurredFrom: '2026-06-01',
      },
      {
        category: 'equipment',
        description: 'Leie av måleinstrument',
        basis: 'rental',
        monthlyRentNok: 10000,
        monthsUsed: 6,
        projectUseSharePct: 100,
        amountNok: 60000,
        incurredFrom: '2026-06-01',
      },
      {
        category: 'ipr',
        description: 'Lisens til styringsalgoritme',
        supplierName: 'Algo AS',
        supplierRelation: 'independent',
        amountNok: 250000,
        incurredFrom: '2026-04-15',
      },
    ],
  };
}

/** Sets a value at a dotted path like `applicant.financials.0.year` (creating nothing). */
export function setPath(doc: any, path: string, value: unknown): any {
  const keys = path.split('.');
  let target = doc;
  for (const key of keys.slice(0, -1)) target = target[key];
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return doc;
}
