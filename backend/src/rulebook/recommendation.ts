import { formatNok } from './format';
import type { EvaluationResult, LocalizedText } from './types';

/** Something that stands in the way of recommending a grant, with what it refers to. */
export interface GrantBlocker {
  /** A rule id, a criterion id, a cost line id, or `amount`. */
  ref: string;
  kind: 'rule' | 'judgment' | 'cost-line' | 'amount';
  reason: LocalizedText;
}

/**
 * What docs/rules.md section 10 requires before a grant can be recommended, checked against an
 * evaluation: no hard rule at fail, missing or refer; every applicable judgment recorded as pass;
 * an amount above zero and at most both the maximum aid and the requested aid. Beyond the letter
 * of section 5, a cost line still to assess also blocks: until it is assessed the eligible costs,
 * and so the maximum aid, are provisional. The written justification is checked by the caller.
 * Empty: a grant may be recommended.
 */
export function grantBlockers(result: EvaluationResult, amountNok?: number | null): GrantBlocker[] {
  const blockers: GrantBlocker[] = [];
  for (const r of result.rules) {
    if (r.outcome === 'fail' || r.outcome === 'missing' || r.outcome === 'refer') {
      blockers.push({ ref: r.ruleId, kind: 'rule', reason: r.explanation });
    }
  }
  for (const j of result.judgments) {
    if (j.applies && j.outcome !== 'pass') {
      blockers.push({
        ref: j.criterionId,
        kind: 'judgment',
        reason:
          j.outcome === 'fail'
            ? { nb: `${j.title.nb}: vurdert som ikke oppfylt.`, en: `${j.title.en}: judged not met.` }
            : { nb: `${j.title.nb}: ikke vurdert ennå.`, en: `${j.title.en}: not yet judged.` },
      });
    }
  }
  for (const l of result.costLines) {
    if (l.outcome === 'assess') {
      blockers.push({
        ref: l.costLineId,
        kind: 'cost-line',
        reason: {
          nb: `Kostnadslinjen (${formatNok('nb', l.claimedNok)}) er ikke vurdert ennå.`,
          en: `The cost line (${formatNok('en', l.claimedNok)}) is not yet assessed.`,
        },
      });
    }
  }
  if (amountNok !== undefined && amountNok !== null) {
    const { maxAidNok, requestedAidNok } = result.totals;
    if (!(amountNok > 0)) {
      blockers.push({ ref: 'amount', kind: 'amount', reason: { nb: 'Beløpet må være over 0 kr.', en: 'The amount must be above NOK 0.' } });
    }
    if (maxAidNok === null || amountNok > maxAidNok) {
      blockers.push({
        ref: 'amount',
        kind: 'amount',
        reason:
          maxAidNok === null
            ? { nb: 'Maksimal støtte er ukjent.', en: 'The maximum aid is unknown.' }
            : {
                nb: `${formatNok('nb', amountNok)} er over maksimal støtte ${formatNok('nb', maxAidNok)}.`,
                en: `${formatNok('en', amountNok)} is above the maximum aid of ${formatNok('en', maxAidNok)}.`,
              },
      });
    }
    if (requestedAidNok === null || amountNok > requestedAidNok) {
      blockers.push({
        ref: 'amount',
        kind: 'amount',
        reason:
          requestedAidNok === null
            ? { nb: 'Søkt beløp er ukjent.', en: 'The requested amount is unknown.' }
            : {
                nb: `${formatNok('nb', amountNok)} er over søkt støtte ${formatNok('nb', requestedAidNok)}.`,
                en: `${formatNok('en', amountNok)} is above the requested aid of ${formatNok('en', requestedAidNok)}.`,
              },
      });
    }
  }
  return blockers;
}
