import { Pipe, PipeTransform, inject } from '@angular/core';
import { LanguageService } from '../core/i18n/language.service';
import { formatLocalDate } from './format';

/** A date in the chosen language; the format is any Angular date format ('mediumDate' by default). */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private last: { value: unknown; format: string; language: string; text: string } | null = null;

  transform(value: string | number | Date | null | undefined, format = 'mediumDate'): string {
    const language = this.languages.language();
    const last = this.last;
    if (last && last.value === value && last.format === format && last.language === language) {
      return last.text;
    }
    const text = formatLocalDate(value, format, language);
    this.last = { value, format, language, text };
    return text;
  }
}
