import { hashInput } from './canonical';
import { costLineContext, evaluateCostLines } from './cost-lines';
import { isIsoDate, osloDate } from './dates';
import { evaluateJudgments } from './judgments';
import { maxAid, nokToEur, num, sum } from './money';
import { selectParameterSet, type ParameterSet } from './parameters';
import { cum01, int01, otherAidSameCosts, registerObligation, thr01, trn01 } from './rules/aid';
import { uid01 } from './rules/difficulty';
import { rec01, sec01 } from './rules/eligibility';
import type { AidAmountFacts, CaseFacts } from './rules/facts';
import { inc01, inc02 } from './rules/incentive';
import { lrg01, sme01 } from './rules/size';
import { assessSize, isSme, latestYears } from './size-class';
import type {
  CaseSnapshot,
  CostLineResult,
  EvaluationContext,
  EvaluationResult,
  EvaluationTotals,
  Obligation,
  RuleResult,
  SizeClass,
} from './types';
import { RULEBOOK_VERSION } from './version';

/** Case-level rules in the order of docs/rules.md section 7. */
const CASE_RULES: readonly ((f: CaseFacts) => RuleResult)[] = [inc01, inc02, sme01, lrg01, uid01, rec01, sec01, int01, cum01, thr01, trn01];

function checkContext(ctx: EvaluationContext): void {
  if (!ctx || !isIsoDate(ctx.evaluationDate)) {
    throw new RangeError(`evaluationDate must be YYYY-MM-DD, got ${JSON.stringify(ctx?.evaluationDate)}`);
  }
  if (typeof ctx.nokPerEur !== 'number' || !Number.isFinite(ctx.nokPerEur) || ctx.nokPerEur <= 0) {
    throw new RangeError(`nokPerEur must be a positive number, got ${JSON.stringify(ctx.nokPerEur)}`);
  }
  const a = ctx.aidAmount;
  if (a !== undefined && a !== null) {
    if (a.basis !== 'recommended' && a.basis !== 'granted') {
      throw new RangeError(`aidAmount.basis must be recommended or granted, got ${JSON.stringify(a.basis)}`);
    }
    if (typeof a.amountNok !== 'number' || !Number.isFinite(a.amountNok) || a.amountNok < 0) {
      throw new RangeError(`aidAmount.amountNok must be a number of at least 0, got ${JSON.stringify(a.amountNok)}`);
    }
  }
}

/** The amount the amount rules are evaluated at: the context's, else the requested aid (docs/rules.md section 5). */
function aidAmountFacts(ctx: EvaluationContext, totals: EvaluationTotals): AidAmountFacts {
  if (ctx.aidAmount) {
    return { basis: ctx.aidAmount.basis, amountNok: ctx.aidAmount.amountNok, amountEur: nokToEur(ctx.aidAmount.amountNok, ctx.nokPerEur) };
  }
  const requested = totals.requestedAidNok;
  return requested !== null && requested > 0
    ? { basis: 'requested', amountNok: requested, amountEur: totals.requestedAidEur }
    : { basis: 'requested', amountNok: null, amountEur: null };
}

export function intensityPct(sizeClass: SizeClass | null, params: ParameterSet): number | null {
  if (sizeClass === null) return null;
  return isSme(sizeClass) ? params.maxIntensityPct.sme : params.maxIntensityPct.large;
}

function computeTotals(
  snapshot: CaseSnapshot,
  lines: CostLineResult[],
  sizeClass: SizeClass | null,
  params: ParameterSet,
  nokPerEur: number,
): EvaluationTotals {
  const eligible = sum(lines.map((l) => l.eligibleNok));
  const pct = intensityPct(sizeClass, params);
  const requested = num(snapshot.aid?.requestedAmountNok);
  return {
    appliedCostsNok: sum(lines.map((l) => l.claimedNok)),
    eligibleCostsNok: eligible,
    // An `assess` line counts with its claimed amount until a caseworker sets an approved amount.
    pendingAssessmentNok: sum(lines.filter((l) => l.outcome === 'assess').map((l) => l.eligibleNok)),
    maxIntensityPct: pct,
    maxAidNok: pct === null ? null : maxAid(eligible, pct),
    requestedAidNok: requested,
    requestedAidEur: requested === null ? null : nokToEur(requested, nokPerEur),
    otherAidSameCostsNok: otherAidSameCosts(snapshot).sumNok,
  };
}

/**
 * Evaluates a case: a pure function of the snapshot, the context and the parameter set (by
 * default the set in force on the evaluation date). Never reads the clock or any I/O and never
 * changes its input. Throws a RangeError only for an invalid context; gaps in the snapshot give
 * `missing` outcomes instead.
 */
export function evaluate(snapshot: CaseSnapshot, ctx: EvaluationContext, params?: ParameterSet): EvaluationResult {
  checkContext(ctx);
  const p = params ?? selectParameterSet(ctx.evaluationDate);
  const receivedDate = osloDate(snapshot.receivedAt);
  const size = assessSize(snapshot, p, ctx.nokPerEur);
  const costLines = evaluateCostLines(snapshot, costLineContext(snapshot, p, receivedDate));
  const totals = computeTotals(snapshot, costLines, size.sizeClass, p, ctx.nokPerEur);
  const facts: CaseFacts = {
    snapshot,
    ctx,
    params: p,
    receivedDate,
    size,
    latestYears: latestYears(snapshot),
    costLines,
    totals,
    aid: aidAmountFacts(ctx, totals),
  };
  const rules = CASE_RULES.map((rule) => rule(facts));
  const obligations: Obligation[] = registerObligation(facts) ? ['register-report'] : [];
  return {
    rulebookVersion: RULEBOOK_VERSION,
    parameterSet: p.id,
    nokPerEur: ctx.nokPerEur,
    fxSource: ctx.fxSource,
    fxDate: ctx.fxDate,
    // A null amount is basis requested, as an absent one, and hashes alike.
    inputHash: hashInput(snapshot, ctx.aidAmount === null ? { ...ctx, aidAmount: undefined } : ctx, p.id),
    sizeClass: size.sizeClass,
    rules,
    judgments: evaluateJudgments(snapshot, size.sizeClass),
    costLines,
    totals,
    obligations,
  };
}
