import { TestBed } from '@angular/core/testing';
import { DateAdapter, provideNativeDateAdapter } from '@angular/material/core';
import { defaultReplyBy, pickedDate, replyByLeft, toPickerDate } from './dialogue.logic';
import { LocalDateAdapter } from './local-date-adapter';

describe('the reply-by date', () => {
  it('is 14 days ahead unless chosen otherwise', () => {
    expect(defaultReplyBy('2026-12-02')).toBe('2026-12-16');
    expect(defaultReplyBy('2026-12-20')).toBe('2027-01-03');
  });

  it('tells the business days left, or how far past it is', () => {
    expect(replyByLeft('2026-12-16', '2026-12-03')).toEqual({ key: 'dialogue.daysLeft', days: 9 });
    expect(replyByLeft('2026-12-07', '2026-12-04')).toEqual({ key: 'dialogue.dayLeft', days: 1 });
    expect(replyByLeft('2026-12-16', '2026-12-16')).toEqual({ key: 'dialogue.dueToday', days: 0 });
    expect(replyByLeft('2026-12-16', '2026-12-17')).toEqual({
      key: 'dialogue.overdueOne',
      days: 1,
    });
    expect(replyByLeft('2026-12-16', '2026-12-22')).toEqual({ key: 'dialogue.overdue', days: 4 });
  });

  it('goes to and from the datepicker as the same calendar day', () => {
    expect(pickedDate(toPickerDate('2026-12-16'))).toBe('2026-12-16');
  });

  it('is typed day first, with dots, slashes or as an ISO date', () => {
    TestBed.configureTestingModule({
      providers: [provideNativeDateAdapter(), { provide: DateAdapter, useClass: LocalDateAdapter }],
    });
    const adapter = TestBed.inject<DateAdapter<Date>>(DateAdapter);
    adapter.setLocale('nb-NO');
    const day = (text: string) => {
      const d = adapter.parse(text);
      return d && adapter.isValid(d) ? pickedDate(d) : 'invalid';
    };
    expect(day('16.12.2026')).toBe('2026-12-16');
    expect(day('1/2/2027')).toBe('2027-02-01');
    expect(day('2026-12-16')).toBe('2026-12-16');
    expect(day('31.02.2027')).toBe('invalid');
    expect(day('neste uke')).toBe('invalid');
    expect(adapter.parse('')).toBeNull();
    expect(
      adapter.format(toPickerDate('2026-12-16'), {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      }),
    ).toBe('16.12.2026');
    adapter.setLocale('en-GB');
    expect(
      adapter.format(toPickerDate('2026-12-16'), {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      }),
    ).toBe('16/12/2026');
  });
});
