import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';

/**
 * The datepicker's dates as Norwegians and the British type them: 16.12.2026, 16/12/2026 (or
 * 2026-12-16), day before month; shown the same way in the field.
 */
@Injectable()
export class LocalDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      const text = value.trim();
      const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
      if (dayFirst) return this.valid(+dayFirst[3], +dayFirst[2], +dayFirst[1]);
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (iso) return this.valid(+iso[1], +iso[2], +iso[3]);
      if (text === '') return null;
      return this.invalid();
    }
    return super.parse(value, parseFormat);
  }

  override format(date: Date, displayFormat: object): string {
    if (!this.isValid(date)) return '';
    const isInput = 'year' in displayFormat && 'day' in displayFormat && 'month' in displayFormat;
    if (!isInput) return super.format(date, displayFormat);
    const pad = (n: number) => String(n).padStart(2, '0');
    const separator = this.locale?.toString().startsWith('en') ? '/' : '.';
    return [pad(date.getDate()), pad(date.getMonth() + 1), date.getFullYear()].join(separator);
  }

  private valid(year: number, month: number, day: number): Date {
    const date = new Date(year, month - 1, day);
    return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day
      ? date
      : this.invalid();
  }
}
