import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChildren,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  FormGroupDirective,
  FormRecord,
  ReactiveFormsModule,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { concatMap, from, last } from 'rxjs';
import { TotalKey } from '../core/api/evaluation.models';
import { CostLine } from '../core/api/models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { Language, LanguageService } from '../core/i18n/language.service';
import { AmountInputDirective } from '../shared/amount-input.directive';
import { formatLocalNumber, formatNok } from '../shared/format';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { OutcomeChipComponent } from '../shared/outcome-chip.component';
import { CaseStore } from './case.store';
import { FieldHistoryComponent } from './field-history.component';
import { SHOWN_TOTALS, TotalChange, WhatIfStore } from './what-if.store';

export interface CostDetail {
  key: string;
  params: Record<string, string>;
  /** Translation key of the supplier's relation, when the detail names one. */
  relationKey?: string;
}

/** The basis of a claimed amount, as the applicant stated it (docs/intake.md). */
export function costDetails(line: CostLine, language: Language): CostDetail[] {
  const nok = (v: number | null | undefined) => formatNok(v, language);
  const num = (v: number | null | undefined) => formatLocalNumber(v, language);
  const details: CostDetail[] = [];
  if (line.hours != null && line.hourlyRateNok != null) {
    details.push({
      key: 'costs.detail.hours',
      params: { hours: num(line.hours), rate: nok(line.hourlyRateNok) },
    });
  }
  if (line.supplierName) {
    details.push(
      line.supplierRelation
        ? {
            key: 'costs.detail.supplierWithRelation',
            params: { name: line.supplierName },
            relationKey: `supplierRelation.${line.supplierRelation}`,
          }
        : { key: 'costs.detail.supplier', params: { name: line.supplierName } },
    );
  }
  if (line.basis === 'depreciation') {
    details.push({
      key: 'costs.detail.depreciation',
      params: {
        cost: nok(line.acquisitionCostNok),
        life: num(line.usefulLifeMonths),
        used: num(line.monthsUsed),
        share: num(line.projectUseSharePct),
      },
    });
  } else if (line.basis === 'rental') {
    details.push({
      key: 'costs.detail.rental',
      params: {
        rent: nok(line.monthlyRentNok),
        used: num(line.monthsUsed),
        share: num(line.projectUseSharePct),
      },
    });
  }
  return details;
}

type LineForm = FormGroup<{
  amount: FormControl<number | null>;
  reason: FormControl<string>;
}>;

/** An approved amount needs a reason (docs/rules.md section 8). */
const reasonWithAmount: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const { amount, reason } = (group as LineForm).controls;
  const missing = amount.value !== null && !reason.value.trim();
  const errors = { ...(reason.errors ?? {}) };
  if (missing) errors['required'] = true;
  else delete errors['required'];
  reason.setErrors(Object.keys(errors).length ? errors : null);
  return null;
};

/** Whole kroner from 0 to the claimed amount. */
function amountValidators(claimed: number): ValidatorFn[] {
  return [Validators.min(0), Validators.max(claimed), Validators.pattern(/^\d+$/)];
}

const PERCENT_KEYS: readonly TotalKey[] = ['maxIntensityPct'];

@Component({
  selector: 'app-case-costs',
  imports: [
    ReactiveFormsModule,
    AmountInputDirective,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    TranslocoDirective,
    NokPipe,
    LocalDatePipe,
    OutcomeChipComponent,
    FieldHistoryComponent,
  ],
  providers: [WhatIfStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-costs.component.html',
  styleUrl: './case-costs.component.scss',
})
export class CaseCostsComponent {
  protected readonly store = inject(CaseStore);
  protected readonly whatIf = inject(WhatIfStore);
  private readonly languages = inject(LanguageService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lang = this.languages.language;
  protected readonly shownTotals = SHOWN_TOTALS;
  protected readonly form = new FormRecord<LineForm>({});
  /** Each line's `[formGroup]`: a tried save submits the invalid ones, which is what shows their errors. */
  private readonly lineForms = viewChildren(FormGroupDirective);
  protected readonly saving = signal(false);
  /** Bumped on every edit, so computed views of the form follow it. */
  private readonly formTick = signal(0);

  protected readonly lines = computed(() => {
    const language = this.lang();
    return [...(this.store.detail()?.costLines ?? [])]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((line) => ({ line, details: costDetails(line, language) }));
  });

  protected readonly total = computed(() =>
    (this.store.detail()?.costLines ?? []).reduce((sum, line) => sum + (line.amountNok ?? 0), 0),
  );

  /** Lines whose amount or reason differ from what is saved. */
  protected readonly editedLines = computed(() => {
    this.formTick();
    return (this.store.detail()?.costLines ?? []).filter((line) => this.isEdited(line));
  });

  /** A sentence for screen readers each time new totals arrive. */
  protected readonly announcement = computed(() => {
    const result = this.whatIf.result();
    if (!result || !this.whatIf.dirty()) return '';
    const changes = this.whatIf.changes();
    this.languages.texts();
    const t = (key: string, params?: Record<string, unknown>) =>
      this.transloco.translate(key, params);
    if (!changes.length) return t('costs.whatIf.noChange');
    return t('costs.whatIf.changed', {
      changes: changes
        .map((c) =>
          t('costs.whatIf.change', {
            label: t('costs.totals.' + c.key),
            after: this.formatTotal(c.key, c.after),
            before: this.formatTotal(c.key, c.before),
          }),
        )
        .join('; '),
    });
  });

  constructor() {
    effect(() => {
      const detail = this.store.detail();
      const evaluation = this.store.evaluation();
      if (!detail) return;
      untracked(() => {
        this.syncForm(detail.costLines);
        this.whatIf.init(
          detail.id,
          evaluation,
          new Map(detail.costLines.map((l) => [l.id, l.assessment?.approvedAmountNok ?? null])),
        );
        this.formTick.update((n) => n + 1);
      });
    });

    effect(() => {
      if (this.store.canAssess()) this.form.enable({ emitEvent: false });
      else this.form.disable({ emitEvent: false });
    });
  }

  protected control(lineId: string): LineForm | undefined {
    return this.form.controls[lineId];
  }

  protected isChanged(key: TotalKey): boolean {
    return this.whatIf.changedKeys().has(key);
  }

  protected change(key: TotalKey): TotalChange | undefined {
    return this.whatIf.changes().find((c) => c.key === key);
  }

  protected formatTotal(key: TotalKey, value: number | null | undefined): string {
    if (value === null || value === undefined) return '–';
    return PERCENT_KEYS.includes(key)
      ? `${formatLocalNumber(value, this.lang())} %`
      : formatNok(value, this.lang());
  }

  protected noteOnLine(line: CostLine): void {
    this.store.requestNote({ type: 'costLine', ref: line.id });
  }

  protected undo(): void {
    for (const line of this.store.detail()?.costLines ?? []) {
      this.control(line.id)?.reset(this.savedValue(line), { emitEvent: false });
    }
    this.whatIf.reset();
    this.formTick.update((n) => n + 1);
  }

  /** Saves each edited line in turn; the first refusal stops the rest and shows why. */
  protected save(): void {
    const edited = this.editedLines();
    if (!edited.length || this.saving()) return;
    const invalid = edited.filter((line) => this.control(line.id)?.invalid);
    if (invalid.length) {
      // A tried save is what shows the fields' errors (shared/submitted-error-state.ts), as a submit does in a form.
      const groups = new Set(invalid.map((line) => this.control(line.id)));
      for (const dir of this.lineForms())
        if (groups.has(dir.form as LineForm)) dir.onSubmit(new Event('submit'));
      invalid.forEach((line) => this.control(line.id)?.markAllAsTouched());
      this.notifier.alert(this.transloco.translate('errors.validation'));
      return;
    }
    const work = edited.map((line) => {
      const { amount, reason } = this.control(line.id)!.getRawValue();
      return { line, amount, reason: reason.trim() };
    });
    let current: (typeof work)[number] | null = null;
    this.saving.set(true);
    from(work)
      .pipe(
        concatMap((item) => {
          current = item;
          return this.store.assessCostLine(item.line.id, item.amount, item.reason);
        }),
        last(),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.notifier.success(this.transloco.translate('costs.saved', { count: work.length }));
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const group = current ? this.control(current.line.id) : undefined;
          if (group) {
            this.notifier.notifyForm(err, group, {
              onReload: () => this.store.reload(),
              aliases: { approvedAmountNok: 'amount' },
            });
          } else {
            this.store.reportError(err);
          }
        },
      });
  }

  private savedValue(line: CostLine): { amount: number | null; reason: string } {
    return {
      amount: line.assessment?.approvedAmountNok ?? null,
      reason: line.assessment?.reason ?? '',
    };
  }

  private isEdited(line: CostLine): boolean {
    const group = this.control(line.id);
    if (!group) return false;
    const saved = this.savedValue(line);
    const { amount, reason } = group.getRawValue();
    return amount !== saved.amount || reason.trim() !== saved.reason.trim();
  }

  /**
   * One small form per line. Lines the user has not touched follow the saved
   * values; edited ones keep what was typed until saved or undone.
   */
  private syncForm(lines: CostLine[]): void {
    const ids = new Set(lines.map((l) => l.id));
    for (const id of Object.keys(this.form.controls)) {
      if (!ids.has(id)) this.form.removeControl(id, { emitEvent: false });
    }
    for (const line of lines) {
      const saved = this.savedValue(line);
      const existing = this.control(line.id);
      if (!existing) {
        const group: LineForm = new FormGroup(
          {
            amount: new FormControl<number | null>(saved.amount, amountValidators(line.amountNok)),
            reason: new FormControl(saved.reason, {
              nonNullable: true,
              validators: Validators.maxLength(2000),
            }),
          },
          { validators: reasonWithAmount },
        );
        group.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => {
          this.formTick.update((n) => n + 1);
          const amount = group.controls.amount;
          const value =
            amount.value === null || (amount.value as unknown) === '' ? null : amount.value;
          // An amount out of range is shown as a field error, not sent to what-if.
          if (amount.valid) this.whatIf.setAmount(line.id, value);
        });
        this.form.addControl(line.id, group, { emitEvent: false });
      } else if (!this.isEdited(line) || existing.pristine) {
        existing.reset(saved, { emitEvent: false });
      }
    }
    if (!this.store.canAssess()) this.form.disable({ emitEvent: false });
  }
}
