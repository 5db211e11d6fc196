import { Problem } from '../common/problem';
import type { RefusedCost } from '../letters';
import type { CaseSnapshot, CostReasonId, EvaluationResult } from '../rulebook';
import { formatNok } from '../rulebook';

/**
 * A grant below the requested aid is a partial refusal (docs/rules.md section 10): it records
 * why, and the letter says it.
 */
export interface PartialGrant {
  requestedNok: number;
  grantedNok: number;
  /**
   * The most the rules allow: the maximum aid (eligible costs times the maximum intensity) less
   * other public aid on the same costs, and never above the requested aid.
   */
  allowedNok: number;
  /** The cost lines not approved in full, each with the rules that cut it and the caseworker's reason. */
  refusedCosts: RefusedCost[];
  /** Why the grant is below what the rules allow (J-NEED-01: no larger than needed); null when it is not. */
  reductionReason: string | null;
}

/**
 * The partial refusal of a grant of `amountNok`, from the evaluation at that amount and the case
 * as it stands; null for a grant of the whole requested aid. A grant below what the rules allow
 * needs the caseworker's reason, and only such a grant takes one: anything else is a 400 naming
 * `$.reductionReason`.
 */
export function partialGrant(
  result: EvaluationResult,
  snapshot: CaseSnapshot,
  amountNok: number,
  reductionReason: string | null | undefined,
): PartialGrant | null {
  const reason = reductionReason?.trim() || null;
  const allowed = allowedAid(result, amountNok);
  if (amountNok < allowed && !reason) {
    throw Problem.validation([
      {
        path: '$.reductionReason',
        message:
          `${formatNok('en', amountNok)} is below the most the rules allow, ${formatNok('en', allowed)}: ` +
          'say why the aid need not be larger (J-NEED-01); the reason goes into the letter',
      },
    ]);
  }
  if (amountNok >= allowed && reason) {
    throw Problem.validation([
      { path: '$.reductionReason', message: `a reason for a reduction goes only with a grant below ${formatNok('en', allowed)}` },
    ]);
  }
  return describePartialGrant(result, snapshot, amountNok, reason);
}

/** The partial refusal as it stands, without judging the reason (a decision describes what was recommended). */
export function describePartialGrant(
  result: EvaluationResult,
  snapshot: CaseSnapshot,
  amountNok: number,
  reductionReason: string | null,
): PartialGrant | null {
  const requested = result.totals.requestedAidNok ?? amountNok;
  if (amountNok >= requested) return null;
  return {
    requestedNok: requested,
    grantedNok: amountNok,
    allowedNok: allowedAid(result, amountNok),
    refusedCosts: refusedCosts(result, snapshot),
    reductionReason,
  };
}

function allowedAid(result: EvaluationResult, amountNok: number): number {
  const { requestedAidNok, maxAidNok, otherAidSameCostsNok } = result.totals;
  const requested = requestedAidNok ?? amountNok;
  return Math.max(0, Math.min(requested, (maxAidNok ?? requested) - otherAidSameCostsNok));
}

/** The cost lines whose eligible amount is below the claim, in the application's order. */
export function refusedCosts(result: EvaluationResult, snapshot: CaseSnapshot): RefusedCost[] {
  const lines = new Map((snapshot.costLines ?? []).map((l) => [l.id, l]));
  return result.costLines
    .filter((l) => l.eligibleNok < l.claimedNok)
    .map((l) => {
      const line = lines.get(l.costLineId);
      const assessed = l.approvedAmountNok !== null;
      return {
        description: line?.description ?? '',
        category: l.category,
        claimedNok: l.claimedNok,
        approvedNok: l.eligibleNok,
        // The rules that cut the line; a caseworker's approved amount replaces what they computed.
        reasons: assessed
          ? (['ASSESSMENT'] as CostReasonId[])
          : l.reasons.filter((r) => r.outcome === 'ineligible' || r.outcome === 'partly').map((r) => r.ruleId),
        caseworkerReason: assessed ? (line?.approvalReason ?? null) : null,
      };
    });
}
