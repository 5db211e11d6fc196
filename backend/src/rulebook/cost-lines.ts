import { isIsoDate, monthsInclusiveRoundedUp } from './dates';
import { formatDate, formatList, formatNok, formatNumber, formatPct, quote, text, type Lang } from './format';
import { FIELD, missingField, type MissingField } from './missing';
import { clean, num, roundHalfUp } from './money';
import type { ParameterSet } from './parameters';
import { screenDescription } from './screening';
import {
  CASEWORKER_ASSESSMENT,
  type CaseSnapshot,
  type CostLineOutcome,
  type CostLineReason,
  type CostLineResult,
  type CostLineSnapshot,
  type LocalizedText,
} from './types';

/** Worst first is highest: a line's outcome is the worst of its rules (docs/rules.md section 8). */
const SEVERITY: Record<CostLineOutcome, number> = { eligible: 0, assess: 1, partly: 2, ineligible: 3 };

export function worstOf(outcomes: readonly CostLineOutcome[]): CostLineOutcome {
  let worst: CostLineOutcome = 'eligible';
  for (const o of outcomes) if (SEVERITY[o] > SEVERITY[worst]) worst = o;
  return worst;
}

/** What the cost-line rules need to know about the case as a whole. */
export interface CostLineContext {
  params: ParameterSet;
  /** The application's date of receipt in Norwegian time, or null when unknown. */
  receivedDate: string | null;
  /** The project's length in whole months rounded up, or null with what is missing. */
  projectMonths: { months: number | null; missing: MissingField[] };
  /** Normalised names of related enterprises and collaboration partners, with what they are. */
  relatedParties: Map<string, LocalizedText>;
}

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function costLineContext(snapshot: CaseSnapshot, params: ParameterSet, receivedDate: string | null): CostLineContext {
  const start = snapshot.project?.startDate;
  const end = snapshot.project?.endDate;
  const missing: MissingField[] = [];
  if (!isIsoDate(start)) missing.push(FIELD.startDate());
  if (!isIsoDate(end)) missing.push(FIELD.endDate());
  let months: number | null = null;
  if (isIsoDate(start) && isIsoDate(end)) {
    months = monthsInclusiveRoundedUp(start, end);
    if (months === null) {
      missing.push(missingField('project.endDate', 'en sluttdato som ikke er før startdatoen', 'an end date not before the start date'));
    }
  }
  const relatedParties = new Map<string, LocalizedText>();
  for (const p of snapshot.project?.collaborationPartners ?? []) {
    if (p?.name)
      relatedParties.set(normaliseName(p.name), { nb: 'samarbeidspartner i prosjektet', en: 'collaboration partner in the project' });
  }
  for (const r of snapshot.applicant?.relatedEnterprises ?? []) {
    if (!r?.name) continue;
    relatedParties.set(
      normaliseName(r.name),
      r.relation === 'linked' ? { nb: 'tilknyttet foretak', en: 'linked enterprise' } : { nb: 'partnerforetak', en: 'partner enterprise' },
    );
  }
  return { params, receivedDate, projectMonths: { months, missing }, relatedParties };
}

const NONE: readonly Finding[] = Object.freeze([]);

interface Finding {
  reason: CostLineReason;
  /** An upper bound on the eligible amount that the rule computed. */
  cap?: number;
}

const CATEGORY_NAME: Record<string, LocalizedText> = {
  personnel: { nb: 'personalkostnader (egne timer)', en: 'personnel (own hours)' },
  consultancy: { nb: 'konsulenttjenester', en: 'consultancy' },
  equipment: { nb: 'utstyr', en: 'equipment' },
  ipr: { nb: 'IPR', en: 'IPR' },
  overheads: { nb: 'indirekte kostnader', en: 'overheads' },
  materials: { nb: 'materialer', en: 'materials' },
  other: { nb: 'annet', en: 'other' },
};

function categoryName(lang: Lang, category: string): string {
  return CATEGORY_NAME[category]?.[lang] ?? quote(lang, category);
}

function reason(ruleId: CostLineReason['ruleId'], outcome: CostLineOutcome, explanation: LocalizedText): CostLineReason {
  return { ruleId, outcome, explanation };
}

function missingList(lang: Lang, labels: readonly LocalizedText[]): string {
  return formatList(
    lang,
    labels.map((l) => l[lang]),
  );
}

/** COST-01: the category must be one this scheme funds. */
function cost01(line: CostLineSnapshot, claimed: number | null, params: ParameterSet): readonly Finding[] {
  const category = typeof line.category === 'string' && line.category ? line.category : null;
  const out: Finding[] = [];
  if (category === null) {
    out.push({
      reason: reason('COST-01', 'assess', text('Kostnadskategori mangler.', 'The cost category is missing.')),
    });
  } else if (!params.eligibleCategories.includes(category)) {
    const nb = categoryName('nb', category);
    const en = categoryName('en', category);
    const explanation =
      category === 'overheads' || category === 'materials'
        ? text(
            `Kategorien ${nb} er tillatt etter GBER art. 29(3)(d), men dekkes ikke av denne ordningen.`,
            `The category ${en} is allowed by GBER art. 29(3)(d) but not funded by this scheme.`,
          )
        : text(`Kategorien ${nb} er aldri støtteberettiget.`, `The category ${en} is never eligible.`);
    out.push({ reason: reason('COST-01', 'ineligible', explanation) });
  }
  if (claimed === null) {
    out.push({
      reason: reason('COST-01', 'assess', text('Krevd beløp mangler.', 'The claimed amount is missing.')),
    });
  }
  return out;
}

/** COST-02: personnel at most hours x hourly rate. */
function cost02(line: CostLineSnapshot, claimed: number): readonly Finding[] {
  const hours = num(line.hours);
  const rate = num(line.hourlyRateNok);
  const absent: LocalizedText[] = [];
  if (hours === null || hours < 0) absent.push({ nb: 'timer', en: 'hours' });
  if (rate === null || rate < 0) absent.push({ nb: 'timesats', en: 'hourly rate' });
  if (hours === null || rate === null || absent.length) {
    return [
      {
        reason: reason('COST-02', 'assess', {
          nb: `Personalkostnader kan ikke kontrolleres mot timer × timesats. Mangler: ${missingList('nb', absent)}.`,
          en: `Personnel costs cannot be checked against hours × hourly rate. Missing: ${missingList('en', absent)}.`,
        }),
      },
    ];
  }
  const limit = roundHalfUp(hours * rate);
  const h = (l: Lang) => formatNumber(l, hours, 2);
  if (claimed > limit) {
    return [
      {
        cap: limit,
        reason: reason('COST-02', 'partly', {
          nb: `${h('nb')} timer × ${formatNok('nb', rate)} = ${formatNok('nb', limit)}. Krevd ${formatNok('nb', claimed)} er mer; støtteberettiget er ${formatNok('nb', limit)}.`,
          en: `${h('en')} hours × ${formatNok('en', rate)} = ${formatNok('en', limit)}. The claim of ${formatNok('en', claimed)} is higher; ${formatNok('en', limit)} is eligible.`,
        }),
      },
    ];
  }
  return [
    {
      cap: limit,
      reason: reason('COST-02', 'eligible', {
        nb: `${h('nb')} timer × ${formatNok('nb', rate)} = ${formatNok('nb', limit)}; krevd ${formatNok('nb', claimed)} er innenfor.`,
        en: `${h('en')} hours × ${formatNok('en', rate)} = ${formatNok('en', limit)}; the claim of ${formatNok('en', claimed)} is within it.`,
      }),
    },
  ];
}

/** COST-03: equipment by depreciation or rental, for the time and share used in the project. */
function cost03(line: CostLineSnapshot, claimed: number, ctx: CostLineContext): readonly Finding[] {
  const basis = line.basis;
  const monthsUsed = num(line.monthsUsed);
  const share = num(line.projectUseSharePct);
  const absent: LocalizedText[] = [];
  const need = (ok: boolean, label: LocalizedText) => {
    if (!ok) absent.push(label);
  };
  if (basis !== 'depreciation' && basis !== 'rental') {
    need(false, { nb: 'grunnlag (avskrivning eller leie)', en: 'basis (depreciation or rental)' });
  }
  const acquisition = num(line.acquisitionCostNok);
  const life = num(line.usefulLifeMonths);
  const rent = num(line.monthlyRentNok);
  if (basis === 'depreciation') {
    need(acquisition !== null && acquisition >= 0, { nb: 'anskaffelseskost', en: 'acquisition cost' });
    need(life !== null && life > 0, { nb: 'økonomisk levetid i måneder', en: 'useful life in months' });
  }
  if (basis === 'rental') need(rent !== null && rent >= 0, { nb: 'månedsleie', en: 'monthly rent' });
  need(monthsUsed !== null && monthsUsed >= 0, { nb: 'måneder brukt i prosjektet', en: 'months used in the project' });
  need(share !== null && share >= 0 && share <= 100, { nb: 'prosjektets bruksandel', en: 'project use share' });
  for (const m of ctx.projectMonths.missing) absent.push(m.label);
  const projectMonths = ctx.projectMonths.months;
  if (absent.length || monthsUsed === null || share === null || projectMonths === null) {
    return [
      {
        reason: reason('COST-03', 'assess', {
          nb: `Utstyrskostnaden kan ikke beregnes. Mangler: ${missingList('nb', absent)}.`,
          en: `The equipment cost cannot be computed. Missing: ${missingList('en', absent)}.`,
        }),
      },
    ];
  }
  const months = Math.min(monthsUsed, projectMonths);
  const capNote = (l: Lang) =>
    monthsUsed > projectMonths
      ? l === 'nb'
        ? ` Brukte måneder (${formatNumber(l, monthsUsed, 2)}) er begrenset til prosjektets lengde, ${projectMonths} måneder.`
        : ` Months used (${formatNumber(l, monthsUsed, 2)}) are capped at the project's length, ${projectMonths} months.`
      : '';
  let limit: number;
  let formula: LocalizedText;
  if (basis === 'depreciation') {
    const a = acquisition as number;
    const lf = life as number;
    const m = Math.min(months, lf);
    limit = roundHalfUp(clean((a * m * share) / (lf * 100)));
    formula = {
      nb: `Avskrivning: ${formatNok('nb', a)} × ${formatNumber('nb', m, 2)}/${formatNumber('nb', lf, 2)} måneder × ${formatPct('nb', share)} = ${formatNok('nb', limit)}.`,
      en: `Depreciation: ${formatNok('en', a)} × ${formatNumber('en', m, 2)}/${formatNumber('en', lf, 2)} months × ${formatPct('en', share)} = ${formatNok('en', limit)}.`,
    };
  } else {
    const r = rent as number;
    limit = roundHalfUp(clean((r * months * share) / 100));
    formula = {
      nb: `Leie: ${formatNok('nb', r)} × ${formatNumber('nb', months, 2)} måneder × ${formatPct('nb', share)} = ${formatNok('nb', limit)}.`,
      en: `Rental: ${formatNok('en', r)} × ${formatNumber('en', months, 2)} months × ${formatPct('en', share)} = ${formatNok('en', limit)}.`,
    };
  }
  const over = claimed > limit;
  return [
    {
      cap: limit,
      reason: reason('COST-03', over ? 'partly' : 'eligible', {
        nb:
          formula.nb +
          capNote('nb') +
          (over
            ? ` Krevd ${formatNok('nb', claimed)} er mer; støtteberettiget er ${formatNok('nb', limit)}.`
            : ` Krevd ${formatNok('nb', claimed)} er innenfor.`),
        en:
          formula.en +
          capNote('en') +
          (over
            ? ` The claim of ${formatNok('en', claimed)} is higher; ${formatNok('en', limit)} is eligible.`
            : ` The claim of ${formatNok('en', claimed)} is within it.`),
      }),
    },
  ];
}

/** COST-04: a cost incurred before the application was received has no incentive effect (GBER art. 6(2)). */
function cost04(line: CostLineSnapshot, ctx: CostLineContext): readonly Finding[] {
  const incurred = isIsoDate(line.incurredFrom) ? line.incurredFrom : null;
  if (incurred === null || ctx.receivedDate === null) {
    const absent: LocalizedText[] = [];
    if (incurred === null) absent.push({ nb: 'dato kostnaden påløper fra', en: 'date the cost is incurred from' });
    if (ctx.receivedDate === null) absent.push(FIELD.receivedAt().label);
    return [
      {
        reason: reason('COST-04', 'assess', {
          nb: `Det kan ikke kontrolleres at kostnaden påløper etter at søknaden kom inn. Mangler: ${missingList('nb', absent)}.`,
          en: `It cannot be checked that the cost is incurred after the application was received. Missing: ${missingList('en', absent)}.`,
        }),
      },
    ];
  }
  if (incurred < ctx.receivedDate) {
    return [
      {
        reason: reason('COST-04', 'ineligible', {
          nb: `Kostnaden påløper fra ${formatDate('nb', incurred)}, før søknaden kom inn ${formatDate('nb', ctx.receivedDate)}, og er ikke støtteberettiget.`,
          en: `The cost is incurred from ${formatDate('en', incurred)}, before the application was received on ${formatDate('en', ctx.receivedDate)}, and is not eligible.`,
        }),
      },
    ];
  }
  return NONE;
}

/**
 * COST-05: purchases from a partner or linked enterprise need an arm's-length check. A supplier
 * whose relation is not given, or whose name is that of a related enterprise or of a
 * collaboration partner, gets the same check: arm's length has then not been shown.
 */
function cost05(line: CostLineSnapshot, ctx: CostLineContext): readonly Finding[] {
  if (line.category !== 'consultancy' && line.category !== 'ipr') return NONE;
  const relation = line.supplierRelation;
  const supplier = (l: Lang) => (line.supplierName ? `${quote(l, line.supplierName)} ` : '');
  const assess = (nb: string, en: string) => [
    {
      reason: reason('COST-05', 'assess', {
        nb: `${nb} Vurder om prisen er på markedsvilkår (armlengdes avstand).`,
        en: `${en} Assess whether the price is at arm's length.`,
      }),
    },
  ];
  if (relation === 'partner' || relation === 'linked') {
    return relation === 'partner'
      ? assess(
          `Leverandøren ${supplier('nb')}er et partnerforetak til søkeren.`,
          `The supplier ${supplier('en')}is a partner enterprise of the applicant.`,
        )
      : assess(
          `Leverandøren ${supplier('nb')}er et foretak tilknyttet søkeren.`,
          `The supplier ${supplier('en')}is a linked enterprise of the applicant.`,
        );
  }
  if (relation !== 'independent') {
    return assess(
      `Leverandørens relasjon til søkeren ${line.supplierName ? `(${quote('nb', line.supplierName)}) ` : ''}er ikke oppgitt.`,
      `The supplier's relation to the applicant ${line.supplierName ? `(${quote('en', line.supplierName)}) ` : ''}is not given.`,
    );
  }
  const match = line.supplierName ? ctx.relatedParties.get(normaliseName(line.supplierName)) : undefined;
  if (match) {
    return assess(
      `Leverandøren ${supplier('nb')}er oppgitt som uavhengig, men har samme navn som et ${match.nb}.`,
      `The supplier ${supplier('en')}is declared independent but has the name of a ${match.en}.`,
    );
  }
  return NONE;
}

/** COST-06: exclusion screening of the description, pointing to J-INNO-03. */
function cost06(line: CostLineSnapshot): readonly Finding[] {
  const hits = screenDescription(line.description);
  if (hits.length === 0) return NONE;
  const list = (l: Lang) =>
    formatList(
      l,
      hits.map(
        (h) =>
          `${formatList(
            l,
            h.terms.map((t) => quote(l, t)),
          )} (${h.label[l]})`,
      ),
    );
  return [
    {
      reason: reason('COST-06', 'assess', {
        nb: `Beskrivelsen nevner ${list('nb')}, som kan falle under ordningens unntak. Vurder J-INNO-03.`,
        en: `The description mentions ${list('en')}, which may fall under the scheme's exclusions. Assess J-INNO-03.`,
      }),
    },
  ];
}

/**
 * A caseworker's approved amount replaces the computed amount (docs/rules.md section 8). Two limits a
 * state-aid lawyer would insist on: an amount outside 0 to the claim is not applied, and no
 * amount can make eligible a line that COST-01 (a category the scheme never funds) or COST-04
 * (cost before the application, GBER art. 6(2)) excludes; if those facts are wrong they are
 * corrected as facts, not overridden. An approved 0 makes the line ineligible, not "partly".
 */
function applyApproval(
  line: CostLineSnapshot,
  claimed: number,
  computed: { outcome: CostLineOutcome; eligible: number },
  findings: readonly Finding[],
): { outcome: CostLineOutcome; eligible: number; reason: CostLineReason | null } {
  const approved = num(line.approvedAmountNok);
  if (approved === null) return { outcome: computed.outcome, eligible: computed.eligible, reason: null };
  const why = line.approvalReason?.trim() ? ` ${line.approvalReason.trim()}` : '';
  const hardBlock = findings.find(
    (f) => f.reason.outcome === 'ineligible' && (f.reason.ruleId === 'COST-01' || f.reason.ruleId === 'COST-04'),
  );
  if (hardBlock && approved !== 0) {
    return {
      outcome: 'ineligible',
      eligible: 0,
      reason: reason(CASEWORKER_ASSESSMENT, 'ineligible', {
        nb: `Godkjent beløp ${formatNok('nb', approved)} er ikke brukt: kostnaden er utelukket etter ${hardBlock.reason.ruleId}. Feil i opplysningene rettes som fakta.${why}`,
        en: `The approved amount of ${formatNok('en', approved)} is not applied: the cost is excluded by ${hardBlock.reason.ruleId}. Wrong facts are corrected as facts.${why}`,
      }),
    };
  }
  if (approved < 0 || approved > claimed) {
    return {
      outcome: worstOf([computed.outcome, 'assess']),
      eligible: computed.eligible,
      reason: reason(CASEWORKER_ASSESSMENT, 'assess', {
        nb: `Godkjent beløp ${formatNok('nb', approved)} er utenfor 0 til krevd beløp ${formatNok('nb', claimed)} og er ikke brukt.`,
        en: `The approved amount of ${formatNok('en', approved)} is outside 0 to the claimed ${formatNok('en', claimed)} and is not applied.`,
      }),
    };
  }
  const outcome: CostLineOutcome = hardBlock ? 'ineligible' : approved === claimed ? 'eligible' : approved === 0 ? 'ineligible' : 'partly';
  return {
    outcome,
    eligible: approved,
    reason: reason(CASEWORKER_ASSESSMENT, outcome, {
      nb: `Saksbehandler har godkjent ${formatNok('nb', approved)} av krevd ${formatNok('nb', claimed)}.${why}`,
      en: `The caseworker approved ${formatNok('en', approved)} of the claimed ${formatNok('en', claimed)}.${why}`,
    }),
  };
}

export function evaluateCostLine(line: CostLineSnapshot, ctx: CostLineContext): CostLineResult {
  const rawClaim = num(line.amountNok);
  const claimedValid = rawClaim !== null && rawClaim >= 0 ? rawClaim : null;
  const claimed = claimedValid ?? 0;
  const findings: Finding[] = [];
  const add = (fs: readonly Finding[]) => {
    for (let i = 0; i < fs.length; i++) findings.push(fs[i]);
  };
  add(cost01(line, claimedValid, ctx.params));
  if (line.category === 'personnel') add(cost02(line, claimed));
  if (line.category === 'equipment') add(cost03(line, claimed, ctx));
  add(cost04(line, ctx));
  add(cost05(line, ctx));
  add(cost06(line));

  const computedOutcome = worstOf(findings.map((f) => f.reason.outcome));
  let computedEligible = claimed;
  for (const f of findings) if (f.cap !== undefined && f.cap < computedEligible) computedEligible = f.cap;
  if (computedOutcome === 'ineligible') computedEligible = 0;

  const final = applyApproval(line, claimed, { outcome: computedOutcome, eligible: computedEligible }, findings);
  const reasons = findings.map((f) => f.reason);
  if (final.reason) reasons.push(final.reason);
  return {
    costLineId: String(line.id ?? ''),
    category: typeof line.category === 'string' ? line.category : null,
    outcome: final.outcome,
    claimedNok: claimed,
    eligibleNok: final.eligible,
    computedEligibleNok: computedEligible,
    approvedAmountNok: num(line.approvedAmountNok),
    reasons,
  };
}

export function evaluateCostLines(snapshot: CaseSnapshot, ctx: CostLineContext): CostLineResult[] {
  return (snapshot.costLines ?? []).map((line) => evaluateCostLine(line ?? ({ id: '' } as CostLineSnapshot), ctx));
}
