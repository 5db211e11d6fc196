import { Pipe, PipeTransform, inject } from '@angular/core';
import { LanguageService } from '../core/i18n/language.service';
import { formatNok } from './format';

/**
 * Formats whole kroner in the chosen language. Impure so that it follows a
 * change of language; reading the language signal also marks the view dirty.
 */
@Pipe({ name: 'nok', pure: false })
export class NokPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private last: { value: unknown; language: string; text: string } | null = null;

  transform(value: number | null | undefined): string {
    const language = this.languages.language();
    if (this.last && this.last.value === value && this.last.language === language) {
      return this.last.text;
    }
    const text = formatNok(value, language);
    this.last = { value, language, text };
    return text;
  }
}
