import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { map, startWith } from 'rxjs';
import { ConditionDto } from '../core/api/models';
import { WorkflowApi } from '../core/api/workflow.api';
import { StandardCondition } from '../core/api/workflow.models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { NokPipe } from '../shared/nok.pipe';
import { OutcomeChipComponent } from '../shared/outcome-chip.component';
import { CaseStore } from './case.store';
import {
  AmountLimits,
  AsYouTypeErrorStateMatcher,
  grantAmountValidator,
  groundOptions,
  groundsValidator,
  PRIORITY,
  priorityReasonValidator,
} from './recommendation.logic';

/**
 * The caseworker's recommendation: grant (amount, conditions) or reject (grounds, and PRIORITY's
 * reason when it is one), with a justification.
 */
@Component({
  selector: 'app-recommendation-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    TranslocoDirective,
    NokPipe,
    OutcomeChipComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './recommendation-form.component.html',
  styleUrl: './recommendation-form.component.scss',
})
export class RecommendationFormComponent {
  private readonly store = inject(CaseStore);
  private readonly api = inject(WorkflowApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).language;
  protected readonly matcher = new AsYouTypeErrorStateMatcher();

  protected readonly conditions = signal<StandardCondition[]>([]);
  protected readonly conditionsFailed = signal(false);
  protected readonly sending = signal(false);

  /** The limits of a grant, from the latest evaluation (requested aid from the case until then). */
  readonly limits = computed<AmountLimits>(() => {
    const totals = this.store.evaluation()?.totals;
    return {
      maxAidNok: totals?.maxAidNok ?? null,
      requestedAidNok:
        totals?.requestedAidNok ?? this.store.detail()?.aid.requestedAmountNok ?? null,
    };
  });
  /** The server's list (the same check it applies to a recommendation), so the two cannot drift. */
  protected readonly blockers = computed(() => this.store.evaluation()?.grantBlockers ?? []);
  /** Only what the server accepts as a ground: rules at fail, missing or refer, judgments recorded fail. */
  protected readonly grounds = computed(() => groundOptions(this.store.evaluation()));
  protected readonly priority = PRIORITY;

  readonly form = new FormGroup({
    outcome: new FormControl<'grant' | 'reject' | null>(null, Validators.required),
    amountNok: new FormControl<number | null>(
      null,
      grantAmountValidator(() => this.limits()),
    ),
    conditionCodes: new FormControl<string[]>([], { nonNullable: true }),
    freeConditions: new FormArray<FormControl<string>>([]),
    grounds: new FormControl<string[]>([], { nonNullable: true, validators: groundsValidator }),
    priorityReason: new FormControl('', {
      nonNullable: true,
      validators: priorityReasonValidator,
    }),
    justification: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(20000)],
    }),
  });

  protected readonly outcome = toSignal(
    this.form.controls.outcome.valueChanges.pipe(startWith(this.form.controls.outcome.value)),
    { initialValue: null },
  );

  /** Whether PRIORITY is chosen: then its reason is asked for. */
  protected readonly priorityChosen = toSignal(
    this.form.controls.grounds.valueChanges.pipe(
      startWith(this.form.controls.grounds.value),
      map((grounds) => grounds.includes(PRIORITY)),
    ),
    { initialValue: false },
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.form.controls.outcome.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      this.form.controls.amountNok.updateValueAndValidity();
      this.form.controls.grounds.updateValueAndValidity();
      this.form.controls.priorityReason.updateValueAndValidity();
    });
    this.form.controls.grounds.valueChanges
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.form.controls.priorityReason.updateValueAndValidity());
    // A new evaluation may take a chosen rule or judgment out of what a rejection can rest on.
    effect(() => {
      const offered = new Set([...this.grounds().map((g) => g.id), PRIORITY]);
      untracked(() => {
        const chosen = this.form.controls.grounds.value;
        const kept = chosen.filter((id) => offered.has(id));
        if (kept.length !== chosen.length) this.form.controls.grounds.setValue(kept);
      });
    });
    // A new evaluation may move the maximum aid.
    effect(() => {
      this.limits();
      untracked(() => this.form.controls.amountNok.updateValueAndValidity());
    });

    this.api
      .conditions()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (conditions) => this.conditions.set(conditions),
        error: () => this.conditionsFailed.set(true),
      });
  }

  protected toggle(control: FormControl<string[]>, value: string, on: boolean): void {
    const set = new Set(control.value);
    if (on) set.add(value);
    else set.delete(value);
    control.setValue([...set]);
    control.markAsDirty();
  }

  protected addCondition(): void {
    this.form.controls.freeConditions.push(
      new FormControl('', { nonNullable: true, validators: Validators.required }),
    );
  }

  protected removeCondition(index: number): void {
    this.form.controls.freeConditions.removeAt(index);
  }

  protected conditionText(c: StandardCondition): string {
    return c.text[this.lang()];
  }

  protected groundLabel(id: string): string {
    const judgment = this.store.evaluation()?.judgments.find((j) => j.criterionId === id);
    return judgment ? judgment.title[this.lang()] : this.transloco.translate(`rule.${id}`);
  }

  submit(): void {
    const detail = this.store.detail();
    if (!detail) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.notifier.alert(this.transloco.translate('errors.validation'));
      return;
    }
    const value = this.form.getRawValue();
    const grant = value.outcome === 'grant';
    const priority = !grant && value.grounds.includes(PRIORITY);
    const conditions: ConditionDto[] = grant
      ? [
          ...value.conditionCodes.map((code) => ({ code })),
          ...value.freeConditions
            .map((text) => text.trim())
            .filter(Boolean)
            .map((text) => ({ text })),
        ]
      : [];
    this.sending.set(true);
    this.api
      .recommend(detail.id, {
        outcome: grant ? 'grant' : 'reject',
        ...(grant && value.amountNok !== null ? { amountNok: value.amountNok } : {}),
        justification: value.justification.trim(),
        conditions,
        grounds: grant ? [] : value.grounds,
        ...(priority ? { priorityReason: value.priorityReason.trim() } : {}),
        version: detail.version,
      })
      .subscribe({
        next: (updated) => {
          this.sending.set(false);
          this.store.apply(updated);
          this.notifier.success(
            this.transloco.translate('recommendation.sent', { reference: updated.reference }),
          );
        },
        error: (err: unknown) => {
          this.sending.set(false);
          // A ground the server refuses is named by its place in the list; it goes on the grounds.
          const aliases = Object.fromEntries(
            value.grounds.map((_, i) => [`grounds.${i}`, 'grounds']),
          );
          this.notifier.notifyForm(err, this.form, {
            onReload: () => this.store.reload(),
            aliases,
          });
        },
      });
  }
}
