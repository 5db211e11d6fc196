import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective } from '@jsverse/transloco';
import { User } from '../core/api/models';
import { UsersApi } from '../core/api/users.api';

export interface AssignDialogData {
  /** How many cases the choice applies to. */
  count: number;
  /** The reference when one case is assigned, for the title. */
  reference?: string;
  current?: string | null;
  allowUnassign?: boolean;
}

export interface AssignDialogResult {
  assignee: string | null;
}

const NOBODY = '__nobody__';

/** Lets a manager pick the caseworker a case, or a set of cases, goes to. */
@Component({
  selector: 'app-assign-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatSelectModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h2 mat-dialog-title>
        @if (data.reference) {
          {{ t('assign.titleOne', { reference: data.reference }) }}
        } @else {
          {{ t('assign.titleMany', { count: data.count }) }}
        }
      </h2>
      <mat-dialog-content>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
        }
        @if (loadFailed()) {
          <p role="alert">{{ t('assign.loadFailed') }}</p>
        }
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ t('assign.caseworker') }}</mat-label>
          <mat-select [formControl]="choice" required cdkFocusInitial>
            @if (data.allowUnassign) {
              <mat-option [value]="nobody">{{ t('assign.nobody') }}</mat-option>
            }
            @for (user of users(); track user.username) {
              <mat-option [value]="user.username">{{ user.displayName }}</mat-option>
            }
          </mat-select>
          @if (choice.hasError('required')) {
            <mat-error>{{ t('assign.required') }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ t('common.cancel') }}</button>
        <button mat-flat-button type="button" (click)="confirm()">{{ t('assign.confirm') }}</button>
      </mat-dialog-actions>
    </ng-container>
  `,
  styles: `
    .full {
      width: 100%;
      min-width: 280px;
      margin-top: 8px;
    }
  `,
})
export class AssignDialogComponent {
  protected readonly data = inject<AssignDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<AssignDialogComponent, AssignDialogResult>>(MatDialogRef);
  protected readonly nobody = NOBODY;
  protected readonly users = signal<User[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadFailed = signal(false);
  protected readonly choice = new FormControl<string | null>(
    this.data.current ?? null,
    Validators.required,
  );

  constructor() {
    inject(UsersApi)
      .withRole('caseworker')
      .subscribe({
        next: (users) => {
          this.users.set(users);
          this.loading.set(false);
        },
        error: () => {
          this.loadFailed.set(true);
          this.loading.set(false);
        },
      });
  }

  protected confirm(): void {
    if (this.choice.invalid) {
      this.choice.markAsTouched();
      return;
    }
    const value = this.choice.value;
    this.dialogRef.close({ assignee: value === NOBODY ? null : value });
  }
}
