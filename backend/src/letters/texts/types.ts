import type { CaseRuleId, CostReasonId, CriterionId, RuleOutcome, SizeClass } from '../../rulebook/types';
import type { ConditionCode, ConditionDates, LetterOutcome } from '../decision-letter.types';

/**
 * The outcomes at which the letter words each rule, per the rulebook's table (section 2) and the
 * rules as implemented (any rule whose inputs are absent is `missing`). Two are left out on purpose:
 * `na`, since a rule that does not apply to the case is nothing the decision rests on; and TRN-01 at
 * `pass`, since publication has its own paragraph in the letter, there only when it applies.
 */
export const RULE_LETTER_OUTCOMES = {
  'INC-01': ['pass', 'fail', 'missing'],
  'INC-02': ['pass', 'missing'],
  'SME-01': ['pass', 'missing'],
  'LRG-01': ['pass', 'fail', 'missing'],
  'UID-01': ['pass', 'fail', 'missing'],
  'REC-01': ['pass', 'fail', 'missing'],
  'SEC-01': ['pass', 'refer', 'missing'],
  'INT-01': ['pass', 'assess', 'fail', 'missing'],
  'CUM-01': ['pass', 'assess', 'fail', 'missing'],
  'THR-01': ['pass', 'refer', 'missing'],
  'TRN-01': ['missing'],
} as const satisfies Record<CaseRuleId, readonly RuleOutcome[]>;

export type LetterRuleOutcome<R extends CaseRuleId> = (typeof RULE_LETTER_OUTCOMES)[R][number];

/** The tests of an undertaking in difficulty (RULEBOOK 2.2) that found one. */
export type DifficultyTest = 'capital-loss' | 'insolvency' | 'rescue-aid' | 'leverage';

/** Information a rule found missing, as the letter can name it to the applicant. */
export const MISSING_INFO = [
  'receipt',
  'applicant-name',
  'size-figures',
  'financial-figures',
  'company-form',
  'incorporation-date',
  'industry-code',
  'public-ownership',
  'insolvency',
  'rescue-aid',
  'recovery-order',
  'description',
  'start-date',
  'end-date',
  'commitment-date',
  'location',
  'cost-lines',
  'aid-instrument',
  'requested-amount',
  'other-aid',
  'partners',
  'related-enterprises',
] as const;
export type MissingInfo = (typeof MISSING_INFO)[number];

/**
 * The figures of a rule's result that its sentence may use, read from the rule's `inputs`. Every
 * figure may be absent (an older evaluation, a rule that stopped early): a sentence then says what
 * it can without it.
 */
export interface GroundFigures {
  /** INC-01, dates YYYY-MM-DD. */
  receivedDate?: string;
  startDate?: string;
  commitmentDate?: string;
  /** INC-01 at fail: which of the two dates came before (or on) the date of receipt. */
  startedBeforeReceipt?: boolean;
  committedBeforeReceipt?: boolean;
  sizeClass?: SizeClass;
  /** The amount the amount rules were evaluated at. */
  aidAmountNok?: number;
  maxAidNok?: number;
  maxIntensityPct?: number;
  eligibleCostsNok?: number;
  /** CUM-01: other public aid declared for the same costs. */
  otherAidNok?: number;
  /** LRG-01. */
  smeSharePct?: number;
  requiredSmeSharePct?: number;
  /** UID-01 at fail. */
  difficulty: DifficultyTest[];
  /** SEC-01 at refer. */
  sector?: 'agriculture' | 'fishing';
  /** THR-01. */
  notificationThresholdEur?: number;
  missing: MissingInfo[];
}

export type RuleSentence = (f: GroundFigures) => string;

/** Each rule: a title in words, and a sentence for every outcome the letter words it at. */
export type RuleTexts = { [R in CaseRuleId]: { title: string } & Record<LetterRuleOutcome<R>, RuleSentence> };

/** What a condition's text may name. */
export interface ConditionFigures {
  /** The granted amount, and the part of it held back until the final report (PAYMENT). */
  amountNok: number;
  heldBackNok: number;
  heldBackPct: number;
  /** Null only in a draft that has no dates yet: the text then gives the rule in words. */
  dates: ConditionDates | null;
  projectEndDate: string;
  agency: string;
}

export interface CriterionTexts {
  title: string;
  pass: string;
  fail: string;
}

/**
 * The complete wording of the decision letter in one language. The addressee is a company, so the
 * bokmål text says "dere". No text carries a rule ID or condition code: those stay in the case file.
 */
export interface LetterTexts {
  /** The PDF's language tag. */
  lang: 'nb-NO' | 'en-GB';
  orgNo: string;
  ourReference: string;
  date: string;
  page: (n: number, of: number) => string;
  quote: (s: string) => string;
  period: (from: string, to: string) => string;

  title: Record<LetterOutcome, string>;
  /** The decision first (RULEBOOK 6): what we decided, with the amounts. */
  decision: {
    granted: (applicant: string, project: string, amountNok: number) => string;
    partlyGranted: (applicant: string, project: string, amountNok: number, requestedNok: number) => string;
    rejected: (applicant: string, project: string) => string;
  };
  facts: {
    project: string;
    period: string;
    requested: string;
    amount: string;
    intensity: string;
    intensityOf: (pct: number) => string;
    legalBasis: string;
    legalBasisShort: string;
  };

  eligibleCosts: string;
  category: string;
  amount: string;
  total: string;
  categories: Record<string, string>;

  justification: string;

  grounds: {
    heading: string;
    grantIntro: string;
    rejectionIntro: string;
    /** Over the rules when some are not met (a draft); otherwise rulesMet. */
    rules: string;
    rulesMet: string;
    assessments: string;
    other: string;
  };
  rules: RuleTexts;
  /** Fallback for a rule at an outcome the letter does not word (RULE_LETTER_OUTCOMES): never the rule's ID. */
  ruleAtOutcome: Record<Exclude<RuleOutcome, 'na'>, string>;
  sizeClass: Record<SizeClass, string>;
  missingInfo: Record<MissingInfo, string>;
  criteria: Record<CriterionId, CriterionTexts>;
  priority: { title: string; text: string; reasonLabel: string };
  reduction: { title: string; text: (maxAidNok: number, amountNok: number | null) => string; reasonLabel: string };

  refusedCosts: {
    heading: string;
    intro: string;
    cost: string;
    claimed: string;
    approved: string;
    notApproved: string;
    total: string;
    reasonLabel: string;
    /** No reason given with the line. */
    noReason: string;
  };
  costReasons: Record<CostReasonId, string>;

  legalBasis: { heading: string; text: Record<'grant' | 'rejection', string> };

  conditions: { heading: string; intro: string };
  condition: Record<ConditionCode, { title: string; text: (c: ConditionFigures) => string }>;

  register: { heading: string; text: string };

  appeal: {
    heading: string;
    /** Two paragraphs: how to appeal, then what follows and the right to see the documents. */
    text: (agency: string, address: string, appealBody: string | undefined) => [string, string];
  };

  regards: string;
  approver: string;
  caseworker: string;
  approvedElectronically: string;

  draft: {
    /** On every page, and before the title in the PDF's title. */
    mark: string;
    /** The large diagonal mark behind the text. */
    watermark: string;
    /** Under the letter's title on the first page. */
    notice: string;
    notDecided: string;
    notApproved: string;
  };
}
