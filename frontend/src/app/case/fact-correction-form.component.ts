import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { CaseView, CorrectionDto, FactCorrection } from '../core/api/models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { AmountInputDirective } from '../shared/amount-input.directive';
import { FactKind, formatFact } from '../shared/corrected-value.component';
import { provideConsoleDates } from '../shared/date-adapter';
import { isoDate } from '../shared/format';
import { CaseStore } from './case.store';
import { displayKey, factInfo, latestCorrections } from './corrections';

/** A fact the caseworker may correct (the server's list in evaluations/corrections.ts), with its value now. */
export interface CorrectableFact {
  path: string;
  label: string;
  kind: FactKind | 'relation';
  /** The value the rules use now: the latest correction, else what was submitted. */
  current: unknown;
}

const APPLICANT_FIELDS = [
  'name',
  'companyForm',
  'incorporatedOn',
  'naceCode',
  'county',
  'publicOwnershipPct',
  'insolvencyProceedings',
  'outstandingRescueAid',
  'outstandingRecoveryOrder',
];
const YEAR_FIELDS = [
  'annualWorkUnits',
  'turnoverNok',
  'balanceSheetNok',
  'shareCapitalNok',
  'otherEquityNok',
  'debtNok',
  'ebitdaNok',
  'interestExpenseNok',
];
const RELATED_FIELDS = [
  'relation',
  'sharePct',
  'annualWorkUnits',
  'turnoverNok',
  'balanceSheetNok',
];
const PROJECT_FIELDS = [
  'description',
  'startDate',
  'endDate',
  'firstBindingCommitmentDate',
  'location',
  'circularTransition',
];

/** Every correctable fact of the case, in the order of the overview, labelled as the overview labels it. */
export function correctableFacts(
  detail: CaseView,
  translate: (key: string) => string,
): CorrectableFact[] {
  const paths: [string, unknown][] = [];
  const a = detail.applicant as unknown as Record<string, unknown>;
  for (const f of APPLICANT_FIELDS) paths.push([`applicant.${f}`, a[f]]);
  detail.applicant.financials.forEach((y, position) => {
    // Corrections address a year by its place in the submitted document.
    const index = (y as { index?: number }).index ?? position;
    for (const f of YEAR_FIELDS)
      paths.push([
        `applicant.financials[${index}].${f}`,
        (y as unknown as Record<string, unknown>)[f],
      ]);
  });
  detail.applicant.relatedEnterprises.forEach((e, i) => {
    for (const f of RELATED_FIELDS)
      paths.push([
        `applicant.relatedEnterprises[${i}].${f}`,
        (e as unknown as Record<string, unknown>)[f],
      ]);
  });
  const p = detail.project as unknown as Record<string, unknown>;
  for (const f of PROJECT_FIELDS) paths.push([`project.${f}`, p[f]]);
  detail.project.collaborationPartners.forEach((x, i) => {
    paths.push([`project.collaborationPartners[${i}].sizeClass`, x.sizeClass]);
    paths.push([`project.collaborationPartners[${i}].eligibleCostsNok`, x.eligibleCostsNok]);
  });
  detail.otherPublicAid.forEach((o, i) => {
    paths.push([`otherPublicAid[${i}].amountNok`, o.amountNok]);
    paths.push([`otherPublicAid[${i}].coversSameCosts`, o.coversSameCosts]);
  });

  const latest = latestCorrections(detail);
  return paths.map(([path, submitted]) => {
    const probe = { path, submittedValue: submitted } as FactCorrection;
    const info = factInfo(probe, detail);
    const key = displayKey(probe, detail);
    const corrected = key ? latest.get(key) : undefined;
    const name = info.labelKey ? translate(info.labelKey) : path;
    return {
      path,
      label: info.context ? `${name} (${info.context})` : name,
      kind: path.endsWith('.relation') ? 'relation' : info.kind,
      current: corrected ? corrected.correctedValue : submitted,
    };
  });
}

/** The value typed into the form as the API takes it, or undefined when it is not one. */
/**
 * The field's value as the text parseFactValue reads: a date from the datepicker as YYYY-MM-DD,
 * an amount from an amount field as its digits.
 */
function rawText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : isoDate(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'invalid' : String(value);
  return String(value ?? '');
}

export function parseFactValue(
  kind: CorrectableFact['kind'],
  raw: string,
): CorrectionDto['value'] | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (kind) {
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'nok': {
      const n = Number(text);
      return Number.isInteger(n) ? n : undefined;
    }
    case 'number':
    case 'percent': {
      const n = Number(text);
      return Number.isFinite(n) && n >= 0 && (kind !== 'percent' || n <= 100) ? n : undefined;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
    default:
      return text;
  }
}

/**
 * Correcting one of the applicant's facts (a wrong AWU figure, a missing declaration) with a
 * reason. The submitted value is kept; the evaluation uses the correction and shows both.
 */
@Component({
  selector: 'app-fact-correction-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    AmountInputDirective,
    TranslocoDirective,
  ],
  // The console's dates (DD.MM.YYYY, Monday first) also where app.config is not loaded (tests).
  providers: [provideConsoleDates()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @if (store.canAssess()) {
        <section class="block" aria-labelledby="ov-correct">
          <h2 id="ov-correct">{{ t('corrections.formTitle') }}</h2>
          <p class="muted">{{ t('corrections.formIntro') }}</p>
          <form
            [formGroup]="form"
            #factForm="ngForm"
            (ngSubmit)="save(factForm)"
            class="row"
            novalidate
          >
            <mat-form-field appearance="outline" class="fact">
              <mat-label>{{ t('corrections.fact') }}</mat-label>
              <mat-select formControlName="path" required>
                @for (f of facts(); track f.path) {
                  <mat-option [value]="f.path">{{ f.label }}</mat-option>
                }
              </mat-select>
              @if (selected(); as f) {
                <mat-hint>{{ t('corrections.now', { value: shown(f) }) }}</mat-hint>
              }
              @if (form.controls.path.hasError('required')) {
                <mat-error>{{ t('corrections.factRequired') }}</mat-error>
              }
            </mat-form-field>
            <!-- One form field per kind of value: a form field keeps the control it started with. -->
            @let kind = selected()?.kind;
            @if (kind === 'bool' || kind === 'sizeClass' || kind === 'relation') {
              <mat-form-field appearance="outline">
                <mat-label>{{ t('corrections.newValue') }}</mat-label>
                <mat-select formControlName="value" required>
                  @for (o of choices(kind); track o.value) {
                    <mat-option [value]="o.value">{{ t(o.label) }}</mat-option>
                  }
                </mat-select>
                @if (valueError(); as e) {
                  <mat-error>{{ e.server ?? t(e.key) }}</mat-error>
                }
              </mat-form-field>
            } @else if (kind === 'date') {
              <mat-form-field appearance="outline">
                <mat-label>{{ t('corrections.newValue') }}</mat-label>
                <input matInput [matDatepicker]="factDatePicker" formControlName="value" required />
                <mat-hint>{{ t('dates.format') }}</mat-hint>
                <mat-datepicker-toggle matIconSuffix [for]="factDatePicker">
                  <span matDatepickerToggleIcon class="material-symbols-outlined" aria-hidden="true"
                    >calendar_month</span
                  >
                </mat-datepicker-toggle>
                <mat-datepicker #factDatePicker />
                @if (valueError(); as e) {
                  <mat-error>{{ e.server ?? t(e.key) }}</mat-error>
                }
              </mat-form-field>
            } @else if (kind === 'nok') {
              <mat-form-field appearance="outline">
                <mat-label>{{ t('corrections.newValue') }}</mat-label>
                <input matInput appAmount formControlName="value" required />
                @if (valueError(); as e) {
                  <mat-error>{{ e.server ?? t(e.key) }}</mat-error>
                }
              </mat-form-field>
            } @else if (kind === 'number' || kind === 'percent') {
              <mat-form-field appearance="outline">
                <mat-label>{{ t('corrections.newValue') }}</mat-label>
                <input
                  matInput
                  type="number"
                  inputmode="decimal"
                  formControlName="value"
                  required
                />
                @if (valueError(); as e) {
                  <mat-error>{{ e.server ?? t(e.key) }}</mat-error>
                }
              </mat-form-field>
            } @else {
              <mat-form-field appearance="outline">
                <mat-label>{{ t('corrections.newValue') }}</mat-label>
                <input matInput formControlName="value" required />
                @if (valueError(); as e) {
                  <mat-error>{{ e.server ?? t(e.key) }}</mat-error>
                }
              </mat-form-field>
            }
            <mat-form-field appearance="outline" class="reason">
              <mat-label>{{ t('corrections.reason') }}</mat-label>
              <input matInput formControlName="reason" required />
              <mat-hint>{{ t('corrections.reasonHint') }}</mat-hint>
              @if (form.controls.reason.hasError('required')) {
                <mat-error>{{ t('corrections.reasonRequired') }}</mat-error>
              } @else if (form.controls.reason.hasError('server')) {
                <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
              }
            </mat-form-field>
            <div class="buttons">
              <button mat-stroked-button type="submit" [disabled]="saving()">
                {{ t('corrections.save') }}
              </button>
            </div>
          </form>
        </section>
      }
    </ng-container>
  `,
  styles: `
    .block {
      margin-bottom: 32px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: flex-start;
    }
    .fact {
      flex: 1 1 280px;
    }
    .reason {
      flex: 2 1 320px;
    }
    .buttons {
      padding-top: 8px;
    }
  `,
})
export class FactCorrectionFormComponent {
  protected readonly store = inject(CaseStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService).language;
  protected readonly saving = signal(false);
  protected readonly sizeClasses = ['micro', 'small', 'medium', 'large'];

  protected readonly form = new FormGroup({
    path: new FormControl('', { nonNullable: true, validators: Validators.required }),
    value: new FormControl('', { nonNullable: true, validators: Validators.required }),
    reason: new FormControl('', { nonNullable: true, validators: Validators.required }),
  });

  private readonly path = toSignal(this.form.controls.path.valueChanges, { initialValue: '' });

  constructor() {
    // Another fact may take another kind of value: start its value afresh, without old errors.
    this.form.controls.path.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.value.reset('', { emitEvent: false }));
  }
  /** Re-labelled when the language changes. */
  private readonly translations = toSignal(this.transloco.selectTranslation(), {
    initialValue: {},
  });

  protected readonly facts = computed(() => {
    this.translations();
    const detail = this.store.detail();
    return detail ? correctableFacts(detail, (k) => this.transloco.translate(k)) : [];
  });
  protected readonly selected = computed(() => this.facts().find((f) => f.path === this.path()));

  /** The options of a value chosen from a list. */
  protected choices(kind: 'bool' | 'sizeClass' | 'relation'): { value: string; label: string }[] {
    if (kind === 'bool') {
      return [
        { value: 'true', label: 'common.yes' },
        { value: 'false', label: 'common.no' },
      ];
    }
    if (kind === 'relation') {
      return [
        { value: 'linked', label: 'relation.linked' },
        { value: 'partner', label: 'relation.partner' },
      ];
    }
    return this.sizeClasses.map((s) => ({ value: s, label: `sizeClass.${s}` }));
  }

  /** What is wrong with the value: a message key, or the server's own words. */
  protected valueError(): { key: string; server?: string } | null {
    const c = this.form.controls.value;
    if (c.hasError('required')) return { key: 'corrections.valueRequired' };
    if (c.hasError('invalid')) return { key: 'corrections.valueInvalid' };
    if (c.hasError('server')) return { key: '', server: String(c.getError('server')) };
    return null;
  }

  protected shown(f: CorrectableFact): string {
    const translate = (k: string) => this.transloco.translate(k);
    if (f.kind === 'relation')
      return f.current ? translate(`relation.${String(f.current)}`) : translate('common.notStated');
    return formatFact(f.current, f.kind, this.language(), translate);
  }

  protected save(formDirective: FormGroupDirective): void {
    // Errors set by hand (a value that did not fit, the server's answer) are judged again.
    this.form.controls.value.updateValueAndValidity();
    const fact = this.selected();
    const value = fact
      ? parseFactValue(fact.kind, rawText(this.form.controls.value.value))
      : undefined;
    if (fact && rawText(this.form.controls.value.value) !== '' && value === undefined) {
      this.form.controls.value.setErrors({ invalid: true });
    }
    if (this.form.invalid || !fact || value === undefined) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.store.correctFact(fact.path, value, this.form.controls.reason.value.trim()).subscribe({
      next: () => {
        this.saving.set(false);
        formDirective.resetForm();
        this.form.reset();
        this.notifier.success(this.transloco.translate('corrections.saved', { fact: fact.label }));
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.notifier.notifyForm(err, this.form, { onReload: () => this.store.reload() });
      },
    });
  }
}
