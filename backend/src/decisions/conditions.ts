import type { LocalizedText } from '../rulebook';
import { Problem } from '../common/problem';

export interface StandardCondition {
  code: string;
  text: LocalizedText;
}

/** The agency's standard grant conditions; a recommendation picks from these and may add free text. */
export const STANDARD_CONDITIONS: readonly StandardCondition[] = [
  {
    code: 'REPORT-FINAL',
    text: {
      nb: 'Sluttrapport med regnskap for prosjektet skal sendes innen tre måneder etter prosjektslutt.',
      en: 'A final report with the project accounts must be submitted within three months of the project end.',
    },
  },
  {
    code: 'AUDITOR',
    text: {
      nb: 'Prosjektregnskapet skal bekreftes av revisor når tilskuddet er 500 000 kr eller mer.',
      en: 'The project accounts must be confirmed by an auditor when the grant is NOK 500,000 or more.',
    },
  },
  {
    code: 'PAYMENT-SCHEDULE',
    text: {
      nb: 'Tilskuddet utbetales etterskuddsvis mot dokumenterte kostnader; inntil 75 % kan utbetales før sluttrapport.',
      en: 'The grant is paid in arrears against documented costs; up to 75% may be paid before the final report.',
    },
  },
  {
    code: 'CHANGES',
    text: {
      nb: 'Vesentlige endringer i prosjektet skal meldes og godkjennes før de gjennomføres.',
      en: 'Significant changes to the project must be reported and approved before they are made.',
    },
  },
  {
    code: 'RECORDS',
    text: {
      nb: 'Dokumentasjon for kostnadene skal oppbevares i ti år etter at tilskuddet er gitt.',
      en: 'Documentation of the costs must be kept for ten years after the grant is awarded.',
    },
  },
  {
    code: 'RECOVERY',
    text: {
      nb: 'Tilskuddet kan kreves tilbake dersom vilkårene ikke er oppfylt eller opplysningene i søknaden var uriktige.',
      en: 'The grant may be recovered if the conditions are not met or the information in the application was incorrect.',
    },
  },
];

/** The conditions of a recommendation: standard ones by code, others as the caseworker wrote them. */
export function resolveConditions(conditions: { code?: string; text?: string }[]): { code?: string; text: LocalizedText }[] {
  return conditions.map((c, i) => {
    if (c.code !== undefined) {
      const standard = STANDARD_CONDITIONS.find((s) => s.code === c.code);
      if (!standard) throw Problem.validation([{ path: `$.conditions[${i}].code`, message: `unknown condition ${c.code}` }]);
      return { code: standard.code, text: standard.text };
    }
    return { text: { nb: c.text ?? '', en: c.text ?? '' } };
  });
}
