import { isIsoDate } from '../rulebook/dates';
import type { CaseRuleId, CriterionId } from '../rulebook/types';
import { MANDATORY_CONDITIONS, OPTIONAL_CONDITIONS, type DecisionLetterInput, type LetterLang } from './decision-letter.types';
import { TEXTS } from './texts';

/** The input cannot make a correct letter: a bug in the caller, never a user error. */
export class DecisionLetterInputError extends Error {
  override readonly name = 'DecisionLetterInputError';
}

const OUTCOMES: readonly string[] = ['granted', 'partly-granted', 'rejected'];
const CONDITION_CODES: readonly string[] = [...MANDATORY_CONDITIONS, ...OPTIONAL_CONDITIONS];

function fail(what: string): never {
  throw new DecisionLetterInputError(`Decision letter: ${what}`);
}

/**
 * Refuses an input that would give a wrong letter (RULEBOOK sections 5 and 6). A draft may be
 * previewed before everything is in place: it needs no approver, justification or conditions.
 */
export function validateLetterInput(input: DecisionLetterInput, lang: LetterLang): void {
  if (lang !== 'nb' && lang !== 'en') fail(`unknown language ${String(lang)}`);
  if (!OUTCOMES.includes(input.outcome)) fail(`unknown outcome ${String(input.outcome)}`);
  const final = input.draft !== true;
  validateDates(input);
  validateNames(input, final);
  validateAmounts(input);
  validateGrounds(input);
  validateConditions(input, final);
}

function validateDates(input: DecisionLetterInput): void {
  const dates: [string, unknown][] = [
    ['decisionDate', input.decisionDate],
    ['project.startDate', input.project.startDate],
    ['project.endDate', input.project.endDate],
  ];
  if (input.conditionDates) {
    dates.push(
      ['conditionDates.acceptBy', input.conditionDates.acceptBy],
      ['conditionDates.finalReportBy', input.conditionDates.finalReportBy],
      ['conditionDates.lapsesOn', input.conditionDates.lapsesOn],
    );
  }
  for (const [name, value] of dates) {
    if (!isIsoDate(value)) fail(`${name} must be a date YYYY-MM-DD, got ${String(value)}`);
  }
}

function validateNames(input: DecisionLetterInput, final: boolean): void {
  const texts: [string, unknown][] = [
    ['reference', input.reference],
    ['agency.name', input.agency.name],
    ['applicant.name', input.applicant.name],
    ['project.title', input.project.title],
    ['caseworker.name', input.caseworker.name],
  ];
  if (final) texts.push(['justification', input.justification], ['approver.name', input.approver?.name]);
  for (const [name, value] of texts) {
    if (typeof value !== 'string' || value.trim() === '') fail(`${name} is empty`);
  }
}

/** Whole kroner (RULEBOOK: money): the letter shows what the decision stores, never a rounding of it. */
function wholeKroner(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) fail(`${name} must be whole kroner, got ${v}`);
}

function validateAmounts(input: DecisionLetterInput): void {
  const { amountNok: amount, requestedAmountNok: requested } = input;
  if (amount !== null) wholeKroner('amountNok', amount);
  if (requested !== null) wholeKroner('requestedAmountNok', requested);
  if (input.outcome !== 'rejected') {
    if (amount === null || amount < 1) fail('a grant needs an amount');
    if (requested !== null && amount > requested) fail(`the amount ${amount} is more than the ${requested} applied for`);
  }
  // RULEBOOK 5: a grant below the requested aid is a partial refusal, and the letter must say so.
  if (input.outcome === 'granted' && requested !== null && amount !== null && amount < requested) {
    fail(`a grant of ${amount} of the ${requested} applied for is partly granted`);
  }
  if (input.outcome === 'partly-granted' && (requested === null || amount === null || amount >= requested)) {
    fail('a partial grant needs a requested amount above the granted amount');
  }
  input.eligibleCosts.forEach((c, i) => wholeKroner(`eligibleCosts[${i}].amountNok`, c.amountNok));
  wholeKroner('eligibleCostsTotalNok', input.eligibleCostsTotalNok);
  const sum = input.eligibleCosts.reduce((s, c) => s + c.amountNok, 0);
  if (input.eligibleCosts.length > 0 && sum !== input.eligibleCostsTotalNok) {
    fail(`the eligible costs add up to ${sum}, not to the total ${input.eligibleCostsTotalNok}`);
  }
  const pct = input.intensityPct;
  if (pct !== null && !(Number.isFinite(pct) && pct >= 0 && pct <= 100)) fail(`intensityPct must be between 0 and 100, got ${pct}`);
  // GBER art. 7 and 29(4): the aid is at most the intensity times the eligible costs. The
  // half-hundredth allows for an intensity rounded to two decimals.
  if (input.outcome !== 'rejected' && amount !== null && pct !== null && input.eligibleCosts.length > 0) {
    if (amount > (input.eligibleCostsTotalNok * (pct + 0.005)) / 100) {
      fail(`the amount ${amount} is more than ${pct} % of the eligible costs ${input.eligibleCostsTotalNok}`);
    }
  }
  input.refusedCosts.forEach((c, i) => {
    wholeKroner(`refusedCosts[${i}].claimedNok`, c.claimedNok);
    wholeKroner(`refusedCosts[${i}].approvedNok`, c.approvedNok);
    if (c.approvedNok > c.claimedNok) fail(`refusedCosts[${i}] approves more than was claimed`);
    if (typeof c.description !== 'string') fail(`refusedCosts[${i}].description is not a text`);
    for (const r of c.reasons) if (!(r in TEXTS.nb.costReasons)) fail(`refusedCosts[${i}] has an unknown reason ${String(r)}`);
  });
}

function validateGrounds(input: DecisionLetterInput): void {
  input.grounds.forEach((g, i) => {
    const at = `grounds[${i}]`;
    switch (g.kind) {
      case 'rule':
        if (!(g.ruleId in TEXTS.nb.rules)) fail(`${at} names an unknown rule ${String(g.ruleId as CaseRuleId)}`);
        if (typeof g.inputs !== 'object' || g.inputs === null) fail(`${at} has no inputs`);
        break;
      case 'judgment':
        if (!(g.criterionId in TEXTS.nb.criteria)) fail(`${at} names an unknown criterion ${String(g.criterionId as CriterionId)}`);
        if (g.outcome !== 'pass' && g.outcome !== 'fail') fail(`${at} is a judgment at ${String(g.outcome)}, not pass or fail`);
        break;
      case 'priority':
        if (typeof g.reason !== 'string' || g.reason.trim() === '') fail(`${at} is PRIORITY without its reason`);
        break;
      case 'reduction':
        if (typeof g.reason !== 'string' || g.reason.trim() === '') fail(`${at} is a reduction without its reason`);
        wholeKroner(`${at}.maxAidNok`, g.maxAidNok);
        if (input.amountNok !== null && g.maxAidNok < input.amountNok) fail(`${at} says the most was ${g.maxAidNok}, below the grant`);
        break;
      default:
        fail(`${at} is of an unknown kind ${String((g as { kind: unknown }).kind)}`);
    }
  });
}

function validateConditions(input: DecisionLetterInput, final: boolean): void {
  input.conditions.forEach((c, i) => {
    if ('code' in c) {
      if (!CONDITION_CODES.includes(c.code)) fail(`conditions[${i}] has an unknown code ${String(c.code)}`);
    } else if (typeof c.text !== 'string' || c.text.trim() === '') {
      fail(`conditions[${i}] is empty`);
    }
  });
  if (!final) return;
  if (input.outcome === 'rejected') {
    if (input.conditions.length > 0) fail('a rejection has no conditions');
    return;
  }
  const codes = new Set(input.conditions.flatMap((c) => ('code' in c ? [c.code] : [])));
  const absent = MANDATORY_CONDITIONS.filter((c) => !codes.has(c));
  if (absent.length) fail(`a grant must carry the mandatory conditions; missing ${absent.join(', ')}`);
  if (!input.conditionDates) fail('a grant needs the dates its conditions name (conditionDates)');
}
