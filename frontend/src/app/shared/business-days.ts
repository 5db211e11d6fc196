/**
 * Norwegian business days in the console, as the server counts them (backend/src/sla/business-days.ts):
 * Monday to Friday except the public holidays (helligdager), Easter's moving ones included. Dates
 * are 'YYYY-MM-DD' strings.
 */

const DAY = 86_400_000;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (negative: before). */
export function shiftDate(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * DAY));
}

/** Easter Sunday of a year (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** The public holidays of Norway in a year. */
export function norwegianHolidays(year: number): ReadonlySet<string> {
  let set = holidaysByYear.get(year);
  if (!set) {
    const easter = easterSunday(year);
    const fixed = ['01-01', '05-01', '05-17', '12-25', '12-26'].map((md) => `${year}-${md}`);
    // Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension Day, Whit Sunday and Monday.
    const moving = [-3, -2, 0, 1, 39, 49, 50].map((n) => shiftDate(easter, n));
    set = new Set([...fixed, ...moving]);
    holidaysByYear.set(year, set);
  }
  return set;
}

export function isBusinessDay(date: string): boolean {
  const weekday = utc(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !norwegianHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * Business days from `from` to `to`: the days after `from` up to and including `to`; positive when
 * `to` is later (days left), negative when it has passed (days overdue), 0 on the day itself.
 */
export function businessDaysBetween(from: string, to: string): number {
  if (from === to) return 0;
  const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  // A walk: reply-by dates are weeks away, not years.
  for (let d = shiftDate(a, 1); d <= b; d = shiftDate(d, 1)) if (isBusinessDay(d)) count++;
  return sign * count;
}

/** Today's date in Norway ('YYYY-MM-DD'), as the server reckons dates. */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
