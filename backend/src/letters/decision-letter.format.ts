import { formatDate, formatNumber, formatPct } from '../rulebook/format';
import type { LetterLang } from './decision-letter.types';

/**
 * Formatting for the letter. The numbers are the rulebook's (the same text as the grounds), with
 * no-break spaces so that an amount, a date or an organisation number never breaks over a line.
 * nb: "1 145 000 kr", "50 %", "27. november 2026", "Org.nr. 986 399 445".
 * en: "NOK 1,145,000", "50%", "27 November 2026", "Org. no. 986 399 445".
 */

export const NBSP = '\u00a0';

const unbreakable = (s: string): string => s.replace(/ /g, NBSP);

export function letterNok(lang: LetterLang, amount: number): string {
  const n = unbreakable(formatNumber(lang, amount, 0));
  return lang === 'nb' ? `${n}${NBSP}kr` : `NOK${NBSP}${n}`;
}

export function letterPct(lang: LetterLang, pct: number): string {
  return unbreakable(formatPct(lang, pct));
}

export function letterDate(lang: LetterLang, date: string): string {
  return unbreakable(formatDate(lang, date));
}

/** Norwegian organisation numbers are nine digits, written in groups of three. */
export function letterOrgNumber(orgNumber: string): string {
  const digits = orgNumber.replace(/\s/g, '');
  return /^\d{9}$/.test(digits) ? digits.replace(/(\d{3})(\d{3})(\d{3})/, `$1${NBSP}$2${NBSP}$3`) : orgNumber;
}
