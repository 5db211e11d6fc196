import { toOsloDate } from '../sla/business-days';
import { CaseView, RuleFlags, slaDaysLeft } from './case-view';
import type { IntakeDocument } from './document/application-document';

/**
 * The case view (CASE_VIEW_SQL in cases.repository.ts) of an application just received,
 * built from the document and what the intake statement returned instead of read back: intake
 * answers every new application with it, and reading it back cost PostgreSQL as much as a third
 * of the insert. A new case has no assignee, judgments, corrections, assessments or decision, so
 * the view is the document as the normalised rows hold it. Change both together:
 * test/integration/intake.spec.ts checks that this equals GET /api/applications/{id}.
 */
export interface ReceivedCase {
  id: string;
  reference: string;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  slaDueAt: string;
  costLineIds: string[];
  sizeClass: string | null;
  evaluation: { id: string; flags: RuleFlags; eligibleCostsNok: number | null; maxAidNok: number | null };
}

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

export function receivedCaseView(doc: IntakeDocument, c: ReceivedCase): Omit<CaseView, 'allowedActions'> {
  const a = doc.applicant;
  const p = doc.project;
  const financials = (a.financials ?? []).map((f, index) => ({ f, index })).sort((x, y) => y.f.year - x.f.year);
  return {
    id: c.id,
    reference: c.reference,
    externalRef: doc.externalRef,
    status: 'received',
    assignee: null,
    version: 1,
    receivedAt: c.receivedAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    slaDueAt: c.slaDueAt,
    slaDaysLeft: slaDaysLeft('received', c.slaDueAt, toOsloDate(new Date())),
    sizeClass: c.sizeClass,
    decision: null,
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
    costLines: doc.costLines.map((l, i) => ({
      ...stripNulls({
        id: c.costLineIds[i],
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
      assessment: null,
    })),
    judgments: [],
    corrections: [],
    exchangeRate: null,
    evaluation: c.evaluation,
  };
}
