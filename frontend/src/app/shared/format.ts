import { formatDate, formatNumber } from '@angular/common';
import { Language } from '../core/i18n/language.service';
import { localeOf } from '../core/i18n/locales';

const DASH = '–';

/** Whole kroner the way each language writes them: "1 500 000 kr" and "NOK 1,500,000". */
export function formatNok(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  const amount = formatNumber(value, localeOf(language), '1.0-0');
  return language === 'nb' ? `${amount}\u00a0kr` : `NOK\u00a0${amount}`;
}

/**
 * A date in the language's own style. Besides Angular's formats, 'dateTime' gives
 * the medium date and the short time ("4. feb. 2026, 10:00" / "4 Feb 2026, 10:00").
 */
export function formatLocalDate(
  value: string | number | Date | null | undefined,
  format: string,
  language: Language,
): string {
  if (value === null || value === undefined || value === '') return DASH;
  if (format === 'dateTime') {
    const locale = localeOf(language);
    return `${formatDate(value, 'mediumDate', locale)}, ${formatDate(value, 'shortTime', locale)}`;
  }
  return formatDate(value, format, localeOf(language));
}

export function formatLocalNumber(
  value: number | null | undefined,
  language: Language,
  digits = '1.0-2',
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return formatNumber(value, localeOf(language), digits);
}

/** YYYY-MM-DD of a local date, as `<input type="date">` reads and writes it. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(date: Date, days: number): Date {
  const copy = new Date(date);
  copy.setDate(copy.getDate() + days);
  return copy;
}
