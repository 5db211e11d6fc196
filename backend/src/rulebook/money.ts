/**
 * Rounding (docs/rules.md section 3): a computed NOK amount is rounded half up to whole kroner, a
 * maximum aid amount is rounded down, EUR figures keep two decimals.
 *
 * Binary floating point turns e.g. 0.5 x 2.5 x ... into 1234.4999999999998; `clean` first drops
 * everything past 15 significant digits (the precision a double reliably carries), so exact
 * decimal halves round as a person computing by hand would round them.
 */

export function clean(x: number): number {
  if (Number.isInteger(x)) return x === 0 ? 0 : x;
  const c = Number(x.toPrecision(15));
  return c === 0 ? 0 : c;
}

/** Half up, that is half away from zero (amounts in the rulebook are never negative). */
export function roundHalfUp(x: number, decimals = 0): number {
  if (Number.isInteger(x)) return x === 0 ? 0 : x;
  const f = 10 ** decimals;
  const c = clean(x * f);
  const r = (Math.sign(c) * Math.floor(Math.abs(c) + 0.5)) / f;
  return r === 0 ? 0 : r;
}

export function roundDown(x: number): number {
  const r = Math.floor(clean(x));
  return r === 0 ? 0 : r;
}

export function nokToEur(nok: number, nokPerEur: number): number {
  return roundHalfUp(nok / nokPerEur, 2);
}

/** The maximum aid: eligible costs x intensity, rounded down to whole kroner. */
export function maxAid(eligibleNok: number, intensityPct: number): number {
  return roundDown((eligibleNok * intensityPct) / 100);
}

/** A finite number, or null for anything else (absent, null, NaN, a string). */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
