import type { FieldError } from '../problem';
import { textFault } from './text';

/**
 * Limits every request meets before it reaches a route, whatever the route (docs/intake.md,
 * "Limits that hold for every field", and docs/api.md): each is a 400 naming the JSON path, never
 * a 5xx from deeper down (PostgreSQL refusing NUL or an unpaired surrogate, a bigint overflowing,
 * a validator recursing through a body nested thousands deep).
 */

/** The largest JSON body taken (2 MiB); an application with every list at its maximum is far below it. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;

/** Objects and arrays nest at most this deep, the document itself counting as the first level. */
export const MAX_JSON_DEPTH = 8;

/** Beyond this a JSON number is no longer exact in JavaScript, nor does every integer column hold it. */
const LARGEST_NUMBER = Number.MAX_SAFE_INTEGER;

/** A request with thousands of bad values gets the first ones named, not a list as long as the body. */
const MAX_ERRORS = 50;

export const LIMIT_MESSAGES = {
  depth: `nests too deep: objects and arrays go at most ${MAX_JSON_DEPTH} levels deep`,
  number: `must be a number from -${LARGEST_NUMBER} to ${LARGEST_NUMBER}`,
  key: 'is a field name with a character that is not allowed',
} as const;

/**
 * Where a JSON text first nests deeper than `max` levels, as the JSON path of the object or array
 * that is one level too many, or null. Read straight from the text, so a body nested a million
 * levels deep is refused without building it (JSON.parse takes a fifth of a second on one).
 * Text that is not JSON gives null here and its parse error later.
 */
export function depthFault(text: string, max = MAX_JSON_DEPTH): string | null {
  // Each open container: an array with the index of its current element, or an object with the
  // key of its current member (null before the first key).
  const stack: ({ array: true; index: number } | { array: false; key: string | null; expectKey: boolean })[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          return null;
        }
        top.expectKey = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= max) return pathOf(stack);
      stack.push(c === 0x5b ? { array: true, index: 0 } : { array: false, key: null, expectKey: true });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    }
  }
  return null;
}

function pathOf(stack: ({ array: true; index: number } | { array: false; key: string | null })[]): string {
  let path = '$';
  for (const s of stack) path = s.array ? `${path}[${s.index}]` : childPath(path, s.key ?? '');
  return path;
}

/** A member's JSON path: `$.name`, or `$["odd name"]` for a name that is not an identifier. */
export function childPath(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/**
 * What is wrong in a parsed JSON body: every text (values and field names) holding NUL, an
 * unpaired surrogate or a control character other than tab and line breaks, every number beyond
 * ±(2^53 - 1), and nesting deeper than MAX_JSON_DEPTH. Each names its JSON path.
 */
export function jsonFaults(value: unknown, maxDepth = MAX_JSON_DEPTH): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (errors.length >= MAX_ERRORS) return;
    if (typeof v === 'string') {
      const fault = textFault(v, { lineBreaks: true });
      if (fault) errors.push({ path, message: fault });
    } else if (typeof v === 'number') {
      if (!(Math.abs(v) <= LARGEST_NUMBER)) errors.push({ path, message: LIMIT_MESSAGES.number });
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) {
        errors.push({ path, message: LIMIT_MESSAGES.depth });
      } else if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
      } else {
        for (const key of Object.keys(v)) {
          const child = childPath(path, key);
          if (textFault(key, { lineBreaks: false })) errors.push({ path: child, message: LIMIT_MESSAGES.key });
          else walk((v as Record<string, unknown>)[key], child, depth + 1);
        }
      }
    }
  };
  walk(value, '$', 0);
  return errors;
}

/**
 * What is wrong in a request's query parameters and path parameters: a name or value holding NUL,
 * an unpaired surrogate or any control character. Each is named as `$.<parameter>`, as the
 * routes name their parameters.
 */
export function parameterFaults(...sources: unknown[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const source of sources) {
    if (source === null || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source)) {
      if (errors.length >= MAX_ERRORS) return errors;
      const path = childPath('$', name);
      if (textFault(name, { lineBreaks: false })) {
        errors.push({ path, message: LIMIT_MESSAGES.key });
        continue;
      }
      for (const v of Array.isArray(value) ? value : [value]) {
        const fault = typeof v === 'string' ? textFault(v, { lineBreaks: false }) : null;
        if (fault) {
          errors.push({ path, message: fault });
          break;
        }
      }
    }
  }
  return errors;
}
