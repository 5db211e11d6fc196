/* eslint-disable no-control-regex -- these patterns find control characters, which is their purpose */
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * What text may hold, wherever it comes from (docs/intake.md, "Limits that hold for every field"):
 * valid Unicode (no unpaired UTF-16 surrogate, which PostgreSQL's json and text refuse), no NUL
 * (PostgreSQL's text cannot hold it) and no other control character. Tab and line breaks are
 * allowed where a person writes prose (descriptions, notes, rationales).
 */

/** The longest word a person may enter in free text that can reach a letter or a screen. */
export const MAX_WORD_LENGTH = 200;

/** Control characters (Unicode category Cc): C0, DEL and C1. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same without tab, line feed and carriage return. */
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A run of more than MAX_WORD_LENGTH characters (code points) without white space. */
const LONG_WORD = new RegExp(`\\S{${MAX_WORD_LENGTH + 1}}`, 'u');

export const TEXT_MESSAGES = {
  nul: 'must not contain the NUL character (U+0000)',
  surrogate: 'must be valid Unicode (it holds an unpaired UTF-16 surrogate)',
  control: 'must not contain control characters',
  controlButLineBreaks: 'must not contain control characters other than tab and line breaks',
  longWord: `a word may be at most ${MAX_WORD_LENGTH} characters`,
} as const;

/**
 * What is wrong with a text, or null when nothing is: NUL, an unpaired surrogate, or a control
 * character (tab, line feed and carriage return only where `lineBreaks` allows them).
 */
export function textFault(value: string, options: { lineBreaks: boolean }): string | null {
  // The common case first and cheaply: printable text without surrogates at all.
  if (!/[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]/.test(value)) return null;
  if (value.includes('\u0000')) return TEXT_MESSAGES.nul;
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.surrogate;
  if (options.lineBreaks) return CONTROL_BUT_LINE_BREAKS.test(value) ? TEXT_MESSAGES.controlButLineBreaks : null;
  return CONTROL.test(value) ? TEXT_MESSAGES.control : null;
}

/** Whether a text has a word (a run without white space) longer than MAX_WORD_LENGTH characters. */
export function hasLongWord(value: string, max = MAX_WORD_LENGTH): boolean {
  if (value.length <= max) return false;
  return max === MAX_WORD_LENGTH ? LONG_WORD.test(value) : new RegExp(`\\S{${max + 1}}`, 'u').test(value);
}

/**
 * Free text a person enters that can reach a letter or a screen: no word longer than 200
 * characters (a letter or a table cannot wrap it), checked where the text is entered. A value
 * that is not a string is left to the field's other rules (`@IsString()`), so this goes beside them:
 *
 * ```ts
 * @IsString()
 * @MaxLength(2000)
 * @BoundedWords()
 * reason: string;
 * ```
 *
 * A word is a run of characters without white space; its length is counted in Unicode code points.
 * The message is "a word may be at most 200 characters", under the field's JSON path.
 */
export function BoundedWords(max = MAX_WORD_LENGTH, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'boundedWords',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max],
      options: { message: `a word may be at most ${max} characters`, ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasLongWord(value, max),
      },
    });
  };
}
