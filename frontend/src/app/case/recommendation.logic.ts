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

export interface AmountLimits {
  maxAidNok: number | null;
  requestedAidNok: number | null;
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
  return value.length > 2000 ? { maxlength: { requiredLength: 2000 } } : null;
};
