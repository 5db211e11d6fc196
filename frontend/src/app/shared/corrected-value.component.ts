import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { FactCorrection } from '../core/api/models';
import { LanguageService } from '../core/i18n/language.service';
import { formatLocalDate, formatLocalNumber, formatNok } from './format';

export type FactKind = 'text' | 'nok' | 'number' | 'percent' | 'bool' | 'date' | 'sizeClass';

/** A value as the caseworker writes it: money, number, percent, yes/no, date, size class or text. */
export function formatFact(
  value: unknown,
  kind: FactKind,
  language: 'nb' | 'en',
  translate: (key: string) => string,
): string {
  if (value === null || value === undefined || value === '') return translate('common.notStated');
  switch (kind) {
    case 'nok':
      return formatNok(Number(value), language);
    case 'number':
      return formatLocalNumber(Number(value), language);
    case 'percent':
      return `${formatLocalNumber(Number(value), language)} %`;
    case 'bool':
      return translate(value === true ? 'common.yes' : 'common.no');
    case 'date':
      return formatLocalDate(String(value), 'mediumDate', language);
    case 'sizeClass':
      return translate(`sizeClass.${String(value)}`);
    default:
      return String(value);
  }
}

/**
 * A corrected fact: the corrected value, the value the applicant submitted
 * struck through and labelled, and who corrected it, when and why.
 */
@Component({
  selector: 'app-corrected-value',
  imports: [MatIconModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @let c = correction();
      <span class="corrected">
        <span class="value">{{ corrected() }}</span>
        <span class="badge outcome--refer">
          <mat-icon aria-hidden="true" inline>edit</mat-icon>{{ t('corrections.corrected') }}
        </span>
      </span>
      <span class="submitted">
        {{ t('corrections.submitted') }} <del>{{ submitted() }}</del>
      </span>
      <span class="why">
        {{
          t('corrections.why', {
            reason: c.reason,
            by: c.correctedByName || c.correctedBy,
            at: at(),
          })
        }}
      </span>
    </ng-container>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 2px;
    }
    .corrected {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .value {
      font-weight: 500;
    }
    .submitted,
    .why {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-icon {
      font-size: 14px;
      width: 14px;
      height: 14px;
    }
  `,
})
export class CorrectedValueComponent {
  private readonly transloco = inject(TranslocoService);
  private readonly languages = inject(LanguageService);
  private readonly lang = this.languages.language;

  readonly correction = input.required<FactCorrection>();
  readonly kind = input<FactKind>('text');

  private readonly translate = (key: string) => {
    this.languages.texts();
    return this.transloco.translate(key);
  };
  protected readonly corrected = computed(() =>
    formatFact(this.correction().correctedValue, this.kind(), this.lang(), this.translate),
  );
  protected readonly submitted = computed(() =>
    formatFact(this.correction().submittedValue, this.kind(), this.lang(), this.translate),
  );
  protected readonly at = computed(() =>
    formatLocalDate(this.correction().correctedAt, 'mediumDate', this.lang()),
  );
}
