import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { CostLineOutcome, GrantBlocker, JudgmentOutcome, LocalizedText, RuleOutcome } from '../../rulebook';
import { valuesOf } from '../values-of';

/* What the rulebook's results share across features: texts, outcomes and what blocks a grant. */

export const RULE_OUTCOMES = valuesOf<RuleOutcome>()('pass', 'fail', 'assess', 'missing', 'refer', 'na');
export const JUDGMENT_OUTCOMES = valuesOf<JudgmentOutcome>()('pass', 'fail', 'assess', 'na');
export const COST_LINE_OUTCOMES = valuesOf<CostLineOutcome>()('eligible', 'partly', 'ineligible', 'assess');
export const RULE_OUTCOME_ENUM = { enum: RULE_OUTCOMES, enumName: 'RuleOutcome' } as const;
export const JUDGMENT_OUTCOME_ENUM = { enum: JUDGMENT_OUTCOMES, enumName: 'JudgmentOutcome' } as const;
export const COST_LINE_OUTCOME_ENUM = { enum: COST_LINE_OUTCOMES, enumName: 'CostLineOutcome' } as const;

@ApiSchema({ name: 'LocalizedText', description: 'A text in Norwegian bokmål and English' })
export class LocalizedTextResponse implements LocalizedText {
  @ApiProperty()
  nb: string;

  @ApiProperty()
  en: string;
}

export const GRANT_BLOCKER_KINDS = valuesOf<GrantBlocker['kind']>()('rule', 'judgment', 'cost-line', 'amount');

@ApiSchema({
  name: 'GrantBlocker',
  description: 'Something that stands in the way of recommending a grant: a rule, a judgment, a cost line still to assess, or the amount',
})
export class GrantBlockerResponse implements GrantBlocker {
  @ApiProperty({ description: 'A rule id, a criterion id, a cost line id, or `amount`' })
  ref: string;

  @ApiProperty({ enum: GRANT_BLOCKER_KINDS, enumName: 'GrantBlockerKind' })
  kind: GrantBlocker['kind'];

  @ApiProperty({ type: LocalizedTextResponse })
  reason: LocalizedTextResponse;
}
