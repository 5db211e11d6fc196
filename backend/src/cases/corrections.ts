import type { CaseSnapshot } from '../rulebook';

export interface CorrectionRow {
  path: string;
  corrected_value: unknown;
}

/**
 * Facts a caseworker may correct, as JSONPath-like paths into the submitted
 * document: the figures and declarations the rules read. Identity (externalRef,
 * orgNumber), the requested amount and the cost lines are not facts to correct:
 * cost lines get an approved amount instead, and a changed request is a new application.
 */
const CORRECTABLE: RegExp[] = [
  /^applicant\.(name|companyForm|incorporatedOn|naceCode|county|publicOwnershipPct|insolvencyProceedings|outstandingRescueAid|outstandingRecoveryOrder)$/,
  /^applicant\.financials\[\d+\]\.(annualWorkUnits|turnoverNok|balanceSheetNok|shareCapitalNok|otherEquityNok|debtNok|ebitdaNok|interestExpenseNok)$/,
  /^applicant\.relatedEnterprises\[\d+\]\.(relation|sharePct|annualWorkUnits|turnoverNok|balanceSheetNok)$/,
  /^project\.(description|startDate|endDate|firstBindingCommitmentDate|location|circularTransition)$/,
  /^project\.collaborationPartners\[\d+\]\.(sizeClass|eligibleCostsNok)$/,
  /^otherPublicAid\[\d+\]\.(amountNok|coversSameCosts)$/,
];

export function isCorrectable(path: string): boolean {
  return CORRECTABLE.some((re) => re.test(path));
}

type Key = string | number;

export function parsePath(path: string): Key[] {
  const keys: Key[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    keys.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

export function readPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const key of parsePath(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<Key, unknown>)[key];
  }
  return value;
}

/** Whether the path leads to an existing object (the last key may be absent: a correction may supply a missing fact). */
export function pathExists(doc: unknown, path: string): boolean {
  const keys = parsePath(path);
  let value: unknown = doc;
  for (const key of keys.slice(0, -1)) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<Key, unknown>)[key];
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A copy of the snapshot with each correction applied in order (the latest for a path wins). */
export function applyCorrections<T extends CaseSnapshot>(snapshot: T, corrections: CorrectionRow[]): T {
  if (!corrections.length) return snapshot;
  const copy = structuredClone(snapshot);
  for (const c of corrections) {
    const keys = parsePath(c.path);
    let target: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      target = (target as Record<Key, unknown> | null | undefined)?.[key];
      if (target === null || typeof target !== 'object') break;
    }
    if (target === null || typeof target !== 'object') continue;
    const last = keys[keys.length - 1];
    const record = target as Record<Key, unknown>;
    if (c.corrected_value === null || c.corrected_value === undefined) delete record[last];
    else record[last] = c.corrected_value;
  }
  return copy;
}
