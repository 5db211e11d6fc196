import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain computed outside the database, for the bulk seed: it writes a case's
 * events already linked, with the chain trigger off for its transaction, and must produce exactly
 * what the trigger (migrations/1764200000000-Foundation.ts, audit_event_chain and
 * audit_event_digest) would. The seed checks a sample of every batch against audit_event_digest in
 * SQL, and test/integration/bulk-seed.spec.ts verifies a seeded database's whole chain.
 */

export const GENESIS = '0'.repeat(64);

/** A value as PostgreSQL prints a jsonb value (`data::text`): keys ordered by length then bytes, ", " and ": " between. */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return numericText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        if (!value.length) return '[]';
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ', ' : '') + jsonbText(value[i] === undefined ? null : value[i]);
        return `${out}]`;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return jsonbText(JSON.parse(JSON.stringify(value)));
      const record = value as Record<string, unknown>;
      const keys = sortedKeys(record);
      if (!keys.length) return '{}';
      let out = '{';
      for (let i = 0; i < keys.length; i++) out += `${i ? ', ' : ''}${quote(keys[i])}: ${jsonbText(record[keys[i]])}`;
      return `${out}}`;
    }
    default:
      throw new Error(`${typeof value} is not JSON`);
  }
}

// Control characters are what it looks for: they are escaped in JSON.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** A JSON string as PostgreSQL's escape_json writes it (the same escapes as JSON.stringify: ", \, \b \f \n \r \t, other controls as \u00xx). */
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Sorted key lists by object shape: the same few shapes recur millions of times. */
const shapes = new Map<string, string[]>();

function sortedKeys(record: Record<string, unknown>): string[] {
  const own = Object.keys(record).filter((k) => record[k] !== undefined);
  const shape = own.join('\u0000');
  let keys = shapes.get(shape);
  if (!keys) {
    keys = [...own].sort(jsonbKeyOrder);
    if (shapes.size > 10_000) shapes.clear();
    shapes.set(shape, keys);
  }
  return keys;
}

/** jsonb's key order: shorter keys first (in UTF-8 bytes), then by their bytes. */
function jsonbKeyOrder(a: string, b: string): number {
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  if (la !== lb) return la - lb;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A JS number as PostgreSQL's numeric prints it: plain digits, never an exponent. */
function numericText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} is not a JSON number`);
  const s = String(n);
  if (!/e/i.test(s)) return s === '-0' ? '0' : s;
  const [mantissa, exp] = s.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = mantissa.replace('-', '').split('.');
  const digits = int + frac;
  const point = int.length + Number(exp);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + out;
}

/** `to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` of a time with millisecond precision. */
export function digestTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-02T03:04:05.678Z
  return `${iso.slice(0, 23)}000Z`;
}

/** An event to link into its case's stream. */
export interface ChainEvent {
  occurredAt: number;
  actor: string;
  kind: string;
  data: object;
}

/** A linked event: its position in the stream and both hashes. */
export interface LinkedEvent extends ChainEvent {
  seq: number;
  prevHash: string;
  hash: string;
  /** The data as jsonb prints it: also valid JSON to store, giving the same jsonb. */
  text: string;
}

/** audit_event_digest(prev_hash, stream_seq, occurred_at, actor, application_id, kind, data). */
export function auditDigest(
  prevHash: string,
  seq: number,
  occurredAt: number,
  actor: string,
  applicationId: string | null,
  kind: string,
  dataText: string,
): string {
  const text = `${prevHash}|${seq}|${digestTime(occurredAt)}|${actor}|${applicationId ?? ''}|${kind}|${dataText}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Links a new stream's events (in order) as the chain trigger would. */
export function linkStream(applicationId: string, events: ChainEvent[]): LinkedEvent[] {
  let prev = GENESIS;
  return events.map((e, i) => {
    const text = jsonbText(e.data);
    const hash = auditDigest(prev, i + 1, e.occurredAt, e.actor, applicationId, e.kind, text);
    const linked = { ...e, seq: i + 1, prevHash: prev, hash, text };
    prev = hash;
    return linked;
  });
}
