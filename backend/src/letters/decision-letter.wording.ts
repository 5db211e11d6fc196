import { addDays, addMonths, isIsoDate } from '../rulebook/dates';
import { roundHalfUp } from '../rulebook/money';
import { SIZE_CLASSES, type CaseRuleId, type RuleOutcome } from '../rulebook/types';
import type { ConditionDates, DecisionLetterInput, LetterGround, RefusedCost } from './decision-letter.types';
import {
  RULE_LETTER_OUTCOMES,
  type DifficultyTest,
  type GroundFigures,
  type LetterTexts,
  type MissingInfo,
  type RuleSentence,
} from './texts/types';

/**
 * What the letter says, worked out from the decision's facts and the texts of one language, before
 * any layout: the grounds in words, the refused costs with their reasons, the conditions with their
 * dates. Pure, so that the wording is decided in one place and the renderer only places it.
 */

/** A ground or condition as the letter prints it: a title in words and a sentence. */
export interface WordedItem {
  title: string;
  text: string;
  /** The caseworker's own words (a reason), printed after the text as written. */
  note?: { label: string; text: string };
}

export interface WordedGrounds {
  /** Every ground but the reduction, in the order given. */
  all: WordedItem[];
  rules: WordedItem[];
  /** Every rule worded is at `pass`: the grant's heading may say the requirements are met. */
  rulesAllPass: boolean;
  judgments: WordedItem[];
  /** PRIORITY, in a rejection. */
  other: WordedItem[];
  /** Why a grant is below the most the rules allow. */
  reduction: WordedItem | null;
}

/** The part of the grant held back until the final report is approved (RULEBOOK 5, PAYMENT). */
export const PAYMENT_HELD_BACK_PCT = 20;

/** At least 20 % of the grant, rounded half up to whole kroner (RULEBOOK: computed NOK amounts). */
export function paymentHeldBackNok(amountNok: number): number {
  return roundHalfUp((amountNok * PAYMENT_HELD_BACK_PCT) / 100);
}

/**
 * The dates the mandatory conditions name (RULEBOOK 5): acceptance four weeks after the decision,
 * the final report three months and the lapse six months after the project's end date. A day the
 * target month lacks becomes its last day (addMonths).
 */
export function conditionDatesFor(decisionDate: string, projectEndDate: string): ConditionDates {
  return {
    acceptBy: addDays(decisionDate, 28),
    finalReportBy: addMonths(projectEndDate, 3),
    lapsesOn: addMonths(projectEndDate, 6),
  };
}

export function wordGrounds(input: DecisionLetterInput, t: LetterTexts): WordedGrounds {
  const worded: WordedGrounds = { all: [], rules: [], rulesAllPass: true, judgments: [], other: [], reduction: null };
  const add = (group: WordedItem[], item: WordedItem) => {
    group.push(item);
    worded.all.push(item);
  };
  for (const g of uniqueGrounds(input.grounds)) {
    switch (g.kind) {
      case 'rule': {
        const item = wordRule(g, t);
        if (!item) break;
        add(worded.rules, item);
        if (g.outcome !== 'pass') worded.rulesAllPass = false;
        break;
      }
      case 'judgment': {
        const c = t.criteria[g.criterionId];
        add(worded.judgments, { title: c.title, text: c[g.outcome] });
        break;
      }
      case 'priority':
        add(worded.other, { title: t.priority.title, text: t.priority.text, note: { label: t.priority.reasonLabel, text: g.reason } });
        break;
      case 'reduction':
        worded.reduction = {
          title: t.reduction.title,
          text: t.reduction.text(g.maxAidNok, input.amountNok),
          note: { label: t.reduction.reasonLabel, text: g.reason },
        };
        break;
    }
  }
  return worded;
}

/** A ground named twice (the same rule, criterion or kind) is printed once, where it first appears. */
function uniqueGrounds(grounds: readonly LetterGround[]): LetterGround[] {
  const seen = new Set<string>();
  return grounds.filter((g) => {
    const key = g.kind === 'rule' ? g.ruleId : g.kind === 'judgment' ? g.criterionId : g.kind;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A rule's title and its sentence at the outcome. A rule that does not apply (`na`) and TRN-01 at
 * `pass` (publication has its own paragraph) give no item; an outcome the letter does not word
 * falls back to a plain sentence about the outcome, never to the rule's ID.
 */
function wordRule(g: Extract<LetterGround, { kind: 'rule' }>, t: LetterTexts): WordedItem | null {
  if (g.outcome === 'na') return null;
  if (g.ruleId === 'TRN-01' && g.outcome === 'pass') return null;
  const texts = t.rules[g.ruleId];
  const sentence = worded(g.ruleId, g.outcome) ? (texts as unknown as Record<string, RuleSentence>)[g.outcome] : null;
  return { title: texts.title, text: sentence ? sentence(groundFigures(g.ruleId, g.inputs)) : t.ruleAtOutcome[g.outcome] };
}

function worded(ruleId: CaseRuleId, outcome: RuleOutcome): boolean {
  return (RULE_LETTER_OUTCOMES[ruleId] as readonly RuleOutcome[]).includes(outcome);
}

/** The figures a rule's sentence may use, from its `inputs` (see the rules in rulebook/rules/). */
export function groundFigures(ruleId: CaseRuleId, inputs: Record<string, unknown>): GroundFigures {
  const amount = (key: string) => {
    const v = inputs[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const date = (key: string) => {
    const v = inputs[key];
    return isIsoDate(v) ? v : undefined;
  };
  const received = date('receivedDate');
  const start = date('startDate');
  const commitment = date('firstBindingCommitmentDate');
  const sizeClass = SIZE_CLASSES.find((c) => c === inputs.sizeClass);
  return {
    receivedDate: received,
    startDate: start,
    commitmentDate: commitment,
    // INC-01 fails when the application came on or after either date (RULEBOOK 2: strictly before).
    startedBeforeReceipt: received && start ? !(received < start) : undefined,
    committedBeforeReceipt: received && commitment ? !(received < commitment) : undefined,
    sizeClass,
    aidAmountNok: amount('aidAmountNok'),
    maxAidNok: amount('maxAidNok'),
    maxIntensityPct: amount('maxIntensityPct'),
    eligibleCostsNok: amount('eligibleCostsNok'),
    otherAidNok: amount('otherAidSameCostsNok'),
    smeSharePct: amount('smeSharePct'),
    requiredSmeSharePct: amount('requiredSmeSharePct'),
    difficulty: difficultyTests(inputs.grounds),
    sector: inputs.division === '01' ? 'agriculture' : inputs.division === '03' ? 'fishing' : undefined,
    notificationThresholdEur: amount('notificationThresholdEur'),
    missing: missingInfo(ruleId, inputs.missing),
  };
}

const DIFFICULTY_TESTS: Record<string, DifficultyTest> = { a: 'capital-loss', c: 'insolvency', d: 'rescue-aid', e: 'leverage' };

/** UID-01's `grounds`: { a, c, d, e } each true (found), false or null (undecided). */
function difficultyTests(grounds: unknown): DifficultyTest[] {
  if (typeof grounds !== 'object' || grounds === null) return [];
  return Object.entries(DIFFICULTY_TESTS)
    .filter(([letter]) => (grounds as Record<string, unknown>)[letter] === true)
    .map(([, test]) => test);
}

/** The snapshot's JSON paths (rulebook/missing.ts), by their start, as the letter names them. */
const MISSING_PATHS: readonly [RegExp, MissingInfo][] = [
  [/^receivedAt$/, 'receipt'],
  [/^applicant\.name$/, 'applicant-name'],
  [/^applicant\.financials/, 'financial-figures'],
  [/^applicant\.companyForm$/, 'company-form'],
  [/^applicant\.incorporatedOn$/, 'incorporation-date'],
  [/^applicant\.naceCode$/, 'industry-code'],
  [/^applicant\.publicOwnershipPct$/, 'public-ownership'],
  [/^applicant\.insolvencyProceedings$/, 'insolvency'],
  [/^applicant\.outstandingRescueAid$/, 'rescue-aid'],
  [/^applicant\.outstandingRecoveryOrder$/, 'recovery-order'],
  [/^applicant\.relatedEnterprises/, 'related-enterprises'],
  [/^project\.description$/, 'description'],
  [/^project\.startDate$/, 'start-date'],
  [/^project\.endDate$/, 'end-date'],
  [/^project\.firstBindingCommitmentDate$/, 'commitment-date'],
  [/^project\.location$/, 'location'],
  [/^project\.collaborationPartners/, 'partners'],
  [/^costLines/, 'cost-lines'],
  [/^aid\.instrument$/, 'aid-instrument'],
  [/^aid\.requestedAmountNok$/, 'requested-amount'],
  [/^otherPublicAid/, 'other-aid'],
  [/^sizeClass$/, 'size-figures'],
];

/**
 * What a rule found missing, in the letter's words; paths it does not know are left out (the
 * sentence still says that information is missing). The size rules need the size figures where
 * the others need financial figures in general.
 */
function missingInfo(ruleId: CaseRuleId, paths: unknown): MissingInfo[] {
  if (!Array.isArray(paths)) return [];
  const sizeRule = ruleId === 'INC-02' || ruleId === 'SME-01';
  const found = paths.flatMap((p) => {
    const hit = typeof p === 'string' ? MISSING_PATHS.find(([re]) => re.test(p)) : undefined;
    if (!hit) return [];
    return [hit[1] === 'financial-figures' && sizeRule ? 'size-figures' : hit[1]];
  });
  return [...new Set(found)];
}

/** A refused or reduced cost line: the reasons in words, then the caseworker's own when given. */
export function costReason(cost: RefusedCost, t: LetterTexts): string {
  const sentences = [...new Set(cost.reasons)].map((r) => t.costReasons[r]);
  const own = cost.caseworkerReason?.trim();
  const parts = sentences.length || own ? [...sentences, ...(own ? [own] : [])] : [t.refusedCosts.noReason];
  return `${t.refusedCosts.reasonLabel} ${parts.join(' ')}`;
}

/**
 * A grant's conditions in full: the standard ones first, each once, by title and text with its
 * figures and dates; then the caseworker's own, as written (they have no title).
 */
export function wordConditions(input: DecisionLetterInput, t: LetterTexts): WordedItem[] {
  const amountNok = input.amountNok ?? 0;
  const figures = {
    amountNok,
    heldBackNok: paymentHeldBackNok(amountNok),
    heldBackPct: PAYMENT_HELD_BACK_PCT,
    dates: input.conditionDates,
    projectEndDate: input.project.endDate,
    agency: input.agency.name,
  };
  const codes = [...new Set(input.conditions.flatMap((c) => ('code' in c ? [c.code] : [])))];
  const standard = codes.map((code) => ({ title: t.condition[code].title, text: t.condition[code].text(figures) }));
  const own = input.conditions.flatMap((c) => ('text' in c ? [{ title: '', text: c.text }] : []));
  return [...standard, ...own];
}
