import { AbstractControl, ValidationErrors } from '@angular/forms';

/**
 * The longest word the server takes in free text that can reach a letter or a screen (a letter
 * cannot wrap a longer one); it refuses more with a 400 naming the field.
 */
export const MAX_WORD_LENGTH = 200;

const LONG_WORD = new RegExp(`\\S{${MAX_WORD_LENGTH + 1}}`, 'u');

/** Whether a text has a word (a run without white space) of more than 200 characters, counted as the server counts them. */
export function hasLongWord(text: string): boolean {
  return text.length > MAX_WORD_LENGTH && LONG_WORD.test(text);
}

/** The check the server makes on free text, made as the user types: `{ longWord: { max: 200 } }`. */
export function boundedWords(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  return typeof value === 'string' && hasLongWord(value)
    ? { longWord: { max: MAX_WORD_LENGTH } }
    : null;
}
