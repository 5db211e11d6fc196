import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { startWith, tap } from 'rxjs';
import { WorkflowApi } from '../core/api/workflow.api';
import { RETURN_REASONS, RecommendationRecord, ReturnReason } from '../core/api/workflow.models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { ApproveDialogComponent, ApproveDialogData } from './approve-dialog.component';
import { CaseStore } from './case.store';
import { pluralKey } from './what-is-left.logic';

function requiredWhenReturning(control: AbstractControl): ValidationErrors | null {
  const returning = control.parent?.get('action')?.value === 'return';
  const value = control.value;
  return returning && (value === null || (typeof value === 'string' && !value.trim()))
    ? { required: true }
    : null;
}

/** The approver approves the recommendation (the case is decided) or returns it with a reason. */
@Component({
  selector: 'app-decision-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="decide-title">
        <h3 id="decide-title">{{ t('decision.formTitle') }}</h3>
        <fieldset>
          <legend>{{ t('decision.action') }}</legend>
          <mat-radio-group formControlName="action" class="radios">
            <mat-radio-button value="approve">{{ t('decision.approve') }}</mat-radio-button>
            <mat-radio-button value="return">{{ t('decision.return') }}</mat-radio-button>
          </mat-radio-group>
          @if (form.controls.action.touched && form.controls.action.hasError('required')) {
            <p class="field-error" role="alert">{{ t('decision.actionRequired') }}</p>
          }
        </fieldset>
        @if (action() === 'return') {
          <mat-form-field appearance="outline">
            <mat-label>{{ t('decision.reasonCode') }}</mat-label>
            <mat-select formControlName="reasonCode" required>
              @for (r of reasons; track r) {
                <mat-option [value]="r">{{ t('decision.reasons.' + r) }}</mat-option>
              }
            </mat-select>
            @if (form.controls.reasonCode.hasError('required')) {
              <mat-error>{{ t('decision.reasonRequired') }}</mat-error>
            } @else if (form.controls.reasonCode.hasError('server')) {
              <mat-error>{{ form.controls.reasonCode.getError('server') }}</mat-error>
            }
          </mat-form-field>
        }
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ t('decision.comment') }}</mat-label>
          <textarea
            matInput
            formControlName="comment"
            rows="4"
            [required]="action() === 'return'"
          ></textarea>
          @if (form.controls.comment.hasError('required')) {
            <mat-error>{{ t('decision.commentRequired') }}</mat-error>
          } @else if (form.controls.comment.hasError('server')) {
            <mat-error>{{ form.controls.comment.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <div>
          <button
            mat-flat-button
            type="submit"
            [disabled]="sending() || approveBlocked()"
            [disabledInteractive]="approveBlocked()"
            [attr.aria-describedby]="approveBlocked() ? 'approve-blocked' : null"
          >
            {{ action() === 'return' ? t('decision.submitReturn') : t('decision.submitApprove') }}
          </button>
          @if (approveBlocked()) {
            <p class="blocked-why" id="approve-blocked">
              <mat-icon aria-hidden="true">visibility</mat-icon>
              {{ t(unseenKey(), { count: unseen() }) }}
            </p>
          }
        </div>
      </form>
    </ng-container>
  `,
  styles: `
    form {
      display: grid;
      gap: 12px;
      max-width: 720px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px 12px;
      margin: 0;
    }
    legend {
      font: var(--mat-sys-label-large);
      padding: 0 4px;
    }
    .radios {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
    }
    .full {
      width: 100%;
    }
    .field-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .blocked-why {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 8px 0 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class DecisionFormComponent {
  private readonly store = inject(CaseStore);
  private readonly api = inject(WorkflowApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly dialog = inject(MatDialog);
  protected readonly reasons = RETURN_REASONS;
  /** How many parts of the approver's control are not yet marked as seen. */
  readonly unseen = input(0);
  /** The recommendation decided on (for the confirmation). */
  readonly recommendation = input<RecommendationRecord | null>(null);
  protected readonly sending = signal(false);

  protected readonly form = new FormGroup({
    action: new FormControl<'approve' | 'return' | null>(null, Validators.required),
    reasonCode: new FormControl<ReturnReason | null>(null, requiredWhenReturning),
    comment: new FormControl('', { nonNullable: true, validators: requiredWhenReturning }),
  });
  protected readonly action = toSignal(
    this.form.controls.action.valueChanges.pipe(startWith(this.form.controls.action.value)),
    { initialValue: null },
  );

  /** Approving waits until every part of the control has been seen. */
  protected readonly approveBlocked = computed(
    () => this.action() === 'approve' && this.unseen() > 0,
  );

  protected unseenKey(): string {
    return pluralKey('control.unseen', this.unseen(), this.transloco.getActiveLang());
  }

  constructor() {
    this.form.controls.action.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => {
        this.form.controls.reasonCode.updateValueAndValidity();
        this.form.controls.comment.updateValueAndValidity();
      });
  }

  protected submit(): void {
    const detail = this.store.detail();
    if (!detail) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { action, reasonCode, comment } = this.form.getRawValue();
    if (!action) return;
    if (action === 'approve') {
      if (!this.approveBlocked()) this.confirmApproval(comment.trim());
      return;
    }
    this.sending.set(true);
    this.api
      .decide(detail.id, {
        action,
        ...(action === 'return' && reasonCode ? { reasonCode } : {}),
        comment: comment.trim(),
        version: detail.version,
      })
      .subscribe({
        next: (updated) => {
          this.sending.set(false);
          this.store.apply(updated);
          this.notifier.success(
            this.transloco.translate('decision.returned', { reference: updated.reference }),
          );
        },
        error: (err: unknown) => {
          this.sending.set(false);
          this.notifier.notifyForm(err, this.form, { onReload: () => this.store.reload() });
        },
      });
  }

  /** "Fatt vedtak" asks first, then shows the progress and the letter (ApproveDialogComponent). */
  private confirmApproval(comment: string): void {
    const detail = this.store.detail();
    if (!detail) return;
    const rec = this.recommendation();
    const data: ApproveDialogData = {
      reference: detail.reference,
      applicant: detail.applicant.name,
      outcome: rec?.outcome ?? 'grant',
      amountNok: rec?.amountNok ?? null,
      requestedNok: rec?.partial?.requestedNok ?? detail.aid.requestedAmountNok ?? null,
      submit: () =>
        this.api.decide(detail.id, { action: 'approve', comment, version: detail.version }).pipe(
          tap((updated) => {
            this.store.apply(updated);
            this.notifier.success(
              this.transloco.translate('decision.approved', { reference: updated.reference }),
            );
          }),
        ),
      letter: (lang) => this.api.letter(detail.id, lang),
      onReload: () => this.store.reload(),
    };
    this.dialog.open(ApproveDialogComponent, { data, width: '560px', autoFocus: 'dialog' });
  }
}
