import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { provideTestI18n } from '../../testing/i18n';
import { LanguageService } from '../core/i18n/language.service';
import { AmountInputDirective, formatAmount, parseAmount } from './amount-input.directive';

@Component({
  imports: [ReactiveFormsModule, AmountInputDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<input appAmount [formControl]="amount" aria-label="Beløp" />`,
})
class Host {
  readonly amount = new FormControl<number | null>(1250000);
}

describe('Amounts in fields', () => {
  it('are read as typed, with or without grouping, in either language', () => {
    expect(parseAmount('1 250 000', 'nb')).toBe(1_250_000);
    expect(parseAmount('1\u00a0250\u00a0000', 'nb')).toBe(1_250_000);
    expect(parseAmount('1.250.000', 'nb')).toBe(1_250_000);
    expect(parseAmount('1250,5', 'nb')).toBe(1250.5);
    expect(parseAmount('1,250,000', 'en')).toBe(1_250_000);
    expect(parseAmount('1,250.5', 'en')).toBe(1250.5);
    expect(parseAmount('  ', 'nb')).toBeNull();
    expect(parseAmount('12 kr', 'nb')).toBeNaN();
    expect(parseAmount('1,2,3', 'nb')).toBeNaN();
    expect(parseAmount('12.5', 'nb')).toBe(12.5);
    expect(parseAmount('1,25', 'en')).toBeNaN();
  });

  it('are written with the language’s grouping: "1 250 000" and "1,250,000"', () => {
    expect(formatAmount(1_250_000, 'nb')).toBe('1 250 000');
    expect(formatAmount(1_250_000, 'en')).toBe('1,250,000');
    expect(formatAmount(null, 'nb')).toBe('');
  });

  it('give the form a number as the user types, and show it grouped when the user leaves', async () => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const input = fixture.nativeElement.querySelector('input') as HTMLInputElement;
    expect(input.type).toBe('text');
    expect(input.value).toBe('1 250 000');

    input.value = '810000';
    input.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.amount.value).toBe(810_000);
    input.dispatchEvent(new Event('blur'));
    expect(input.value).toBe('810 000');

    TestBed.inject(LanguageService).use('en');
    await fixture.whenStable();
    expect(input.value).toBe('810,000');
  });
});
