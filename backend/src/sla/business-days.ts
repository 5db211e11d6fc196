import Holidays from 'date-holidays';

/**
 * Norwegian business days: Monday to Friday, except public holidays
 * (helligdager, moving ones such as Easter and Whit Monday included), from
 * the maintained `date-holidays` calendar. Dates are 'YYYY-MM-DD' strings in
 * Norwegian time.
 */
const calendar = new Holidays('NO');
const holidaysByYear = new Map<number, Set<string>>();

function holidays(year: number): Set<string> {
  let set = holidaysByYear.get(year);
  if (!set) {
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, set);
  }
  return set;
}

export function isBusinessDay(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(d.getUTCFullYear()).has(date);
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const addedBusinessDays = new Map<string, string>();

/** The date `n` business days after `date` (the start date itself does not count). */
export function addBusinessDays(date: string, n: number): string {
  // Every application received on a day gets the same due date: remembered (bounded), as the
  // walk below runs for each intake.
  const key = `${date}+${n}`;
  const known = addedBusinessDays.get(key);
  if (known !== undefined) return known;
  const due = walkBusinessDays(date, n);
  if (addedBusinessDays.size >= 4096) addedBusinessDays.clear();
  addedBusinessDays.set(key, due);
  return due;
}

function walkBusinessDays(date: string, n: number): string {
  let current = date;
  let left = n;
  while (left > 0) {
    current = shift(current, 1);
    if (isBusinessDay(current)) left--;
  }
  return current;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** Weekdays (Monday to Friday) among day numbers [0, n): 1970-01-01, day 0, was a Thursday. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let d = weeks * 7; d < n; d++) {
    const weekday = (d + 4) % 7; // 0 = Sunday
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** Business days in the day range (a, b], with a <= b; arithmetic, not a walk, so years apart cost nothing. */
function businessDaysIn(a: string, b: string): number {
  let count = weekdaysBefore(dayNumber(b) + 1) - weekdaysBefore(dayNumber(a) + 1);
  for (let year = Number(a.slice(0, 4)); year <= Number(b.slice(0, 4)); year++) {
    for (const holiday of holidays(year)) {
      if (holiday > a && holiday <= b) {
        const weekday = new Date(`${holiday}T00:00:00Z`).getUTCDay();
        if (weekday !== 0 && weekday !== 6) count--;
      }
    }
  }
  return count;
}

/**
 * Business days from `from` to `to`: positive when `to` is later (days left),
 * negative when it has passed (days overdue), 0 on the day itself.
 */
export function businessDaysBetween(from: string, to: string): number {
  return from <= to ? businessDaysIn(from, to) : -businessDaysIn(to, from);
}

const osloDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

const HOUR = 3_600_000;
const osloDateByHour = new Map<number, string>();

/** The calendar date of an instant in Norwegian time. */
export function toOsloDate(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  // Norway is a whole number of hours from UTC, so its midnight falls on a whole UTC hour and
  // every instant of one UTC hour has the same Norwegian date: the ICU formatting runs once per hour.
  const hour = Math.floor(date.getTime() / HOUR);
  if (!(hour >= 0)) return osloDate.format(date); // before 1970 (Norway's offset was not always whole hours) or invalid
  let known = osloDateByHour.get(hour);
  if (known === undefined) {
    known = osloDate.format(date);
    if (osloDateByHour.size >= 4096) osloDateByHour.clear();
    osloDateByHour.set(hour, known);
  }
  return known;
}
