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

/** Rules and judgments a rejection may rest on; those that failed first. */
export function groundOptions(
  evaluation: EvaluationResult | null,
): { id: string; outcome: string; suggested: boolean }[] {
  if (!evaluation) return [];
  const options = [
    ...evaluation.rules
      .filter((r) => r.outcome !== 'na')
      .map((r) => ({
        id: r.ruleId,
        outcome: r.outcome,
        suggested: r.outcome === 'fail' || r.outcome === 'refer',
      })),
    ...evaluation.judgments
      .filter((j) => j.applies)
      .map((j) => ({ id: j.criterionId, outcome: j.outcome, suggested: j.outcome === 'fail' })),
  ];
  return [...options.filter((o) => o.suggested), ...options.filter((o) => !o.suggested)];
}
