import { canonicalJson } from './canonical';

export interface EvaluationDifference {
  /** e.g. `totals.maxAidNok`, `rules[INC-01].outcome`, `costLines[line-3].eligibleNok`. */
  path: string;
  /** undefined when the field exists only after. */
  before: unknown;
  /** undefined when the field exists only before. */
  after: unknown;
}

/**
 * Top-level fields of a stored evaluation that are storage metadata, not results: ignored, so a
 * stored evaluation compares cleanly with a fresh run of the same input.
 */
export const IGNORED_TOP_LEVEL_FIELDS = ['id', 'applicationId', 'evaluatedAt'] as const;

/** Array elements are matched by these keys (when unique on both sides), else by position. */
const IDENTITY_KEYS = ['ruleId', 'criterionId', 'costLineId'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function identityKey(items: unknown[]): string | null {
  for (const key of IDENTITY_KEYS) {
    if (items.length > 0 && items.every((i) => isObject(i) && typeof i[key] === 'string')) {
      const ids = items.map((i) => (i as Record<string, string>)[key]);
      if (new Set(ids).size === ids.length) return key;
    }
  }
  return null;
}

function walk(a: unknown, b: unknown, path: string, out: EvaluationDifference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    // undefined: an empty side, which puts no constraint on the key.
    const ka = a.length ? identityKey(a) : undefined;
    const kb = b.length ? identityKey(b) : undefined;
    const key = ka === undefined ? kb : kb === undefined || kb === ka ? ka : null;
    if (key) {
      const byId = (xs: unknown[]) => new Map(xs.map((x) => [(x as Record<string, string>)[key], x]));
      const am = byId(a);
      const bm = byId(b);
      for (const [id, av] of am) walk(av, bm.get(id), `${path}[${id}]`, out);
      for (const [id, bv] of bm) if (!am.has(id)) walk(undefined, bv, `${path}[${id}]`, out);
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (a === undefined && b === undefined) return;
  if (typeof a === 'number' && typeof b === 'number' ? a === b : sameJson(a, b)) return;
  out.push({ path, before: a, after: b });
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Field-by-field differences between two evaluations (or any two JSON values), in a stable order.
 * Empty means identical (replay); otherwise it says which outcomes and totals changed (what-if).
 * Ignores only IGNORED_TOP_LEVEL_FIELDS; a field that is undefined counts as absent, as in JSON.
 */
export function diffEvaluations(a: unknown, b: unknown): EvaluationDifference[] {
  const strip = (v: unknown) => {
    if (!isObject(v)) return v;
    const copy: Record<string, unknown> = { ...v };
    for (const k of IGNORED_TOP_LEVEL_FIELDS) delete copy[k];
    return copy;
  };
  const out: EvaluationDifference[] = [];
  walk(strip(a), strip(b), '', out);
  return out;
}
