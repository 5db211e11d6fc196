import { formatNumber } from '@angular/common';
import { Injectable } from '@angular/core';
import { DefaultTranspiler, TranspileParams } from '@jsverse/transloco';
import { isLanguage } from './language.service';
import { localeOf } from './locales';

/** A text with an ICU argument of plural or select type: `{count, plural, one {…} other {…}}`. */
const ICU_ARGUMENT = /\{\s*[\w.]+\s*,\s*(plural|select)\s*,/;

/**
 * ICU MessageFormat's plural and select, for the console's texts ("{count, plural, one {# linje}
 * other {# linjer}}"), on the browser's Intl.PluralRules. @jsverse/transloco-messageformat would do
 * this too, but its @messageformat/core compiles each message with `new Function`, which the
 * console's Content-Security-Policy (script-src 'self') refuses.
 *
 * A text with an ICU argument is formatted as ICU alone: its parameters are written `{name}`, and
 * transloco's `{{ name }}` is not used in it. Every other text is interpolated as transloco always
 * does. `#` in a plural branch is the number in the language's format ("1 250" / "1,250").
 */
@Injectable()
export class IcuTranspiler extends DefaultTranspiler {
  private locale = localeOf('nb');

  override transpile(params: TranspileParams): unknown {
    const { value } = params;
    if (typeof value === 'string' && ICU_ARGUMENT.test(value)) {
      return formatIcu(value, (params.params ?? {}) as Record<string, unknown>, this.locale);
    }
    return super.transpile(params);
  }

  onLangChanged(lang: string): void {
    if (isLanguage(lang)) this.locale = localeOf(lang);
  }
}

/** Formats an ICU message (simple `{name}`, `plural` with `=N`/categories/`#`, and `select`). */
export function formatIcu(
  message: string,
  params: Record<string, unknown>,
  locale: string,
  pound?: string,
): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const ch = message[i];
    if (ch === '{') {
      const end = matchingBrace(message, i);
      if (end < 0) return out + message.slice(i);
      out += formatArgument(message.slice(i + 1, end), params, locale);
      i = end + 1;
    } else if (ch === '#' && pound !== undefined) {
      out += pound;
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function formatArgument(body: string, params: Record<string, unknown>, locale: string): string {
  const simple = /^\s*([\w.]+)\s*$/.exec(body);
  if (simple) return String(params[simple[1]] ?? '');
  const complex = /^\s*([\w.]+)\s*,\s*(plural|select)\s*,([\s\S]*)$/.exec(body);
  if (!complex) return `{${body}}`;
  const [, name, kind, rest] = complex;
  const branches = parseBranches(rest);
  const value = params[name];
  if (kind === 'select') {
    const branch = branches.get(String(value)) ?? branches.get('other') ?? '';
    return formatIcu(branch, params, locale);
  }
  const n = typeof value === 'number' ? value : Number(value);
  const exact = branches.get(`=${n}`);
  const category = Number.isFinite(n) ? new Intl.PluralRules(locale).select(n) : 'other';
  const branch = exact ?? branches.get(category) ?? branches.get('other') ?? '';
  const pound = Number.isFinite(n) ? formatNumber(n, locale, '1.0-2') : String(value ?? '');
  return formatIcu(branch, params, locale, pound);
}

/** "one {# linje} other {# linjer}" → one → "# linje", other → "# linjer". */
function parseBranches(text: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const selector = /^\s*([^\s{]+)\s*\{/.exec(text.slice(i));
    if (!selector) break;
    const open = i + selector[0].length - 1;
    const close = matchingBrace(text, open);
    if (close < 0) break;
    branches.set(selector[1], text.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
