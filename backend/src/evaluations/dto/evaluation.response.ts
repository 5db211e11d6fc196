import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { EvaluationReason, SIZE_CLASS_ENUM } from '../../cases';
import { ApiJsonValue } from '../../common/openapi';
import {
  COST_LINE_OUTCOME_ENUM,
  GrantBlockerResponse,
  JUDGMENT_OUTCOME_ENUM,
  LocalizedTextResponse,
  RULE_OUTCOME_ENUM,
  RULE_OUTCOMES,
} from '../../common/dto/rulebook.response';
import { valuesOf } from '../../common/values-of';
import {
  CaseRuleId,
  CostLineOutcome,
  CostReasonId,
  CriterionId,
  JUDGMENT_CRITERIA,
  JudgmentOutcome,
  LEGAL_REFERENCES,
  Obligation,
  RuleOutcome,
} from '../../rulebook';
import { CaseSnapshotResponse } from './case-snapshot.response';

/* The rulebook's evaluation of a case (EvaluationResult in rulebook/types.ts, EvaluationView in cases/case-evaluator.ts). */

export const COST_REASON_IDS = valuesOf<CostReasonId>()('COST-01', 'COST-02', 'COST-03', 'COST-04', 'COST-05', 'COST-06', 'ASSESSMENT');
export const OBLIGATIONS = valuesOf<Obligation>()('register-report');
export const EVALUATION_REASONS = valuesOf<EvaluationReason>()('intake', 'requested', 'change', 'decision');
const RULE_IDS = Object.keys(LEGAL_REFERENCES) as CaseRuleId[];
const CRITERION_IDS = JUDGMENT_CRITERIA.map((c) => c.criterionId);

@ApiSchema({ name: 'RuleResult', description: 'The outcome of one rule, with its legal reference and the figures it used' })
export class RuleResultResponse {
  @ApiProperty({ enum: RULE_IDS, enumName: 'RuleId' })
  ruleId: CaseRuleId;

  @ApiProperty(RULE_OUTCOME_ENUM)
  outcome: RuleOutcome;

  @ApiProperty({ example: 'GBER art. 6(2)' })
  legalReference: string;

  @ApiProperty({ type: LocalizedTextResponse })
  explanation: LocalizedTextResponse;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The figures the rule used (never undefined, null when unknown); `missing` lists the JSON paths of absent inputs',
  })
  inputs: Record<string, unknown>;
}

@ApiSchema({ name: 'JudgmentResult', description: 'A criterion the caseworker judges (J-*), and how it stands' })
export class JudgmentResultResponse {
  @ApiProperty({ enum: CRITERION_IDS, enumName: 'CriterionId' })
  criterionId: CriterionId;

  @ApiProperty(JUDGMENT_OUTCOME_ENUM)
  outcome: JudgmentOutcome;

  @ApiProperty({ description: 'Whether the criterion applies to this case' })
  applies: boolean;

  @ApiProperty({ type: LocalizedTextResponse })
  title: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse, description: 'The criterion as the rulebook states it' })
  criterion: LocalizedTextResponse;

  @ApiPropertyOptional({ description: "The caseworker's rationale, once judged" })
  rationale?: string;
}

@ApiSchema({ name: 'CostLineReason' })
export class CostLineReasonResponse {
  @ApiProperty({ enum: COST_REASON_IDS, enumName: 'CostReasonId', description: 'A cost rule, or ASSESSMENT for an approved amount' })
  ruleId: CostReasonId;

  @ApiProperty({ ...COST_LINE_OUTCOME_ENUM, description: 'What this rule alone would make of the line' })
  outcome: CostLineOutcome;

  @ApiProperty({ type: LocalizedTextResponse })
  explanation: LocalizedTextResponse;
}

@ApiSchema({ name: 'CostLineResult' })
export class CostLineResultResponse {
  @ApiProperty({ format: 'uuid' })
  costLineId: string;

  @ApiProperty({ type: String, nullable: true, description: 'As submitted (a category the scheme does not know is kept as it came)' })
  category: string | null;

  @ApiProperty(COST_LINE_OUTCOME_ENUM)
  outcome: CostLineOutcome;

  @ApiProperty()
  claimedNok: number;

  @ApiProperty({ description: 'The amount that counts: the approved amount when one applies, else the computed amount' })
  eligibleNok: number;

  @ApiProperty({ description: 'What the rules computed, before any approved amount' })
  computedEligibleNok: number;

  @ApiProperty({ type: Number, nullable: true })
  approvedAmountNok: number | null;

  @ApiProperty({ type: [CostLineReasonResponse] })
  reasons: CostLineReasonResponse[];
}

@ApiSchema({ name: 'EvaluationTotals' })
export class EvaluationTotalsResponse {
  @ApiProperty()
  appliedCostsNok: number;

  @ApiProperty()
  eligibleCostsNok: number;

  @ApiProperty({ description: 'Eligible costs of lines still to assess' })
  pendingAssessmentNok: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Null while the size class is unknown (SME-01 missing)' })
  maxIntensityPct: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Eligible costs × intensity, rounded down; null while the intensity is unknown',
  })
  maxAidNok: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  requestedAidNok: number | null;

  @ApiProperty({ type: Number, nullable: true })
  requestedAidEur: number | null;

  @ApiProperty({ description: 'Other public aid on the same costs' })
  otherAidSameCostsNok: number;
}

@ApiSchema({
  name: 'EvaluationResult',
  description: "The rulebook's evaluation of a case: every rule, judgment and cost line, and the totals",
})
export class EvaluationResultResponse {
  @ApiProperty()
  rulebookVersion: string;

  @ApiProperty({ example: 'gber-2023' })
  parameterSet: string;

  @ApiProperty()
  nokPerEur: number;

  @ApiProperty({ description: 'Where the exchange rate comes from' })
  fxSource: string;

  @ApiProperty({ format: 'date' })
  fxDate: string;

  @ApiProperty({ description: 'SHA-256 of the canonical input snapshot' })
  inputHash: string;

  @ApiProperty({ ...SIZE_CLASS_ENUM, nullable: true })
  sizeClass: string | null;

  @ApiProperty({ type: [RuleResultResponse] })
  rules: RuleResultResponse[];

  @ApiProperty({ type: [JudgmentResultResponse] })
  judgments: JudgmentResultResponse[];

  @ApiProperty({ type: [CostLineResultResponse] })
  costLines: CostLineResultResponse[];

  @ApiProperty({ type: EvaluationTotalsResponse })
  totals: EvaluationTotalsResponse;

  @ApiProperty({ enum: OBLIGATIONS, isArray: true, description: 'What a grant would oblige the agency to do' })
  obligations: Obligation[];
}

@ApiSchema({ name: 'Evaluation', description: 'A stored evaluation of a case' })
export class EvaluationResponse extends EvaluationResultResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ format: 'date-time' })
  evaluatedAt: string;

  @ApiProperty({ description: 'Username' })
  evaluatedBy: string;

  @ApiProperty({ enum: EVALUATION_REASONS, enumName: 'EvaluationReason' })
  reason: EvaluationReason;

  @ApiProperty({ format: 'date', description: 'The date the rules were applied on: the decision date once decided' })
  evaluationDate: string;

  @ApiProperty({ type: [GrantBlockerResponse], description: 'What stands in the way of recommending a grant now' })
  grantBlockers: GrantBlockerResponse[];
}

@ApiSchema({ name: 'StoredEvaluation', description: 'A stored evaluation with the input snapshot it read' })
export class StoredEvaluationResponse extends EvaluationResponse {
  @ApiProperty({ type: CaseSnapshotResponse })
  inputSnapshot: CaseSnapshotResponse;
}

@ApiSchema({ name: 'EvaluationHistoryItem', description: 'One stored evaluation, in short' })
export class EvaluationHistoryItemResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  evaluatedAt: string;

  @ApiProperty({ description: 'Username' })
  evaluatedBy: string;

  @ApiProperty({ enum: EVALUATION_REASONS, enumName: 'EvaluationReason' })
  reason: EvaluationReason;

  @ApiProperty()
  rulebookVersion: string;

  @ApiProperty()
  parameterSet: string;

  @ApiProperty({ format: 'date' })
  evaluationDate: string;

  @ApiProperty()
  inputHash: string;

  @ApiProperty({ ...SIZE_CLASS_ENUM, nullable: true })
  sizeClass: string | null;

  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(RULE_OUTCOMES.map((o) => [o, { type: 'integer' }])),
    description: 'How many rules had each outcome; an outcome no rule had is left out',
  })
  outcomes: Partial<Record<RuleOutcome, number>>;

  @ApiProperty({ type: EvaluationTotalsResponse })
  totals: EvaluationTotalsResponse;
}

@ApiSchema({ name: 'EvaluationDifference', description: 'A field that differs between two evaluations' })
export class EvaluationDifferenceResponse {
  @ApiProperty({
    example: 'rules[INC-01].outcome',
    description: 'e.g. `totals.maxAidNok`, `rules[INC-01].outcome`, `costLines[<id>].eligibleNok`',
  })
  path: string;

  @ApiJsonValue({ required: false, description: 'Left out when the field exists only after' })
  before?: unknown;

  @ApiJsonValue({ required: false, description: 'Left out when the field exists only before' })
  after?: unknown;
}

@ApiSchema({ name: 'ReplayInputHash' })
export class ReplayInputHashResponse {
  @ApiProperty()
  stored: string;

  @ApiProperty()
  replayed: string;
}

@ApiSchema({ name: 'EvaluationReplay', description: "A stored evaluation run again from its snapshot with today's rulebook" })
export class EvaluationReplayResponse {
  @ApiProperty({ format: 'uuid' })
  evaluationId: string;

  @ApiProperty({ description: 'No field differs' })
  identical: boolean;

  @ApiProperty()
  storedRulebookVersion: string;

  @ApiProperty()
  currentRulebookVersion: string;

  @ApiProperty({ type: ReplayInputHashResponse })
  inputHash: ReplayInputHashResponse;

  @ApiProperty({ type: [EvaluationDifferenceResponse], description: 'Field by field; empty when identical' })
  differences: EvaluationDifferenceResponse[];
}

@ApiSchema({ name: 'WhatIfResult', description: 'The case evaluated with the proposed changes; nothing is stored' })
export class WhatIfResultResponse {
  @ApiProperty({ type: EvaluationResultResponse })
  evaluation: EvaluationResultResponse;

  @ApiProperty({
    type: [EvaluationDifferenceResponse],
    description: 'What the changes change against the case as it stands (the input hash and exchange-rate source left out)',
  })
  changes: EvaluationDifferenceResponse[];
}
