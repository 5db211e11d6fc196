import type { CaseView } from './case-view';
import type { IntakeDocument } from './document/application-document';

/**
 * The submitted document's parts of the case view (CASE_VIEW_SQL in cases.repository.ts), built
 * from the document instead of read back: intake answers the portal with them (a new case and a
 * retry alike), and reading them back cost PostgreSQL as much as a third of the insert. They are
 * the document as the normalised rows hold it. Change both together: test/integration/intake.spec.ts
 * checks that they equal GET /api/applications/{id}.
 */

/** Drops null and undefined properties, as jsonb_strip_nulls does. */
function stripNulls<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

/**
 * A value as a numeric(p, 2) column stores it, or null. PostgreSQL rounds the decimal text it
 * receives (the number as JSON writes it) half away from zero, so this rounds that text too,
 * digit by digit: binary arithmetic would round 12.34499999999999 up.
 */
export function scale2(x: number | null | undefined): number | null {
  if (typeof x !== 'number') return null;
  const text = String(Math.abs(x));
  // Exponent notation only for magnitudes below 1e-6 (which round to 0) or far beyond these columns.
  if (/e/i.test(text)) return Math.abs(x) < 1 ? 0 : x;
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length <= 2) return x === 0 ? 0 : x;
  let digits = BigInt(whole + fraction.slice(0, 2));
  if (fraction.charCodeAt(2) >= 53 /* '5' */) digits += 1n;
  const padded = digits.toString().padStart(3, '0');
  const rounded = Number(`${padded.slice(0, -2)}.${padded.slice(-2)}`);
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** The parts of the case view that are the document as submitted; cost lines without their assessment. */
export type SubmittedParts = Pick<CaseView, 'applicant' | 'project' | 'aid' | 'otherPublicAid'> & {
  costLines: Omit<CaseView['costLines'][number], 'assessment'>[];
};

/**
 * The document's parts as the case view shows them (the rows intake stores, read back): optional
 * fields left out stay out, decimals as the numeric columns keep them, financial years newest
 * first, each cost line with its id. `costLineIds` are in document order.
 */
export function submittedParts(doc: IntakeDocument, costLineIds: readonly string[]): SubmittedParts {
  const a = doc.applicant;
  const p = doc.project;
  const financials = (a.financials ?? []).map((f, index) => ({ f, index })).sort((x, y) => y.f.year - x.f.year);
  return {
    applicant: {
      ...stripNulls({
        orgNumber: a.orgNumber,
        name: a.name,
        companyForm: a.companyForm,
        incorporatedOn: a.incorporatedOn,
        naceCode: a.naceCode,
        county: a.county,
        publicOwnershipPct: scale2(a.publicOwnershipPct),
        insolvencyProceedings: a.insolvencyProceedings,
        outstandingRescueAid: a.outstandingRescueAid,
        outstandingRecoveryOrder: a.outstandingRecoveryOrder,
      }),
      financials: financials.map(({ f, index }) =>
        stripNulls({
          index,
          year: f.year,
          annualWorkUnits: scale2(f.annualWorkUnits),
          turnoverNok: f.turnoverNok,
          balanceSheetNok: f.balanceSheetNok,
          shareCapitalNok: f.shareCapitalNok,
          otherEquityNok: f.otherEquityNok,
          debtNok: f.debtNok,
          ebitdaNok: f.ebitdaNok,
          interestExpenseNok: f.interestExpenseNok,
        }),
      ),
      relatedEnterprises: (a.relatedEnterprises ?? []).map((r) =>
        stripNulls({
          name: r.name,
          orgNumber: r.orgNumber,
          relation: r.relation,
          sharePct: scale2(r.sharePct),
          annualWorkUnits: scale2(r.annualWorkUnits),
          turnoverNok: r.turnoverNok,
          balanceSheetNok: r.balanceSheetNok,
        }),
      ),
    },
    project: {
      ...stripNulls({
        title: p.title,
        description: p.description,
        innovationTypes: p.innovationTypes,
        startDate: p.startDate,
        endDate: p.endDate,
        location: p.location,
        circularTransition: p.circularTransition,
      }),
      firstBindingCommitmentDate: p.firstBindingCommitmentDate ?? null,
      collaborationPartners: (p.collaborationPartners ?? []).map((x) =>
        stripNulls({ name: x.name, orgNumber: x.orgNumber, sizeClass: x.sizeClass, eligibleCostsNok: x.eligibleCostsNok }),
      ),
    },
    aid: { instrument: doc.aid.instrument, requestedAmountNok: doc.aid.requestedAmountNok },
    otherPublicAid: (doc.otherPublicAid ?? []).map((o) =>
      stripNulls({ grantor: o.grantor, legalBasis: o.legalBasis, amountNok: o.amountNok, coversSameCosts: o.coversSameCosts }),
    ),
    costLines: doc.costLines.map((l, i) =>
      stripNulls({
        id: costLineIds[i],
        lineNo: i + 1,
        category: l.category,
        description: l.description,
        amountNok: l.amountNok,
        hours: scale2(l.hours),
        hourlyRateNok: l.hourlyRateNok,
        basis: l.basis,
        acquisitionCostNok: l.acquisitionCostNok,
        usefulLifeMonths: scale2(l.usefulLifeMonths),
        monthsUsed: scale2(l.monthsUsed),
        projectUseSharePct: scale2(l.projectUseSharePct),
        monthlyRentNok: l.monthlyRentNok,
        supplierName: l.supplierName,
        supplierRelation: l.supplierRelation,
        incurredFrom: l.incurredFrom,
      }),
    ),
  };
}
