import { Injectable } from '@angular/core';
import { AbstractControl, FormGroupDirective, NgForm } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';

/**
 * When a field shows its error (NAV's pattern): only once the user has tried to send the form it
 * belongs to, never from tabbing through it. An error the server put on the field (`server`) shows
 * at once; a field outside any form shows its error once the user has changed it and left it.
 * Provided for the whole console in app.config.ts, in place of Material's "touched or submitted".
 */
@Injectable()
export class SubmittedErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    if (!control?.invalid) return false;
    if (control.hasError('server')) return true;
    if (form) return form.submitted;
    return control.dirty && control.touched;
  }
}
