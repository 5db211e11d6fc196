import { AGENCY, APPEAL_BODY } from './agency';
import { renderDecisionLetter } from './decision-letter';
import type { DecisionLetterInput, LetterLang } from './decision-letter.types';

export { AGENCY, APPEAL_BODY } from './agency';
export { renderDecisionLetter, DecisionLetterInputError, DECISION_LETTER_LAYOUT_VERSION } from './decision-letter';
export type { DecisionLetterInput, LetterLang } from './decision-letter.types';

/**
 * The agency's decision letter, as PDF: the same input gives the same bytes (the decision stores
 * them with their SHA-256 and serves those ever after).
 */
export function renderLetter(input: Omit<DecisionLetterInput, 'agency' | 'appealBody'>, lang: LetterLang): Promise<Buffer> {
  return renderDecisionLetter({ ...input, agency: AGENCY, appealBody: APPEAL_BODY }, lang);
}
