import Ajv, { ErrorObject } from 'ajv';
import { FieldError } from '../../common/problem';
import { EARLIEST_DATE, isCalendarDate, LATEST_DATE, TEXT_MESSAGES, textFault } from '../../common/validation';
import { isValidOrgNumber } from './org-number';
import { INTAKE_SCHEMA, ONE_LINE_TEXT, PROSE_TEXT } from './intake.schema';
import type { IntakeDocument } from './application-document';

/** Submissions stamped up to this far ahead of our clock are accepted (clock skew between portal and us). */
const CLOCK_SKEW_MS = 60_000;

// multipleOf 0.01 (two decimals) is checked on value / 0.01 within 1e-9 of a whole number, so that
// 12.34 (1233.9999999999998 hundredths in binary) passes and 12.345 does not.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, multipleOfPrecision: 9 });
// The contract's date: a real calendar date from 1900-01-01 to 2100-12-31 (PostgreSQL refuses year 0).
ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
ajv.addFormat('received-at', { type: 'string', validate: isReceivedAt });
ajv.addFormat('org-number', { type: 'string', validate: isValidOrgNumber });
const validateSchema = ajv.compile(INTAKE_SCHEMA);

const FORMAT_MESSAGES: Record<string, string> = {
  'org-number': 'must be nine digits with a valid modulus-11 check digit',
  date: `must be a real date as YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`,
  'received-at':
    'must be an RFC 3339 timestamp YYYY-MM-DDThh:mm:ss, optionally with a fraction, then Z or ±hh:mm, a real date from 2000 on, e.g. 2026-03-02T10:15:00Z',
};

const RECEIVED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * `receivedAt` as docs/intake.md states it: RFC 3339 with seconds, an optional fraction, then `Z`
 * or `±hh:mm`; no space for `T`, no lower-case letters, no `±hh` or `±hhmm` offset, no leap second;
 * a real calendar date from the year 2000 on. The rulebook reads every timestamp this accepts.
 */
export function isReceivedAt(value: string): boolean {
  const m = RECEIVED_AT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year < 2000 || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
}

/** Every problem with a submitted document, each naming the field by its JSONPath; empty when it is valid. */
export function validateIntake(body: unknown, now = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  if (!validateSchema(body)) errors.push(...(validateSchema.errors ?? []).flatMap(describe));
  // The schema's text patterns refuse control characters; an unpaired surrogate is a code point
  // to a regular expression, so it is looked for here (PostgreSQL refuses it in json and text).
  errors.push(...unpairedSurrogates(body));
  if (errors.length === 0) errors.push(...crossFieldErrors(body as IntakeDocument, now));
  return dedupe(errors);
}

/** Every string of the document (values and field names) holding an unpaired UTF-16 surrogate. */
function unpairedSurrogates(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (typeof v === 'string') {
      if (textFault(v, { lineBreaks: true }) === TEXT_MESSAGES.surrogate) errors.push({ path, message: TEXT_MESSAGES.surrogate });
    } else if (v !== null && typeof v === 'object' && depth < 8) {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      else for (const [k, x] of Object.entries(v)) walk(x, child(path, k), depth + 1);
    }
  };
  walk(body, '$', 0);
  return errors;
}

function describe(e: ErrorObject): FieldError[] {
  const path = toJsonPath(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties':
      return [{ path: child(path, e.params.additionalProperty), message: 'unknown field' }];
    case 'required':
      return [{ path: child(path, e.params.missingProperty), message: 'is required' }];
    case 'enum':
      return [{ path, message: `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}` }];
    case 'format':
      return [{ path, message: FORMAT_MESSAGES[e.params.format] ?? `must be a valid ${e.params.format}` }];
    case 'anyOf':
      return [{ path, message: `must be a real date as YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}, or null` }];
    case 'pattern':
      return [{ path, message: patternMessage(path, e.params.pattern) }];
    case 'multipleOf':
      return [{ path, message: 'must have at most two decimals' }];
    case 'maximum':
      return [{ path, message: `must be at most ${e.params.limit}` }];
    case 'minimum':
      return [{ path, message: `must be at least ${e.params.limit}` }];
    case 'exclusiveMinimum':
      return [{ path, message: `must be above ${e.params.limit}` }];
    case 'type':
      return [{ path, message: `must be ${article(e.params.type)}` }];
    default:
      return [{ path, message: e.message ?? 'is not valid' }];
  }
}

function crossFieldErrors(doc: IntakeDocument, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (Date.parse(doc.receivedAt) > now.getTime() + CLOCK_SKEW_MS) {
    errors.push({ path: '$.receivedAt', message: 'must not be in the future' });
  }
  const { startDate, endDate } = doc.project;
  if (startDate && endDate && endDate < startDate) {
    errors.push({ path: '$.project.endDate', message: `must be on or after startDate (${startDate})` });
  }
  const years = new Set<number>();
  (doc.applicant.financials ?? []).forEach((f, i) => {
    if (years.has(f.year)) {
      errors.push({ path: `$.applicant.financials[${i}].year`, message: `year ${f.year} is given twice; years must be distinct` });
    }
    years.add(f.year);
  });
  return errors;
}

function toJsonPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : child(acc, s)), '$');
}

function child(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function patternMessage(path: string, pattern: string): string {
  if (pattern === ONE_LINE_TEXT) return 'must not contain control characters (such as NUL, tab or a line break)';
  if (pattern === PROSE_TEXT) return 'must not contain control characters other than tab and line breaks (such as NUL)';
  if (path === '$.externalRef') return 'must be 1-64 characters of letters, digits and - _ / .';
  if (path.endsWith('.naceCode')) return 'must be a NACE code as NN.NNN or NN.NN';
  return 'has the wrong format';
}

function article(type: string): string {
  const map: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return map[type] ?? type;
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
