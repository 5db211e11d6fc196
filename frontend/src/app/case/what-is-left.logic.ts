import { EvaluationResult, GrantBlocker, RuleResult } from '../core/api/evaluation.models';
import { RecommendationRecord } from '../core/api/workflow.models';
import { PRIORITY } from './recommendation.logic';

/** The kinds of what is left before a grant, in the order the strip names them. */
export const LEFT_KINDS = [
  'judgment',
  'costLine',
  'ruleFailed',
  'ruleOpen',
  'judgmentFailed',
] as const;
export type LeftKind = (typeof LEFT_KINDS)[number];

/** One thing that stands in the way of a grant, and where on the case it is dealt with. */
export interface LeftItem {
  kind: LeftKind;
  /** The rule id, criterion id or cost line id. */
  ref: string;
  tab: 'rules' | 'costs';
  /** The id of the element on that tab that takes the focus. */
  targetId: string;
  blocker: GrantBlocker;
}

export interface LeftGroup {
  kind: LeftKind;
  items: LeftItem[];
}

/** The element ids the case's tabs give what the strip points at. */
export const targetIds = {
  rule: (ruleId: string) => `rule-${ruleId}`,
  judgment: (criterionId: string) => `judgment-${criterionId}`,
  costLine: (lineId: string) => `cost-line-${lineId}`,
};

/**
 * What is left before a grant can be recommended, from the server's own list on the latest
 * evaluation (`grantBlockers`, the check the server applies to a recommendation), so the console
 * and the server agree: judgments not yet recorded, cost lines still to assess, rules not met
 * (fail) or not settled (missing facts, refer), and judgments recorded as not met. The amount's
 * own checks belong to the form and are left out.
 */
export function whatIsLeft(evaluation: EvaluationResult | null | undefined): LeftItem[] {
  if (!evaluation) return [];
  const blockers = (evaluation as { grantBlockers?: GrantBlocker[] }).grantBlockers ?? [];
  const rules = new Map(evaluation.rules.map((r) => [r.ruleId as string, r.outcome]));
  const judgments = new Map(evaluation.judgments.map((j) => [j.criterionId as string, j.outcome]));
  const items: LeftItem[] = [];
  for (const b of blockers) {
    switch (b.kind) {
      case 'rule':
        items.push({
          kind: rules.get(b.ref) === 'fail' ? 'ruleFailed' : 'ruleOpen',
          ref: b.ref,
          tab: 'rules',
          targetId: targetIds.rule(b.ref),
          blocker: b,
        });
        break;
      case 'judgment':
        items.push({
          kind: judgments.get(b.ref) === 'fail' ? 'judgmentFailed' : 'judgment',
          ref: b.ref,
          tab: 'rules',
          targetId: targetIds.judgment(b.ref),
          blocker: b,
        });
        break;
      case 'cost-line':
        items.push({
          kind: 'costLine',
          ref: b.ref,
          tab: 'costs',
          targetId: targetIds.costLine(b.ref),
          blocker: b,
        });
        break;
      default:
        break;
    }
  }
  return items;
}

/** The items grouped by kind, in the strip's order; kinds with nothing left are left out. */
export function groupLeft(items: readonly LeftItem[]): LeftGroup[] {
  return LEFT_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );
}

/**
 * The translation key of a count: `<base>.one` or `<base>.other`, as the language's plural rules
 * say (Intl.PluralRules: "1 regel", "2 regler"; "1 rule", "2 rules").
 */
export function pluralKey(base: string, count: number, lang: string): string {
  const category = new Intl.PluralRules(lang === 'nb' ? 'nb-NO' : 'en-GB').select(count);
  return `${base}.${category === 'one' ? 'one' : 'other'}`;
}

/** The order of rule outcomes on the Rules tab: what deviates first, then the rest. */
const OUTCOME_RANK: Record<string, number> = {
  fail: 0,
  missing: 1,
  refer: 2,
  assess: 3,
  pass: 4,
  na: 5,
};

/** Whether a rule's outcome is one to look at (not met, not settled or to assess). */
export function isDeviation(outcome: string): boolean {
  return (OUTCOME_RANK[outcome] ?? 0) <= OUTCOME_RANK['assess'];
}

/** The rules with failures first (then missing, refer, assess), then the rest; otherwise as given. */
export function sortRules<T extends Pick<RuleResult, 'outcome'>>(rules: readonly T[]): T[] {
  return rules
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) => (OUTCOME_RANK[a.r.outcome] ?? 0) - (OUTCOME_RANK[b.r.outcome] ?? 0) || a.i - b.i,
    )
    .map(({ r }) => r);
}

/** The values a new recommendation starts from. */
export interface RecommendationPrefill {
  outcome: 'grant' | 'reject';
  amountNok: number | null;
  justification: string;
  conditionCodes: string[];
  freeConditions: string[];
  grounds: string[];
  priorityReason: string;
  reductionReason: string;
}

/**
 * The recommendation a returned case starts from: the last one, as it was sent (outcome, amount,
 * justification, the chosen standard conditions without the mandatory ones the server adds, free
 * conditions, grounds with PRIORITY's reason, the reason for a reduction). Null when the case
 * has no recommendation or its last one was not returned.
 */
export function prefillFrom(
  recommendations: readonly RecommendationRecord[] | null | undefined,
  mandatoryCodes: readonly string[],
): RecommendationPrefill | null {
  const last = recommendations?.length ? recommendations[recommendations.length - 1] : null;
  if (!last?.returned) return null;
  const grant = last.outcome === 'grant';
  const mandatory = new Set(mandatoryCodes);
  const priority = last.grounds.find((g) => g.kind === 'priority' || g.id === PRIORITY);
  return {
    outcome: grant ? 'grant' : 'reject',
    amountNok: grant ? last.amountNok : null,
    justification: last.justification,
    conditionCodes: grant
      ? last.conditions
          .map((c) => c.code)
          .filter((code): code is string => !!code && !mandatory.has(code))
      : [],
    freeConditions: grant
      ? last.conditions.filter((c) => !c.code).map((c) => c.text.nb ?? c.text.en ?? '')
      : [],
    grounds: grant ? [] : last.grounds.map((g) => g.id),
    priorityReason: priority?.rationale ?? '',
    reductionReason: grant ? (last.partial?.reductionReason ?? '') : '',
  };
}

/** The last recommendation, when it was returned: the case is back with its caseworker. */
export function lastReturned(
  recommendations: readonly RecommendationRecord[] | null | undefined,
): RecommendationRecord | null {
  const last = recommendations?.length ? recommendations[recommendations.length - 1] : null;
  return last?.returned ? last : null;
}
