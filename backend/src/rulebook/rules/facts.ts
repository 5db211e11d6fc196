import type { AmountBasis, CaseSnapshot, CostLineResult, FinancialYearSnapshot, EvaluationContext, EvaluationTotals } from '../types';
import type { ParameterSet } from '../parameters';
import type { SizeAssessment } from '../size-class';

/** What the case-level rules share, computed once per evaluation. */
export interface CaseFacts {
  snapshot: CaseSnapshot;
  ctx: EvaluationContext;
  params: ParameterSet;
  /** The date of receipt in Norwegian time, or null when `receivedAt` is absent or invalid. */
  receivedDate: string | null;
  size: SizeAssessment;
  /** The two latest financial years, latest first, with their positions in the snapshot. */
  latestYears: { fin: FinancialYearSnapshot; index: number }[];
  costLines: CostLineResult[];
  totals: EvaluationTotals;
  /** The amount the amount rules are evaluated at (docs/rules.md section 5). */
  aid: AidAmountFacts;
}

export interface AidAmountFacts {
  basis: AmountBasis;
  /** null at basis `requested` when no requested aid above zero is given. */
  amountNok: number | null;
  amountEur: number | null;
}
