import { createHash } from 'node:crypto';
import type { CaseSnapshot, EvaluationContext } from './types';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * JSON.stringify writes them. For the plain data the rulebook hashes this is RFC 8785 (JCS).
 * As in JSON.stringify, object properties whose value is undefined are left out, so an absent
 * field and an undefined one hash alike; null is a value and hashes differently from absence.
 * Non-finite numbers, bigints, functions and symbols have no JSON form and throw.
 */
export function canonicalJson(value: unknown): string {
  try {
    // Fast path: copy with sorted keys, then let the native serialiser write it.
    return JSON.stringify(sortedCopy(value));
  } catch (e) {
    if (e !== INDEX_KEY && !(e instanceof NoJsonForm)) throw e;
    // JavaScript puts integer-like keys ("2", "10") first in numeric order whatever the insertion
    // order, so objects with such keys are written by hand; so is a value without a JSON form, to
    // name its path in the error.
    return write(value);
  }
}

/**
 * Insertion sort by UTF-16 code units, the order of Array.prototype.sort without a comparator:
 * objects have few keys, and for them this is markedly faster than the generic sort.
 */
function sortKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

const INDEX_KEY = Symbol('index-like key');
const INDEX_LIKE = /^(?:0|[1-9]\d{0,9})$/;

function sortedCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return write(value);
      return value;
    case 'object': {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return sortedCopy((value as { toJSON(): unknown }).toJSON());
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          out[i] = v === undefined || typeof v === 'function' ? null : sortedCopy(v);
        }
        return out;
      }
      const keys = sortKeys(Object.keys(value));
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const c0 = k.charCodeAt(0);
        if (c0 >= 48 && c0 <= 57 && INDEX_LIKE.test(k)) throw INDEX_KEY;
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        // Assigning "__proto__" would set the copy's prototype instead of a key (JSON.parse makes it an own key).
        if (k === '__proto__') Object.defineProperty(out, k, { value: sortedCopy(v), enumerable: true, writable: true, configurable: true });
        else out[k] = sortedCopy(v);
      }
      return out;
    }
    default:
      return write(value);
  }
}

/** A value without a JSON form; the path is filled in on the way out, so the happy path builds none. */
class NoJsonForm extends TypeError {
  constructor(
    readonly what: string,
    readonly path: string,
  ) {
    super(`canonicalJson: ${what} has no JSON form at value${path}`);
  }
  under(segment: string): NoJsonForm {
    return new NoJsonForm(this.what, segment + this.path);
  }
}

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NoJsonForm(String(value), '');
      return JSON.stringify(value);
    case 'object': {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON());
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          if (i > 0) out += ',';
          try {
            out += v === undefined || typeof v === 'function' ? 'null' : write(v);
          } catch (e) {
            throw e instanceof NoJsonForm ? e.under(`[${i}]`) : e;
          }
        }
        return out + ']';
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        let written: string;
        try {
          written = write(v);
        } catch (e) {
          throw e instanceof NoJsonForm ? e.under(`.${k}`) : e;
        }
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + written;
        first = false;
      }
      return out + '}';
    }
    default:
      throw new NoJsonForm(typeof value, '');
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The evaluation's `inputHash`: SHA-256 of the canonical JSON of the snapshot, the context and the parameter set's id. */
export function hashInput(snapshot: CaseSnapshot, context: EvaluationContext, parameterSetId: string): string {
  return sha256Hex(canonicalJson({ snapshot, context, parameterSet: parameterSetId }));
}
