import { AGENCY, APPEAL_BODY } from './agency';
import { renderDecisionLetter } from './decision-letter';
import type { DecisionLetterInput, LetterLang } from './decision-letter.types';

export { AGENCY, APPEAL_BODY } from './agency';
export { renderDecisionLetter, DecisionLetterInputError, DECISION_LETTER_LAYOUT_VERSION } from './decision-letter';
export { letterFonts as loadLetterFonts } from './decision-letter.fonts';
export { renderCaseReport } from './case-report';
export type * from './case-report.types';
export { conditionDatesFor, paymentHeldBackNok, PAYMENT_HELD_BACK_PCT } from './decision-letter.wording';
export { MANDATORY_CONDITIONS, OPTIONAL_CONDITIONS } from './decision-letter.types';
export type {
  ConditionCode,
  ConditionDates,
  DecisionLetterInput,
  LetterCondition,
  LetterGround,
  LetterLang,
  LetterOutcome,
  MandatoryCondition,
  OptionalCondition,
  RefusedCost,
} from './decision-letter.types';

/**
 * The agency's decision letter, as PDF: the same input gives the same bytes (the decision stores
 * them with their SHA-256 and serves those ever after). With `draft: true` it is the preview of a
 * letter not yet decided, marked as a draft on every page.
 */
export function renderLetter(input: Omit<DecisionLetterInput, 'agency' | 'appealBody'>, lang: LetterLang): Promise<Buffer> {
  return renderDecisionLetter({ ...input, agency: AGENCY, appealBody: APPEAL_BODY }, lang);
}
