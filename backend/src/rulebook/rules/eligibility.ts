import { FIELD, missingText } from '../missing';
import type { RuleResult } from '../types';
import type { CaseFacts } from './facts';
import { ruleResult } from './rule-result';

/** REC-01 (GBER art. 1(4)(a)): no outstanding recovery order ("Deggendorf" clause). */
export function rec01(f: CaseFacts): RuleResult {
  const v = f.snapshot.applicant?.outstandingRecoveryOrder;
  const inputs = { outstandingRecoveryOrder: v ?? null };
  if (v === true) {
    return ruleResult(
      'REC-01',
      'fail',
      {
        nb: 'Søker har et utestående krav om tilbakebetaling etter et tidligere vedtak som har erklært støtte ulovlig og uforenlig. Støtte kan ikke gis før kravet er oppfylt.',
        en: 'The applicant is subject to an outstanding recovery order following an earlier decision declaring aid illegal and incompatible. No aid can be granted until it is complied with.',
      },
      inputs,
    );
  }
  if (v === false) {
    return ruleResult(
      'REC-01',
      'pass',
      {
        nb: 'Søker har opplyst at det ikke er noe utestående krav om tilbakebetaling av ulovlig støtte.',
        en: 'The applicant has stated that no recovery order for unlawful aid is outstanding.',
      },
      inputs,
    );
  }
  const missing = [FIELD.outstandingRecoveryOrder()];
  return ruleResult('REC-01', 'missing', missingText(missing), inputs, missing);
}

/** NACE divisions referred to the state-aid unit: 01 agriculture, 03 fishing and aquaculture (GBER art. 1(3)). */
const REFERRED_DIVISIONS: Record<string, { nb: string; en: string }> = {
  '01': { nb: 'jordbruk', en: 'agriculture' },
  '03': { nb: 'fiske og akvakultur', en: 'fishing and aquaculture' },
};

/** SEC-01: sectors excluded from or restricted by GBER are referred, not decided here. */
export function sec01(f: CaseFacts): RuleResult {
  const code = f.snapshot.applicant?.naceCode;
  const m = typeof code === 'string' ? /^\s*(\d{2})(?:\.\d{2,3})?\s*$/.exec(code) : null;
  if (!m) {
    const missing = [FIELD.naceCode()];
    return ruleResult('SEC-01', 'missing', missingText(missing), { naceCode: code ?? null }, missing);
  }
  const division = m[1];
  const inputs = { naceCode: code as string, division };
  const sector = REFERRED_DIVISIONS[division];
  if (sector) {
    return ruleResult(
      'SEC-01',
      'refer',
      {
        nb: `Næringskode ${code} er i næring ${division} (${sector.nb}), som er unntatt fra eller begrenset i gruppeunntaket. Saken sendes til statsstøtteenheten.`,
        en: `Industry code ${code} is in division ${division} (${sector.en}), which the block exemption excludes or restricts. The case is referred to the state-aid unit.`,
      },
      inputs,
    );
  }
  return ruleResult(
    'SEC-01',
    'pass',
    {
      nb: `Næringskode ${code} (næring ${division}) er ikke unntatt.`,
      en: `Industry code ${code} (division ${division}) is not excluded.`,
    },
    inputs,
  );
}
