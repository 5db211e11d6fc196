import type { MissingField } from '../missing';
import { missingPaths } from '../missing';
import type { CaseRuleId, LocalizedText, RuleOutcome, RuleResult } from '../types';

/** Legal references as docs/rules.md section 7 states them. */
export const LEGAL_REFERENCES: Record<CaseRuleId, string> = {
  'INC-01': 'GBER art. 6(2)',
  'INC-02': 'GBER art. 6(2)(a)-(e)',
  'SME-01': 'GBER annex I art. 2-6',
  'LRG-01': 'GBER art. 29(2)',
  'UID-01': 'GBER art. 1(4)(c), art. 2(18)',
  'REC-01': 'GBER art. 1(4)(a)',
  'SEC-01': 'GBER art. 1(3)',
  'INT-01': 'GBER art. 29(4), art. 7',
  'CUM-01': 'GBER art. 8(3)',
  'THR-01': 'GBER art. 4(1)',
  'TRN-01': 'GBER art. 9(1)(c), støtteprosessloven § 7',
};

export function ruleResult(
  ruleId: CaseRuleId,
  outcome: RuleOutcome,
  explanation: LocalizedText,
  inputs: Record<string, unknown>,
  missing: readonly MissingField[] = [],
): RuleResult {
  const allInputs = missing.length ? { ...inputs, missing: missingPaths(missing) } : inputs;
  return { ruleId, outcome, legalReference: LEGAL_REFERENCES[ruleId], explanation, inputs: allInputs };
}
