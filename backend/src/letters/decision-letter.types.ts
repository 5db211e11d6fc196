import type { CaseRuleId, CostReasonId, CriterionId, LocalizedText, RuleOutcome } from '../rulebook/types';

export type LetterLang = 'nb' | 'en';

/** Granted in full, granted below the requested aid (a partial refusal), or rejected. */
export type LetterOutcome = 'granted' | 'partly-granted' | 'rejected';

/** The conditions every grant carries (RULEBOOK section 5); they cannot be removed. */
export const MANDATORY_CONDITIONS = ['ACCEPT', 'PAYMENT', 'REPORT-FINAL', 'RECORDS-CONTROL', 'RECOVERY', 'LAPSE'] as const;
export type MandatoryCondition = (typeof MANDATORY_CONDITIONS)[number];

/** Standard conditions a caseworker may add to a grant, besides free text. */
export const OPTIONAL_CONDITIONS = ['AUDITOR', 'CHANGES'] as const;
export type OptionalCondition = (typeof OPTIONAL_CONDITIONS)[number];

export type ConditionCode = MandatoryCondition | OptionalCondition;

/** A condition of a grant: a standard one by code (worded by the letter), or the caseworker's own text. */
export type LetterCondition = { code: ConditionCode } | { text: string };

/** The dates a grant's conditions name, worked out from the decision date and the project's end (YYYY-MM-DD). */
export interface ConditionDates {
  /** ACCEPT: four weeks after the decision date. */
  acceptBy: string;
  /** REPORT-FINAL: three months after the project's end date. */
  finalReportBy: string;
  /** LAPSE: six months after the project's end date. */
  lapsesOn: string;
}

/**
 * A ground of the decision, as facts: the letter words it for the applicant from its texts (a
 * title in words and a sentence), never printing the rule ID or the case file's technical
 * explanation.
 */
export type LetterGround =
  /** A case-level rule with its outcome and the figures it used (`RuleResult.inputs`). */
  | { kind: 'rule'; ruleId: CaseRuleId; outcome: RuleOutcome; inputs: Record<string, unknown> }
  /** A judgment criterion as recorded. */
  | { kind: 'judgment'; criterionId: CriterionId; outcome: 'pass' | 'fail' }
  /** The application ranks below others within the year's budget, with the caseworker's written reason. */
  | { kind: 'priority'; reason: string }
  /**
   * A grant below the most the rules allow (J-NEED-01: the aid is no larger than needed), with the
   * caseworker's written reason and that most (`maxAidNok`).
   */
  | { kind: 'reduction'; reason: string; maxAidNok: number };

/** A cost line not approved in full, for the table of a partial grant. */
export interface RefusedCost {
  /** The applicant's own description of the line. */
  description: string;
  category: string | null;
  claimedNok: number;
  approvedNok: number;
  /** The rules that cut the line (by the letter's wording), in order. */
  reasons: CostReasonId[];
  /** The caseworker's reason, when the caseworker set the approved amount. */
  caseworkerReason?: string | null;
}

/**
 * Everything a decision letter shows (RULEBOOK section 6), taken from the stored decision, or for
 * a preview from the recommendation. Amounts are whole Norwegian kroner; dates are `YYYY-MM-DD`.
 */
export interface DecisionLetterInput {
  agency: { name: string; address: string[]; orgNumber: string };
  /** The case reference, "Vår referanse" / "Our reference". */
  reference: string;
  /** `YYYY-MM-DD`; also the PDF's creation and modification date, so the same decision gives the same bytes. */
  decisionDate: string;
  /** A preview before the decision: marked as a draft on every page and in its title; no approver yet. */
  draft?: boolean;
  applicant: { name: string; orgNumber: string; address?: string[] };
  project: { title: string; startDate: string; endDate: string };
  outcome: LetterOutcome;
  /** The granted amount; null for a rejection. */
  amountNok: number | null;
  /** The aid the applicant asked for; the letter of a partial grant states it beside the granted amount. */
  requestedAmountNok: number | null;
  /** The caseworker's justification, written for the applicant. */
  justification: string;
  /** Eligible costs per category (`personnel`, `consultancy`, `equipment`, `ipr`); they add up to the total. */
  eligibleCosts: { category: string; amountNok: number }[];
  eligibleCostsTotalNok: number;
  /** Aid intensity in per cent: the aid over the eligible costs (GBER art. 2(26)); null for a rejection. */
  intensityPct: number | null;
  /** The rules, facts and main judgments the decision rests on. */
  grounds: LetterGround[];
  /** A partial grant: the cost lines not approved or reduced. Empty otherwise. */
  refusedCosts: RefusedCost[];
  /** A grant's conditions: the mandatory ones first, then the caseworker's. Empty for a rejection. */
  conditions: LetterCondition[];
  /** The dates the conditions name; null for a rejection. */
  conditionDates: ConditionDates | null;
  /** TRN-01 at the granted amount set the register-report obligation: the letter says it will be published. */
  registerNotice: boolean;
  caseworker: { name: string };
  /** Who decided; null in a draft. */
  approver: { name: string } | null;
  appealDeadlineWeeks: 3;
  /**
   * The body that decides an appeal the agency does not grant itself (forvaltningsloven § 27 third
   * paragraph asks the letter to name it). Absent: the letter says "the appeal body" without a name.
   */
  appealBody?: LocalizedText;
}
