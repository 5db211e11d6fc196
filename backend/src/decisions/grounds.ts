import { Problem } from '../common/problem';
import type { FieldError } from '../common/problem';
import type { EvaluationResult, LocalizedText } from '../rulebook';

export interface Ground {
  id: string;
  kind: 'rule' | 'judgment' | 'priority';
  /** A rule's or judgment's outcome; `fail` for PRIORITY (the application fell below the budget line). */
  outcome: string;
  title?: LocalizedText;
  text: LocalizedText;
  /** A judgment's rationale, or PRIORITY's written reason. */
  rationale?: string;
}

/** The ground that an application ranks below others within the year's budget (docs/rules.md section 10). */
export const PRIORITY = 'PRIORITY';

/** The rule outcomes a rejection may rest on (docs/rules.md section 10). */
const REJECTING_RULE_OUTCOMES: readonly string[] = ['fail', 'missing', 'refer'];

const PRIORITY_TITLE: LocalizedText = {
  nb: 'Prioritering innenfor årets budsjett',
  en: "Priority within the year's budget",
};

/** PRIORITY as the letter states it, from the agency's point of view, with its reason. */
export function priorityGround(reason: string): Ground {
  return {
    id: PRIORITY,
    kind: 'priority',
    outcome: 'fail',
    title: PRIORITY_TITLE,
    text: {
      nb: `Vi har ikke midler til å støtte alle søknadene vi har fått i år, og vi har prioritert andre søknader foran denne innenfor årets budsjett. Begrunnelse: ${reason}`,
      en: `We do not have the funds to support every application we have received this year, and within this year's budget we have given priority to other applications ahead of this one. Our reason: ${reason}`,
    },
    rationale: reason,
  };
}

/** A grant rests on every rule result and every applicable judgment, with their texts as shown. */
export function groundsOfGrant(e: EvaluationResult): Ground[] {
  return [
    ...e.rules
      .filter((r) => r.outcome !== 'na')
      .map((r) => ({ id: r.ruleId, kind: 'rule' as const, outcome: r.outcome, text: r.explanation })),
    ...e.judgments
      .filter((j) => j.applies)
      .map((j) => ({
        id: j.criterionId,
        kind: 'judgment' as const,
        outcome: j.outcome,
        title: j.title,
        text: { nb: `${j.title.nb}: ${j.rationale ?? ''}`, en: `${j.title.en}: ${j.rationale ?? ''}` },
        rationale: j.rationale,
      })),
  ];
}

/**
 * The grounds a rejection rests on (docs/rules.md section 10), each named once: a rule of the
 * evaluation at `fail`, `missing` or `refer`; a judgment recorded `fail`; or PRIORITY with its own
 * written reason. Anything else is a 400 naming every ground that cannot be one, by its JSON path.
 */
export function groundsOfRejection(e: EvaluationResult, ids: string[], priorityReason?: string | null): Ground[] {
  if (!ids.length) {
    throw Problem.validation([{ path: '$.grounds', message: 'name the rules or judgments the rejection rests on' }]);
  }
  const errors: FieldError[] = [];
  const grounds: Ground[] = [];
  const reason = priorityReason?.trim() || undefined;
  ids.forEach((id, i) => {
    const path = `$.grounds[${i}]`;
    if (ids.indexOf(id) !== i) {
      errors.push({ path, message: `${id} is named twice` });
      return;
    }
    if (id === PRIORITY) {
      if (reason) grounds.push(priorityGround(reason));
      else errors.push({ path: '$.priorityReason', message: 'PRIORITY needs its own written reason' });
      return;
    }
    const rule = e.rules.find((r) => r.ruleId === id);
    if (rule) {
      if (REJECTING_RULE_OUTCOMES.includes(rule.outcome)) {
        grounds.push({ id, kind: 'rule', outcome: rule.outcome, text: rule.explanation });
      } else {
        errors.push({ path, message: `${id} is ${rule.outcome}; a rejection rests only on a rule at fail, missing or refer` });
      }
      return;
    }
    const j = e.judgments.find((x) => x.criterionId === id);
    if (j) {
      if (j.applies && j.outcome === 'fail') {
        grounds.push({
          id,
          kind: 'judgment',
          outcome: j.outcome,
          title: j.title,
          text: { nb: `${j.title.nb}: ${j.rationale ?? j.criterion.nb}`, en: `${j.title.en}: ${j.rationale ?? j.criterion.en}` },
          rationale: j.rationale,
        });
      } else {
        const state = !j.applies ? 'does not apply' : j.outcome === 'pass' ? 'is recorded pass' : 'is not recorded';
        errors.push({ path, message: `${id} ${state}; a rejection rests only on a judgment recorded fail` });
      }
      return;
    }
    errors.push({ path, message: `${id} is not a rule or judgment of this case, nor PRIORITY` });
  });
  if (reason && !ids.includes(PRIORITY)) {
    errors.push({ path: '$.priorityReason', message: 'a reason of priority goes only with the PRIORITY ground' });
  }
  if (errors.length) throw Problem.validation(errors);
  return grounds;
}
