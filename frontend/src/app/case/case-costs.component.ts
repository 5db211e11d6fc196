import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import { CostLine } from '../core/api/models';
import { Language, LanguageService } from '../core/i18n/language.service';
import { formatLocalNumber, formatNok } from '../shared/format';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { NokPipe } from '../shared/nok.pipe';

export interface CostDetail {
  key: string;
  params: Record<string, string>;
  /** Translation key of the supplier's relation, when the detail names one. */
  relationKey?: string;
}

/** The basis of a claimed amount, as the applicant stated it (INTAKE.md). */
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

@Component({
  selector: 'app-case-costs',
  imports: [TranslocoDirective, NokPipe, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-costs.component.html',
  styleUrl: './case-costs.component.scss',
})
export class CaseCostsComponent {
  private readonly languages = inject(LanguageService);
  readonly costLines = input.required<CostLine[]>();

  protected readonly lines = computed(() => {
    const language = this.languages.language();
    return [...this.costLines()]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((line) => ({ line, details: costDetails(line, language) }));
  });

  protected readonly total = computed(() =>
    this.costLines().reduce((sum, line) => sum + (line.amountNok ?? 0), 0),
  );
}
