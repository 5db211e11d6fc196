import { formatDate, formatEur, formatNumber, formatPct } from '../rulebook/format';
import type { LetterLang } from './decision-letter.types';

/**
 * Formatting for the letter. The numbers are the rulebook's, with no-break spaces so that an
 * amount, a date or an organisation number never breaks over a line.
 * nb: "1 145 000 kr", "50 %", "27. november 2026", "Org.nr. 986 399 445".
 * en: "NOK 1,145,000", "50%", "27 November 2026", "Org. no. 986 399 445".
 */

export const NBSP = '\u00a0';

/** A line may break here; it has no width and no glyph of its own (Noto Sans maps it to an empty one). */
export const ZWSP = '\u200b';

const unbreakable = (s: string): string => s.replace(/ /g, NBSP);

export function letterNok(lang: LetterLang, amount: number): string {
  const n = unbreakable(formatNumber(lang, amount, 0));
  return lang === 'nb' ? `${n}${NBSP}kr` : `NOK${NBSP}${n}`;
}

export function letterEur(lang: LetterLang, amount: number): string {
  return unbreakable(formatEur(lang, amount, true));
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

const MONTH =
  '(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|January|February|March|April|May|June|July|August|September|October|November|December)';

/**
 * Ordinary spaces that sit inside an amount, a percentage, a date or a legal reference, in any
 * text: the fixed wording is written with plain spaces so a lawyer can read it, and a caseworker
 * types "1 500 000 kr" with plain spaces too. Each is replaced by a no-break space, which looks the
 * same and keeps the figure on one line.
 */
const GLUED_SPACES: readonly RegExp[] = [
  /(?<=\d) (?=\d{3}(?!\d))/g, // 1 500 000
  /(?<=\d) (?=(?:kr|NOK|EUR|prosent|per cent)\b|%)/g, // 500 000 kr, 50 %
  /(?<=\b(?:kr|NOK|EUR)) (?=\d)/g, // NOK 1,500,000
  /(?<=§) (?=\d)/g, // § 18, §§ 28-29
  /(?<=\b(?:nr\.|No)) (?=\d)/g, // nr. 651/2014, No 651/2014
  new RegExp(`(?<=\\b\\d{1,2}\\.?) (?=${MONTH}\\b)`, 'g'), // 4. mai, 4 May
  new RegExp(`(?<=\\b${MONTH}) (?=\\d{4}\\b)`, 'g'), // mai 2026
];

export function keepFiguresTogether(text: string): string {
  return GLUED_SPACES.reduce((s, re) => s.replace(re, NBSP), text);
}

/**
 * Words longer than this get break opportunities. It is about what one line of the letter holds, so
 * a word that could stand on a line (a web address, say) is left whole and copies out of the PDF
 * as written, while a longer one, which must break anyway, breaks where it is cheap to.
 */
const LONGEST_WORD = 80;
/** Characters between two break opportunities inserted in an overlong word. */
const WORD_PIECE = 10;

/**
 * pdfkit's line breaking measures what is left of a word once per line it fills, which is
 * quadratic in the word's length: a pasted 19 000-character string took minutes. A run of more than
 * LONGEST_WORD characters without a break opportunity (no-break spaces join, so "1 000 000 kr" is
 * one run) gets a zero-width space every WORD_PIECE characters, which keeps the work linear and
 * changes nothing visible (a reader copying the text out gets a space there, since fontkit draws
 * it as a space of no width). Never before a combining mark or a joiner, so no letter loses its accent.
 */
export function breakOverlongWords(text: string): string {
  return text.replace(new RegExp(`[^ \\t\\n\\r${ZWSP}]{${LONGEST_WORD + 1},}`, 'gu'), (word) => {
    let out = '';
    let piece = 0;
    for (const ch of word) {
      if (piece >= WORD_PIECE && !/[\p{M}\u200c\u200d]/u.test(ch)) {
        out += ZWSP;
        piece = 0;
      }
      out += ch;
      piece++;
    }
    return out;
  });
}

/** Every text the letter draws goes through this, the fixed wording and the caseworker's alike. */
export function typeset(text: string): string {
  return breakOverlongWords(keepFiguresTogether(text));
}

const OSLO_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment (ISO 8601) in Norwegian time: "3. desember 2026 kl. 17:05", "3 December 2026 17:05". */
export function letterDateTime(lang: LetterLang, at: string): string {
  const parts = Object.fromEntries(OSLO_TIME.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}`;
  const date = letterDate(lang, `${parts.year}-${parts.month}-${parts.day}`);
  return lang === 'nb' ? `${date}${NBSP}kl.${NBSP}${time}` : `${date}${NBSP}${time}`;
}
