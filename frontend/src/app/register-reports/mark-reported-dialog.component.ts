import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective } from '@jsverse/transloco';
import { RegisterReportsApi } from '../core/api/stats.api';
import { RegisterReport } from '../core/api/workflow.models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';

/** Records that an award is published in the Register for public support, with the register's reference. */
@Component({
  selector: 'app-mark-reported-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h2 mat-dialog-title>{{ t('registerReports.markTitle', { reference: data.reference }) }}</h2>
      <form [formGroup]="form" (ngSubmit)="send()" novalidate>
        <mat-dialog-content>
          <p>{{ t('registerReports.markIntro', { name: data.applicant.name }) }}</p>
          <mat-form-field appearance="outline" class="full">
            <mat-label>{{ t('registerReports.registerReference') }}</mat-label>
            <input matInput formControlName="registerReference" required />
            <mat-hint>{{ t('registerReports.registerReferenceHint') }}</mat-hint>
            @if (form.controls.registerReference.hasError('required')) {
              <mat-error>{{ t('registerReports.registerReferenceRequired') }}</mat-error>
            } @else if (form.controls.registerReference.hasError('server')) {
              <mat-error>{{ form.controls.registerReference.getError('server') }}</mat-error>
            }
          </mat-form-field>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>{{ t('common.cancel') }}</button>
          <button mat-flat-button type="submit" [disabled]="sending()">
            {{ t('registerReports.markConfirm') }}
          </button>
        </mat-dialog-actions>
      </form>
    </ng-container>
  `,
  styles: `
    .full {
      width: 100%;
      min-width: min(420px, 75vw);
    }
  `,
})
export class MarkReportedDialogComponent {
  protected readonly data = inject<RegisterReport>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<MarkReportedDialogComponent, RegisterReport>>(MatDialogRef);
  private readonly api = inject(RegisterReportsApi);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly sending = signal(false);
  protected readonly form = new FormGroup({
    registerReference: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
  });

  protected send(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const registerReference = this.form.getRawValue().registerReference.trim();
    this.sending.set(true);
    this.api.markReported(this.data.decisionId, registerReference).subscribe({
      next: (updated) => {
        this.sending.set(false);
        this.dialogRef.close(
          updated?.decisionId
            ? updated
            : { ...this.data, registerReference, reportedAt: new Date().toISOString() },
        );
      },
      error: (err: unknown) => {
        this.sending.set(false);
        this.notifier.notifyForm(err, this.form);
      },
    });
  }
}
