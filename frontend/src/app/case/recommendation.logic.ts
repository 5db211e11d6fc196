import {
  AbstractControl,
  FormControl,
  FormGroupDirective,
  NgForm,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { EvaluationResult } from '../core/api/evaluation.models';
import { CaseView } from '../core/api/models';
import { PartialGrant, RefusedCost } from '../core/api/workflow.models';
import { hasLongWord } from '../shared/bounded-words';

export interface AmountLimits {
  maxAidNok: number | null;
  requestedAidNok: number | null;
  /** Other public aid on the same costs: it comes off what the rules allow. */
  otherAidSameCostsNok?: number;
}

/**
 * The most the rules allow (RULEBOOK 5, as the server reckons it): the maximum aid less other aid
 * on the same costs, never above the requested aid nor below zero. Null while the requested aid
 * is unknown.
 */
export function allowedAid(limits: AmountLimits): number | null {
  const requested = limits.requestedAidNok;
  if (requested === null) return null;
  const max = limits.maxAidNok ?? requested;
  return Math.max(0, Math.min(requested, max - (limits.otherAidSameCostsNok ?? 0)));
}

/** The amount as a grant of it: whole kroner within both limits; null while it is not one. */
export function grantAmount(amount: unknown, limits: AmountLimits): number | null {
  return grantAmountErrors(amount, limits) === null ? Number(amount) : null;
}

/**
 * The cost lines the evaluation does not approve in full, in the application's order, as the
 * letter of a partial grant lists them: the rules that cut each line, or the caseworker's
 * assessment (with its reason) where an approved amount replaced what the rules computed.
 */
export function refusedCostsOf(
  evaluation: EvaluationResult | null,
  detail: CaseView | null,
): RefusedCost[] {
  if (!evaluation) return [];
  const lines = new Map((detail?.costLines ?? []).map((l) => [l.id, l]));
  return evaluation.costLines
    .filter((l) => l.eligibleNok < l.claimedNok)
    .map((l) => {
      const line = lines.get(l.costLineId);
      const assessed = l.approvedAmountNok !== null;
      return {
        description: line?.description ?? '',
        category: l.category,
        claimedNok: l.claimedNok,
        approvedNok: l.eligibleNok,
        reasons: assessed
          ? ['ASSESSMENT']
          : l.reasons
              .filter((r) => r.outcome === 'ineligible' || r.outcome === 'partly')
              .map((r) => r.ruleId),
        caseworkerReason: assessed ? (line?.assessment?.reason ?? null) : null,
      };
    });
}

/**
 * What the letter will say of a grant of `amount` (a valid grant amount) below the requested aid:
 * both amounts, the most the rules allow and the costs not approved in full. Null for a grant of
 * the whole request.
 */
export function partialGrantOf(
  amount: number,
  limits: AmountLimits,
  refusedCosts: RefusedCost[],
): PartialGrant | null {
  const requested = limits.requestedAidNok;
  const allowed = allowedAid(limits);
  if (requested === null || allowed === null || amount >= requested) return null;
  return {
    requestedNok: requested,
    grantedNok: amount,
    allowedNok: allowed,
    refusedCosts,
    reductionReason: null,
  };
}

/** The longest reason the server takes for a reduction or a priority. */
export const MAX_REASON_LENGTH = 2000;

/**
 * The reason for a grant below what the rules allow (J-NEED-01), checked only while `needed` says
 * the amount is such a grant: written, at most 2 000 characters, no word over 200.
 */
export function reductionReasonValidator(needed: () => boolean): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    if (!needed()) return null;
    const value = ((control.value as string | null) ?? '').trim();
    if (!value) return { required: true };
    if (value.length > MAX_REASON_LENGTH)
      return { maxlength: { requiredLength: MAX_REASON_LENGTH } };
    return hasLongWord(value) ? { longWord: { max: 200 } } : null;
  };
}

/**
 * What is wrong with a grant amount (docs/rules.md section 10): whole kroner above
 * zero, at most the maximum aid and at most the requested aid. Null when fine.
 */
export function grantAmountErrors(amount: unknown, limits: AmountLimits): ValidationErrors | null {
  if (amount === null || amount === undefined || amount === '') return { required: true };
  const value = Number(amount);
  if (!Number.isFinite(value)) return { required: true };
  const errors: ValidationErrors = {};
  if (!Number.isInteger(value)) errors['whole'] = true;
  if (value <= 0) errors['positive'] = true;
  if (limits.maxAidNok === null) errors['maxAidUnknown'] = true;
  else if (value > limits.maxAidNok) errors['aboveMaxAid'] = { max: limits.maxAidNok };
  if (limits.requestedAidNok !== null && value > limits.requestedAidNok) {
    errors['aboveRequested'] = { requested: limits.requestedAidNok };
  }
  return Object.keys(errors).length ? errors : null;
}

/**
 * The amount control's validator: checked only when the sibling `outcome` is
 * grant, against limits read when it runs (they follow the latest evaluation).
 */
export function grantAmountValidator(limits: () => AmountLimits): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const outcome = control.parent?.get('outcome')?.value;
    return outcome === 'grant' ? grantAmountErrors(control.value, limits()) : null;
  };
}

/** A rejection must name at least one rule or judgment it rests on. */
export const groundsValidator: ValidatorFn = (
  control: AbstractControl,
): ValidationErrors | null => {
  const outcome = control.parent?.get('outcome')?.value;
  const grounds = (control.value as string[] | null) ?? [];
  return outcome === 'reject' && grounds.length === 0 ? { required: true } : null;
};

/** Shows a field's errors as soon as it is edited, not only after it loses focus. */
export class AsYouTypeErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: FormControl | null, form: FormGroupDirective | NgForm | null): boolean {
    return !!control && control.invalid && (control.dirty || control.touched || !!form?.submitted);
  }
}

/** The ground that an application ranks below others within the year's budget; it needs its own reason. */
export const PRIORITY = 'PRIORITY';

/** The rule outcomes a rejection may rest on (docs/rules.md section 10). */
const REJECTING_RULE_OUTCOMES: readonly string[] = ['fail', 'missing', 'refer'];

/**
 * The rules and judgments a rejection may rest on, as the server accepts them (docs/rules.md
 * section 10): rules at fail, missing or refer, and judgments recorded fail. PRIORITY is offered
 * beside them.
 */
export function groundOptions(
  evaluation: EvaluationResult | null,
): { id: string; outcome: string }[] {
  if (!evaluation) return [];
  return [
    ...evaluation.rules
      .filter((r) => REJECTING_RULE_OUTCOMES.includes(r.outcome))
      .map((r) => ({ id: r.ruleId, outcome: r.outcome })),
    ...evaluation.judgments
      .filter((j) => j.applies && j.outcome === 'fail')
      .map((j) => ({ id: j.criterionId, outcome: j.outcome })),
  ];
}

/** PRIORITY needs its own written reason; the reason is checked only while PRIORITY is chosen. */
export const priorityReasonValidator: ValidatorFn = (
  control: AbstractControl,
): ValidationErrors | null => {
  const outcome = control.parent?.get('outcome')?.value;
  const grounds = (control.parent?.get('grounds')?.value as string[] | null) ?? [];
  if (outcome !== 'reject' || !grounds.includes(PRIORITY)) return null;
  const value = ((control.value as string | null) ?? '').trim();
  if (!value) return { required: true };
  if (value.length > MAX_REASON_LENGTH) return { maxlength: { requiredLength: MAX_REASON_LENGTH } };
  return hasLongWord(value) ? { longWord: { max: 200 } } : null;
};
