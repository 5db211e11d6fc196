import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { DECISION_OUTCOME_ENUM } from '../../cases';
import { ApiJsonValue } from '../../common/openapi';
import { LocalizedTextResponse, RULE_OUTCOME_ENUM } from '../../common/dto/rulebook.response';
import { valuesOf } from '../../common/values-of';
import { AMOUNT_BASES, COST_CATEGORIES, type AmountBasis } from '../../rulebook';
import type { DecisionInput, RecommendationInput } from '../decisions.service';
import type { Ground } from '../grounds';

export const RECOMMENDATION_OUTCOMES = valuesOf<RecommendationInput['outcome']>()('grant', 'reject');
export const RECOMMENDATION_OUTCOME_ENUM = { enum: RECOMMENDATION_OUTCOMES, enumName: 'RecommendationOutcome' } as const;
export const RETURN_REASONS = valuesOf<NonNullable<DecisionInput['reasonCode']>>()(
  'missing-investigation',
  'missing-justification',
  'wrong-result',
  'other',
);
export const RETURN_REASON_ENUM = { enum: RETURN_REASONS, enumName: 'ReturnReason' } as const;
const GROUND_KINDS = valuesOf<Ground['kind']>()('rule', 'judgment', 'priority');

@ApiSchema({ name: 'StandardCondition', description: "One of the agency's standard grant conditions" })
export class StandardConditionResponse {
  @ApiProperty({ example: 'REPORT-FINAL' })
  code: string;

  @ApiProperty({ description: 'Part of every grant: the caseworker cannot leave it out, and the server adds it' })
  mandatory: boolean;

  @ApiProperty({ type: LocalizedTextResponse })
  text: LocalizedTextResponse;
}

@ApiSchema({ name: 'StoredCondition', description: 'A condition as a recommendation keeps it: a standard one keeps its code' })
export class StoredConditionResponse {
  @ApiPropertyOptional({ description: 'The standard condition, when it is one' })
  code?: string;

  @ApiProperty({ type: LocalizedTextResponse, description: 'A free-text condition has the same text in both languages' })
  text: LocalizedTextResponse;
}

@ApiSchema({
  name: 'Ground',
  description: 'A rule or judgment a recommendation rests on, or PRIORITY for a rejection, with its text as shown then',
})
export class GroundResponse {
  @ApiProperty({ example: 'INC-01', description: 'A rule id, a criterion id, or PRIORITY' })
  id: string;

  @ApiProperty({ enum: GROUND_KINDS })
  kind: Ground['kind'];

  @ApiProperty({ ...RULE_OUTCOME_ENUM, description: 'For PRIORITY: fail' })
  outcome: string;

  @ApiPropertyOptional({ type: LocalizedTextResponse, description: 'For a judgment or PRIORITY: its title' })
  title?: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse })
  text: LocalizedTextResponse;

  @ApiPropertyOptional({ description: "For a judgment: the caseworker's rationale; for PRIORITY: its written reason" })
  rationale?: string;
}

@ApiSchema({ name: 'RecommendationReturn', description: 'The approver sent the recommendation back' })
export class RecommendationReturnResponse {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'Username' })
  by: string;

  @ApiProperty()
  byName: string;

  @ApiProperty(RETURN_REASON_ENUM)
  reasonCode: string;

  @ApiProperty()
  comment: string;
}

@ApiSchema({ name: 'RefusedCost', description: 'A cost line of a partial grant not approved in full' })
export class RefusedCostResponse {
  @ApiProperty({ description: "The applicant's description of the line" })
  description: string;

  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ type: 'integer' })
  claimedNok: number;

  @ApiProperty({ type: 'integer' })
  approvedNok: number;

  @ApiProperty({
    type: [String],
    example: ['COST-02'],
    description: "The cost rules that cut the line, or ASSESSMENT where the caseworker's approved amount replaced them",
  })
  reasons: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: "The caseworker's reason for the approved amount" })
  caseworkerReason?: string | null;
}

@ApiSchema({
  name: 'PartialGrant',
  description: 'A grant below the requested aid (docs/rules.md section 10): the amounts, the costs not approved, and why it is lower',
})
export class PartialGrantResponse {
  @ApiProperty({ type: 'integer' })
  requestedNok: number;

  @ApiProperty({ type: 'integer' })
  grantedNok: number;

  @ApiProperty({
    type: 'integer',
    description: 'The most the rules allow: the maximum aid less other aid on the same costs, at most the requested aid',
  })
  allowedNok: number;

  @ApiProperty({ type: [RefusedCostResponse] })
  refusedCosts: RefusedCostResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Why the grant is below what the rules allow (J-NEED-01)' })
  reductionReason: string | null;
}

@ApiSchema({ name: 'ConditionDates', description: "The dates a grant's conditions name" })
export class ConditionDatesResponse {
  @ApiProperty({ format: 'date', description: 'ACCEPT: four weeks after the decision date' })
  acceptBy: string;

  @ApiProperty({ format: 'date', description: "REPORT-FINAL: three months after the project's end" })
  finalReportBy: string;

  @ApiProperty({ format: 'date', description: "LAPSE: six months after the project's end" })
  lapsesOn: string;
}

@ApiSchema({ name: 'RecommendationRecord', description: 'A recommendation of the case, with its return when it was returned' })
export class RecommendationRecordResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty(RECOMMENDATION_OUTCOME_ENUM)
  outcome: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'For a grant: the amount; null for a rejection' })
  amountNok: number | null;

  @ApiProperty()
  justification: string;

  @ApiProperty({ type: [StoredConditionResponse] })
  conditions: StoredConditionResponse[];

  @ApiProperty({ type: [GroundResponse] })
  grounds: GroundResponse[];

  @ApiProperty({ type: PartialGrantResponse, nullable: true, description: 'A grant below the requested aid: why; otherwise null' })
  partial: PartialGrantResponse | null;

  @ApiProperty({ format: 'uuid', description: 'The evaluation it was made on' })
  evaluationId: string;

  @ApiProperty({ description: 'Username' })
  recommendedBy: string;

  @ApiProperty()
  recommendedByName: string;

  @ApiProperty({ format: 'date-time' })
  recommendedAt: string;

  @ApiProperty({ type: RecommendationReturnResponse, nullable: true })
  returned: RecommendationReturnResponse | null;
}

@ApiSchema({ name: 'EligibleCostsOfCategory' })
export class EligibleCostsOfCategoryResponse {
  @ApiProperty({ enum: COST_CATEGORIES, enumName: 'CostCategory' })
  category: string;

  @ApiProperty()
  amountNok: number;
}

@ApiSchema({ name: 'DecisionEvaluationRef', description: 'The evaluation a decision rests on' })
export class DecisionEvaluationRefResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  inputHash: string;

  @ApiProperty()
  rulebookVersion: string;

  @ApiProperty()
  parameterSet: string;

  @ApiProperty({
    enum: AMOUNT_BASES,
    enumName: 'AmountBasis',
    description: 'The amount the amount rules were evaluated at (docs/rules.md section 5): granted for a grant, requested for a rejection',
  })
  amountBasis: AmountBasis;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'That amount in NOK; null for a decision made before it was recorded',
  })
  aidAmountNok: number | null;
}

@ApiSchema({ name: 'Appeal', description: 'The appeal the letter offers (forvaltningsloven §§ 28-29)' })
export class AppealResponse {
  @ApiProperty({ type: 'integer', example: 3 })
  weeks: number;

  @ApiProperty({ type: LocalizedTextResponse })
  text: LocalizedTextResponse;
}

@ApiSchema({ name: 'DecisionLetters', description: 'SHA-256 of each stored letter, by language' })
export class DecisionLettersResponse {
  @ApiPropertyOptional()
  nb?: string;

  @ApiPropertyOptional()
  en?: string;
}

@ApiSchema({ name: 'Decision', description: 'The decision on a case, as recorded; people are named by username, with names beside' })
export class DecisionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty(DECISION_OUTCOME_ENUM)
  outcome: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The grant; null for a rejection' })
  amountNok: number | null;

  @ApiProperty({ description: 'The grant in EUR at the evaluation’s rate (0 for a rejection)' })
  amountEur: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The aid applied for; null in decisions made before it was recorded' })
  requestedAmountNok: number | null;

  @ApiProperty({ type: PartialGrantResponse, nullable: true, description: 'A grant below the requested aid: why; otherwise null' })
  partial: PartialGrantResponse | null;

  @ApiProperty()
  eligibleCostsNok: number;

  @ApiProperty({ type: [EligibleCostsOfCategoryResponse], description: 'In the order of the categories' })
  eligibleCostsByCategory: EligibleCostsOfCategoryResponse[];

  @ApiProperty({ type: Number, nullable: true, description: 'The aid over the eligible costs, in per cent; null for a rejection' })
  intensityPct: number | null;

  @ApiProperty({ type: Number, nullable: true })
  maxIntensityPct: number | null;

  @ApiProperty({ example: 'GBER art. 29' })
  legalBasis: string;

  @ApiProperty({ type: [StoredConditionResponse], description: 'A grant: the mandatory conditions first; a rejection: none' })
  conditions: StoredConditionResponse[];

  @ApiProperty({ type: ConditionDatesResponse, nullable: true, description: 'A grant: the dates its conditions name; otherwise null' })
  conditionDates: ConditionDatesResponse | null;

  @ApiProperty({ type: [GroundResponse] })
  grounds: GroundResponse[];

  @ApiProperty()
  justification: string;

  @ApiProperty({ type: DecisionEvaluationRefResponse })
  evaluation: DecisionEvaluationRefResponse;

  @ApiProperty({ description: 'Username of the caseworker who recommended' })
  recommendedBy: string;

  @ApiProperty({ description: 'Username of the approver' })
  decidedBy: string;

  @ApiProperty({ format: 'date' })
  decisionDate: string;

  @ApiProperty({ type: AppealResponse })
  appeal: AppealResponse;

  @ApiProperty({ description: 'Whether the grant must be reported to the Register for public support' })
  registerObligation: boolean;

  @ApiProperty()
  recommendedByName: string;

  @ApiProperty()
  decidedByName: string;

  @ApiProperty({ type: DecisionLettersResponse })
  letters: DecisionLettersResponse;
}

@ApiSchema({ name: 'ReturnSummary' })
export class ReturnSummaryResponse {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'Username of the approver' })
  by: string;

  @ApiProperty(RETURN_REASON_ENUM)
  reasonCode: string;

  @ApiProperty()
  comment: string;
}

@ApiSchema({ name: 'CaseChange', description: 'A change to the assessment, from the audit log' })
export class CaseChangeResponse {
  @ApiProperty({ description: 'judgment, assessment, note, correction, exchange-rate or recommendation' })
  kind: string;

  @ApiProperty({ description: 'Username' })
  actor: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, nullable: true, description: 'What it is about: a criterion, cost line, fact path or note' })
  ref: string | null;

  @ApiJsonValue()
  before: unknown;

  @ApiJsonValue()
  after: unknown;
}

@ApiSchema({ name: 'ChangesSinceReturn', description: 'What changed since the case was last returned' })
export class ChangesSinceReturnResponse {
  @ApiProperty({ type: ReturnSummaryResponse, nullable: true, description: 'Null when the case was never returned' })
  returned: ReturnSummaryResponse | null;

  @ApiProperty({ type: [CaseChangeResponse], description: 'Oldest first; empty when never returned' })
  changes: CaseChangeResponse[];
}
