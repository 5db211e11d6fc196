import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective } from '@jsverse/transloco';
import { Observable } from 'rxjs';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { provideConsoleDates } from '../shared/date-adapter';
import { addDays, isoDate } from '../shared/format';

export type StatusDialogKind = 'request-information' | 'withdraw';

export interface StatusDialogValue {
  message?: string;
  replyBy?: string;
  comment?: string;
}

export interface StatusDialogData {
  kind: StatusDialogKind;
  reference: string;
  /** Sends the change; the dialog closes when it succeeds and shows field errors when not. */
  submit: (value: StatusDialogValue) => Observable<unknown>;
  onReload?: () => void;
}

function afterToday(control: AbstractControl<Date | null>): ValidationErrors | null {
  const value = control.value;
  if (!value) return null;
  return isoDate(value) > isoDate(new Date()) ? null : { notFuture: true };
}

/** Asks the applicant for information (message and reply-by date), or withdraws the case. */
@Component({
  selector: 'app-status-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    ReactiveFormsModule,
    TranslocoDirective,
  ],
  // The console's dates (DD.MM.YYYY, Monday first) also where app.config is not loaded (tests).
  providers: [provideConsoleDates()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h2 mat-dialog-title>
        {{ t('statusChange.' + data.kind + '.title', { reference: data.reference }) }}
      </h2>
      <form [formGroup]="form" (ngSubmit)="send()" novalidate>
        <mat-dialog-content>
          <p class="muted">{{ t('statusChange.' + data.kind + '.intro') }}</p>
          @if (data.kind === 'request-information') {
            <mat-form-field appearance="outline" class="full">
              <mat-label>{{ t('statusChange.message') }}</mat-label>
              <textarea matInput formControlName="message" rows="6" required></textarea>
              <mat-hint>{{ t('statusChange.messageHint') }}</mat-hint>
              @if (form.controls.message.hasError('required')) {
                <mat-error>{{ t('statusChange.messageRequired') }}</mat-error>
              } @else if (form.controls.message.hasError('server')) {
                <mat-error>{{ form.controls.message.getError('server') }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ t('statusChange.replyBy') }}</mat-label>
              <input
                matInput
                [matDatepicker]="replyByPicker"
                formControlName="replyBy"
                [min]="tomorrow"
                required
              />
              <mat-hint>{{ t('dates.format') }}</mat-hint>
              <mat-datepicker-toggle matIconSuffix [for]="replyByPicker">
                <span matDatepickerToggleIcon class="material-symbols-outlined" aria-hidden="true"
                  >calendar_month</span
                >
              </mat-datepicker-toggle>
              <mat-datepicker #replyByPicker />
              @if (form.controls.replyBy.hasError('required')) {
                <mat-error>{{ t('statusChange.replyByRequired') }}</mat-error>
              } @else if (form.controls.replyBy.hasError('notFuture')) {
                <mat-error>{{ t('statusChange.replyByFuture') }}</mat-error>
              } @else if (form.controls.replyBy.hasError('server')) {
                <mat-error>{{ form.controls.replyBy.getError('server') }}</mat-error>
              }
            </mat-form-field>
          }
          <mat-form-field appearance="outline" class="full">
            <mat-label>{{
              t(asking ? 'statusChange.comment' : 'statusChange.withdrawReason')
            }}</mat-label>
            <textarea matInput formControlName="comment" rows="3" [required]="!asking"></textarea>
            <mat-hint>{{
              t(asking ? 'statusChange.commentHint' : 'statusChange.withdrawReasonHint')
            }}</mat-hint>
            @if (form.controls.comment.hasError('required')) {
              <mat-error>{{ t('statusChange.withdrawReasonRequired') }}</mat-error>
            }
            @if (form.controls.comment.hasError('server')) {
              <mat-error>{{ form.controls.comment.getError('server') }}</mat-error>
            }
          </mat-form-field>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>{{ t('common.cancel') }}</button>
          <button mat-flat-button type="submit" [disabled]="sending()">
            {{ t('statusChange.' + data.kind + '.confirm') }}
          </button>
        </mat-dialog-actions>
      </form>
    </ng-container>
  `,
  styles: `
    .full {
      width: 100%;
    }
    mat-form-field {
      margin-top: 8px;
    }
    mat-dialog-content {
      min-width: min(520px, 80vw);
    }
  `,
})
export class StatusDialogComponent {
  protected readonly data = inject<StatusDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<StatusDialogComponent, boolean>>(MatDialogRef);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly sending = signal(false);
  protected readonly tomorrow = addDays(new Date(), 1);

  protected readonly asking = this.data.kind === 'request-information';
  protected readonly form = new FormGroup({
    message: new FormControl('', {
      nonNullable: true,
      validators: this.asking ? [Validators.required, Validators.maxLength(4000)] : [],
    }),
    replyBy: new FormControl<Date | null>(this.asking ? addDays(new Date(), 14) : null, {
      nonNullable: true,
      validators: this.asking ? [Validators.required, afterToday] : [],
    }),
    // Withdrawing needs its reason (docs/api.md); asking the applicant takes an optional comment.
    comment: new FormControl('', {
      nonNullable: true,
      validators: this.asking ? [] : [Validators.required, Validators.maxLength(4000)],
    }),
  });

  protected send(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { message, replyBy, comment } = this.form.getRawValue();
    const value: StatusDialogValue = {
      ...(this.asking && replyBy ? { message: message.trim(), replyBy: isoDate(replyBy) } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    this.sending.set(true);
    this.data.submit(value).subscribe({
      next: () => {
        this.sending.set(false);
        this.dialogRef.close(true);
      },
      error: (err: unknown) => {
        this.sending.set(false);
        this.notifier.notifyForm(err, this.form, { onReload: this.data.onReload });
      },
    });
  }
}
