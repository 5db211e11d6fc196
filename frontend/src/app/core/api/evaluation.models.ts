/**
 * The rulebook's evaluation of a case, as the generated client types it (src/app/api).
 */
import type { EvaluationTotals } from '../../api/models';

export type {
  CostLineOutcome,
  CostLineReason,
  CostLineResult,
  Evaluation,
  EvaluationDifference,
  EvaluationHistoryItem,
  EvaluationReplay,
  EvaluationResult,
  EvaluationTotals,
  GrantBlocker,
  JudgmentOutcome,
  JudgmentResult,
  LocalizedText,
  RuleOutcome,
  RuleResult,
  WhatIfDto,
  WhatIfResult,
} from '../../api/models';

export type TotalKey = keyof EvaluationTotals;
