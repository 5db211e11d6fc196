import { Directive, ElementRef, effect, forwardRef, inject, untracked } from '@angular/core';
import { ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { Language, LanguageService } from '../core/i18n/language.service';
import { formatLocalNumber } from './format';

/**
 * A typed amount as a number: spaces and no-break spaces are left out, and so is the language's
 * other group separator where it stands between groups of three digits ("1.250.000" in bokmål,
 * "1,250,000" in English); the decimal mark is the language's ("," or "."), and in bokmål a lone
 * "." is read as one too ("12.5" is 12,5, not 125). Empty is null; anything else that is not a
 * number is NaN (the form's validators refuse it).
 */
export function parseAmount(text: string, language: Language): number | null {
  const trimmed = text.replace(/[\s\u00a0\u202f']/g, '').replace(/^\u2212/, '-');
  if (trimmed === '') return null;
  const grouping = language === 'nb' ? '.' : ',';
  const decimal = language === 'nb' ? ',' : '.';
  const grouped = new RegExp(`^-?\\d{1,3}(\\${grouping}\\d{3})+(\\${decimal}\\d+)?$`);
  let plain = grouped.test(trimmed) ? trimmed.split(grouping).join('') : trimmed;
  plain = plain.replace(decimal, '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : NaN;
}

/** An amount the way the language writes it in a field: "1 250 000" / "1,250,000". */
export function formatAmount(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return formatLocalNumber(value, language, '1.0-2').replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * `<input appAmount formControlName="amountNok">`: the control holds a number, the field shows it
 * with the language's grouping once the user leaves it (and when the form sets it), and reads
 * what is typed as it is typed. The field is text with a numeric keyboard (type="number" would
 * refuse the grouping).
 */
@Directive({
  selector: 'input[appAmount]',
  host: {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    '(input)': 'onInput($any($event.target).value)',
    '(blur)': 'onBlur()',
  },
  providers: [
    {
      provide: NG_VALUE_ACCESSOR,
      useExisting: forwardRef(() => AmountInputDirective),
      multi: true,
    },
  ],
})
export class AmountInputDirective implements ControlValueAccessor {
  private readonly input = inject<ElementRef<HTMLInputElement>>(ElementRef).nativeElement;
  private readonly language = inject(LanguageService).language;
  private value: number | null = null;
  private onChange: (value: number | null) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  constructor() {
    // A change of language rewrites the amount in the new language's grouping.
    effect(() => {
      const language = this.language();
      untracked(() => {
        if (this.input !== document.activeElement) this.show(this.value, language);
      });
    });
  }

  writeValue(value: number | null): void {
    this.value = typeof value === 'number' ? value : null;
    this.show(this.value, this.language());
  }

  registerOnChange(fn: (value: number | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.input.disabled = disabled;
  }

  protected onInput(text: string): void {
    this.value = parseAmount(text, this.language());
    this.onChange(this.value);
  }

  protected onBlur(): void {
    if (this.value !== null && !Number.isNaN(this.value)) this.show(this.value, this.language());
    this.onTouched();
  }

  private show(value: number | null, language: Language): void {
    this.input.value = formatAmount(value, language);
  }
}
