import type { DecisionLetterInput } from './decision-letter.types';

/** The agency that signs the letters. */
export const AGENCY: DecisionLetterInput['agency'] = {
  name: 'Innovasjonsbyrået',
  address: ['Postboks 448 Sentrum', '0104 Oslo'],
  orgNumber: '986399445',
};

/** Who decides an appeal (forvaltningsloven § 27: the letter must say). */
export const APPEAL_BODY = { nb: 'Klagenemnda for Innovasjonsbyrået', en: 'the Appeals Board of Innovasjonsbyrået' };
