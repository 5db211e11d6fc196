import { hash } from 'node:crypto';
import type { CaseSnapshot, EvaluationContext } from './types';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * JSON.stringify writes them. For the plain data the rulebook hashes this is RFC 8785 (JCS).
 * As in JSON.stringify, object properties whose value is undefined are left out, so an absent
 * field and an undefined one hash alike; null is a value and hashes differently from absence.
 * Non-finite numbers, bigints, functions and symbols have no JSON form and throw.
 */
export function canonicalJson(value: unknown): string {
  // Input that is already in canonical order (keys sorted at every level, plain data only) is
  // written by the native serialiser as it is; a check that allocates nothing decides that.
  // Anything else goes through the writer below, which sorts as it writes.
  return inCanonicalOrder(value) ? JSON.stringify(value) : write(value);
}

/**
 * True when JSON.stringify(value) is already canonical: plain objects and arrays of strings,
 * finite numbers, booleans and null, with every object's keys in strictly increasing code-unit
 * order and no undefined, function or index-like key (JavaScript enumerates index-like keys such
 * as "10" first in numeric order, so those always take the writer).
 */
function inCanonicalOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return plainScalar(value);
  // JSON.stringify would call a toJSON (own non-enumerable ones and arrays' included) and write its result unsorted.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      // Scalars are checked inline: most values are, and a call per value is most of the cost.
      if (typeof v === 'object' && v !== null ? !inCanonicalOrder(v) : !plainScalar(v)) return false;
    }
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  let previous: string | null = null;
  // for-in on a plain object enumerates its own keys (Object.prototype has no enumerable ones) in the order JSON.stringify writes them.
  for (const k in value) {
    if (previous !== null && k <= previous) return false;
    const c0 = k.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) return false;
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === 'object' && v !== null ? !inCanonicalOrder(v) : !plainScalar(v)) return false;
    previous = k;
  }
  return true;
}

/** null, a string, a boolean or a finite number: written by JSON.stringify as canonical JSON writes it. */
function plainScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * A deep copy of plain data with every object's keys in canonical order, undefined properties left
 * out and toJSON applied, so that canonicalJson of it takes the fast path. Snapshots are put in
 * this order once when they are built, then hashed (and what-if evaluated) without sorting again.
 * Objects with index-like keys ("10") cannot hold that order in JavaScript; they are copied, and
 * canonicalJson still writes them right. A value without a JSON form throws as in canonicalJson.
 */
export function canonicalCopy<T>(value: T): T {
  return copyInOrder(value) as T;
}

function copyInOrder(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) write(value); // throws
      return value;
    case 'object': {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return copyInOrder((value as { toJSON(): unknown }).toJSON());
      if (value instanceof Number || value instanceof String || value instanceof Boolean) return copyInOrder(value.valueOf());
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          out[i] = v === undefined || typeof v === 'function' ? null : copyInOrder(v);
        }
        return out;
      }
      const keys = sortKeys(Object.keys(value));
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        // Assigning "__proto__" would set the copy's prototype instead of a key (JSON.parse makes it an own key).
        if (k === '__proto__')
          Object.defineProperty(out, k, { value: copyInOrder(v), enumerable: true, writable: true, configurable: true });
        else out[k] = copyInOrder(v);
      }
      return out;
    }
    default:
      return write(value); // throws
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

/** Characters JSON.stringify escapes (quote, backslash, control characters, lone surrogates); strings without them are written as they are. */
// eslint-disable-next-line no-control-regex -- the control characters JSON.stringify escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `"key":` per key, as JSON writes it; the keys of the rulebook's data are a small fixed set. */
const KEY_PREFIX = new Map<string, string>();

function keyPrefix(k: string): string {
  let prefix = KEY_PREFIX.get(k);
  if (prefix === undefined) {
    prefix = JSON.stringify(k) + ':';
    if (KEY_PREFIX.size < 10_000) KEY_PREFIX.set(k, prefix);
  }
  return prefix;
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
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : '"' + value + '"';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NoJsonForm(String(value), '');
      return JSON.stringify(value);
    case 'object': {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON());
      // Boxed primitives are written as their value, as JSON.stringify writes them.
      if (value instanceof Number || value instanceof String || value instanceof Boolean) return write(value.valueOf());
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
      const keys = sortKeys(Object.keys(value));
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        let written: string;
        try {
          written = write(v);
        } catch (e) {
          throw e instanceof NoJsonForm ? e.under(`.${k}`) : e;
        }
        out += (out.length === 1 ? '' : ',') + keyPrefix(k) + written;
      }
      return out + '}';
    }
    default:
      throw new NoJsonForm(typeof value, '');
  }
}

export function sha256Hex(text: string): string {
  // The one-shot hash (Node 20.12+) allocates no Hash object, whose native memory is otherwise
  // freed only after the event loop turns: a long synchronous run of evaluations slowed down by a
  // third with createHash.
  return hash('sha256', text, 'hex');
}

/** The evaluation's `inputHash`: SHA-256 of the canonical JSON of the snapshot, the context and the parameter set's id. */
export function hashInput(snapshot: CaseSnapshot, context: EvaluationContext, parameterSetId: string): string {
  if (snapshot === undefined || context === undefined || parameterSetId === undefined) {
    return sha256Hex(canonicalJson({ snapshot, context, parameterSet: parameterSetId }));
  }
  // The same text as canonicalJson({ snapshot, context, parameterSet }), written part by part so
  // that each part can take the fast path on its own.
  return sha256Hex(
    '{"context":' +
      canonicalJson(context) +
      ',"parameterSet":' +
      canonicalJson(parameterSetId) +
      ',"snapshot":' +
      canonicalJson(snapshot) +
      '}',
  );
}
