import { both, formatEur, formatList, formatNumber, formatPct, quote, type Lang } from './format';
import { FIELD, and3, financialField, known, or3, relatedField, uniqueMissing, unknown, type MissingField, type Tri } from './missing';
import { clean, nokToEur, num } from './money';
import type { ParameterSet } from './parameters';
import type { CaseSnapshot, FinancialYearSnapshot, LocalizedText, SizeClass } from './types';

/** The aggregated figures of one financial year and the class they give (docs/rules.md (SME-01), steps 1-4). */
export interface YearSize {
  year: number | null;
  /** Position of the year in `applicant.financials`. */
  index: number;
  annualWorkUnits: number | null;
  turnoverNok: number | null;
  balanceSheetNok: number | null;
  turnoverEur: number | null;
  balanceSheetEur: number | null;
  sizeClass: SizeClass | null;
  missing: MissingField[];
}

export type SizeBasis = 'single-year' | 'two-years-same-class' | 'two-years-earlier-stands' | 'public-control' | 'undetermined';

export interface SizeAssessment {
  sizeClass: SizeClass | null;
  basis: SizeBasis;
  /** Latest year first, at most two. */
  years: YearSize[];
  publicOwnershipPct: number | null;
  related: RelatedWeight[];
  missing: MissingField[];
}

/**
 * How a related enterprise counts in step 2: `linked` at 100 %, `partner` at its share, `left-out`
 * (a declared partner held below the partner range), or null when the relation or share is unknown.
 */
export type CountedAs = 'linked' | 'partner' | 'left-out';

export interface RelatedWeight {
  name: string | null;
  /** As declared. */
  relation: string | null;
  /** As declared. */
  sharePct: number | null;
  countedAs: CountedAs | null;
  /** The share of its figures added: 100 when counted as linked, 0 when left out. */
  weightPct: number | null;
}

export const SIZE_CLASS_NAME: Record<SizeClass, LocalizedText> = {
  micro: { nb: 'mikroforetak', en: 'micro enterprise' },
  small: { nb: 'lite foretak', en: 'small enterprise' },
  medium: { nb: 'mellomstort foretak', en: 'medium-sized enterprise' },
  large: { nb: 'stort foretak', en: 'large enterprise' },
};

export function isSme(sizeClass: SizeClass | null): boolean {
  return sizeClass === 'micro' || sizeClass === 'small' || sizeClass === 'medium';
}

type Figure = 'annualWorkUnits' | 'turnoverNok' | 'balanceSheetNok';

interface Aggregate {
  value: number | null;
  missing: MissingField[];
}

/** The two latest financial years given, latest first, each with its position in the array. */
export function latestYears(snapshot: CaseSnapshot): { fin: FinancialYearSnapshot; index: number }[] {
  const fins = snapshot.applicant?.financials ?? [];
  return fins
    .map((fin, index) => ({ fin: fin ?? {}, index }))
    .sort((a, b) => (num(b.fin.year) ?? -Infinity) - (num(a.fin.year) ?? -Infinity) || a.index - b.index)
    .slice(0, 2);
}

/**
 * Step 2: the applicant's figure plus 100 % of each linked and `sharePct` % of each partner
 * enterprise (annex I art. 6(2)-(3)). Related enterprises report one set of figures; it is added to
 * each of the applicant's years. The share decides, not the declared relation (relatedWeight).
 */
function aggregate(snapshot: CaseSnapshot, fin: FinancialYearSnapshot, index: number, figure: Figure, params: ParameterSet): Aggregate {
  const year = num(fin.year);
  const own = num(fin[figure]);
  const missing: MissingField[] = own === null ? [financialField(index, year, figure)] : [];
  let total = own ?? 0;
  (snapshot.applicant?.relatedEnterprises ?? []).forEach((rel, i) => {
    const r = rel ?? {};
    const weight = relatedWeight(r.relation, r.sharePct, params).weightPct;
    // A partner left out adds nothing, so its figures are not needed.
    if (weight === 0) return;
    const v = num(r[figure]);
    if (weight === null) {
      missing.push(relatedField(i, r.name, r.relation === 'partner' ? 'sharePct' : 'relation'));
    }
    if (v === null) missing.push(relatedField(i, r.name, figure));
    if (weight !== null && v !== null) total += (v * weight) / 100;
  });
  return missing.length ? { value: null, missing } : { value: clean(total), missing: [] };
}

/**
 * docs/rules.md (SME-01) step 2: a linked enterprise counts 100 %. For a declared partner the
 * share held decides (annex I art. 3(2)-(3)): within the partner range it counts at that share,
 * above it the enterprise is linked (100 %), below it it is left out.
 */
function relatedWeight(
  relation: unknown,
  sharePct: unknown,
  params: ParameterSet,
): { countedAs: CountedAs | null; weightPct: number | null } {
  if (relation === 'linked') return { countedAs: 'linked', weightPct: 100 };
  if (relation !== 'partner') return { countedAs: null, weightPct: null };
  const share = num(sharePct);
  if (share === null) return { countedAs: null, weightPct: null };
  if (share > params.partnerSharePct.atMost) return { countedAs: 'linked', weightPct: 100 };
  if (share < params.partnerSharePct.atLeast) return { countedAs: 'left-out', weightPct: 0 };
  return { countedAs: 'partner', weightPct: share };
}

function below(value: number | null, limit: number, missing: MissingField[]): Tri {
  return value === null ? unknown(...missing) : known(value < limit);
}

function atMost(value: number | null, limit: number, missing: MissingField[]): Tri {
  return value === null ? unknown(...missing) : known(value <= limit);
}

/** Step 4: the smallest class whose AWU limit is not reached and whose turnover or balance ceiling holds. */
function classOfYear(
  awu: Aggregate,
  turnoverEur: number | null,
  turnover: Aggregate,
  balanceEur: number | null,
  balance: Aggregate,
  params: ParameterSet,
): { sizeClass: SizeClass | null; missing: MissingField[] } {
  for (const c of ['micro', 'small', 'medium'] as const) {
    const l = params.sizeLimits[c];
    const fits = and3(
      below(awu.value, l.awuBelow, awu.missing),
      or3(atMost(turnoverEur, l.turnoverEurAtMost, turnover.missing), atMost(balanceEur, l.balanceSheetEurAtMost, balance.missing)),
    );
    if (fits.value === true) return { sizeClass: c, missing: [] };
    if (fits.value === null) return { sizeClass: null, missing: fits.missing };
  }
  return { sizeClass: 'large', missing: [] };
}

export function assessSize(snapshot: CaseSnapshot, params: ParameterSet, nokPerEur: number): SizeAssessment {
  const related = (snapshot.applicant?.relatedEnterprises ?? []).map((r): RelatedWeight => {
    const { countedAs, weightPct } = relatedWeight(r?.relation, r?.sharePct, params);
    return { name: r?.name ?? null, relation: r?.relation ?? null, sharePct: num(r?.sharePct), countedAs, weightPct };
  });
  const years: YearSize[] = latestYears(snapshot).map(({ fin, index }) => {
    const awu = aggregate(snapshot, fin, index, 'annualWorkUnits', params);
    const turnover = aggregate(snapshot, fin, index, 'turnoverNok', params);
    const balance = aggregate(snapshot, fin, index, 'balanceSheetNok', params);
    const turnoverEur = turnover.value === null ? null : nokToEur(turnover.value, nokPerEur);
    const balanceEur = balance.value === null ? null : nokToEur(balance.value, nokPerEur);
    const c = classOfYear(awu, turnoverEur, turnover, balanceEur, balance, params);
    return {
      year: num(fin.year),
      index,
      annualWorkUnits: awu.value,
      turnoverNok: turnover.value,
      balanceSheetNok: balance.value,
      turnoverEur,
      balanceSheetEur: balanceEur,
      sizeClass: c.sizeClass,
      missing: c.missing,
    };
  });
  const publicOwnershipPct = num(snapshot.applicant?.publicOwnershipPct);
  const base = { years, publicOwnershipPct, related };

  // Step 6, annex I art. 3(4): public control makes the enterprise large whatever the figures say.
  if (publicOwnershipPct !== null && publicOwnershipPct >= params.publicControlLimitPct) {
    return { ...base, sizeClass: 'large', basis: 'public-control', missing: [] };
  }
  if (years.length === 0) {
    return { ...base, sizeClass: null, basis: 'undetermined', missing: [FIELD.financials()] };
  }
  // Step 5: with two years the earlier year's class stands whether or not the classes differ
  // (equal classes give the same answer), so only the earlier year's figures decide.
  const standing = years.length === 2 ? years[1] : years[0];
  const basis: SizeBasis =
    years.length === 1 ? 'single-year' : years[0].sizeClass === years[1].sizeClass ? 'two-years-same-class' : 'two-years-earlier-stands';
  if (standing.sizeClass === null) {
    return { ...base, sizeClass: null, basis: 'undetermined', missing: uniqueMissing(standing.missing) };
  }
  // An SME by its figures is an SME only if public bodies hold less than the limit: unknown holding, unknown class.
  if (standing.sizeClass !== 'large' && publicOwnershipPct === null) {
    return { ...base, sizeClass: null, basis: 'undetermined', missing: [FIELD.publicOwnershipPct()] };
  }
  return { ...base, sizeClass: standing.sizeClass, basis, missing: [] };
}

function describeYear(lang: Lang, y: YearSize): string {
  const unknownWord = lang === 'nb' ? 'ukjent' : 'unknown';
  const awu = y.annualWorkUnits === null ? unknownWord : formatNumber(lang, y.annualWorkUnits, 2);
  const turnover = y.turnoverEur === null ? unknownWord : formatEur(lang, y.turnoverEur);
  const balance = y.balanceSheetEur === null ? unknownWord : formatEur(lang, y.balanceSheetEur);
  const year = y.year === null ? (lang === 'nb' ? 'År uten årstall' : 'Year without a year number') : String(y.year);
  const cls = y.sizeClass === null ? null : SIZE_CLASS_NAME[y.sizeClass][lang];
  return lang === 'nb'
    ? `${year}: årsverk ${awu}, omsetning ${turnover}, balansesum ${balance}` +
        (cls ? `, som gir størrelsesklassen ${cls}.` : ', klassen kan ikke fastsettes.')
    : `${year}: annual work units ${awu}, turnover ${turnover}, balance-sheet total ${balance}` +
        (cls ? `, which gives the size class ${cls}.` : ', the class cannot be determined.');
}

function relatedName(lang: Lang, r: RelatedWeight, i: number): string {
  return r.name ? quote(lang, r.name) : `${lang === 'nb' ? 'nr.' : 'no.'} ${i + 1}`;
}

function describeBasisOfFigures(lang: Lang, s: SizeAssessment, params: ParameterSet, nokPerEur: number): string {
  const rate = formatNumber(lang, nokPerEur, 4);
  if (s.related.length === 0) {
    return lang === 'nb'
      ? `Tallene er søkerens egne (ingen tilknyttede foretak eller partnerforetak er oppgitt), omregnet med ${rate} NOK/EUR.`
      : `The figures are the applicant's own (no linked or partner enterprises declared), converted at ${rate} NOK/EUR.`;
  }
  const parts: string[] = [];
  const list = s.related.flatMap((r, i) => {
    if (r.countedAs === 'left-out') return [];
    const w = r.weightPct === null ? (lang === 'nb' ? 'ukjent andel' : 'unknown share') : formatPct(lang, r.weightPct);
    return [`${relatedName(lang, r, i)} ${w}`];
  });
  if (list.length === 0) {
    parts.push(
      lang === 'nb'
        ? `Tallene er søkerens egne, omregnet med ${rate} NOK/EUR.`
        : `The figures are the applicant's own, converted at ${rate} NOK/EUR.`,
    );
  } else {
    parts.push(
      lang === 'nb'
        ? `Tallene er søkerens egne pluss 100 % av tilknyttede foretak og eierandelen av partnerforetak (${formatList(lang, list)}), omregnet med ${rate} NOK/EUR.`
        : `The figures are the applicant's own plus 100% of linked enterprises and the share held of partner enterprises (${formatList(lang, list)}), converted at ${rate} NOK/EUR.`,
    );
  }
  // Step 2: the share decides, not the declared relation, and the explanation says so.
  const { atLeast, atMost } = params.partnerSharePct;
  s.related.forEach((r, i) => {
    if (r.relation !== 'partner' || r.sharePct === null) return;
    const name = relatedName(lang, r, i);
    const share = formatPct(lang, r.sharePct);
    if (r.countedAs === 'linked') {
      parts.push(
        lang === 'nb'
          ? `${name} er oppgitt som partnerforetak, men eierandelen er ${share}, over ${formatPct(lang, atMost)}: foretaket regnes som tilknyttet (100 %).`
          : `${name} is declared a partner enterprise, but the share held is ${share}, above ${formatPct(lang, atMost)}: it counts as linked (100%).`,
      );
    } else if (r.countedAs === 'left-out') {
      parts.push(
        lang === 'nb'
          ? `${name} er oppgitt som partnerforetak, men eierandelen er ${share}, under ${formatPct(lang, atLeast)}: foretaket holdes utenfor.`
          : `${name} is declared a partner enterprise, but the share held is ${share}, below ${formatPct(lang, atLeast)}: it is left out.`,
      );
    }
  });
  return parts.join(' ');
}

export function explainSize(s: SizeAssessment, params: ParameterSet, nokPerEur: number): LocalizedText {
  return both((lang) => {
    const parts: string[] = [];
    if (s.basis === 'public-control' && s.publicOwnershipPct !== null) {
      parts.push(
        lang === 'nb'
          ? `Offentlige organer eier ${formatPct(lang, s.publicOwnershipPct)}, som er ${formatPct(lang, params.publicControlLimitPct)} eller mer: foretaket er et stort foretak uansett tallene.`
          : `Public bodies hold ${formatPct(lang, s.publicOwnershipPct)}, which is ${formatPct(lang, params.publicControlLimitPct)} or more: the enterprise is large whatever its figures.`,
      );
      return parts.join(' ');
    }
    for (const y of s.years) parts.push(describeYear(lang, y));
    if (s.years.length > 0) parts.push(describeBasisOfFigures(lang, s, params, nokPerEur));
    if (s.years.length === 2) {
      const [latest, earlier] = s.years;
      const ey = earlier.year ?? '?';
      const ly = latest.year ?? '?';
      if (earlier.sizeClass !== null && earlier.sizeClass === latest.sizeClass) {
        parts.push(lang === 'nb' ? 'Begge årene gir samme klasse.' : 'Both years give the same class.');
      } else if (earlier.sizeClass !== null) {
        const cls = SIZE_CLASS_NAME[earlier.sizeClass][lang];
        parts.push(
          lang === 'nb'
            ? `Klassen for ${ey} (${cls}) står${latest.sizeClass === null ? ` uansett hva ${ly} gir` : ` selv om ${ly} gir en annen klasse`}, fordi status først endres etter to regnskapsår på rad.`
            : `The class of ${ey} (${cls}) stands${latest.sizeClass === null ? ` whatever ${ly} gives` : ` although ${ly} gives another class`}, as status changes only after two consecutive financial years.`,
        );
      }
    }
    if (s.sizeClass !== null) {
      parts.push(
        lang === 'nb' ? `Størrelsesklasse: ${SIZE_CLASS_NAME[s.sizeClass].nb}.` : `Size class: ${SIZE_CLASS_NAME[s.sizeClass].en}.`,
      );
      if (s.publicOwnershipPct !== null && s.publicOwnershipPct > 0) {
        parts.push(
          lang === 'nb'
            ? `Offentlige organer eier ${formatPct(lang, s.publicOwnershipPct)}, under grensen på ${formatPct(lang, params.publicControlLimitPct)}.`
            : `Public bodies hold ${formatPct(lang, s.publicOwnershipPct)}, below the ${formatPct(lang, params.publicControlLimitPct)} limit.`,
        );
      }
    } else {
      const labels = uniqueMissing(s.missing).map((f) => f.label[lang]);
      parts.push(
        lang === 'nb'
          ? `Størrelsesklassen kan ikke fastsettes. Mangler: ${formatList(lang, labels)}.`
          : `The size class cannot be determined. Missing: ${formatList(lang, labels)}.`,
      );
    }
    return parts.join(' ');
  });
}
