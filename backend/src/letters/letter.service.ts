import { Injectable } from '@nestjs/common';
import type { DecisionLetterInput } from './decision-letter.types';
import { renderDecisionLetter } from './decision-letter';

/** The agency that signs the letters. */
export const AGENCY: DecisionLetterInput['agency'] = {
  name: 'Innovasjonsbyrået',
  address: ['Postboks 448 Sentrum', '0104 Oslo'],
  orgNumber: '986399445',
};

/** Who decides an appeal (forvaltningsloven § 27: the letter must say). */
export const APPEAL_BODY = { nb: 'Klagenemnda for Innovasjonsbyrået', en: 'the Appeals Board of Innovasjonsbyrået' };

/** Renders decision letters; the decision stores the bytes with their SHA-256 and serves the same bytes ever after. */
@Injectable()
export class LetterService {
  render(input: Omit<DecisionLetterInput, 'agency' | 'appealBody'>, lang: 'nb' | 'en'): Promise<Buffer> {
    return renderDecisionLetter({ ...input, agency: AGENCY, appealBody: APPEAL_BODY } as DecisionLetterInput, lang);
  }
}
