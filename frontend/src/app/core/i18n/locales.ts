import { registerLocaleData } from '@angular/common';
import localeEnGb from '@angular/common/locales/en-GB';
import localeNb from '@angular/common/locales/nb';
import type { Language } from './language.service';

/**
 * The Angular locale of each console language: bokmål as 'nb', English as British English
 * ("2 March 2026", "14:05", "1,250,000"), the English a Norwegian office reads and writes.
 */
export const LOCALE_OF: Readonly<Record<Language, string>> = { nb: 'nb', en: 'en-GB' };

export function localeOf(language: Language): string {
  return LOCALE_OF[language];
}

/** Registers the locales the console formats dates and numbers in (see LOCALE_OF). */
export function registerLocales(): void {
  registerLocaleData(localeNb, 'nb');
  registerLocaleData(localeEnGb, 'en-GB');
}
