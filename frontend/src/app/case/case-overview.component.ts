import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import { CaseDetail, FinancialYear } from '../core/api/models';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { LocalNumberPipe } from '../shared/local-number.pipe';
import { NokPipe } from '../shared/nok.pipe';

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
  imports: [TranslocoDirective, NokPipe, LocalDatePipe, LocalNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-overview.component.html',
  styleUrl: './case-overview.component.scss',
})
export class CaseOverviewComponent {
  readonly detail = input.required<CaseDetail>();

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
