import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { CaseView, FactCorrection, FinancialYear } from '../core/api/models';
import { LanguageService } from '../core/i18n/language.service';
import { CorrectedValueComponent, formatFact } from '../shared/corrected-value.component';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { LocalNumberPipe } from '../shared/local-number.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { factInfo, latestCorrections } from './corrections';
import { FactCorrectionFormComponent } from './fact-correction-form.component';

type FinancialField = Exclude<keyof FinancialYear, 'year'>;

/** The rows of the size table: staff headcount and the money figures the SME test uses. */
const FINANCIAL_ROWS: { field: FinancialField; money: boolean }[] = [
  { field: 'annualWorkUnits', money: false },
  { field: 'turnoverNok', money: true },
  { field: 'balanceSheetNok', money: true },
  { field: 'shareCapitalNok', money: true },
  { field: 'otherEquityNok', money: true },
  { field: 'debtNok', money: true },
  { field: 'ebitdaNok', money: true },
  { field: 'interestExpenseNok', money: true },
];

@Component({
  selector: 'app-case-overview',
  imports: [
    TranslocoDirective,
    NokPipe,
    LocalDatePipe,
    LocalNumberPipe,
    CorrectedValueComponent,
    FactCorrectionFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-overview.component.html',
  styleUrl: './case-overview.component.scss',
})
export class CaseOverviewComponent {
  private readonly transloco = inject(TranslocoService);
  private readonly languages = inject(LanguageService);
  private readonly lang = this.languages.language;
  readonly detail = input.required<CaseView>();

  /** The latest correction of each fact shown, by the key the template looks it up with. */
  private readonly corrections = computed(() => latestCorrections(this.detail()));

  /** Every correction, newest first, with the fact it is about and both values written out. */
  protected readonly correctionRows = computed(() => {
    const detail = this.detail();
    const language = this.lang();
    this.languages.texts();
    const translate = (key: string) => this.transloco.translate(key);
    return [...(detail.corrections ?? [])]
      .sort((a, b) => b.correctedAt.localeCompare(a.correctedAt))
      .map((correction) => {
        const info = factInfo(correction, detail);
        return {
          correction,
          info,
          submitted: formatFact(correction.submittedValue, info.kind, language, translate),
          corrected: formatFact(correction.correctedValue, info.kind, language, translate),
        };
      });
  });

  protected fix(key: string): FactCorrection | undefined {
    return this.corrections().get(key);
  }

  protected readonly financialRows = FINANCIAL_ROWS;
  protected readonly years = computed(() =>
    [...(this.detail().applicant.financials ?? [])].sort((a, b) => b.year - a.year),
  );

  protected yesNo(value: boolean | null | undefined): string {
    if (value === true) return 'common.yes';
    if (value === false) return 'common.no';
    return 'common.notStated';
  }

  protected value(year: FinancialYear, field: FinancialField): number | null {
    return year[field] ?? null;
  }
}
