import { Problem, normalisePath, problemCode } from './problem';

/** Translates a key with parameters (transloco's translate, or a test's stand-in). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * The server's field messages (class-validator's and our own, in English) by what they say, each
 * with the console's words for it. The first that matches wins; anything else "is not valid".
 */
const FIELD_MESSAGES: { pattern: RegExp; key: string }[] = [
  // Every free-text field (backend common/validation/text.ts).
  { pattern: /a word may be at most (?<max>\d+) characters/, key: 'errors.longWord' },
  { pattern: /must not contain control characters/, key: 'errors.controlCharacters' },
  { pattern: /must not contain the NUL character/, key: 'errors.controlCharacters' },
  { pattern: /must be valid Unicode/, key: 'errors.invalidText' },
  {
    pattern:
      /must not be empty|should not be empty|is required|^say |^give |^name the|must say|is missing/,
    key: 'errors.field.required',
  },
  { pattern: /must not be in the future/, key: 'errors.field.future' },
  {
    pattern: /(?:at most|shorter than or equal to) (?<max>\d+) characters/,
    key: 'errors.field.maxLength',
  },
  { pattern: /whole kroner/, key: 'errors.field.wholeKroner' },
  { pattern: /must not be less than (?<min>-?[\d.]+)/, key: 'errors.field.min' },
  { pattern: /must not be greater than (?<max>-?[\d.]+)/, key: 'errors.field.max' },
  {
    pattern: /must be an? (integer|number)|decimals|conforming to the specified constraints/,
    key: 'errors.field.number',
  },
  { pattern: /date|YYYY-MM-DD/i, key: 'errors.field.date' },
  { pattern: /^unknown field$|should not exist/, key: 'errors.field.unknown' },
];

/** The server's message about one field, in the console's words ("må fylles ut"). */
export function fieldMessageText(message: string, t: Translate): string {
  for (const { pattern, key } of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(key, match.groups ?? {});
  }
  return t('errors.field.invalid');
}

/** The field a server path names, by its label ("$.reductionReason" → "Begrunnelse for lavere beløp"). */
export function fieldLabel(path: string, t: Translate): string {
  const segments = normalisePath(path)
    .split('.')
    .filter((s) => s && !/^\d+$/.test(s));
  const name = segments.at(-1);
  const key = `errors.fieldLabel.${name}`;
  const label = name ? t(key) : key;
  return label === key ? t('errors.fieldLabel.default') : label;
}

/** "Begrunnelse for lavere beløp: må fylles ut." */
export function labelledFieldMessage(path: string, message: string, t: Translate): string {
  return sentence(t('errors.fieldMessage', { field: fieldLabel(path, t), message }));
}

/** "må fylles ut" → "Må fylles ut." (a message standing on its own, under a field). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const first = trimmed[0].toLocaleUpperCase() + trimmed.slice(1);
  return /[.!?:]$/.test(first) ? first : `${first}.`;
}

/**
 * The console's words for a problem: by its code (errors.problem.<code>), else by its status
 * (errors.problem.http-<status>), else a general failure. Never the server's title or detail,
 * which are English and written for developers.
 */
export function problemText(problem: Problem, t: Translate): string {
  const code = problemCode(problem);
  const candidates = [
    code ? `errors.problem.${code}` : null,
    `errors.problem.http-${problem.status}`,
    problem.status >= 500 ? 'errors.problem.internal' : null,
  ];
  for (const key of candidates) {
    if (!key) continue;
    const text = t(key);
    if (text !== key && text) return text;
  }
  return t('errors.unexpected');
}
