import type { ConditionDates, DecisionLetterInput, LetterCondition, LetterGround } from '../letters';
import { COST_CATEGORIES } from '../rulebook';
import type { CaseRuleId, CaseSnapshot, CriterionId, EvaluationResult, RuleOutcome } from '../rulebook';
import type { Ground } from './grounds';
import type { PartialGrant } from './partial-grant';

/** A letter's input without the agency's own details, which the letters module adds. */
export type LetterDraft = Omit<DecisionLetterInput, 'agency' | 'appealBody'>;

export interface LetterCase {
  reference: string;
  /** The case as it stands (corrections applied): who applied, for what project. */
  snapshot: CaseSnapshot;
  /** The evaluation the decision rests on: a grant's at the granted amount. */
  result: EvaluationResult;
  decisionDate: string;
}

export interface LetterDecision {
  outcome: 'grant' | 'reject';
  amountNok: number | null;
  justification: string;
  conditions: LetterCondition[];
  conditionDates: ConditionDates | null;
  /** A rejection's grounds as recommended; a grant rests on the whole evaluation. */
  grounds: Ground[];
  partial: PartialGrant | null;
  registerNotice: boolean;
  caseworkerName: string;
  /** Null in a draft, before anyone has decided. */
  approverName: string | null;
}

/**
 * What the letter of a decision says (docs/rules.md section 11), from the case, the evaluation it
 * rests on and the recommendation. The decision and its preview both build the letter here, so a
 * draft shows what the decision would send.
 */
export function letterDraft(c: LetterCase, d: LetterDecision, draft: boolean): LetterDraft {
  const granting = d.outcome === 'grant';
  const project = c.snapshot.project ?? {};
  const applicant = c.snapshot.applicant ?? {};
  const eligible = c.result.totals.eligibleCostsNok;
  return {
    reference: c.reference,
    decisionDate: c.decisionDate,
    ...(draft ? { draft: true } : {}),
    applicant: { name: applicant.name ?? '', orgNumber: applicant.orgNumber ?? '' },
    project: { title: project.title ?? '', startDate: project.startDate ?? '', endDate: project.endDate ?? '' },
    outcome: !granting ? 'rejected' : d.partial ? 'partly-granted' : 'granted',
    amountNok: granting ? d.amountNok : null,
    requestedAmountNok: c.result.totals.requestedAidNok,
    justification: d.justification,
    eligibleCosts: granting ? costsByCategory(c.result) : [],
    eligibleCostsTotalNok: eligible,
    intensityPct: granting && d.amountNok !== null ? intensityPct(d.amountNok, eligible) : null,
    grounds: granting ? grantGrounds(c.result, d.partial) : rejectionGrounds(c.result, d.grounds),
    refusedCosts: d.partial?.refusedCosts ?? [],
    conditions: granting ? d.conditions : [],
    conditionDates: granting ? d.conditionDates : null,
    registerNotice: d.registerNotice,
    caseworker: { name: d.caseworkerName },
    approver: d.approverName === null ? null : { name: d.approverName },
    appealDeadlineWeeks: 3,
  };
}

/** Aid intensity: the aid over the eligible costs (GBER art. 2(26)), in per cent with two decimals. */
export function intensityPct(amountNok: number, eligibleNok: number): number | null {
  return eligibleNok === 0 ? null : Math.round((amountNok / eligibleNok) * 10000) / 100;
}

/** Eligible costs per category, in the categories' order. */
export function costsByCategory(e: EvaluationResult): { category: string; amountNok: number }[] {
  const sums = new Map<string, number>();
  for (const l of e.costLines) {
    if (l.eligibleNok > 0) sums.set(l.category ?? 'other', (sums.get(l.category ?? 'other') ?? 0) + l.eligibleNok);
  }
  return COST_CATEGORIES.filter((c) => sums.has(c)).map((category) => ({ category, amountNok: sums.get(category)! }));
}

/** A grant rests on every rule that applies and every applicable judgment, and on a reduction's reason. */
function grantGrounds(e: EvaluationResult, partial: PartialGrant | null): LetterGround[] {
  return [
    ...e.rules
      .filter((r) => r.outcome !== 'na')
      .map((r) => ({ kind: 'rule' as const, ruleId: r.ruleId, outcome: r.outcome, inputs: r.inputs })),
    ...e.judgments
      .filter((j) => j.applies && (j.outcome === 'pass' || j.outcome === 'fail'))
      .map((j) => ({ kind: 'judgment' as const, criterionId: j.criterionId, outcome: j.outcome as 'pass' | 'fail' })),
    ...(partial?.reductionReason ? [{ kind: 'reduction' as const, reason: partial.reductionReason, maxAidNok: partial.allowedNok }] : []),
  ];
}

/** A rejection rests on the grounds the caseworker named, with the figures of the evaluation it rests on. */
function rejectionGrounds(e: EvaluationResult, grounds: Ground[]): LetterGround[] {
  return grounds.map((g): LetterGround => {
    if (g.kind === 'priority') return { kind: 'priority', reason: g.rationale ?? '' };
    if (g.kind === 'judgment') return { kind: 'judgment', criterionId: g.id as CriterionId, outcome: 'fail' };
    const rule = e.rules.find((r) => r.ruleId === g.id);
    return {
      kind: 'rule',
      ruleId: (rule?.ruleId ?? g.id) as CaseRuleId,
      outcome: rule?.outcome ?? (g.outcome as RuleOutcome),
      inputs: rule?.inputs ?? {},
    };
  });
}
