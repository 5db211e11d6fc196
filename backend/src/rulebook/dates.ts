/**
 * Calendar arithmetic on YYYY-MM-DD strings. No clock: every date comes from the input.
 * ISO dates compare correctly as strings, so comparisons use `<` on the strings.
 */

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** A valid calendar date written YYYY-MM-DD (hand-parsed: it runs for every line of every evaluation). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const y = digitsAt(value, 0, 4);
  const mo = digitsAt(value, 5, 7);
  const d = digitsAt(value, 8, 10);
  return y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

const OSLO = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The date of a timestamp in Norwegian time (docs/rules.md section 3). A bare date is returned as is;
 * a timestamp without an offset is taken as Norwegian local time (its own date part), so the
 * result never depends on the machine's time zone. Anything else gives null.
 */
export function osloDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (isIsoDate(value)) return value;
  const cached = OSLO_CACHE.get(value);
  if (cached !== undefined) return cached;
  const date = computeOsloDate(value);
  // A bounded memo of a pure function: formatting through ICU is the slowest step of an evaluation.
  if (OSLO_CACHE.size >= 1024) OSLO_CACHE.clear();
  OSLO_CACHE.set(value, date);
  return date;
}

const OSLO_CACHE = new Map<string, string | null>();

function computeOsloDate(value: string): string | null {
  const m = TIMESTAMP.exec(value);
  if (!m || !isIsoDate(m[1])) return null;
  if (m[2] === undefined) return m[1];
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  let y = '';
  let mo = '';
  let d = '';
  for (const part of OSLO.formatToParts(instant)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') mo = part.value;
    else if (part.type === 'day') d = part.value;
  }
  return `${y.padStart(4, '0')}-${mo}-${d}`;
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The date `months` calendar months later. A day that does not exist in the target month becomes
 * that month's last day, as deadlines counted in months or years end under domstolloven § 148.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return fmt(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The last day of a period of `months` months that starts on `start`: the day before the same
 * day `months` later, where a period starting on the 1st runs to a month's end (1 March + 1
 * month ends 31 March) and a day missing in the target month becomes its last day (31 January
 * + 1 month ends 28 February).
 */
export function periodEnd(start: string, months: number): string {
  const anchor = addDays(start, -1);
  const [y, m, d] = parts(anchor);
  if (d === daysInMonth(y, m)) {
    const total = y * 12 + (m - 1) + months;
    const ty = Math.floor(total / 12);
    const tm = total - ty * 12 + 1;
    return fmt(ty, tm, daysInMonth(ty, tm));
  }
  return addMonths(anchor, months);
}

/**
 * The length of the period from `start` to `end`, both days included, in whole months rounded up
 * (at least 1): 2026-04-01 to 2027-09-30 is 18 months, to 2027-10-01 it is 19. Null when end is
 * before start.
 */
export function monthsInclusiveRoundedUp(start: string, end: string): number | null {
  if (end < start) return null;
  const [sy, sm] = parts(start);
  const [ey, em] = parts(end);
  let n = Math.max(1, (ey - sy) * 12 + (em - sm) - 1);
  while (periodEnd(start, n) < end) n++;
  return n;
}
