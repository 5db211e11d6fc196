import { businessDaysBetween, osloToday, shiftDate } from '../../shared/business-days';

/** The reply-by date offered when asking the applicant: 14 days ahead, as the server's default. */
export function defaultReplyBy(today: string = osloToday()): string {
  return shiftDate(today, 14);
}

/** The translation key and days for the time left to a reply-by date. */
export function replyByLeft(
  replyBy: string,
  today: string = osloToday(),
): { key: string; days: number } {
  const days = businessDaysBetween(today, replyBy);
  if (days === 0) return { key: 'dialogue.dueToday', days: 0 };
  if (days === 1) return { key: 'dialogue.dayLeft', days };
  if (days > 1) return { key: 'dialogue.daysLeft', days };
  if (days === -1) return { key: 'dialogue.overdueOne', days: 1 };
  return { key: 'dialogue.overdue', days: -days };
}

/** YYYY-MM-DD of a date picked in the browser (its local calendar day). */
export function pickedDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local Date of a YYYY-MM-DD, for the datepicker. */
export function toPickerDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
}
