import { formatNok } from './format';
import type { AmountBasis, CaseRuleId, EvaluationResult, LocalizedText } from './types';

/** Something that stands in the way of recommending a grant, with what it refers to. */
export interface GrantBlocker {
  /** A rule id, a criterion id, a cost line id, or `amount`. */
  ref: string;
  kind: 'rule' | 'judgment' | 'cost-line' | 'amount';
  reason: LocalizedText;
}

/** The rules evaluated at an aid amount (docs/rules.md section 5). */
export const AMOUNT_RULES: readonly CaseRuleId[] = ['INT-01', 'CUM-01', 'THR-01', 'TRN-01'];

/**
 * The amount an evaluation's amount rules were evaluated at, as their results state it (basis
 * `requested` for an evaluation stored before results carried it).
 */
export function amountEvaluated(result: EvaluationResult): { basis: AmountBasis; amountNok: number | null } {
  const inputs = result.rules.find((r) => r.ruleId === 'INT-01')?.inputs;
  const basis = inputs?.amountBasis;
  if (basis === 'recommended' || basis === 'granted') return { basis, amountNok: Number(inputs?.aidAmountNok) };
  return { basis: 'requested', amountNok: typeof inputs?.requestedAidNok === 'number' ? inputs.requestedAidNok : null };
}

/**
 * What docs/rules.md section 10 requires before a grant can be recommended or decided, checked
 * against an evaluation: no hard rule at fail, missing or refer; every applicable judgment recorded
 * as pass; an amount above zero and at most both the maximum aid and the requested aid. Beyond the
 * letter of section 5, a cost line still to assess also blocks: until it is assessed the eligible
 * costs, and so the maximum aid, are provisional. The written justification is checked by the
 * caller. Empty: a grant may be recommended.
 *
 * The amount rules decide only at the amount of the grant (section 5): given an amount, the
 * evaluation must have been run at it (basis `recommended` or `granted`), and its INT-01 then
 * stands for the maximum-aid check. Without an amount (what the console shows before a
 * recommendation), their results at basis `requested` block only when a fact is missing: a
 * breach or a referral is decided again at the recommended amount.
 */
export function grantBlockers(result: EvaluationResult, amountNok?: number | null): GrantBlocker[] {
  const blockers: GrantBlocker[] = [];
  const evaluatedAt = amountEvaluated(result);
  const atRequested = evaluatedAt.basis === 'requested';
  for (const r of result.rules) {
    // At basis `requested` an amount rule's fail or refer may not hold at the amount granted; a
    // missing fact stays missing at any amount.
    if (atRequested && AMOUNT_RULES.includes(r.ruleId) && r.outcome !== 'missing') continue;
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
    if (atRequested || evaluatedAt.amountNok !== amountNok) {
      // Not evaluated at this amount: its amount rules say nothing about it.
      blockers.push({
        ref: 'amount',
        kind: 'amount',
        reason: {
          nb: `Beløpsreglene er ikke vurdert for ${formatNok('nb', amountNok)}.`,
          en: `The amount rules have not been evaluated at ${formatNok('en', amountNok)}.`,
        },
      });
    } else if (maxAidNok === null || amountNok > maxAidNok) {
      // INT-01 at this amount has failed or is missing already, and says why; this names the amount.
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
