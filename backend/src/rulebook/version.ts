import { canonicalJson, sha256Hex } from './canonical';
import { PARAMETER_SETS, type ParameterSet } from './parameters';

/**
 * Bump whenever a rule's logic or wording changes (anything that can change an evaluation for
 * the same input and parameter set), and append the new revision with its fingerprint to
 * REVISION_HISTORY in version.spec.ts. That test evaluates fixed cases and fails when their
 * results change while this revision stays the same, so a rule change cannot ship unversioned.
 */
export const RULES_REVISION = '2026.2';

/**
 * `<rules revision>+<12 hex>`, the hex being the start of the SHA-256 of the rules revision and
 * the canonical JSON of every parameter set. A change of any parameter therefore changes the
 * version by itself; a change of rule code changes it through RULES_REVISION. Hashing the source
 * text instead would need I/O or a build step, and would change with the compiler's output.
 */
export function computeRulebookVersion(revision: string, parameterSets: readonly ParameterSet[]): string {
  return `${revision}+${sha256Hex(canonicalJson({ rulesRevision: revision, parameterSets })).slice(0, 12)}`;
}

export const RULEBOOK_VERSION = computeRulebookVersion(RULES_REVISION, PARAMETER_SETS);
