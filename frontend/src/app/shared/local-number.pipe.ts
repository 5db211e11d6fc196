import { Pipe, PipeTransform, inject } from '@angular/core';
import { LanguageService } from '../core/i18n/language.service';
import { formatLocalNumber } from './format';

/** A number in the chosen language, e.g. "42,5" in bokmål and "42.5" in English. */
@Pipe({ name: 'localNumber', pure: false })
export class LocalNumberPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private last: { value: unknown; digits: string; language: string; text: string } | null = null;

  transform(value: number | null | undefined, digits = '1.0-2'): string {
    const language = this.languages.language();
    const last = this.last;
    if (last && last.value === value && last.digits === digits && last.language === language) {
      return last.text;
    }
    const text = formatLocalNumber(value, language, digits);
    this.last = { value, digits, language, text };
    return text;
  }
}
