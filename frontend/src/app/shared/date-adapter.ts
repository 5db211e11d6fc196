import { Injectable, Provider, inject } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MatDateFormats,
  NativeDateAdapter,
} from '@angular/material/core';
import { TranslocoService } from '@jsverse/transloco';
import { isLanguage } from '../core/i18n/language.service';
import { localeOf } from '../core/i18n/locales';

/**
 * The datepicker's dates as Norwegians type and read them: DD.MM.YYYY in bokmål (DD/MM/YYYY in
 * English, en-GB), day before month, the week starting on Monday, month and day names in the
 * console's language (following a change of language). A typed ISO date (2026-12-16) is taken too.
 */
@Injectable()
export class ConsoleDateAdapter extends NativeDateAdapter {
  constructor() {
    super();
    const transloco = inject(TranslocoService);
    const apply = (lang: string) => this.setLocale(localeOf(isLanguage(lang) ? lang : 'nb'));
    apply(transloco.getActiveLang());
    transloco.langChanges$.subscribe(apply);
  }

  override getFirstDayOfWeek(): number {
    return 1;
  }

  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value !== 'string') return super.parse(value, parseFormat);
    const text = value.trim();
    if (text === '') return null;
    const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
    if (dayFirst) return this.valid(+dayFirst[3], +dayFirst[2], +dayFirst[1]);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (iso) return this.valid(+iso[1], +iso[2], +iso[3]);
    return this.invalid();
  }

  override format(date: Date, displayFormat: object): string {
    if (!this.isValid(date)) return '';
    if (displayFormat !== DATE_INPUT) return super.format(date, displayFormat);
    const pad = (n: number) => String(n).padStart(2, '0');
    const separator = String(this.locale).startsWith('en') ? '/' : '.';
    return [pad(date.getDate()), pad(date.getMonth() + 1), date.getFullYear()].join(separator);
  }

  private valid(year: number, month: number, day: number): Date {
    const date = new Date(year, month - 1, day);
    return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day
      ? date
      : this.invalid();
  }
}

const DATE_INPUT = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

const CONSOLE_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: DATE_INPUT },
  display: {
    dateInput: DATE_INPUT,
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

/** The console's datepicker, for app.config.ts. */
export function provideConsoleDates(): Provider[] {
  return [
    { provide: DateAdapter, useClass: ConsoleDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: CONSOLE_DATE_FORMATS },
  ];
}
