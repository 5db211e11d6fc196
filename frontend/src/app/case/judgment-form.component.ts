import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { JudgmentResult } from '../core/api/evaluation.models';
import { RecordedJudgment } from '../core/api/models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { autosaveDraft } from '../shared/drafts';
import { People } from '../shared/people';
import { ErrorSummaryComponent } from '../shared/error-summary.component';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { OutcomeChipComponent } from '../shared/outcome-chip.component';
import { CaseStore } from './case.store';
import { FieldHistoryComponent } from './field-history.component';

/** One judgment criterion (J-*): the criterion, its outcome now, and the caseworker's pass/fail with a rationale. */
@Component({
  selector: 'app-judgment-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslocoDirective,
    LocalDatePipe,
    ErrorSummaryComponent,
    OutcomeChipComponent,
    FieldHistoryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @let j = judgment();
      <form
        class="judgment"
        [formGroup]="form"
        (ngSubmit)="save()"
        novalidate
        [attr.aria-labelledby]="id + '-title'"
      >
        <div class="head">
          <h3 [id]="id + '-title'">
            <span class="criterion-id">{{ j.criterionId }}</span> {{ j.title[lang()] }}
          </h3>
          <app-outcome-chip [outcome]="j.outcome" />
        </div>
        <p class="criterion" [attr.lang]="lang()">{{ j.criterion[lang()] }}</p>
        <app-error-summary />
        @if (recorded(); as r) {
          <p class="recorded muted">
            {{
              t('judgments.recorded', {
                by: people.name(r.recordedBy, r.recordedByName),
                at: (r.recordedAt | localDate: 'dateTime'),
                revision: r.revision,
              })
            }}
          </p>
          <app-field-history [subject]="{ kind: 'judgment', criterionId: j.criterionId }" />
        }
        <div class="fields">
          <div class="outcome">
            <span class="label" [id]="id + '-outcome'">{{ t('judgments.outcome') }}</span>
            <mat-radio-group
              formControlName="outcome"
              [attr.aria-labelledby]="id + '-outcome'"
              [attr.aria-describedby]="describedBy()"
            >
              <mat-radio-button value="pass">{{ t('judgments.pass') }}</mat-radio-button>
              <mat-radio-button value="fail">{{ t('judgments.fail') }}</mat-radio-button>
            </mat-radio-group>
            @if (form.controls.outcome.touched && form.controls.outcome.hasError('required')) {
              <p class="field-error" role="alert">{{ t('judgments.outcomeRequired') }}</p>
            } @else if (form.controls.outcome.hasError('server')) {
              <p class="field-error" role="alert">{{ form.controls.outcome.getError('server') }}</p>
            }
          </div>
          <mat-form-field appearance="outline" class="rationale">
            <mat-label>{{ t('judgments.rationale') }}</mat-label>
            <textarea
              matInput
              formControlName="rationale"
              rows="3"
              required
              [attr.aria-describedby]="describedBy()"
            ></textarea>
            @if (form.controls.rationale.hasError('required')) {
              <mat-error>{{ t('judgments.rationaleRequired') }}</mat-error>
            } @else if (form.controls.rationale.hasError('server')) {
              <mat-error>{{ form.controls.rationale.getError('server') }}</mat-error>
            }
          </mat-form-field>
        </div>
        @if (!disabled()) {
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="saving() || form.pristine">
              {{ t('judgments.save') }}
            </button>
            @if (form.dirty) {
              <button mat-button type="button" (click)="reset()" [disabled]="saving()">
                {{ t('common.undo') }}
              </button>
            }
          </div>
        }
      </form>
    </ng-container>
  `,
  styles: `
    .judgment {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 8px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    .criterion-id {
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface-variant);
    }
    .criterion {
      max-width: 90ch;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      align-items: flex-start;
    }
    .label {
      display: block;
      font: var(--mat-sys-label-large);
    }
    .rationale {
      flex: 1 1 320px;
    }
    .field-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      gap: 8px;
    }
  `,
})
export class JudgmentFormComponent {
  private readonly store = inject(CaseStore);
  protected readonly people = inject(People);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).language;

  readonly judgment = input.required<JudgmentResult>();
  readonly recorded = input<RecordedJudgment | undefined>(undefined);
  readonly disabled = input(false);
  /** Id of a hint that says why the form is read-only. */
  readonly hintId = input<string | null>(null);

  protected readonly saving = signal(false);
  protected get id(): string {
    return `judgment-${this.judgment().criterionId}`;
  }
  protected readonly describedBy = computed(() => (this.disabled() ? this.hintId() : null));

  protected readonly form = new FormGroup({
    outcome: new FormControl<'pass' | 'fail' | null>(null, Validators.required),
    rationale: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(20000)],
    }),
  });

  /** The unsent rationale, kept through an expired session and a new login (shared/drafts.ts). */
  private readonly draft = autosaveDraft(
    this.form,
    computed(() => `judgment.${this.judgment().criterionId}`),
    computed(() => this.store.detail()?.id),
    { restoreOnLoad: false },
  );

  constructor() {
    // A newly recorded judgment (here or by someone else) replaces what the form shows.
    effect(() => {
      this.recorded();
      this.judgment();
      untracked(() => this.reset());
    });
    effect(() => {
      if (this.disabled()) this.form.disable({ emitEvent: false });
      else this.form.enable({ emitEvent: false });
    });
  }

  protected reset(): void {
    const recorded = this.recorded();
    const judgment = this.judgment();
    this.form.reset({
      outcome:
        recorded?.outcome ??
        (judgment.outcome === 'pass' || judgment.outcome === 'fail' ? judgment.outcome : null),
      rationale: recorded?.rationale ?? judgment.rationale ?? '',
    });
    if (!this.disabled()) this.draft.restore();
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { outcome, rationale } = this.form.getRawValue();
    if (!outcome) return;
    this.saving.set(true);
    this.store.recordJudgment(this.judgment().criterionId, outcome, rationale.trim()).subscribe({
      next: () => {
        this.saving.set(false);
        this.draft.clear();
        this.form.markAsPristine();
        this.notifier.success(
          this.transloco.translate('judgments.saved', { id: this.judgment().criterionId }),
        );
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.notifier.notifyForm(err, this.form, { onReload: () => this.store.reload() });
      },
    });
  }
}
