import { Problem } from '../common/problem';
import type { FieldError } from '../common/problem';
import { conditionDatesFor, MANDATORY_CONDITIONS, OPTIONAL_CONDITIONS } from '../letters';
import type { ConditionCode, ConditionDates, LetterCondition } from '../letters';
import type { LocalizedText } from '../rulebook';

export interface StandardCondition {
  code: ConditionCode;
  /** Part of every grant; the caseworker cannot leave it out. */
  mandatory: boolean;
  /** What the condition asks, for the console; the letter spells it out in full with its dates. */
  text: LocalizedText;
}

/**
 * The standard conditions (docs/rules.md section 10): the six every grant carries, then those a
 * caseworker may add. The letter's full wording lives with the letter's texts.
 */
export const STANDARD_CONDITIONS: readonly StandardCondition[] = [
  {
    code: 'ACCEPT',
    mandatory: true,
    text: {
      nb: 'Søkeren aksepterer tilskuddet skriftlig innen fire uker fra vedtaksbrevet, ellers faller tilsagnet bort.',
      en: 'The applicant accepts the grant in writing within four weeks of the letter, or it lapses.',
    },
  },
  {
    code: 'PAYMENT',
    mandatory: true,
    text: {
      nb: 'Utbetaling i takt med dokumenterte støtteberettigede kostnader; minst 20 % holdes tilbake til sluttrapport og prosjektregnskap er godkjent.',
      en: 'Payment in proportion to documented eligible costs; at least 20% is held back until the final report and project accounts are approved.',
    },
  },
  {
    code: 'REPORT-FINAL',
    mandatory: true,
    text: {
      nb: 'Sluttrapport med prosjektregnskap innen tre måneder etter prosjektslutt.',
      en: "A final report with the project accounts within three months of the project's end.",
    },
  },
  {
    code: 'RECORDS-CONTROL',
    mandatory: true,
    text: {
      nb: 'Dokumentasjon oppbevares i ti år; byrået og Riksrevisjonen kan kontrollere.',
      en: 'Records are kept for ten years; the agency and the Office of the Auditor General may inspect them.',
    },
  },
  {
    code: 'RECOVERY',
    mandatory: true,
    text: {
      nb: 'Tilskuddet kan reduseres eller kreves tilbake med renter ved brudd på vilkårene, uriktige opplysninger eller ulovlig støtte.',
      en: 'The grant may be reduced or reclaimed with interest if the conditions are broken, the information was wrong, or the aid is unlawful.',
    },
  },
  {
    code: 'LAPSE',
    mandatory: true,
    text: {
      nb: 'Tilsagnet faller bort om sluttrapporten ikke er mottatt innen seks måneder etter prosjektslutt.',
      en: "The grant lapses if no final report has been received within six months of the project's end.",
    },
  },
  {
    code: 'AUDITOR',
    mandatory: false,
    text: {
      nb: 'Prosjektregnskapet skal bekreftes av revisor.',
      en: 'The project accounts must be confirmed by an auditor.',
    },
  },
  {
    code: 'CHANGES',
    mandatory: false,
    text: {
      nb: 'Vesentlige endringer i prosjektet skal meldes og godkjennes før de gjennomføres.',
      en: 'Significant changes to the project must be reported and approved before they are made.',
    },
  },
];

/** A condition as a recommendation and a decision store it: a standard one keeps its code. */
export interface StoredCondition {
  code?: string;
  text: LocalizedText;
}

/**
 * The conditions of a recommended grant: the mandatory ones always, in their order, then the
 * optional standard ones named, then the caseworker's own texts. Naming a mandatory condition is
 * allowed (it is there anyway); an unknown code or a code named twice is a 400 naming it.
 */
export function grantConditions(requested: { code?: string; text?: string }[]): StoredCondition[] {
  const errors: FieldError[] = [];
  const optional: StoredCondition[] = [];
  const free: StoredCondition[] = [];
  const seen = new Set<string>();
  requested.forEach((c, i) => {
    if (c.code === undefined) {
      const text = (c.text ?? '').trim();
      free.push({ text: { nb: text, en: text } });
      return;
    }
    const path = `$.conditions[${i}].code`;
    if (seen.has(c.code)) errors.push({ path, message: `${c.code} is named twice` });
    seen.add(c.code);
    const standard = STANDARD_CONDITIONS.find((s) => s.code === c.code);
    if (!standard) errors.push({ path, message: `unknown condition ${c.code}; the standard ones are listed at GET /api/conditions` });
    else if (!standard.mandatory) optional.push(stored(standard));
  });
  if (errors.length) throw Problem.validation(errors);
  return [...STANDARD_CONDITIONS.filter((s) => s.mandatory).map(stored), ...optional, ...free];
}

const stored = (s: StandardCondition): StoredCondition => ({ code: s.code, text: s.text });

/** A grant's conditions as the decision records them: the mandatory ones always, first, then the rest as stored. */
export function withMandatory(conditions: StoredCondition[]): StoredCondition[] {
  const mandatory = STANDARD_CONDITIONS.filter((s) => s.mandatory).map(stored);
  return [...mandatory, ...conditions.filter((c) => !mandatory.some((m) => m.code === c.code))];
}

/**
 * The conditions as the letter takes them: standard ones by code, the caseworker's by text. The
 * mandatory ones come first whatever was stored (a recommendation made before they were mandatory
 * lacks them, and a grant never goes out without them); a code the agency no longer uses keeps
 * its stored text.
 */
export function letterConditions(conditions: StoredCondition[]): LetterCondition[] {
  const known = (code: string | undefined): code is ConditionCode =>
    code !== undefined && [...MANDATORY_CONDITIONS, ...OPTIONAL_CONDITIONS].some((c) => c === code);
  return [
    ...MANDATORY_CONDITIONS.map((code) => ({ code })),
    ...conditions
      .filter((c) => !(MANDATORY_CONDITIONS as readonly string[]).includes(c.code ?? ''))
      .map((c): LetterCondition => (known(c.code) ? { code: c.code } : { text: c.text.nb })),
  ];
}

/**
 * The dates a grant's conditions name (docs/rules.md section 10): acceptance four weeks after the
 * decision date; the final report three months and the lapse six months after the project's end,
 * worked out where the letter's wording of them lives.
 */
export const conditionDates: (decisionDate: string, projectEndDate: string) => ConditionDates = conditionDatesFor;
