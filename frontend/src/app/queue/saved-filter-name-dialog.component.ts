import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { Observable } from 'rxjs';
import type { SavedFilter, SavedFilterQuery } from '../core/api/saved-filters.api';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { problemCode, toProblem } from '../core/errors/problem';
import { SavedFiltersStore } from './saved-filters.store';

export const SAVED_FILTER_NAME_MAX = 80;

/** Save the view under a name (`query`), or rename a saved one (`filter`). */
export type SavedFilterNameDialogData =
  { mode: 'save'; query: SavedFilterQuery } | { mode: 'rename'; filter: SavedFilter };

@Component({
  selector: 'app-saved-filter-name-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t; prefix: 'queue.saved'">
      <h2 mat-dialog-title id="saved-filter-name-title">
        {{ data.mode === 'save' ? t('saveTitle') : t('renameTitle', { name: data.filter.name }) }}
      </h2>
      <form [formGroup]="form" (ngSubmit)="send()" novalidate>
        <mat-dialog-content>
          <mat-form-field appearance="outline" class="full">
            <mat-label>{{ t('name') }}</mat-label>
            <input
              matInput
              formControlName="name"
              required
              autocomplete="off"
              [attr.maxlength]="max"
            />
            <mat-hint>{{ t('nameHint') }}</mat-hint>
            @if (form.controls.name.hasError('required')) {
              <mat-error>{{ t('nameRequired') }}</mat-error>
            } @else if (form.controls.name.hasError('taken')) {
              <mat-error>{{ t('nameTaken') }}</mat-error>
            } @else if (form.controls.name.hasError('server')) {
              <mat-error>{{ form.controls.name.getError('server') }}</mat-error>
            }
          </mat-form-field>
          @if (data.mode === 'save') {
            <mat-checkbox formControlName="startPage">{{ t('useAsStartPage') }}</mat-checkbox>
          }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>{{ t('cancel') }}</button>
          <button mat-flat-button type="submit" [disabled]="sending()">
            {{ data.mode === 'save' ? t('save') : t('rename') }}
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
export class SavedFilterNameDialogComponent {
  protected readonly data = inject<SavedFilterNameDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<SavedFilterNameDialogComponent, SavedFilter>>(MatDialogRef);
  private readonly store = inject(SavedFiltersStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly max = SAVED_FILTER_NAME_MAX;
  protected readonly sending = signal(false);
  protected readonly form = new FormGroup({
    name: new FormControl(this.data.mode === 'rename' ? this.data.filter.name : '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(this.max)],
    }),
    startPage: new FormControl(false, { nonNullable: true }),
  });

  protected send(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, startPage } = this.form.getRawValue();
    const request: Observable<SavedFilter> =
      this.data.mode === 'save'
        ? this.store.save(name.trim(), this.data.query, startPage)
        : this.store.rename(this.data.filter, name.trim());
    this.sending.set(true);
    request.subscribe({
      next: (saved) => {
        this.sending.set(false);
        this.dialogRef.close(saved);
      },
      error: (err: unknown) => {
        this.sending.set(false);
        if (problemCode(toProblem(err)) === 'saved-filter-name-taken') {
          this.form.controls.name.setErrors({ taken: true });
          this.form.controls.name.markAsTouched();
          return;
        }
        // A rename of a filter changed or deleted in another tab: the list is read again.
        const status = toProblem(err).status;
        if (this.data.mode === 'rename' && (status === 409 || status === 404)) {
          this.store.load();
          this.notifier.success(this.transloco.translate('queue.saved.changedElsewhere'));
          this.dialogRef.close();
          return;
        }
        this.notifier.notifyForm(err, this.form);
      },
    });
  }
}
