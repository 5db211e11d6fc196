import { TestBed } from '@angular/core/testing';
import { DateAdapter, MAT_DATE_FORMATS, MatDateFormats } from '@angular/material/core';
import { TranslocoService } from '@jsverse/transloco';
import { provideTestI18n } from '../../testing/i18n';
import { provideConsoleDates } from './date-adapter';

describe('The date picker', () => {
  function setup() {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb'), provideConsoleDates()] });
    return {
      adapter: TestBed.inject<DateAdapter<Date>>(DateAdapter),
      formats: TestBed.inject<MatDateFormats>(MAT_DATE_FORMATS),
    };
  }

  it('reads and writes DD.MM.YYYY in bokmål, with Monday first', () => {
    const { adapter, formats } = setup();
    const date = adapter.parse('16.12.2026', formats.parse.dateInput)!;
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 11, 16]);
    expect(adapter.format(date, formats.display.dateInput)).toBe('16.12.2026');
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    expect(adapter.getMonthNames('long')[0]).toBe('januar');
    expect(adapter.isValid(adapter.parse('31.02.2026', formats.parse.dateInput)!)).toBe(false);
    expect(adapter.parse('2026-12-16', formats.parse.dateInput)!.getDate()).toBe(16);
  });

  it('writes DD/MM/YYYY in English', () => {
    const { adapter, formats } = setup();
    TestBed.inject(TranslocoService).setActiveLang('en');
    expect(adapter.format(new Date(2026, 11, 16), formats.display.dateInput)).toBe('16/12/2026');
    expect(adapter.getMonthNames('long')[0]).toBe('January');
  });
});
