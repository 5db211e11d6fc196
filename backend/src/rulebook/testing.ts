import { evaluate } from './evaluate';
import { intakeSampleCase } from './fixtures';
import type { ParameterSet } from './parameters';
import type {
  AidAmount,
  CaseRuleId,
  CaseSnapshot,
  CostLineResult,
  CostLineSnapshot,
  EvaluationContext,
  EvaluationResult,
  RuleResult,
} from './types';

/** Helpers for the rulebook's own tests and for integration tests that build cases. */

export function context(evaluationDate = '2026-03-02', nokPerEur = 11.5): EvaluationContext {
  return { evaluationDate, nokPerEur, fxSource: 'test', fxDate: evaluationDate };
}

/** A context that evaluates the amount rules at a recommended or granted amount (docs/rules.md section 5). */
export function atAmount(basis: AidAmount['basis'], amountNok: number, ctx: EvaluationContext = context()): EvaluationContext {
  return { ...ctx, aidAmount: { basis, amountNok } };
}

/** The docs/intake.md sample with changes applied to a fresh copy. */
export function sampleWith(change: (c: CaseSnapshot) => void = () => undefined): CaseSnapshot {
  const c = intakeSampleCase();
  change(c);
  return c;
}

export function run(
  change: (c: CaseSnapshot) => void = () => undefined,
  ctx: EvaluationContext = context(),
  params?: ParameterSet,
): EvaluationResult {
  return evaluate(sampleWith(change), ctx, params);
}

export function rule(result: EvaluationResult, ruleId: CaseRuleId): RuleResult {
  const r = result.rules.find((x) => x.ruleId === ruleId);
  if (!r) throw new Error(`no ${ruleId}`);
  return r;
}

export function lineResult(result: EvaluationResult, id: string): CostLineResult {
  const l = result.costLines.find((x) => x.costLineId === id);
  if (!l) throw new Error(`no line ${id}`);
  return l;
}

/** A case with just the given cost lines (and the sample's other facts). */
export function withLines(...lines: CostLineSnapshot[]): (c: CaseSnapshot) => void {
  return (c) => {
    c.costLines = lines;
  };
}

/** One applicant year with the given size figures in NOK (the rest of the sample's year kept). */
export function sizeFigures(awu: number | null, turnoverNok: number | null, balanceNok: number | null, year = 2025) {
  return (c: CaseSnapshot) => {
    c.applicant!.relatedEnterprises = [];
    c.applicant!.financials = [{ ...c.applicant!.financials![0], year, annualWorkUnits: awu, turnoverNok, balanceSheetNok: balanceNok }];
  };
}
