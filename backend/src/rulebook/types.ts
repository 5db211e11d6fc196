/**
 * The rulebook's input (a case snapshot) and output (an evaluation).
 *
 * The snapshot mirrors the intake document (docs/intake.md) field for field, with
 * cost-line ids, caseworker assessments and recorded judgments added. Every
 * field may be absent or null: the rules then report what is missing instead
 * of guessing.
 */

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export type SmeClass = Exclude<SizeClass, 'large'>;

export type RuleOutcome = 'pass' | 'fail' | 'assess' | 'missing' | 'refer' | 'na';
export type CostLineOutcome = 'eligible' | 'partly' | 'ineligible' | 'assess';
export type JudgmentOutcome = 'pass' | 'fail' | 'assess' | 'na';

/** The categories of cost the portal may send, in the order letters and tables list them. */
export const COST_CATEGORIES = ['personnel', 'consultancy', 'equipment', 'ipr', 'overheads', 'materials', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export type SupplierRelation = 'independent' | 'partner' | 'linked';

/** A text in Norwegian bokmål and English. */
export interface LocalizedText {
  nb: string;
  en: string;
}

export interface FinancialYearSnapshot {
  year?: number | null;
  annualWorkUnits?: number | null;
  turnoverNok?: number | null;
  balanceSheetNok?: number | null;
  shareCapitalNok?: number | null;
  otherEquityNok?: number | null;
  debtNok?: number | null;
  ebitdaNok?: number | null;
  interestExpenseNok?: number | null;
}

export interface RelatedEnterpriseSnapshot {
  name?: string | null;
  orgNumber?: string | null;
  relation?: 'linked' | 'partner' | null;
  sharePct?: number | null;
  annualWorkUnits?: number | null;
  turnoverNok?: number | null;
  balanceSheetNok?: number | null;
}

export interface ApplicantSnapshot {
  orgNumber?: string | null;
  name?: string | null;
  companyForm?: string | null;
  incorporatedOn?: string | null;
  naceCode?: string | null;
  county?: string | null;
  publicOwnershipPct?: number | null;
  financials?: FinancialYearSnapshot[] | null;
  relatedEnterprises?: RelatedEnterpriseSnapshot[] | null;
  insolvencyProceedings?: boolean | null;
  outstandingRescueAid?: boolean | null;
  outstandingRecoveryOrder?: boolean | null;
}

export interface CollaborationPartnerSnapshot {
  name?: string | null;
  orgNumber?: string | null;
  sizeClass?: SizeClass | null;
  eligibleCostsNok?: number | null;
}

export interface ProjectSnapshot {
  title?: string | null;
  description?: string | null;
  innovationTypes?: string[] | null;
  startDate?: string | null;
  endDate?: string | null;
  firstBindingCommitmentDate?: string | null;
  location?: string | null;
  circularTransition?: boolean | null;
  collaborationPartners?: CollaborationPartnerSnapshot[] | null;
}

export interface AidSnapshot {
  instrument?: string | null;
  requestedAmountNok?: number | null;
}

export interface OtherPublicAidSnapshot {
  grantor?: string | null;
  legalBasis?: string | null;
  amountNok?: number | null;
  coversSameCosts?: boolean | null;
}

export interface CostLineSnapshot {
  id: string;
  category?: CostCategory | string | null;
  description?: string | null;
  amountNok?: number | null;
  hours?: number | null;
  hourlyRateNok?: number | null;
  basis?: 'depreciation' | 'rental' | string | null;
  acquisitionCostNok?: number | null;
  usefulLifeMonths?: number | null;
  monthsUsed?: number | null;
  projectUseSharePct?: number | null;
  monthlyRentNok?: number | null;
  supplierName?: string | null;
  supplierRelation?: SupplierRelation | string | null;
  incurredFrom?: string | null;
  /** The caseworker's assessed amount (0 to the claimed amount); replaces the computed eligible amount. */
  approvedAmountNok?: number | null;
  approvalReason?: string | null;
}

export interface JudgmentRecord {
  criterionId: string;
  outcome: 'pass' | 'fail';
  rationale: string;
}

export interface CaseSnapshot {
  externalRef?: string | null;
  receivedAt?: string | null;
  applicant?: ApplicantSnapshot | null;
  project?: ProjectSnapshot | null;
  aid?: AidSnapshot | null;
  otherPublicAid?: OtherPublicAidSnapshot[] | null;
  costLines?: CostLineSnapshot[] | null;
  judgments?: JudgmentRecord[] | null;
}

/**
 * The amount the amount rules (INT-01, CUM-01, THR-01, TRN-01) are evaluated at (docs/rules.md
 * section 5): the requested aid at intake, on a re-run and in a what-if without an amount; the
 * recommended amount when a grant is recommended; the granted amount at the decision.
 */
export const AMOUNT_BASES = ['requested', 'recommended', 'granted'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

/** An aid amount other than the requested one, with its basis. */
export interface AidAmount {
  basis: Exclude<AmountBasis, 'requested'>;
  /** Whole NOK. */
  amountNok: number;
}

export interface EvaluationContext {
  /** YYYY-MM-DD: the decision date once decided, otherwise the date the evaluation runs. */
  evaluationDate: string;
  nokPerEur: number;
  fxSource: string;
  fxDate: string;
  /**
   * The amount the amount rules are evaluated at. Absent (or null): basis `requested`, the
   * snapshot's `aid.requestedAmountNok`. Part of the input hash whenever it is given.
   */
  aidAmount?: AidAmount | null;
}

export type CaseRuleId =
  'INC-01' | 'INC-02' | 'SME-01' | 'LRG-01' | 'UID-01' | 'REC-01' | 'SEC-01' | 'INT-01' | 'CUM-01' | 'THR-01' | 'TRN-01';

export type CostRuleId = 'COST-01' | 'COST-02' | 'COST-03' | 'COST-04' | 'COST-05' | 'COST-06';

/** Reason id for a caseworker's approved amount on a cost line (not a rule of the rulebook). */
export const CASEWORKER_ASSESSMENT = 'ASSESSMENT';
export type CostReasonId = CostRuleId | typeof CASEWORKER_ASSESSMENT;

export type CriterionId =
  'J-INNO-01' | 'J-INNO-02' | 'J-INNO-03' | 'J-COMP-01' | 'J-COMP-02' | 'J-NEED-01' | 'J-FEAS-01' | 'J-COST-01' | 'J-LRG-01' | 'J-CIRC-01';

export type Obligation = 'register-report';

export interface RuleResult {
  ruleId: CaseRuleId;
  outcome: RuleOutcome;
  legalReference: string;
  explanation: LocalizedText;
  /**
   * The figures the rule used, JSON-safe (null, never undefined). `missing` lists JSON paths of
   * absent inputs. The amount rules (INT-01, CUM-01, THR-01, TRN-01) always give `amountBasis`
   * and `aidAmountNok`, the amount they were evaluated at (null when the requested aid is absent).
   */
  inputs: Record<string, unknown>;
}

export interface JudgmentResult {
  criterionId: CriterionId;
  outcome: JudgmentOutcome;
  applies: boolean;
  title: LocalizedText;
  /** The criterion as the rulebook states it (section 4). */
  criterion: LocalizedText;
  rationale?: string;
}

export interface CostLineReason {
  ruleId: CostReasonId;
  /** What this rule alone would make of the line. */
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
  /** What the rules computed, before any approved amount. */
  computedEligibleNok: number;
  approvedAmountNok: number | null;
  reasons: CostLineReason[];
}

export interface EvaluationTotals {
  appliedCostsNok: number;
  eligibleCostsNok: number;
  pendingAssessmentNok: number;
  /** null when the size class could not be determined (SME-01 missing). */
  maxIntensityPct: number | null;
  maxAidNok: number | null;
  requestedAidNok: number | null;
  requestedAidEur: number | null;
  otherAidSameCostsNok: number;
}

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
  obligations: Obligation[];
}
