import { JUDGMENT_CRITERIA } from '../../rulebook/judgments';
import { LEGAL_REFERENCES } from '../../rulebook/rules/rule-result';
import { CASEWORKER_ASSESSMENT, SIZE_CLASSES, type CaseRuleId, type CostReasonId } from '../../rulebook/types';
import { MANDATORY_CONDITIONS, OPTIONAL_CONDITIONS } from '../decision-letter.types';
import { TEXTS } from './index';
import { MISSING_INFO, RULE_LETTER_OUTCOMES, type ConditionFigures, type GroundFigures, type RuleSentence } from './types';

const LANGS = ['nb', 'en'] as const;
const RULES = Object.keys(LEGAL_REFERENCES) as CaseRuleId[];
const CRITERIA = JUDGMENT_CRITERIA.map((c) => c.criterionId);
const COST_REASONS: CostReasonId[] = ['COST-01', 'COST-02', 'COST-03', 'COST-04', 'COST-05', 'COST-06', CASEWORKER_ASSESSMENT];
const CONDITIONS = [...MANDATORY_CONDITIONS, ...OPTIONAL_CONDITIONS];

const INTERNAL_ID =
  /\b(INC|INT|CUM|THR|TRN|SME|LRG|UID|REC|SEC|COST)-\d\d\b|J-[A-Z]+-\d\d|\b(ACCEPT|PAYMENT|REPORT-FINAL|RECORDS-CONTROL|RECOVERY|LAPSE|AUDITOR|CHANGES|PRIORITY|ASSESSMENT)\b/;

/** Figures as a rule gives them at its richest, and as an older evaluation may give none. */
const FULL: GroundFigures = {
  receivedDate: '2026-03-02',
  startDate: '2026-03-02',
  commitmentDate: '2026-02-20',
  startedBeforeReceipt: true,
  committedBeforeReceipt: true,
  sizeClass: 'medium',
  aidAmountNok: 1_500_000,
  maxAidNok: 1_145_000,
  maxIntensityPct: 50,
  eligibleCostsNok: 2_290_000,
  otherAidNok: 200_000,
  smeSharePct: 22.5,
  requiredSmeSharePct: 30,
  difficulty: ['capital-loss', 'insolvency', 'rescue-aid', 'leverage'],
  sector: 'fishing',
  notificationThresholdEur: 10_000_000,
  missing: [...MISSING_INFO],
};
const NONE: GroundFigures = { difficulty: [], missing: [] };

const CONDITION_FIGURES: ConditionFigures[] = [
  {
    amountNok: 900_000,
    heldBackNok: 180_000,
    heldBackPct: 20,
    dates: { acceptBy: '2026-06-01', finalReportBy: '2027-12-30', lapsesOn: '2028-03-30' },
    projectEndDate: '2027-09-30',
    agency: 'Innovasjonsbyrået',
  },
  { amountNok: 900_000, heldBackNok: 180_000, heldBackPct: 20, dates: null, projectEndDate: '2027-09-30', agency: 'Innovasjonsbyrået' },
];

/** The paths of every string and function in a text object, for comparing the two languages' shapes. */
function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Every sentence a text object can produce, fixed or worked out from figures. */
function everySentence(lang: (typeof LANGS)[number]): string[] {
  const t = TEXTS[lang];
  const out: string[] = [];
  for (const rule of RULES) {
    for (const outcome of RULE_LETTER_OUTCOMES[rule]) {
      const sentence = (t.rules[rule] as unknown as Record<string, RuleSentence>)[outcome];
      out.push(sentence(FULL), sentence(NONE));
    }
  }
  for (const c of CRITERIA) out.push(t.criteria[c].title, t.criteria[c].pass, t.criteria[c].fail);
  for (const r of COST_REASONS) out.push(t.costReasons[r]);
  for (const c of CONDITIONS) out.push(t.condition[c].title, ...CONDITION_FIGURES.map((f) => t.condition[c].text(f)));
  out.push(t.decision.granted('A AS', '«P»', 1_145_000), t.decision.partlyGranted('A AS', '«P»', 900_000, 1_500_000));
  out.push(t.reduction.text(945_000, 900_000), t.reduction.text(945_000, null), t.priority.text);
  return out;
}

describe('letter texts', () => {
  it('have the same keys in bokmål and English', () => {
    expect(keys(TEXTS.en).sort()).toEqual(keys(TEXTS.nb).sort());
  });

  it.each(LANGS)('in %s word every rule at every outcome it can have, with a title', (lang) => {
    const t = TEXTS[lang];
    expect(Object.keys(t.rules).sort()).toEqual([...RULES].sort());
    for (const rule of RULES) {
      expect(t.rules[rule].title).toMatch(/\S/);
      expect(Object.keys(t.rules[rule]).sort()).toEqual(['title', ...RULE_LETTER_OUTCOMES[rule]].sort());
    }
  });

  it.each(LANGS)('in %s word every criterion at pass and fail, every cost reason, every condition', (lang) => {
    const t = TEXTS[lang];
    expect(Object.keys(t.criteria).sort()).toEqual([...CRITERIA].sort());
    expect(Object.keys(t.costReasons).sort()).toEqual([...COST_REASONS].sort());
    expect(Object.keys(t.condition).sort()).toEqual([...CONDITIONS].sort());
    expect(Object.keys(t.sizeClass).sort()).toEqual([...SIZE_CLASSES].sort());
    expect(Object.keys(t.missingInfo).sort()).toEqual([...MISSING_INFO].sort());
  });

  it.each(LANGS)('in %s never show an ID or a code, nor a figure that was absent', (lang) => {
    for (const sentence of everySentence(lang)) {
      expect(sentence).toMatch(/\S/);
      expect(sentence).not.toMatch(INTERNAL_ID);
      expect(sentence).not.toMatch(/undefined|NaN|null|\$\{/);
    }
  });

  it.each(LANGS)('in %s give every amount with no-break spaces', (lang) => {
    for (const sentence of everySentence(lang)) expect(sentence).not.toMatch(/\d \d{3}(?!\d)|\d (kr|%)|NOK \d|EUR \d|\d EUR/);
  });

  it('use the figures they are given', () => {
    expect(TEXTS.nb.rules['INT-01'].pass(FULL)).toBe(
      'For et mellomstort foretak kan støtten utgjøre inntil 50\u00a0% av de støtteberettigede kostnadene på 2\u00a0290\u00a0000\u00a0kr, det vil si inntil 1\u00a0145\u00a0000\u00a0kr. Tilskuddet er innenfor dette.',
    );
    expect(TEXTS.en.rules['LRG-01'].fail(FULL)).toContain('carry at least 30% of the costs. In this project they carry only 22.5%.');
    expect(TEXTS.nb.rules['THR-01'].refer(FULL)).toContain('10\u00a0000\u00a0000\u00a0EUR per bedrift per prosjekt');
    expect(TEXTS.en.rules['UID-01'].fail(FULL)).toContain('more than half of the subscribed capital has been lost');
    expect(TEXTS.nb.rules['INC-02'].missing({ ...NONE, missing: ['description', 'requested-amount'] })).toBe(
      'Søknaden mangler opplysninger vi trenger for å behandle den. Vi mangler en beskrivelse av prosjektet og beløpet dere søker om.',
    );
  });
});
