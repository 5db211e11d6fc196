import type { LetterLang } from '../decision-letter.types';
import { EN } from './en';
import { NB } from './nb';
import type { LetterTexts } from './types';

export type { LetterTexts } from './types';

/** The letter's whole wording, one complete object per language, for a lawyer to review in one place. */
export const TEXTS: Record<LetterLang, LetterTexts> = { nb: NB, en: EN };
