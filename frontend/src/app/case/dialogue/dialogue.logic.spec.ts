import { defaultReplyBy, pickedDate, replyByLeft, toPickerDate } from './dialogue.logic';

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
});
