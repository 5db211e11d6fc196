import { IntlMessageFormat } from 'intl-messageformat';

/** Compiled messages, per language and text: a text is parsed once. */
const compiled = new Map<string, IntlMessageFormat>();

/**
 * Formats an ICU message ("{count, plural, one {# linje} other {# linjer}}", select, `=N`, nested
 * arguments) with FormatJS's intl-messageformat, which interprets the parsed message rather than
 * compiling it to code, so the console's Content-Security-Policy (script-src 'self') allows it.
 * `#` is the number in the language's format ("1 250" / "1,250"). Tags are text, not markup. A
 * message that cannot be formatted (a parameter missing) is shown as it is, never thrown.
 *
 * Free of Angular, so the browser journeys (test/support/console-app.ts) read texts with it too.
 */
export function formatIcu(
  message: string,
  params: Record<string, unknown>,
  locale: string,
): string {
  const key = `${locale}\u0000${message}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
    compiled.set(key, format);
  }
  try {
    return String(format.format(params as Record<string, string | number>));
  } catch {
    return message;
  }
}
