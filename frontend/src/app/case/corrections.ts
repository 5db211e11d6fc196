import { CaseView, FactCorrection, FinancialYear } from '../core/api/models';
import { FactKind } from '../shared/corrected-value.component';

/** What a corrected fact is called, and how its value is written. */
export interface FactInfo {
  labelKey: string;
  kind: FactKind;
  /** Which row it belongs to: a year, an enterprise, a grantor. */
  context?: string;
}

const APPLICANT: Record<string, [string, FactKind]> = {
  name: ['overview.name', 'text'],
  companyForm: ['overview.companyForm', 'text'],
  incorporatedOn: ['overview.incorporatedOn', 'date'],
  naceCode: ['overview.naceCode', 'text'],
  county: ['overview.county', 'text'],
  publicOwnershipPct: ['overview.publicOwnership', 'percent'],
  insolvencyProceedings: ['overview.insolvency', 'bool'],
  outstandingRescueAid: ['overview.rescueAid', 'bool'],
  outstandingRecoveryOrder: ['overview.recoveryOrder', 'bool'],
};

const PROJECT: Record<string, [string, FactKind]> = {
  description: ['overview.description', 'text'],
  startDate: ['overview.startDate', 'date'],
  endDate: ['overview.endDate', 'date'],
  firstBindingCommitmentDate: ['overview.firstBindingCommitment', 'date'],
  location: ['overview.location', 'text'],
  circularTransition: ['overview.circularTransition', 'bool'],
};

const FIGURES: Record<string, [string, FactKind]> = {
  annualWorkUnits: ['financials.annualWorkUnits', 'number'],
  turnoverNok: ['financials.turnoverNok', 'nok'],
  balanceSheetNok: ['financials.balanceSheetNok', 'nok'],
  shareCapitalNok: ['financials.shareCapitalNok', 'nok'],
  otherEquityNok: ['financials.otherEquityNok', 'nok'],
  debtNok: ['financials.debtNok', 'nok'],
  ebitdaNok: ['financials.ebitdaNok', 'nok'],
  interestExpenseNok: ['financials.interestExpenseNok', 'nok'],
  relation: ['overview.relation', 'text'],
  sharePct: ['overview.share', 'percent'],
  sizeClass: ['queue.columns.size', 'sizeClass'],
  eligibleCostsNok: ['overview.eligibleCosts', 'nok'],
  amountNok: ['overview.amount', 'nok'],
  coversSameCosts: ['overview.sameCosts', 'bool'],
};

const INDEXED =
  /^(applicant\.financials|applicant\.relatedEnterprises|project\.collaborationPartners|otherPublicAid)\[(\d+)\]\.(\w+)$/;

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null) || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The financial year a correction of `applicant.financials[i]` is about. The
 * index counts in the submitted document; the case view lists years newest
 * first, so the year is found by its `index` when the view gives one, else by
 * the one year whose submitted figure matches. Null when that is ambiguous.
 */
export function financialYearOf(
  correction: FactCorrection,
  years: readonly (FinancialYear & { index?: number })[],
): number | null {
  const m = INDEXED.exec(correction.path);
  if (!m || m[1] !== 'applicant.financials') return null;
  const index = Number(m[2]);
  const field = m[3] as keyof FinancialYear;
  const byIndex = years.find((y) => y.index === index);
  if (byIndex) return byIndex.year;
  const matches = years.filter((y) => same(y[field], correction.submittedValue));
  return matches.length === 1 ? matches[0].year : null;
}

/**
 * The key under which the overview looks a corrected fact up: the path itself,
 * except for financial years, which are keyed by year (`applicant.financials@2025.turnoverNok`).
 */
export function displayKey(correction: FactCorrection, detail: CaseView): string | null {
  const m = INDEXED.exec(correction.path);
  if (m?.[1] === 'applicant.financials') {
    const year = financialYearOf(correction, detail.applicant.financials);
    return year === null ? null : `applicant.financials@${year}.${m[3]}`;
  }
  return correction.path;
}

/** The latest correction of each fact, by display key (the latest for a path wins). */
export function latestCorrections(detail: CaseView): Map<string, FactCorrection> {
  const byKey = new Map<string, FactCorrection>();
  const sorted = [...(detail.corrections ?? [])].sort((a, b) =>
    a.correctedAt.localeCompare(b.correctedAt),
  );
  for (const c of sorted) {
    const key = displayKey(c, detail);
    if (key) byKey.set(key, c);
  }
  return byKey;
}

export function factInfo(correction: FactCorrection, detail: CaseView): FactInfo {
  const [head, ...rest] = correction.path.split('.');
  const field = rest.join('.');
  if (head === 'applicant' && APPLICANT[field]) {
    return { labelKey: APPLICANT[field][0], kind: APPLICANT[field][1] };
  }
  if (head === 'project' && PROJECT[field]) {
    return { labelKey: PROJECT[field][0], kind: PROJECT[field][1] };
  }
  const m = INDEXED.exec(correction.path);
  if (m && FIGURES[m[3]]) {
    const [labelKey, kind] = FIGURES[m[3]];
    const index = Number(m[2]);
    let context: string | undefined;
    if (m[1] === 'applicant.financials') {
      const year = financialYearOf(correction, detail.applicant.financials);
      context = year === null ? `#${index + 1}` : String(year);
    } else if (m[1] === 'applicant.relatedEnterprises') {
      context = detail.applicant.relatedEnterprises[index]?.name;
    } else if (m[1] === 'project.collaborationPartners') {
      context = detail.project.collaborationPartners[index]?.name;
    } else {
      context = detail.otherPublicAid[index]?.grantor;
    }
    return { labelKey, kind, context };
  }
  return { labelKey: '', kind: 'text', context: correction.path };
}
