import { Injectable } from '@angular/core';
import { DefaultTranspiler, TranspileParams } from '@jsverse/transloco';
import { formatIcu } from './icu-format';
import { isLanguage } from './language.service';
import { localeOf } from './locales';

/** A text with an ICU argument of plural or select type: `{count, plural, one {…} other {…}}`. */
const ICU_ARGUMENT = /\{\s*[\w.]+\s*,\s*(plural|select)\s*,/;

/**
 * ICU MessageFormat's plural and select, for the console's texts ("{count, plural, one {# linje}
 * other {# linjer}}"), by FormatJS's intl-messageformat (icu-format.ts). @jsverse/transloco-messageformat
 * would plug in directly, but its @messageformat/core compiles each message with `new Function`,
 * which the console's Content-Security-Policy (script-src 'self') refuses.
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

export { formatIcu };
