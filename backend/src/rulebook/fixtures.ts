import type { CaseSnapshot, CostLineSnapshot } from './types';

/** A snapshot known to have cost lines. */
export type CaseWithLines = CaseSnapshot & { costLines: CostLineSnapshot[] };

/** The sample application of docs/intake.md, as a snapshot (cost lines numbered line-1 to line-5). */
export function intakeSampleCase(): CaseWithLines {
  return {
    externalRef: 'P-2026-004211',
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
          turnoverNok: 98_000_000,
          balanceSheetNok: 61_000_000,
          shareCapitalNok: 2_000_000,
          otherEquityNok: 15_000_000,
          debtNok: 40_000_000,
          ebitdaNok: 9_000_000,
          interestExpenseNok: 1_200_000,
        },
        {
          year: 2024,
          annualWorkUnits: 39,
          turnoverNok: 91_000_000,
          balanceSheetNok: 58_000_000,
          shareCapitalNok: 2_000_000,
          otherEquityNok: 12_000_000,
          debtNok: 41_000_000,
          ebitdaNok: 8_000_000,
          interestExpenseNok: 1_300_000,
        },
      ],
      relatedEnterprises: [
        {
          name: 'Fjord Holding AS',
          orgNumber: '974760673',
          relation: 'partner',
          sharePct: 30,
          annualWorkUnits: 5,
          turnoverNok: 12_000_000,
          balanceSheetNok: 30_000_000,
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
      collaborationPartners: [{ name: 'Sorteringsteknikk AS', orgNumber: '986105174', sizeClass: 'small', eligibleCostsNok: 900_000 }],
    },
    aid: { instrument: 'grant', requestedAmountNok: 1_500_000 },
    otherPublicAid: [{ grantor: 'Regionalt forskningsfond', legalBasis: 'GBER art. 25', amountNok: 200_000, coversSameCosts: true }],
    costLines: [
      {
        id: 'line-1',
        category: 'personnel',
        description: 'Prosjektleder, 1 200 timer',
        hours: 1200,
        hourlyRateNok: 850,
        amountNok: 1_020_000,
        incurredFrom: '2026-04-01',
      },
      {
        id: 'line-2',
        category: 'consultancy',
        description: 'Prosessanalyse',
        supplierName: 'Prosessråd AS',
        supplierRelation: 'independent',
        amountNok: 600_000,
        incurredFrom: '2026-05-01',
      },
      {
        id: 'line-3',
        category: 'equipment',
        description: 'Sorteringsrobot, avskrivning',
        basis: 'depreciation',
        acquisitionCostNok: 2_400_000,
        usefulLifeMonths: 60,
        monthsUsed: 18,
        projectUseSharePct: 50,
        amountNok: 360_000,
        incurredFrom: '2026-06-01',
      },
      {
        id: 'line-4',
        category: 'equipment',
        description: 'Leie av måleinstrument',
        basis: 'rental',
        monthlyRentNok: 10_000,
        monthsUsed: 6,
        projectUseSharePct: 100,
        amountNok: 60_000,
        incurredFrom: '2026-06-01',
      },
      {
        id: 'line-5',
        category: 'ipr',
        description: 'Lisens til styringsalgoritme',
        supplierName: 'Algo AS',
        supplierRelation: 'independent',
        amountNok: 250_000,
        incurredFrom: '2026-04-15',
      },
    ],
  };
}

const ROLES = ['Prosjektleder', 'Prosessingeniør', 'Operatør', 'Automasjonsingeniør', 'HR-rådgiver', 'Kvalitetsleder'];

function benchmarkLine(i: number): CostLineSnapshot {
  const id = `line-${String(i + 1).padStart(3, '0')}`;
  const month = String(4 + (i % 9)).padStart(2, '0');
  const incurredFrom = `2026-${month}-01`;
  switch (i % 10) {
    case 0:
    case 1:
    case 2: {
      const hours = 300 + ((i * 37) % 900);
      const rate = 650 + ((i * 13) % 400);
      // Every seventh personnel line claims a little more than hours x rate (COST-02 partly).
      const amount = hours * rate + (i % 7 === 0 ? 25_000 : 0);
      return {
        id,
        category: 'personnel',
        description: `${ROLES[i % ROLES.length]}, ${hours} timer`,
        hours,
        hourlyRateNok: rate,
        amountNok: amount,
        incurredFrom,
      };
    }
    case 3:
      return {
        id,
        category: 'consultancy',
        description: 'Prosessanalyse og ny skiftordning',
        supplierName: `Rådgiver ${i} AS`,
        supplierRelation: 'independent',
        amountNok: 150_000 + i * 5_000,
        incurredFrom,
      };
    case 4:
      return {
        id,
        category: 'equipment',
        description: 'Sorteringsrobot, avskrivning',
        basis: 'depreciation',
        acquisitionCostNok: 2_400_000,
        usefulLifeMonths: 60,
        monthsUsed: 12 + (i % 12),
        projectUseSharePct: 50,
        amountNok: 300_000,
        incurredFrom,
      };
    case 5:
      return {
        id,
        category: 'equipment',
        description: 'Leie av måleinstrument',
        basis: 'rental',
        monthlyRentNok: 10_000,
        monthsUsed: 6 + (i % 6),
        projectUseSharePct: 80,
        amountNok: 60_000,
        incurredFrom,
      };
    case 6:
      return {
        id,
        category: 'ipr',
        description: 'Lisens til styringsalgoritme',
        supplierName: 'Algo AS',
        supplierRelation: 'independent',
        amountNok: 250_000,
        incurredFrom,
      };
    case 7:
      return {
        id,
        category: 'consultancy',
        description: 'Tilpasning av ERP-system til ny produksjonsflyt',
        supplierName: 'Fjord Holding AS',
        supplierRelation: 'partner',
        amountNok: 180_000,
        incurredFrom,
      };
    case 8:
      return { id, category: 'overheads', description: 'Administrasjonspåslag', amountNok: 90_000, incurredFrom };
    default:
      return {
        id,
        category: 'personnel',
        description: 'Opplæring av operatører i nytt skiftsystem',
        hours: 400,
        hourlyRateNok: 720,
        amountNok: 288_000,
        incurredFrom,
      };
  }
}

/** A realistic case with `lines` cost lines of every kind, for benchmarks and property tests. */
export function benchmarkCase(lines = 20): CaseWithLines {
  const base = intakeSampleCase();
  const costLines = Array.from({ length: lines }, (_, i) => benchmarkLine(i));
  const claimed = costLines.reduce((s, l) => s + (l.amountNok ?? 0), 0);
  return {
    ...base,
    externalRef: `P-2026-BENCH-${lines}`,
    aid: { instrument: 'grant', requestedAmountNok: Math.round(claimed * 0.35) },
    costLines,
    judgments: [
      { criterionId: 'J-INNO-01', outcome: 'pass', rationale: 'Ny robotisert sorteringsprosess og ny skiftordning.' },
      { criterionId: 'J-COMP-01', outcome: 'pass', rationale: 'Lavere enhetskostnad og kortere leveringstid.' },
    ],
  };
}
