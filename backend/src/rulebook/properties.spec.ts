import fc from 'fast-check';
import { diffEvaluations } from './diff';
import { evaluate } from './evaluate';
import { maxAid } from './money';
import type { AidAmount, CaseRuleId, CaseSnapshot, CostLineSnapshot, EvaluationContext, RuleOutcome } from './types';

const day = (offset: number) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const dateArb = fc.integer({ min: 0, max: 5 * 365 }).map(day);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const money = (max = 5_000_000) => fc.integer({ min: 0, max });

const yearArb = (year: number) =>
  fc.record({
    year: fc.constant(year),
    annualWorkUnits: maybe(fc.integer({ min: 0, max: 40_000 }).map((x) => x / 100)),
    turnoverNok: maybe(money(2_000_000_000)),
    balanceSheetNok: maybe(money(2_000_000_000)),
    shareCapitalNok: maybe(money(50_000_000)),
    otherEquityNok: maybe(fc.integer({ min: -50_000_000, max: 50_000_000 })),
    debtNok: maybe(money(500_000_000)),
    ebitdaNok: maybe(fc.integer({ min: -10_000_000, max: 50_000_000 })),
    interestExpenseNok: maybe(money(10_000_000)),
  });

const lineArb: fc.Arbitrary<Omit<CostLineSnapshot, 'id'>> = fc
  .record({
    category: maybe(fc.constantFrom('personnel', 'consultancy', 'equipment', 'ipr', 'overheads', 'materials', 'other')),
    description: maybe(fc.constantFrom('Prosjektleder', 'Innføring av SAP', 'LEAN', 'Sorteringsrobot', 'Utskifting av maskin', 'Leie')),
    amountNok: maybe(money(3_000_000)),
    hours: maybe(fc.integer({ min: 0, max: 40_000 }).map((x) => x / 10)),
    hourlyRateNok: maybe(money(2_000)),
    basis: maybe(fc.constantFrom('depreciation', 'rental')),
    acquisitionCostNok: maybe(money(10_000_000)),
    usefulLifeMonths: maybe(fc.integer({ min: 0, max: 240 })),
    monthsUsed: maybe(fc.integer({ min: 0, max: 480 }).map((x) => x / 2)),
    projectUseSharePct: maybe(fc.integer({ min: 0, max: 100 })),
    monthlyRentNok: maybe(money(200_000)),
    supplierName: maybe(fc.constantFrom('Algo AS', 'Eier AS', 'Partner AS')),
    supplierRelation: maybe(fc.constantFrom('independent', 'partner', 'linked')),
    incurredFrom: maybe(dateArb),
    approvedAmountNok: fc.option(fc.integer({ min: -10, max: 3_000_010 }), { nil: undefined, freq: 3 }),
    approvalReason: fc.option(fc.constant('Vurdert.'), { nil: undefined }),
  })
  .map((l) => l as Omit<CostLineSnapshot, 'id'>);

export const caseArb: fc.Arbitrary<CaseSnapshot> = fc
  .record({
    receivedAt: maybe(
      fc
        .tuple(dateArb, fc.integer({ min: 0, max: 86_399 }))
        .map(([d, s]) => new Date(`${d}T00:00:00Z`).getTime() + s * 1000)
        .map((t) => new Date(t).toISOString()),
    ),
    startOffset: fc.integer({ min: -30, max: 200 }),
    lengthDays: fc.integer({ min: -5, max: 1_200 }),
    datesGiven: fc.boolean(),
    years: fc.integer({ min: 0, max: 2 }),
    y1: yearArb(2025),
    y2: yearArb(2024),
    related: fc.array(
      fc.record({
        name: fc.constantFrom('Eier AS', 'Søster AS'),
        relation: maybe(fc.constantFrom('linked' as const, 'partner' as const)),
        sharePct: maybe(fc.integer({ min: 0, max: 100 })),
        annualWorkUnits: maybe(fc.integer({ min: 0, max: 300 })),
        turnoverNok: maybe(money(500_000_000)),
        balanceSheetNok: maybe(money(500_000_000)),
      }),
      { maxLength: 2 },
    ),
    publicOwnershipPct: maybe(fc.integer({ min: 0, max: 100 })),
    companyForm: maybe(fc.constantFrom('AS', 'ASA', 'ENK', 'ANS', 'DA', 'SA', 'NUF')),
    incorporatedOn: maybe(fc.integer({ min: -20 * 365, max: 3 * 365 }).map(day)),
    naceCode: maybe(fc.constantFrom('01.110', '03.211', '22.220', '62.010')),
    flags: fc.tuple(maybe(fc.boolean()), maybe(fc.boolean()), maybe(fc.boolean())),
    partners: fc.array(
      fc.record({
        name: fc.constantFrom('Partner AS', 'Annen AS'),
        sizeClass: maybe(fc.constantFrom('micro' as const, 'small' as const, 'medium' as const, 'large' as const)),
        eligibleCostsNok: maybe(money()),
      }),
      { maxLength: 3 },
    ),
    requested: maybe(money(20_000_000)),
    otherAid: fc.array(
      fc.record({ grantor: fc.constant('Fond'), amountNok: maybe(money(2_000_000)), coversSameCosts: maybe(fc.boolean()) }),
      {
        maxLength: 2,
      },
    ),
    lines: fc.array(lineArb, { maxLength: 8 }),
    circular: maybe(fc.boolean()),
    judgments: fc.array(
      fc.record({
        criterionId: fc.constantFrom('J-INNO-01', 'J-LRG-01', 'J-CIRC-01', 'J-NEED-01'),
        outcome: fc.constantFrom('pass' as const, 'fail' as const),
        rationale: fc.constant('Begrunnelse.'),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g) => {
    const received = g.receivedAt ? g.receivedAt.slice(0, 10) : '2024-01-01';
    const start = g.datesGiven ? day(Math.round((Date.parse(received) - Date.UTC(2023, 0, 1)) / 86_400_000) + g.startOffset) : null;
    const end = start ? day(Math.round((Date.parse(start) - Date.UTC(2023, 0, 1)) / 86_400_000) + g.lengthDays) : null;
    return {
      receivedAt: g.receivedAt,
      applicant: {
        name: 'Søker AS',
        companyForm: g.companyForm,
        incorporatedOn: g.incorporatedOn,
        naceCode: g.naceCode,
        publicOwnershipPct: g.publicOwnershipPct,
        financials: [g.y1, g.y2].slice(0, g.years),
        relatedEnterprises: g.related,
        insolvencyProceedings: g.flags[0],
        outstandingRescueAid: g.flags[1],
        outstandingRecoveryOrder: g.flags[2],
      },
      project: {
        description: 'Prosjekt',
        startDate: start,
        endDate: end,
        location: 'Bergen',
        circularTransition: g.circular,
        collaborationPartners: g.partners,
      },
      aid: { instrument: 'grant', requestedAmountNok: g.requested },
      otherPublicAid: g.otherAid,
      costLines: g.lines.map((l, i) => ({ id: `l${i}`, ...l })),
      judgments: g.judgments,
    } satisfies CaseSnapshot;
  });

/** No amount (basis requested, the request), or a recommended or granted amount (docs/rules.md section 5). */
const aidAmountArb: fc.Arbitrary<AidAmount | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    basis: fc.constantFrom('recommended' as const, 'granted' as const),
    amountNok: fc.oneof(fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 200_000_000 })),
  }),
);

export const contextArb: fc.Arbitrary<EvaluationContext> = fc
  .record({
    date: fc.integer({ min: -365, max: 7 * 365 }).map(day),
    rate: fc.integer({ min: 800, max: 1_400 }).map((x) => x / 100),
    aidAmount: aidAmountArb,
  })
  .map(({ date, rate, aidAmount }) => ({
    evaluationDate: date,
    nokPerEur: rate,
    fxSource: 'Norges Bank',
    fxDate: date,
    ...(aidAmount ? { aidAmount } : {}),
  }));

const ALLOWED: Record<CaseRuleId, RuleOutcome[]> = {
  'INC-01': ['pass', 'fail', 'missing'],
  'INC-02': ['pass', 'missing'],
  'SME-01': ['pass', 'missing'],
  'LRG-01': ['pass', 'fail', 'na', 'missing'],
  'UID-01': ['pass', 'fail', 'missing'],
  'REC-01': ['pass', 'fail', 'missing'],
  'SEC-01': ['pass', 'refer', 'missing'],
  'INT-01': ['pass', 'fail', 'assess', 'missing'],
  'CUM-01': ['pass', 'fail', 'assess', 'missing'],
  'THR-01': ['pass', 'refer', 'missing'],
  'TRN-01': ['pass', 'missing'],
};

const RUNS = { numRuns: 400 };

describe('rulebook properties', () => {
  it('a line’s eligible amount is never more than its claim, nor negative', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        for (const l of evaluate(s, ctx).costLines) {
          expect(l.eligibleNok).toBeGreaterThanOrEqual(0);
          expect(l.eligibleNok).toBeLessThanOrEqual(l.claimedNok);
          expect(l.computedEligibleNok).toBeLessThanOrEqual(l.claimedNok);
          expect(Number.isInteger(l.eligibleNok)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('the maximum aid never exceeds intensity x eligible costs, and is that rounded down', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        const { totals } = evaluate(s, ctx);
        if (totals.maxAidNok === null || totals.maxIntensityPct === null) return;
        const exact = (totals.eligibleCostsNok * totals.maxIntensityPct) / 100;
        expect(totals.maxAidNok).toBeLessThanOrEqual(exact);
        expect(totals.maxAidNok).toBeGreaterThan(exact - 1);
        expect(totals.maxAidNok).toBe(maxAid(totals.eligibleCostsNok, totals.maxIntensityPct));
      }),
      RUNS,
    );
  });

  it('eligible costs are the sum of the lines, pending the sum of the lines to assess', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        const r = evaluate(s, ctx);
        const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(r.totals.eligibleCostsNok).toBe(total(r.costLines.map((l) => l.eligibleNok)));
        expect(r.totals.appliedCostsNok).toBe(total(r.costLines.map((l) => l.claimedNok)));
        expect(r.totals.pendingAssessmentNok).toBe(total(r.costLines.filter((l) => l.outcome === 'assess').map((l) => l.eligibleNok)));
        expect(r.totals.pendingAssessmentNok).toBeLessThanOrEqual(r.totals.eligibleCostsNok);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives the same hash and the same result', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        const a = evaluate(s, ctx);
        const b = evaluate(structuredClone(s), { ...ctx });
        expect(b.inputHash).toBe(a.inputHash);
        expect(b).toEqual(a);
        expect(diffEvaluations(a, b)).toEqual([]);
        expect(diffEvaluations(JSON.parse(JSON.stringify(a)), b)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('gives only the outcomes the rulebook allows, and explains each in both languages', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        const r = evaluate(s, ctx);
        expect(r.rules.map((x) => x.ruleId)).toEqual(Object.keys(ALLOWED));
        for (const x of r.rules) {
          expect(ALLOWED[x.ruleId]).toContain(x.outcome);
          for (const t of [x.explanation.nb, x.explanation.en]) {
            expect(t.length).toBeGreaterThan(10);
            expect(t).not.toMatch(/undefined|NaN|null|\[object|Infinity/);
          }
          if (x.outcome === 'missing') expect((x.inputs.missing as string[]).length).toBeGreaterThan(0);
        }
        for (const l of r.costLines) {
          for (const reason of l.reasons) expect(reason.explanation.nb + reason.explanation.en).not.toMatch(/undefined|NaN|null|\[object/);
        }
        expect(r.obligations.length === 1).toBe(
          r.rules[10].outcome === 'pass' && r.rules[10].inputs.aidAmountNok !== null && r.rules[10].explanation.en.includes('at least'),
        );
      }),
      RUNS,
    );
  });

  it('judges a breach of INT-01 or CUM-01 as assess at the requested amount and as fail at a recommended or granted one', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        const r = evaluate(s, ctx);
        const basis = ctx.aidAmount?.basis ?? 'requested';
        for (const x of r.rules.filter((y) => ['INT-01', 'CUM-01', 'THR-01', 'TRN-01'].includes(y.ruleId))) {
          expect(x.inputs.amountBasis).toBe(basis);
          expect(x.inputs.aidAmountNok).toBe(
            ctx.aidAmount ? ctx.aidAmount.amountNok : (r.totals.requestedAidNok ?? 0) > 0 ? r.totals.requestedAidNok : null,
          );
          if (x.ruleId === 'INT-01' || x.ruleId === 'CUM-01') expect(x.outcome).not.toBe(basis === 'requested' ? 'fail' : 'assess');
        }
      }),
      RUNS,
    );
  });

  it('a judgment applies exactly when the rulebook says', () => {
    fc.assert(
      fc.property(caseArb, contextArb, (s, ctx) => {
        const r = evaluate(s, ctx);
        const lrg = r.judgments.find((j) => j.criterionId === 'J-LRG-01')!;
        const circ = r.judgments.find((j) => j.criterionId === 'J-CIRC-01')!;
        expect(lrg.applies).toBe(r.sizeClass === 'large');
        expect(circ.applies).toBe(s.project?.circularTransition === true);
        for (const j of r.judgments) expect(j.outcome === 'na').toBe(!j.applies);
      }),
      RUNS,
    );
  });
});
