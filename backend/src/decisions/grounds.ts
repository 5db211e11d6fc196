import type { EvaluationView } from '../cases';
import { Problem } from '../common/problem';
import type { LocalizedText } from '../rulebook';

export interface Ground {
  id: string;
  kind: 'rule' | 'judgment';
  outcome: string;
  title?: LocalizedText;
  text: LocalizedText;
  rationale?: string;
}

/** A grant rests on every rule result and every applicable judgment, with their texts as shown. */
export function groundsOfGrant(e: EvaluationView): Ground[] {
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

/** A rejection rests on the rules and judgments it names, each of which must exist in the evaluation. */
export function groundsNamed(e: EvaluationView, ids: string[]): Ground[] {
  if (!ids.length) {
    throw Problem.validation([{ path: '$.grounds', message: 'name the rules or judgments the rejection rests on' }]);
  }
  return ids.map((id, i) => {
    const rule = e.rules.find((r) => r.ruleId === id);
    if (rule) return { id, kind: 'rule' as const, outcome: rule.outcome, text: rule.explanation };
    const j = e.judgments.find((x) => x.criterionId === id);
    if (j) {
      return {
        id,
        kind: 'judgment' as const,
        outcome: j.outcome,
        title: j.title,
        text: { nb: `${j.title.nb}: ${j.rationale ?? j.criterion.nb}`, en: `${j.title.en}: ${j.rationale ?? j.criterion.en}` },
        rationale: j.rationale,
      };
    }
    throw Problem.validation([{ path: `$.grounds[${i}]`, message: `${id} is not a rule or judgment of this case` }]);
  });
}
