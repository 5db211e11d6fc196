import { canonicalJson, sha256Hex } from './canonical';
import { evaluate } from './evaluate';
import { intakeSampleCase } from './fixtures';
import { GBER_2023, PARAMETER_SETS } from './parameters';
import { context, sampleWith } from './testing';
import type { CaseSnapshot, EvaluationContext } from './types';
import { computeRulebookVersion, RULEBOOK_VERSION, RULES_REVISION } from './version';

/**
 * Every rules revision with the fingerprint of its results on the cases below. Append-only: when
 * a rule change makes the fingerprint test fail, bump RULES_REVISION in version.ts and add a line
 * here; never edit an earlier line.
 */
const REVISION_HISTORY: readonly { revision: string; fingerprint: string }[] = [
  { revision: '2026.1', fingerprint: '263ef9f7aa4120efa891d7a17fe88ac75ae1245d8a69edcc9a3137e88fe1b4f1' },
  { revision: '2026.2', fingerprint: '060197993cf642bc5760983535b6271a8cffcdc936afc575342fa8abe5ad4aba' },
];

/**
 * Cases that between them reach every rule, outcome and explanation branch that matters. Written
 * out here (only the docs/intake.md sample comes from fixtures) so that tuning a fixture elsewhere does
 * not move the fingerprint.
 */
function fingerprintCases(): [CaseSnapshot, EvaluationContext][] {
  const large = (c: CaseSnapshot) => {
    c.applicant!.relatedEnterprises = [];
    c.applicant!.financials = [
      {
        year: 2025,
        annualWorkUnits: 300,
        turnoverNok: 9e8,
        balanceSheetNok: 9e8,
        shareCapitalNok: 2e6,
        otherEquityNok: 3e6,
        debtNok: 4e7,
        ebitdaNok: 9e5,
        interestExpenseNok: 1e6,
      },
      {
        year: 2024,
        annualWorkUnits: 280,
        turnoverNok: 8e8,
        balanceSheetNok: 8e8,
        shareCapitalNok: 2e6,
        otherEquityNok: 3e6,
        debtNok: 4e7,
        ebitdaNok: 9e5,
        interestExpenseNok: 1e6,
      },
    ];
  };
  return [
    [intakeSampleCase(), context('2026-03-02')],
    [intakeSampleCase(), context('2023-12-10', 11.2)],
    [
      sampleWith((c) => {
        c.costLines!.push(
          {
            id: 'p-over',
            category: 'personnel',
            description: 'Operatør',
            hours: 300,
            hourlyRateNok: 650,
            amountNok: 220_000,
            incurredFrom: '2026-04-01',
          },
          { id: 'p-no-rate', category: 'personnel', description: 'Opplæring', hours: 100, amountNok: 80_000, incurredFrom: '2026-04-01' },
          {
            id: 'rent-share',
            category: 'equipment',
            description: 'Leie',
            basis: 'rental',
            monthlyRentNok: 10_000,
            monthsUsed: 11,
            projectUseSharePct: 80,
            amountNok: 100_000,
            incurredFrom: '2026-05-01',
          },
          {
            id: 'dep-missing',
            category: 'equipment',
            description: 'Robot',
            basis: 'depreciation',
            monthsUsed: 6,
            amountNok: 50_000,
            incurredFrom: '2026-05-01',
          },
          {
            id: 'erp-partner',
            category: 'consultancy',
            description: 'Tilpasning av ERP-system',
            supplierName: 'Fjord Holding AS',
            supplierRelation: 'partner',
            amountNok: 180_000,
            incurredFrom: '2026-05-01',
          },
          {
            id: 'same-name',
            category: 'ipr',
            description: 'Lisens',
            supplierName: 'Sorteringsteknikk AS',
            supplierRelation: 'independent',
            amountNok: 40_000,
            incurredFrom: '2026-05-01',
          },
          {
            id: 'approved-0',
            category: 'consultancy',
            description: 'Kurs',
            supplierName: 'X AS',
            amountNok: 30_000,
            approvedAmountNok: 0,
            approvalReason: 'Ikke nødvendig.',
            incurredFrom: '2026-05-01',
          },
          {
            id: 'approved-over',
            category: 'ipr',
            description: 'Patent',
            supplierRelation: 'independent',
            amountNok: 30_000,
            approvedAmountNok: 40_000,
            incurredFrom: '2026-05-01',
          },
          { id: 'materials', category: 'materials', description: 'Stål', amountNok: 70_000, incurredFrom: '2026-05-01' },
        );
        c.otherPublicAid!.push({ grantor: 'Kommunen', amountNok: 50_000, coversSameCosts: null });
      }),
      context('2026-06-01'),
    ],
    [{}, context('2026-03-02')],
    [sampleWith(large), context('2026-03-02')],
    [
      sampleWith((c) => {
        c.receivedAt = '2026-04-01T06:00:00Z';
        c.applicant!.naceCode = '03.211';
        c.applicant!.companyForm = 'ANS';
        c.applicant!.incorporatedOn = '2024-01-01';
        c.applicant!.financials![0].otherEquityNok = -1_500_000;
        c.applicant!.outstandingRecoveryOrder = null;
        c.project!.circularTransition = true;
        c.aid!.requestedAmountNok = 200_000_000;
        c.costLines![0].approvedAmountNok = 900_000;
        c.costLines![0].approvalReason = 'Timer nedjustert.';
        c.costLines![1].supplierRelation = 'linked';
        c.costLines![2].monthsUsed = 30;
        c.costLines!.push({
          id: 'line-6',
          category: 'overheads',
          description: 'Innføring av SAP og LEAN',
          amountNok: 10_000,
          incurredFrom: '2026-01-01',
        });
        c.judgments = [{ criterionId: 'J-INNO-01', outcome: 'pass', rationale: 'Ny prosess.' }];
      }),
      context('2026-03-02', 11.75),
    ],
    // From revision 2026.2: the amount rules at a recommended and a granted amount (docs/rules.md
    // section 5), and declared partners whose share makes them linked or leaves them out.
    [intakeSampleCase(), { ...context('2026-03-02'), aidAmount: { basis: 'recommended', amountNok: 900_000 } }],
    [intakeSampleCase(), { ...context('2026-03-02'), aidAmount: { basis: 'granted', amountNok: 1_145_001 } }],
    [
      sampleWith((c) => {
        c.aid!.requestedAmountNok = 200_000_000;
        c.costLines![1].amountNok = 500_000_000;
      }),
      { ...context('2026-03-02'), aidAmount: { basis: 'granted', amountNok: 120_000_000 } },
    ],
    [
      sampleWith((c) => {
        c.otherPublicAid = [{ grantor: 'Kommunen', amountNok: 1_200_000, coversSameCosts: true }];
        c.applicant!.relatedEnterprises = [
          { name: 'Eier AS', relation: 'partner', sharePct: 60, annualWorkUnits: 5, turnoverNok: 1e7, balanceSheetNok: 1e7 },
          { name: 'Småeier AS', relation: 'partner', sharePct: 10, annualWorkUnits: null, turnoverNok: 1e7, balanceSheetNok: 1e7 },
        ];
      }),
      context('2026-03-02'),
    ],
  ];
}

function fingerprint(): string {
  const results = fingerprintCases().map(([s, ctx]) => {
    const { rulebookVersion: _version, ...rest } = evaluate(s, ctx);
    return rest;
  });
  return sha256Hex(canonicalJson(results));
}

describe('rulebook version', () => {
  it('has the form revision+12 hex', () => {
    expect(RULEBOOK_VERSION).toMatch(/^\d{4}\.\d+\+[0-9a-f]{12}$/);
    expect(RULEBOOK_VERSION.startsWith(`${RULES_REVISION}+`)).toBe(true);
  });

  it('changes with any parameter', () => {
    const changed = PARAMETER_SETS.map((p) => (p.id === 'gber-2023' ? { ...GBER_2023, registerThresholdEur: 100_001 } : p));
    expect(computeRulebookVersion(RULES_REVISION, changed)).not.toBe(RULEBOOK_VERSION);
    expect(computeRulebookVersion(`${RULES_REVISION}.other`, PARAMETER_SETS)).not.toBe(RULEBOOK_VERSION);
    expect(computeRulebookVersion(RULES_REVISION, PARAMETER_SETS)).toBe(RULEBOOK_VERSION);
  });

  it('is bumped whenever the rules give other results (append to REVISION_HISTORY)', () => {
    const revisions = REVISION_HISTORY.map((r) => r.revision);
    expect(new Set(revisions).size).toBe(revisions.length);
    const current = REVISION_HISTORY[REVISION_HISTORY.length - 1];
    expect(current.revision).toBe(RULES_REVISION);
    const actual = fingerprint();
    const earlier = REVISION_HISTORY.slice(0, -1).find((r) => r.fingerprint === actual);
    expect(earlier).toBeUndefined();
    expect({ revision: RULES_REVISION, fingerprint: actual }).toEqual(current);
  });
});
