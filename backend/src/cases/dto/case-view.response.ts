import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ApiJsonValue } from '../../common/openapi';
import { valuesOf } from '../../common/values-of';
import { COST_CATEGORIES, JudgmentRecord, SIZE_CLASSES } from '../../rulebook';
import { CASE_POLICY, CaseAction } from '../case-policy';
import { CASE_STATUSES, CaseStatus } from '../case-status';
import { INTAKE_SCHEMA } from '../document/intake.schema';

/*
 * The case view (CaseView in case-view.ts, built by CASE_VIEW_SQL in cases.repository.ts and by
 * received-view.ts) as the OpenAPI document describes it. The parts read like the submitted
 * document: an optional field the applicant left out is absent, never null.
 */

/** The intake contract's enums, where the case view repeats what was submitted. */
const INTAKE = INTAKE_SCHEMA.properties;

export const CASE_STATUS_ENUM = { enum: CASE_STATUSES, enumName: 'CaseStatus' } as const;
export const SIZE_CLASS_ENUM = { enum: SIZE_CLASSES, enumName: 'SizeClass' } as const;
export const CASE_ACTIONS = Object.keys(CASE_POLICY) as CaseAction[];
/** How a decided case ended (the decision record and the case say `granted` or `rejected`). */
export const DECISION_OUTCOMES = ['granted', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_ENUM = { enum: DECISION_OUTCOMES, enumName: 'DecisionOutcome' } as const;
export const RECORDED_JUDGMENT_OUTCOMES = valuesOf<JudgmentRecord['outcome']>()('pass', 'fail');

@ApiSchema({ name: 'PersonRef', description: 'A person: username and display name' })
export class PersonRefResponse {
  @ApiProperty({ example: 'kari' })
  username: string;

  @ApiProperty({ example: 'Kari Nordmann' })
  displayName: string;
}

@ApiSchema({ name: 'RuleFlags', description: 'How many rule results of each kind need attention, from the latest evaluation' })
export class RuleFlagsResponse {
  @ApiProperty({ type: 'integer' })
  fail: number;

  @ApiProperty({ type: 'integer' })
  missing: number;

  @ApiProperty({ type: 'integer' })
  refer: number;

  @ApiProperty({ type: 'integer' })
  assess: number;
}

@ApiSchema({ name: 'FinancialYear' })
export class FinancialYearResponse {
  @ApiProperty({ type: 'integer', description: 'Where the year stands in the submitted document: corrections address it by this index' })
  index: number;

  @ApiProperty({ type: 'integer', example: 2025 })
  year: number;

  @ApiPropertyOptional()
  annualWorkUnits?: number;

  @ApiPropertyOptional({ type: 'integer' })
  turnoverNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  balanceSheetNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  shareCapitalNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  otherEquityNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  debtNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  ebitdaNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  interestExpenseNok?: number;
}

@ApiSchema({ name: 'RelatedEnterprise' })
export class RelatedEnterpriseResponse {
  @ApiProperty()
  name: string;

  @ApiPropertyOptional()
  orgNumber?: string;

  @ApiProperty({ enum: INTAKE.applicant.properties.relatedEnterprises.items.properties.relation.enum })
  relation: string;

  @ApiPropertyOptional()
  sharePct?: number;

  @ApiPropertyOptional()
  annualWorkUnits?: number;

  @ApiPropertyOptional({ type: 'integer' })
  turnoverNok?: number;

  @ApiPropertyOptional({ type: 'integer' })
  balanceSheetNok?: number;
}

@ApiSchema({ name: 'CaseApplicant', description: 'The applicant as submitted' })
export class CaseApplicantResponse {
  @ApiProperty({ example: '923609016' })
  orgNumber: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: INTAKE.applicant.properties.companyForm.enum })
  companyForm: string;

  @ApiPropertyOptional({ format: 'date' })
  incorporatedOn?: string;

  @ApiPropertyOptional({ example: '22.220' })
  naceCode?: string;

  @ApiPropertyOptional()
  county?: string;

  @ApiPropertyOptional()
  publicOwnershipPct?: number;

  @ApiPropertyOptional()
  insolvencyProceedings?: boolean;

  @ApiPropertyOptional()
  outstandingRescueAid?: boolean;

  @ApiPropertyOptional()
  outstandingRecoveryOrder?: boolean;

  @ApiProperty({ type: [FinancialYearResponse], description: 'Newest year first' })
  financials: FinancialYearResponse[];

  @ApiProperty({ type: [RelatedEnterpriseResponse] })
  relatedEnterprises: RelatedEnterpriseResponse[];
}

@ApiSchema({ name: 'CollaborationPartner' })
export class CollaborationPartnerResponse {
  @ApiProperty()
  name: string;

  @ApiPropertyOptional()
  orgNumber?: string;

  @ApiPropertyOptional(SIZE_CLASS_ENUM)
  sizeClass?: string;

  @ApiPropertyOptional({ type: 'integer' })
  eligibleCostsNok?: number;
}

@ApiSchema({ name: 'CaseProject', description: 'The project as submitted' })
export class CaseProjectResponse {
  @ApiProperty()
  title: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ enum: INTAKE.project.properties.innovationTypes.items.enum, isArray: true })
  innovationTypes: string[];

  @ApiPropertyOptional({ format: 'date' })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  endDate?: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Null when the applicant made no binding commitment' })
  firstBindingCommitmentDate: string | null;

  @ApiPropertyOptional()
  location?: string;

  @ApiPropertyOptional()
  circularTransition?: boolean;

  @ApiProperty({ type: [CollaborationPartnerResponse] })
  collaborationPartners: CollaborationPartnerResponse[];
}

@ApiSchema({ name: 'CaseAid' })
export class CaseAidResponse {
  @ApiProperty({ enum: INTAKE.aid.properties.instrument.enum })
  instrument: string;

  @ApiProperty({ type: 'integer' })
  requestedAmountNok: number;
}

@ApiSchema({ name: 'OtherPublicAid' })
export class OtherPublicAidResponse {
  @ApiProperty()
  grantor: string;

  @ApiPropertyOptional()
  legalBasis?: string;

  @ApiProperty({ type: 'integer' })
  amountNok: number;

  @ApiProperty()
  coversSameCosts: boolean;
}

@ApiSchema({ name: 'CostLineAssessment', description: "The caseworker's approved amount; it replaces the computed eligible amount" })
export class CostLineAssessmentResponse {
  @ApiProperty({ type: 'integer' })
  approvedAmountNok: number;

  @ApiProperty()
  reason: string;

  @ApiProperty({ description: 'Username' })
  assessedBy: string;

  @ApiProperty({ type: String, nullable: true })
  assessedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  assessedAt: string;
}

const COST_LINE = INTAKE.costLines.items.properties;

@ApiSchema({ name: 'CostLine', description: 'A cost line as submitted, with its id and the assessment' })
export class CostLineResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer' })
  lineNo: number;

  @ApiProperty({ enum: COST_CATEGORIES, enumName: 'CostCategory' })
  category: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: 'integer' })
  amountNok: number;

  @ApiPropertyOptional()
  hours?: number;

  @ApiPropertyOptional({ type: 'integer' })
  hourlyRateNok?: number;

  @ApiPropertyOptional({ enum: COST_LINE.basis.enum })
  basis?: string;

  @ApiPropertyOptional({ type: 'integer' })
  acquisitionCostNok?: number;

  @ApiPropertyOptional()
  usefulLifeMonths?: number;

  @ApiPropertyOptional()
  monthsUsed?: number;

  @ApiPropertyOptional()
  projectUseSharePct?: number;

  @ApiPropertyOptional({ type: 'integer' })
  monthlyRentNok?: number;

  @ApiPropertyOptional()
  supplierName?: string;

  @ApiPropertyOptional({ enum: COST_LINE.supplierRelation.enum })
  supplierRelation?: string;

  @ApiPropertyOptional({ format: 'date' })
  incurredFrom?: string;

  @ApiProperty({ type: CostLineAssessmentResponse, nullable: true })
  assessment: CostLineAssessmentResponse | null;
}

@ApiSchema({ name: 'RecordedJudgment', description: 'A judgment (J-*) as it stands, with its revision' })
export class RecordedJudgmentResponse {
  @ApiProperty({ example: 'J-INNO-01' })
  criterionId: string;

  @ApiProperty({ enum: RECORDED_JUDGMENT_OUTCOMES })
  outcome: string;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ description: 'Username' })
  recordedBy: string;

  @ApiProperty({ type: String, nullable: true })
  recordedByName: string | null;

  @ApiProperty({ type: 'integer' })
  revision: number;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'FactCorrection', description: 'A fact the caseworker corrected, beside what the applicant submitted' })
export class FactCorrectionResponse {
  @ApiProperty({ description: 'Into the submitted document', example: 'applicant.financials[0].annualWorkUnits' })
  path: string;

  @ApiJsonValue({ description: 'As submitted (null when the applicant left it out)' })
  submittedValue: unknown;

  @ApiJsonValue({ description: 'As corrected (null removes the fact)' })
  correctedValue: unknown;

  @ApiProperty()
  reason: string;

  @ApiProperty({ description: 'Username' })
  correctedBy: string;

  @ApiProperty({ type: String, nullable: true })
  correctedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  correctedAt: string;
}

@ApiSchema({ name: 'CaseExchangeRate', description: "The case's own NOK per EUR, set by the caseworker" })
export class CaseExchangeRateResponse {
  @ApiProperty()
  nokPerEur: number;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: String, format: 'date', description: "The rate's own date (YYYY-MM-DD)" })
  date: string;
}

@ApiSchema({ name: 'CaseEvaluationSummary', description: 'A summary of the latest evaluation; the whole of it is at /evaluations/latest' })
export class CaseEvaluationSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: RuleFlagsResponse })
  flags: RuleFlagsResponse;

  @ApiProperty({ type: Number, nullable: true })
  eligibleCostsNok: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxAidNok: number | null;
}

@ApiSchema({ name: 'CaseDecisionSummary' })
export class CaseDecisionSummaryResponse {
  @ApiProperty(DECISION_OUTCOME_ENUM)
  outcome: string;
}

@ApiSchema({
  name: 'OpenInformationRequest',
  description: 'The request the applicant has yet to answer; the SLA clock stands still meanwhile',
})
export class OpenInformationRequestResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'What the applicant was asked for' })
  message: string;

  @ApiProperty({ format: 'date', description: 'The reply-by date (YYYY-MM-DD)' })
  replyBy: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the reply-by date was found passed without an answer ("Svarfrist passert"); null while it has not',
  })
  overdueAt: string | null;
}

@ApiSchema({
  name: 'CaseView',
  description: "The case: the application as submitted, the caseworker's assessment, and what the caller may do with it now",
})
export class CaseViewResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PIO-2026-000123' })
  reference: string;

  @ApiProperty({ description: "The portal's reference" })
  externalRef: string;

  @ApiProperty(CASE_STATUS_ENUM)
  status: CaseStatus;

  @ApiProperty({ type: PersonRefResponse, nullable: true })
  assignee: PersonRefResponse | null;

  @ApiProperty({ type: 'integer', description: 'Send it back with a change; a stale one gives 409' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ format: 'date', description: 'The SLA due date (moves while the applicant has the case)' })
  slaDueAt: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Business days left while the SLA clock runs, else null' })
  slaDaysLeft: number | null;

  @ApiProperty({ ...SIZE_CLASS_ENUM, nullable: true, description: 'By the latest evaluation; null while unknown' })
  sizeClass: string | null;

  @ApiProperty({ type: CaseDecisionSummaryResponse, nullable: true })
  decision: CaseDecisionSummaryResponse | null;

  @ApiPropertyOptional({
    type: OpenInformationRequestResponse,
    nullable: true,
    description: 'While the case waits for the applicant (awaiting_applicant): the open request with its reply-by date; else null',
  })
  informationRequest?: OpenInformationRequestResponse | null;

  @ApiProperty({ type: CaseApplicantResponse })
  applicant: CaseApplicantResponse;

  @ApiProperty({ type: CaseProjectResponse })
  project: CaseProjectResponse;

  @ApiProperty({ type: CaseAidResponse })
  aid: CaseAidResponse;

  @ApiProperty({ type: [OtherPublicAidResponse] })
  otherPublicAid: OtherPublicAidResponse[];

  @ApiProperty({ type: [CostLineResponse], description: 'In line order' })
  costLines: CostLineResponse[];

  @ApiProperty({ type: [RecordedJudgmentResponse], description: 'By criterion' })
  judgments: RecordedJudgmentResponse[];

  @ApiProperty({ type: [FactCorrectionResponse], description: 'Oldest first' })
  corrections: FactCorrectionResponse[];

  @ApiProperty({ type: CaseExchangeRateResponse, nullable: true })
  exchangeRate: CaseExchangeRateResponse | null;

  @ApiProperty({ type: CaseEvaluationSummaryResponse, nullable: true })
  evaluation: CaseEvaluationSummaryResponse | null;

  @ApiProperty({ enum: CASE_ACTIONS, enumName: 'CaseAction', isArray: true, description: 'What the caller may do with the case now' })
  allowedActions: CaseAction[];
}
