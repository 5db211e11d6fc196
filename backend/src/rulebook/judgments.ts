import type { CaseSnapshot, CriterionId, JudgmentResult, LocalizedText, SizeClass } from './types';

export interface JudgmentCriterion {
  criterionId: CriterionId;
  title: LocalizedText;
  criterion: LocalizedText;
  /** When the criterion applies; null: always. */
  appliesWhen: 'large' | 'circular' | null;
}

/** docs/rules.md section 9, in its order. */
export const JUDGMENT_CRITERIA: readonly JudgmentCriterion[] = [
  {
    criterionId: 'J-INNO-01',
    title: { nb: 'Prosess- eller organisasjonsinnovasjon', en: 'Process or organisational innovation' },
    criterion: {
      nb: 'Prosjektet er prosessinnovasjon (GBER art. 2(97)) og/eller organisasjonsinnovasjon (art. 2(96)), og ikke et av definisjonenes unntak (mindre endringer, enkel utskifting eller utvidelse av kapital, endringer som bare skyldes faktorpriser, tilpasning til enkeltkunder, sesongmessige eller sykliske endringer).',
      en: "The project is process innovation (GBER art. 2(97)) and/or organisational innovation (art. 2(96)), not one of the definitions' exclusions (minor changes, simple replacement or extension of capital, changes driven only by factor prices, customisation, seasonal or cyclical changes).",
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-INNO-02',
    title: { nb: 'Klart nytt og et betydelig løft', en: 'Clearly new and a significant lift' },
    criterion: {
      nb: 'De nye prosessene eller metodene skiller seg klart fra bedriftens tidligere, og prosjektet er et betydelig løft for bedriften.',
      en: "The new processes or methods are clearly different from the company's earlier ones, and the project is a significant lift for the company.",
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-INNO-03',
    title: { nb: 'Ikke på ordningens unntaksliste', en: "Not on the scheme's exclusion list" },
    criterion: {
      nb: 'Ikke på ordningens unntaksliste: rutinemessige forbedringer som LEAN; mindre endringer i eksisterende produksjon; spesialbestilte leveranser til enkeltkunder; nye datasystemer (SAP, CRM) eller lagerstyringssystemer som ikke er del av en prosessinnovasjon; nytt eller utskiftet enkeltutstyr eller deler av en eksisterende linje; tilpasning til prisendringer; avvikling av produksjon etter endringer i markedet; utstyr som ikke er knyttet til et innovasjonsløft.',
      en: "Not on the scheme's exclusion list: routine improvement such as LEAN; minor changes to existing production; special-order deliveries to single customers; new IT systems (SAP, CRM) or inventory systems not part of a process innovation; new or replacement single equipment or parts of an existing line; adapting to price changes; winding down production after market changes; equipment not tied to an innovation lift.",
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-COMP-01',
    title: { nb: 'Styrker konkurransekraften', en: 'Strengthens competitiveness' },
    criterion: {
      nb: 'Prosjektet styrker bedriftens konkurransekraft.',
      en: "The project strengthens the company's competitiveness.",
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-COMP-02',
    title: { nb: 'Ingen urimelig konkurransevridning', en: 'No undue distortion of competition' },
    criterion: {
      nb: 'Støtten vrir ikke konkurransen mellom norske bedrifter urimelig.',
      en: 'The aid does not unduly distort competition between Norwegian companies.',
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-NEED-01',
    title: { nb: 'Nødvendig og ikke større enn nødvendig', en: 'Necessary and no larger than needed' },
    criterion: {
      nb: 'Støtten er nødvendig og ikke større enn det som trengs (det gis ofte mindre enn maksimum).',
      en: 'The aid is necessary and no larger than needed (the agency often grants below the maximum).',
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-FEAS-01',
    title: { nb: 'Evne til å gjennomføre', en: 'Ability to carry out the project' },
    criterion: {
      nb: 'Bedriften kan gjennomføre prosjektet: økonomi, kompetanse og organisasjon.',
      en: 'The company can carry out the project: finances, competence, organisation.',
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-COST-01',
    title: { nb: 'Realistiske kostnader', en: 'Plausible costs' },
    criterion: {
      nb: 'Kostnadene er realistiske: timer og satser, bruksandeler, priser på markedsvilkår.',
      en: "Costs are plausible: hours and rates, shares of use, arm's-length prices.",
    },
    appliesWhen: null,
  },
  {
    criterionId: 'J-LRG-01',
    title: { nb: 'Stort foretak: bare unntaksvis', en: 'Large applicant: only exceptionally' },
    criterion: {
      nb: 'Et stort foretak støttes bare unntaksvis; samarbeidet med SMB-er er reelt og effektivt.',
      en: 'A large applicant is supported only exceptionally; the SME collaboration is real and effective.',
    },
    appliesWhen: 'large',
  },
  {
    criterionId: 'J-CIRC-01',
    title: { nb: 'Sirkulær omstilling', en: 'Circular transition' },
    criterion: {
      nb: 'Omstilling fra en lineær til en sirkulær forretningsmodell: vurder miljøteknologiordningen i stedet for eller ved siden av denne.',
      en: 'A move from a linear to a circular business model: consider the environmental technology scheme instead of or beside this one.',
    },
    appliesWhen: 'circular',
  },
];

/**
 * Each criterion with its recorded outcome, `assess` until recorded, `na` when it does not
 * apply. A criterion recorded more than once counts by its last record; records of unknown
 * criteria are ignored. A recorded rationale is shown even when the criterion no longer applies.
 * J-LRG-01 applies when the size class is large; with the class unknown it does not apply yet
 * (SME-01 is then missing, which blocks a recommendation anyway).
 */
export function evaluateJudgments(snapshot: CaseSnapshot, sizeClass: SizeClass | null): JudgmentResult[] {
  const recorded = new Map<string, { outcome: unknown; rationale: unknown }>();
  for (const j of snapshot.judgments ?? []) if (j && typeof j.criterionId === 'string') recorded.set(j.criterionId, j);
  const circular = snapshot.project?.circularTransition === true;
  return JUDGMENT_CRITERIA.map((c) => {
    const applies = c.appliesWhen === null || (c.appliesWhen === 'large' ? sizeClass === 'large' : circular);
    const r = recorded.get(c.criterionId);
    const valid = r && (r.outcome === 'pass' || r.outcome === 'fail') ? (r.outcome as 'pass' | 'fail') : null;
    const result: JudgmentResult = {
      criterionId: c.criterionId,
      outcome: !applies ? 'na' : (valid ?? 'assess'),
      applies,
      title: { ...c.title },
      criterion: { ...c.criterion },
    };
    if (r && typeof r.rationale === 'string') result.rationale = r.rationale;
    return result;
  });
}
