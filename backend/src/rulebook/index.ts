/**
 * The rulebook of the grant scheme for process and organisational innovation (GBER art. 29),
 * as pure TypeScript: no framework, no database, no clock, no I/O. See docs/rules.md.
 */
export * from './types';
export { PARAMETER_SETS, GBER_2014, GBER_2023, selectParameterSet, parameterSetById } from './parameters';
export type { ParameterSet, SizeLimits } from './parameters';
export { evaluate, intensityPct } from './evaluate';
export { canonicalCopy, canonicalJson, hashInput, sha256Hex } from './canonical';
export { diffEvaluations, IGNORED_TOP_LEVEL_FIELDS } from './diff';
export type { EvaluationDifference } from './diff';
export { RULEBOOK_VERSION, RULES_REVISION, computeRulebookVersion } from './version';
export { JUDGMENT_CRITERIA } from './judgments';
export { AMOUNT_RULES, amountEvaluated, grantBlockers } from './recommendation';
export type { GrantBlocker } from './recommendation';
export type { JudgmentCriterion } from './judgments';
export { LEGAL_REFERENCES } from './rules/rule-result';
export { SIZE_CLASS_NAME } from './size-class';
export { osloDate } from './dates';
export { roundHalfUp, roundDown, nokToEur } from './money';
export { formatNok, formatEur } from './format';
export { benchmarkCase, intakeSampleCase } from './fixtures';
export type { CaseWithLines } from './fixtures';
