import { roundHalfUp } from './money';
import type { LocalizedText } from './types';

/**
 * Deterministic number and date formatting for explanations. Hand-written rather than Intl so
 * the text never depends on the ICU data shipped with a given Node build.
 * nb: "1 500 000 kr", "8 834 782,61 EUR", "50 %", "2. mars 2026".
 * en: "NOK 1,500,000", "EUR 8,834,782.61", "50%", "2 March 2026".
 */

export type Lang = 'nb' | 'en';

const SEP: Record<Lang, { thousands: string; decimal: string }> = {
  nb: { thousands: ' ', decimal: ',' },
  en: { thousands: ',', decimal: '.' },
};

const MONTHS: Record<Lang, readonly string[]> = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function group(digits: string, sep: string): string {
  const n = digits.length;
  if (n <= 3) return digits;
  const head = n % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < n; i += 3) out += sep + digits.slice(i, i + 3);
  return out;
}

/**
 * A number with `decimals` places; `fixed` keeps trailing zeros (money), otherwise they are
 * dropped (43.5 AWU, 7.5 ratio).
 */
export function formatNumber(lang: Lang, x: number, decimals = 0, fixed = false): string {
  if (Number.isInteger(x) && !(fixed && decimals > 0)) {
    if (x >= 0 && x < 1000) return x === 0 ? '0' : String(x); // -0 is 0
    return (x < 0 ? '-' : '') + group(String(Math.abs(x)), lang === 'nb' ? ' ' : ',');
  }
  const r = roundHalfUp(x, decimals);
  // r has at most `decimals` decimals, so scaling it gives an exact integer.
  const f = 10 ** decimals;
  const scaled = Math.round(Math.abs(r) * f);
  let int: string;
  let frac: string;
  if (Number.isSafeInteger(scaled)) {
    int = String(Math.floor(scaled / f));
    frac = decimals > 0 ? String(scaled % f).padStart(decimals, '0') : '';
  } else {
    [int, frac = ''] = Math.abs(r).toFixed(decimals).split('.');
  }
  if (!fixed) {
    let end = frac.length;
    while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
  }
  return (r < 0 ? '-' : '') + group(int, SEP[lang].thousands) + (frac ? SEP[lang].decimal + frac : '');
}

export function formatNok(lang: Lang, x: number): string {
  const n = formatNumber(lang, x, 0);
  return lang === 'nb' ? `${n} kr` : `NOK ${n}`;
}

/** A no-break space (U+00A0). */
export const NBSP = '\u00a0';

/**
 * NOK as formatNok writes it, with no-break spaces between the groups and beside the currency,
 * so the amount never breaks across lines: "1 145 000 kr", "NOK 1,145,000".
 */
export function formatNokUnbroken(lang: Lang, x: number): string {
  return formatNok(lang, x).replace(/ /g, NBSP);
}

/** EUR with two decimals; `whole` drops them for round figures such as thresholds. */
export function formatEur(lang: Lang, x: number, whole = false): string {
  const n = whole && Number.isInteger(x) ? formatNumber(lang, x, 0) : formatNumber(lang, x, 2, true);
  return lang === 'nb' ? `${n} EUR` : `EUR ${n}`;
}

export function formatPct(lang: Lang, x: number, decimals = 2): string {
  const n = formatNumber(lang, x, decimals);
  return lang === 'nb' ? `${n} %` : `${n}%`;
}

export function formatDate(lang: Lang, date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return lang === 'nb' ? `${d}. ${MONTHS.nb[m - 1]} ${y}` : `${d} ${MONTHS.en[m - 1]} ${y}`;
}

/** "a, b og c" / "a, b and c". */
export function formatList(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'nb' ? ' og ' : ' and ';
  return items.slice(0, -1).join(', ') + and + items[items.length - 1];
}

export function quote(lang: Lang, s: string): string {
  return lang === 'nb' ? `«${s}»` : `"${s}"`;
}

/** Builds a text in both languages from one function, for texts that differ only in formatting. */
export function both(f: (lang: Lang) => string): LocalizedText {
  return { nb: f('nb'), en: f('en') };
}

export function text(nb: string, en: string): LocalizedText {
  return { nb, en };
}

export function joinTexts(parts: readonly LocalizedText[], sep = ' '): LocalizedText {
  return { nb: parts.map((p) => p.nb).join(sep), en: parts.map((p) => p.en).join(sep) };
}
