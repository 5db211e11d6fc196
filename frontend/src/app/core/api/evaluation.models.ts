/**
 * The rulebook's evaluation of a case (API.md, RULEBOOK.md), as the console reads it.
 */
import { SizeClass } from './models';

/** A text in Norwegian bokmål and English; the console shows the one the user chose. */
export interface LocalizedText {
  nb: string;
  en: string;
}

export type RuleOutcome = 'pass' | 'fail' | 'assess' | 'missing' | 'refer' | 'na';
export type CostLineOutcome = 'eligible' | 'partly' | 'ineligible' | 'assess';
export type JudgmentOutcome = 'pass' | 'fail' | 'assess' | 'na';
export type AnyOutcome = RuleOutcome | CostLineOutcome;

export interface RuleResult {
  ruleId: string;
  outcome: RuleOutcome;
  legalReference: string;
  explanation: LocalizedText;
  inputs: Record<string, unknown>;
}

export interface JudgmentResult {
  criterionId: string;
  outcome: JudgmentOutcome;
  applies: boolean;
  title: LocalizedText;
  criterion: LocalizedText;
  rationale?: string;
}

export interface CostLineReason {
  ruleId: string;
  outcome: CostLineOutcome;
  explanation: LocalizedText;
}

export interface CostLineResult {
  costLineId: string;
  category: string | null;
  outcome: CostLineOutcome;
  claimedNok: number;
  /** The amount that counts: the approved amount when one applies, else the computed amount. */
  eligibleNok: number;
  computedEligibleNok: number;
  approvedAmountNok: number | null;
  reasons: CostLineReason[];
}

export interface EvaluationTotals {
  appliedCostsNok: number;
  eligibleCostsNok: number;
  pendingAssessmentNok: number;
  /** null while the size class is unknown (SME-01 missing). */
  maxIntensityPct: number | null;
  maxAidNok: number | null;
  requestedAidNok: number | null;
  requestedAidEur: number | null;
  otherAidSameCostsNok: number;
}

export type TotalKey = keyof EvaluationTotals;

export interface EvaluationResult {
  rulebookVersion: string;
  parameterSet: string;
  nokPerEur: number;
  fxSource: string;
  fxDate: string;
  inputHash: string;
  sizeClass: SizeClass | null;
  rules: RuleResult[];
  judgments: JudgmentResult[];
  costLines: CostLineResult[];
  totals: EvaluationTotals;
  obligations?: string[];
}

/** A stored evaluation. */
/** What stands in the way of recommending a grant (RULEBOOK section 5), as the server judges it. */
export interface GrantBlocker {
  ref: string;
  kind: 'rule' | 'judgment' | 'cost-line' | 'amount';
  reason: LocalizedText;
}

export interface Evaluation extends EvaluationResult {
  id: string;
  applicationId?: string;
  evaluatedAt: string;
  evaluatedBy: string;
  reason: string;
  grantBlockers: GrantBlocker[];
}

/** One row of the evaluation history. */
export interface EvaluationHistoryItem {
  id: string;
  evaluatedAt: string;
  evaluatedBy: string;
  reason: string;
  rulebookVersion: string;
  parameterSet: string;
  inputHash: string;
  sizeClass: SizeClass | null;
  outcomes: Partial<Record<RuleOutcome, number>>;
}

export interface EvaluationDifference {
  /** e.g. `totals.maxAidNok`, `rules[INC-01].outcome`, `costLines[<id>].eligibleNok`. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface ReplayResult {
  identical: boolean;
  differences: EvaluationDifference[];
}

export interface WhatIfRequest {
  costLines?: { id: string; approvedAmountNok: number | null }[];
  nokPerEur?: number;
}

export interface WhatIfResult {
  evaluation: EvaluationResult;
  changes: EvaluationDifference[];
}
