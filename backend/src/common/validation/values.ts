import { registerDecorator, ValidationOptions } from 'class-validator';

/** The dates the system takes anywhere (docs/intake.md): real calendar dates in these years. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/**
 * A real calendar date written `YYYY-MM-DD`, from 1900-01-01 to 2100-12-31. PostgreSQL's date
 * refuses year 0000 and 2026-13-45; the contract keeps dates to years a case can be about.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (value < EARLIEST_DATE || value > LATEST_DATE || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `@IsCalendarDate()`: a real date as YYYY-MM-DD from 1900-01-01 to 2100-12-31. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a real date as YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`, ...options },
      validator: { validate: isCalendarDate },
    });
  };
}

/**
 * Whether a number has at most `places` decimals, read from its shortest decimal text (what JSON
 * carries). class-validator's `IsNumber({ maxDecimalPlaces })` throws on exponent notation
 * (`1e-300`), which answered 500.
 */
export function hasAtMostDecimals(value: number, places: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (Number.isInteger(value)) return true;
  const text = String(Math.abs(value));
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) {
    // d.ddd e-n: the digits after the point plus n.
    const mantissa = text.slice(0, text.indexOf('e'));
    return (mantissa.split('.')[1]?.length ?? 0) + Number(exponent[1]) <= places;
  }
  return (text.split('.')[1]?.length ?? 0) <= places;
}

/** `@MaxDecimals(4)`: a finite number with at most this many decimals. */
export function MaxDecimals(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'maxDecimals',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [places],
      options: { message: `${String(propertyName)} must be a number with at most ${places} decimals`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'number' && hasAtMostDecimals(value, places) },
    });
  };
}
