import type { LocalizedText } from '../rulebook/types';

export type LetterLang = 'nb' | 'en';

/**
 * Everything a decision letter shows, taken from the stored decision (docs/rules.md section 10).
 * Amounts are whole Norwegian kroner; dates are calendar dates `YYYY-MM-DD`.
 */
export interface DecisionLetterInput {
  agency: { name: string; address: string[]; orgNumber: string };
  /** The case reference, "Vår referanse" / "Our reference". */
  reference: string;
  /** `YYYY-MM-DD`; also the PDF's creation and modification date, so the same decision gives the same bytes. */
  decisionDate: string;
  applicant: { name: string; orgNumber: string; address?: string[] };
  project: { title: string; startDate: string; endDate: string };
  outcome: 'granted' | 'rejected';
  /** The granted amount; null for a rejection. */
  amountNok: number | null;
  /** Eligible costs per category (`personnel`, `consultancy`, `equipment`, `ipr`); they add up to the total. */
  eligibleCosts: { category: string; amountNok: number }[];
  eligibleCostsTotalNok: number;
  /**
   * Aid intensity in per cent: the aid over the eligible costs (GBER art. 2(26)); null for a
   * rejection. The letter shows it as given and refuses an amount above it.
   */
  intensityPct: number | null;
  /** E.g. 'GBER art. 29'. */
  legalBasis: string;
  conditions: { code?: string; text: LocalizedText }[];
  /** The rules and judgments the decision rests on (e.g. INT-01, J-INNO-01), with their texts as shown. */
  grounds: { id: string; title?: LocalizedText; text: LocalizedText }[];
  /** TRN-01 set the register-report obligation: publish in the Register for public support within six months. */
  registerNotice: boolean;
  caseworker: { name: string };
  approver: { name: string };
  appealDeadlineWeeks: 3;
  /**
   * The body that decides an appeal the agency does not grant itself (forvaltningsloven § 27 third
   * paragraph asks the letter to name it). Absent: the letter says "the appeal body" without a name.
   */
  appealBody?: LocalizedText;
}
