/**
 * Shapes of the case API as the console reads them. Hand-written until the
 * backend publishes its OpenAPI spec; then replaced by the generated client.
 */

export type Role = 'caseworker' | 'approver' | 'manager' | 'admin' | 'intake';

export const CASE_STATUSES = [
  'received',
  'in_review',
  'awaiting_applicant',
  'recommended',
  'decided',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_STATUSES: readonly CaseStatus[] = [
  'received',
  'in_review',
  'awaiting_applicant',
  'recommended',
];

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
}

export interface UserRef {
  username: string;
  displayName: string;
}

export interface RuleFlags {
  fail: number;
  missing: number;
  refer: number;
  assess: number;
}

export interface QueueItem {
  id: string;
  reference: string;
  externalRef: string;
  status: CaseStatus;
  assignee: UserRef | null;
  receivedAt: string;
  slaDueAt: string | null;
  slaDaysLeft: number | null;
  applicant: { name: string; orgNumber: string; county: string | null };
  project: { title: string };
  requestedAmountNok: number;
  sizeClass: SizeClass | null;
  version: number;
  flags: RuleFlags | null;
  /** Maximum aid of the latest evaluation; null before the first one. */
  maxAidNok?: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type QueueSortKey =
  'receivedAt' | 'slaDueAt' | 'requestedAmount' | 'applicantName' | 'maxAid';
/** The server's sort parameter: a key, prefixed with '-' for descending order. */
export type QueueSort = QueueSortKey | `-${QueueSortKey}`;

export interface QueueQuery {
  assignee?: string;
  status?: readonly CaseStatus[];
  sizeClass?: SizeClass | null;
  overdue?: boolean;
  flag?: 'fail' | 'missing' | 'refer' | 'assess' | null;
  q?: string;
  sort?: QueueSort;
  limit?: number;
  cursor?: string | null;
}

export interface FinancialYear {
  year: number;
  annualWorkUnits?: number | null;
  turnoverNok?: number | null;
  balanceSheetNok?: number | null;
  shareCapitalNok?: number | null;
  otherEquityNok?: number | null;
  debtNok?: number | null;
  ebitdaNok?: number | null;
  interestExpenseNok?: number | null;
}

export interface RelatedEnterprise {
  name: string;
  orgNumber: string;
  relation: 'linked' | 'partner';
  sharePct?: number | null;
  annualWorkUnits?: number | null;
  turnoverNok?: number | null;
  balanceSheetNok?: number | null;
}

export interface CollaborationPartner {
  name: string;
  orgNumber: string;
  sizeClass?: SizeClass | null;
  eligibleCostsNok?: number | null;
}

export interface OtherPublicAid {
  grantor: string;
  legalBasis?: string | null;
  amountNok: number;
  coversSameCosts?: boolean | null;
}

export type CostCategory =
  'personnel' | 'consultancy' | 'equipment' | 'ipr' | 'overheads' | 'materials' | 'other';

export interface CostLine {
  id: string;
  lineNo: number;
  category: CostCategory;
  description: string;
  amountNok: number;
  hours?: number | null;
  hourlyRateNok?: number | null;
  supplierName?: string | null;
  supplierRelation?: 'independent' | 'partner' | 'linked' | null;
  basis?: 'depreciation' | 'rental' | null;
  acquisitionCostNok?: number | null;
  usefulLifeMonths?: number | null;
  monthsUsed?: number | null;
  projectUseSharePct?: number | null;
  monthlyRentNok?: number | null;
  incurredFrom?: string | null;
  /** The caseworker's approved amount, when one is set; it replaces the computed eligible amount. */
  assessment?: CostLineAssessment;
}

export interface CostLineAssessment {
  approvedAmountNok: number;
  reason: string;
  assessedBy: string;
  assessedByName?: string | null;
  assessedAt: string;
}

export interface Applicant {
  orgNumber: string;
  name: string;
  companyForm?: string | null;
  incorporatedOn?: string | null;
  naceCode?: string | null;
  county?: string | null;
  publicOwnershipPct?: number | null;
  financials: FinancialYear[];
  relatedEnterprises: RelatedEnterprise[];
  insolvencyProceedings?: boolean | null;
  outstandingRescueAid?: boolean | null;
  outstandingRecoveryOrder?: boolean | null;
}

export interface Project {
  title: string;
  description?: string | null;
  innovationTypes: string[];
  startDate?: string | null;
  endDate?: string | null;
  firstBindingCommitmentDate?: string | null;
  location?: string | null;
  circularTransition?: boolean | null;
  collaborationPartners: CollaborationPartner[];
}

export interface CaseDetail {
  id: string;
  reference: string;
  externalRef: string;
  status: CaseStatus;
  assignee: UserRef | null;
  version: number;
  receivedAt: string;
  slaDueAt: string | null;
  slaDaysLeft: number | null;
  sizeClass?: SizeClass | null;
  applicant: Applicant;
  project: Project;
  aid: { instrument: string; requestedAmountNok: number };
  otherPublicAid: OtherPublicAid[];
  costLines: CostLine[];
  judgments?: RecordedJudgment[];
  corrections?: FactCorrection[];
  /** This case's own NOK per EUR, when the caseworker has set one. */
  exchangeRate?: { nokPerEur: number; reason: string } | null;
  /** A summary of the latest evaluation; the whole of it is at /evaluations/latest. */
  evaluation?: EvaluationSummary | null;
  /** What the signed-in user may do with the case now (start-review, withdraw, decide …), by the server's policy. */
  allowedActions: string[];
  decision?: { outcome: DecisionOutcome } | null;
  /** The recommendation waiting for a decision, when the case view carries it. */
  recommendation?: Recommendation | null;
}

export type DecisionOutcome = 'granted' | 'rejected';

export interface RecordedJudgment {
  criterionId: string;
  outcome: 'pass' | 'fail';
  rationale: string;
  recordedBy: string;
  recordedByName?: string | null;
  revision: number;
  recordedAt: string;
}

/** A fact the caseworker corrected, beside what the applicant submitted. */
export interface FactCorrection {
  /** Into the submitted document, e.g. `applicant.financials[0].annualWorkUnits`. */
  path: string;
  submittedValue: unknown;
  correctedValue: unknown;
  reason: string;
  correctedBy: string;
  correctedByName?: string | null;
  correctedAt: string;
}

export interface EvaluationSummary {
  id: string;
  flags: RuleFlags;
  eligibleCostsNok: number | null;
  maxAidNok: number | null;
}

export interface RecommendationCondition {
  code?: string;
  text?: string;
}

export interface Recommendation {
  outcome: 'grant' | 'reject';
  amountNok?: number | null;
  justification: string;
  /** As sent ({code} or {text}), or as stored ({code?, text: {nb, en}}). */
  conditions?: { code?: string; text?: string | { nb: string; en: string } }[];
  /** Rule and judgment ids, or the stored grounds ({id, title?, text?}). */
  grounds?: (string | { id: string; title?: { nb: string; en: string } })[];
  recommendedBy?: string | UserRef;
  recommendedByName?: string | null;
  recommendedAt?: string;
}

export interface BulkAssignResult {
  id: string;
  ok: boolean;
  status: number;
  error?: string;
}
