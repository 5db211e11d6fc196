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
import { RecommendationDto, StandardCondition } from '../core/api/workflow.models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { Problem, applyProblemToForm } from '../core/errors/problem';
import { Language, LanguageService } from '../core/i18n/language.service';
import { boundedWords } from '../shared/bounded-words';
import { AmountInputDirective } from '../shared/amount-input.directive';
import { autosaveDraft } from '../shared/drafts';
import { ErrorSummaryComponent } from '../shared/error-summary.component';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { OutcomeChipComponent } from '../shared/outcome-chip.component';
import { CaseStore } from './case.store';
import { LetterPreviewComponent } from './letter-preview.component';
import { PartialGrantComponent } from './partial-grant.component';
import {
  AmountLimits,
  AsYouTypeErrorStateMatcher,
  MAX_REASON_LENGTH,
  allowedAid,
  grantAmount,
  grantAmountValidator,
  groundOptions,
  groundsValidator,
  partialGrantOf,
  PRIORITY,
  priorityReasonValidator,
  reductionReasonValidator,
  refusedCostsOf,
} from './recommendation.logic';
import { LeftItem, RecommendationPrefill, pluralKey, prefillFrom } from './what-is-left.logic';

/**
 * The caseworker's recommendation: grant (amount, conditions) or reject (grounds, and PRIORITY's
 * reason when it is one), with a justification. A grant carries the mandatory conditions whatever
 * is chosen (RULEBOOK 5); a grant below the requested aid is shown as the partial grant the letter
 * will state, and one below the most the rules allow asks for its reason (J-NEED-01). The letter
 * these values would give can be previewed before the recommendation is sent.
 */
@Component({
  selector: 'app-recommendation-form',
  imports: [
    ReactiveFormsModule,
    AmountInputDirective,
    ErrorSummaryComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    TranslocoDirective,
    NokPipe,
    LocalDatePipe,
    OutcomeChipComponent,
    LetterPreviewComponent,
    PartialGrantComponent,
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

  /** The standard conditions every grant carries; shown, never offered for removal. */
  protected readonly mandatoryConditions = computed(() =>
    this.conditions().filter((c) => c.mandatory),
  );
  /** The standard conditions the caseworker may add. */
  protected readonly optionalConditions = computed(() =>
    this.conditions().filter((c) => !c.mandatory),
  );

  /** The limits of a grant, from the latest evaluation (requested aid from the case until then). */
  readonly limits = computed<AmountLimits>(() => {
    const totals = this.store.evaluation()?.totals;
    return {
      maxAidNok: totals?.maxAidNok ?? null,
      requestedAidNok:
        totals?.requestedAidNok ?? this.store.detail()?.aid.requestedAmountNok ?? null,
      otherAidSameCostsNok: totals?.otherAidSameCostsNok ?? 0,
    };
  });
  /** The most the rules allow: the maximum aid less other aid on the same costs, at most the request. */
  protected readonly allowed = computed(() => allowedAid(this.limits()));
  /** The cost lines not approved in full, as the letter of a partial grant lists them. */
  private readonly refusedCosts = computed(() =>
    refusedCostsOf(this.store.evaluation(), this.store.detail()),
  );
  /** The server's list (the same check it applies to a recommendation), so the two cannot drift. */
  protected readonly blockers = computed(() => this.store.evaluation()?.grantBlockers ?? []);
  /** The blockers that an item on the case deals with, by kind and reference. */
  private readonly leftByRef = computed(
    () =>
      new Map<string, LeftItem>(this.store.left().map((i) => [`${i.blocker.kind}:${i.ref}`, i])),
  );
  /** A grant cannot be sent while anything stands in its way (the server would refuse it). */
  protected readonly grantBlocked = computed(
    () => this.outcome() === 'grant' && this.blockers().length > 0,
  );
  /** The returned recommendation this form was filled from, if it was. */
  protected readonly prefilledFrom = signal<string | null>(null);
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
    /** Checked against the amount once the form exists (constructor). */
    reductionReason: new FormControl('', { nonNullable: true }),
    grounds: new FormControl<string[]>([], { nonNullable: true, validators: groundsValidator }),
    priorityReason: new FormControl('', {
      nonNullable: true,
      validators: priorityReasonValidator,
    }),
    justification: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(20000), boundedWords],
    }),
  });

  protected readonly outcome = toSignal(
    this.form.controls.outcome.valueChanges.pipe(startWith(this.form.controls.outcome.value)),
    { initialValue: null },
  );

  /** The amount typed, as a grant of it: null while it is not a valid one. */
  private readonly amountTyped = toSignal(
    this.form.controls.amountNok.valueChanges.pipe(startWith(this.form.controls.amountNok.value)),
    { initialValue: null },
  );
  protected readonly grantAmount = computed(() => grantAmount(this.amountTyped(), this.limits()));
  /** A grant below the requested aid: what the letter will say of it. */
  protected readonly partial = computed(() => {
    const amount = this.grantAmount();
    if (this.outcome() !== 'grant' || amount === null) return null;
    return partialGrantOf(amount, this.limits(), this.refusedCosts());
  });
  /**
   * The server asked for the reason of a reduction the form did not see (its evaluation was
   * older than the server's); until the amount changes, the reason is asked for here too.
   */
  private readonly reasonAskedByServer = signal(false);
  /** A grant below the most the rules allow needs its reason (J-NEED-01); no other takes one. */
  readonly reductionNeeded = computed(() => {
    const partial = this.partial();
    return (
      (partial !== null && partial.grantedNok < partial.allowedNok) || this.reasonAskedByServer()
    );
  });

  protected readonly reference = computed(() => this.store.detail()?.reference ?? 'draft');
  /** The unsent recommendation, kept through an expired session and a new login (shared/drafts.ts). */
  private readonly draft = autosaveDraft(
    this.form,
    signal('recommendation'),
    computed(() => this.store.detail()?.id),
    { exclude: ['freeConditions'] },
  );
  /** The form's values: a draft made from older ones is out of date. */
  protected readonly formValue = toSignal(this.form.valueChanges, { initialValue: null });

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
    // The amount decides whether the reason for a reduction is asked for.
    this.form.controls.amountNok.valueChanges
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.reasonAskedByServer.set(false));
    this.form.controls.reductionReason.addValidators(
      reductionReasonValidator(() => this.reductionNeeded()),
    );
    effect(() => {
      this.reductionNeeded();
      untracked(() => this.form.controls.reductionReason.updateValueAndValidity());
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

    // A returned case starts from its last recommendation, once the standard conditions are known
    // (the mandatory ones are the server's to add, so they are left out of the chosen).
    effect(() => {
      const known = this.conditions().length > 0 || this.conditionsFailed();
      const prefill = known
        ? prefillFrom(
            this.store.recommendations(),
            this.mandatoryConditions().map((c) => c.code),
          )
        : null;
      if (!prefill || this.prefilledFrom() !== null) return;
      untracked(() => this.prefill(prefill, this.store.returned()?.returned?.at ?? ''));
    });

    this.api
      .conditions()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (conditions) => this.conditions.set(conditions),
        error: () => this.conditionsFailed.set(true),
      });
  }

  /** Fills the form with the values of a returned recommendation. */
  private prefill(values: RecommendationPrefill, returnedAt: string): void {
    if (this.form.dirty) return;
    this.form.patchValue({
      outcome: values.outcome,
      amountNok: values.amountNok,
      conditionCodes: values.conditionCodes,
      grounds: values.grounds,
      priorityReason: values.priorityReason,
      reductionReason: values.reductionReason,
      justification: values.justification,
    });
    this.form.controls.freeConditions.clear();
    for (const text of values.freeConditions) {
      this.addCondition();
      this.form.controls.freeConditions.at(-1).setValue(text);
    }
    this.prefilledFrom.set(returnedAt);
  }

  /** Why the button cannot be used, with the count of what stands in the way. */
  protected blockedKey(): string {
    return pluralKey('whatIsLeft.blocked', this.blockers().length, this.lang());
  }

  /** The item on the case that deals with a blocker, if one does. */
  protected leftItem(kind: string, ref: string): LeftItem | undefined {
    return this.leftByRef().get(`${kind}:${ref}`);
  }

  /** To the item on its tab. */
  protected showItem(item: LeftItem): void {
    this.store.showItem({ tab: item.tab, targetId: item.targetId });
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
      new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(MAX_REASON_LENGTH), boundedWords],
      }),
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

  /** The recommendation the form holds, as the server takes it; null (fields marked) while it is not complete. */
  private body(): RecommendationDto | null {
    const detail = this.store.detail();
    if (!detail) return null;
    // The reasons asked for only at times: checked again now that the fields shown are settled
    // (a field's `required` stays on its control until the field has gone from the page).
    // Quietly: a draft is not out of date because its values were checked.
    this.form.controls.reductionReason.updateValueAndValidity({ emitEvent: false });
    this.form.controls.priorityReason.updateValueAndValidity({ emitEvent: false });
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return null;
    }
    const value = this.form.getRawValue();
    const grant = value.outcome === 'grant';
    const priority = !grant && value.grounds.includes(PRIORITY);
    // The mandatory conditions go with every grant; the server adds them, so only the chosen are sent.
    const optional = new Set(this.optionalConditions().map((c) => c.code));
    const conditions: ConditionDto[] = grant
      ? [
          ...value.conditionCodes.filter((code) => optional.has(code)).map((code) => ({ code })),
          ...value.freeConditions
            .map((text) => text.trim())
            .filter(Boolean)
            .map((text) => ({ text })),
        ]
      : [];
    return {
      outcome: grant ? 'grant' : 'reject',
      ...(grant && value.amountNok !== null ? { amountNok: value.amountNok } : {}),
      justification: value.justification.trim(),
      conditions,
      grounds: grant ? [] : value.grounds,
      ...(priority ? { priorityReason: value.priorityReason.trim() } : {}),
      ...(grant && this.reductionNeeded() ? { reductionReason: value.reductionReason.trim() } : {}),
      version: detail.version,
    };
  }

  /** A rejected ground is named by its place in the list; it goes on the grounds. */
  private aliases(): Record<string, string> {
    return Object.fromEntries(
      this.form.controls.grounds.value.map((_, i) => [`grounds.${i}`, 'grounds']),
    );
  }

  /**
   * The server's messages on the reason for a reduction, in the console's words. One that asks for
   * a reason the form did not ask for (its evaluation was older) makes the form ask for it too.
   */
  private readonly localize = (path: string, message: string): string | undefined => {
    if (path !== 'reductionReason') return undefined;
    if (/below the most the rules allow/.test(message)) {
      this.reasonAskedByServer.set(true);
      return this.transloco.translate('recommendation.errors.reductionReasonRequired');
    }
    if (/goes only with a grant below/.test(message)) {
      return this.transloco.translate('recommendation.errors.reductionReasonNotWanted');
    }
    return undefined;
  };

  /** The draft letter these values would give. */
  protected readonly previewSource = (lang: Language) => {
    const detail = this.store.detail();
    const body = this.body();
    return detail && body ? this.api.letterPreviewOfForm(detail.id, lang, body) : null;
  };

  /** A draft the server refused: its field messages go on the fields, as a submit's do. */
  protected readonly placeProblem = (problem: Problem): boolean => {
    const localized = this.notifier.localized(problem, { localize: this.localize });
    const unmatched = applyProblemToForm(this.form, localized, this.aliases());
    return unmatched.length < (problem.errors?.length ?? 0);
  };

  submit(): void {
    const detail = this.store.detail();
    if (!detail) return;
    // The button says why it cannot be used; a submit by Enter in a field is refused the same way.
    if (this.grantBlocked()) {
      document.getElementById('blockers-title')?.focus();
      return;
    }
    const body = this.body();
    if (!body) {
      this.notifier.alert(this.transloco.translate('errors.validation'));
      return;
    }
    const aliases = this.aliases();
    this.sending.set(true);
    this.api.recommend(detail.id, body).subscribe({
      next: (updated) => {
        this.sending.set(false);
        this.draft.clear();
        this.store.apply(updated);
        this.notifier.success(
          this.transloco.translate('recommendation.sent', { reference: updated.reference }),
        );
      },
      error: (err: unknown) => {
        this.sending.set(false);
        this.notifier.notifyForm(err, this.form, {
          onReload: () => this.store.reload(),
          aliases,
          localize: this.localize,
        });
      },
    });
  }
}
