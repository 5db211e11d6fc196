import { addYears, isIsoDate } from '../dates';
import { formatDate, formatList, formatNok, formatNumber, type Lang } from '../format';
import { FIELD, and3, financialField, known, not3, or3, unknown, type MissingField, type Tri } from '../missing';
import { clean, num } from '../money';
import { isSme } from '../size-class';
import type { FinancialYearSnapshot, LocalizedText, RuleResult } from '../types';
import type { CaseFacts } from './facts';
import { ruleResult } from './rule-result';

/** Company forms with limited liability or partners' capital, to which docs/rules.md (UID-01)(a) applies. */
const CAPITAL_LOSS_FORMS = ['AS', 'ASA', 'ANS', 'DA'];

interface Ground {
  letter: 'a' | 'c' | 'd' | 'e';
  tri: Tri;
  /** What the ground found, for the explanation; null when it could not be decided. */
  note: LocalizedText | null;
}

function bool(value: unknown, field: MissingField): Tri {
  return value === true || value === false ? known(value) : unknown(field);
}

function yearRef(index: number, fin: FinancialYearSnapshot) {
  const year = num(fin.year);
  return (field: string) => financialField(index, year, field);
}

/** (a) capital loss, GBER art. 2(18)(a)-(b). */
function groundA(f: CaseFacts): Ground {
  const a = f.snapshot.applicant ?? {};
  const latest = f.latestYears[0];
  const form = typeof a.companyForm === 'string' && a.companyForm ? a.companyForm : null;
  const covered = form === null ? unknown(FIELD.companyForm()) : known(CAPITAL_LOSS_FORMS.includes(form));
  if (covered.value === false) {
    return {
      letter: 'a',
      tri: covered,
      note: {
        nb: `(a) Kapitaltapstesten gjelder ikke organisasjonsformen ${form}.`,
        en: `(a) The capital-loss test does not apply to the company form ${form}.`,
      },
    };
  }
  if (!latest) return { letter: 'a', tri: and3(covered, unknown(FIELD.financials())), note: null };
  const ref = yearRef(latest.index, latest.fin);
  const other = num(latest.fin.otherEquityNok);
  const capital = num(latest.fin.shareCapitalNok);
  const year = num(latest.fin.year);
  const yearText = year === null ? '' : ` (${year})`;
  if (other === null) return { letter: 'a', tri: and3(covered, unknown(ref('otherEquityNok'))), note: null };
  if (other >= 0) {
    return {
      letter: 'a',
      tri: known(false),
      note: {
        nb: `(a) Annen egenkapital${yearText} er ${formatNok('nb', other)}, ikke negativ.`,
        en: `(a) Other equity${yearText} is ${formatNok('en', other)}, not negative.`,
      },
    };
  }
  if (capital === null) return { letter: 'a', tri: and3(covered, unknown(ref('shareCapitalNok'))), note: null };
  const loss = known(-other * 2 > capital);
  const half = capital / 2;
  const figures = (l: Lang) =>
    l === 'nb'
      ? `annen egenkapital${yearText} er ${formatNok(l, other)} og innskutt kapital ${formatNok(l, capital)} (halvparten: ${formatNok(l, half)})`
      : `other equity${yearText} is ${formatNok(l, other)} and subscribed capital ${formatNok(l, capital)} (half: ${formatNok(l, half)})`;
  if (!loss.value) {
    return {
      letter: 'a',
      tri: known(false),
      note: {
        nb: `(a) Tapet er ikke mer enn halvparten av innskutt kapital: ${figures('nb')}.`,
        en: `(a) The loss is not more than half of the subscribed capital: ${figures('en')}.`,
      },
    };
  }
  const years = f.params.startUpExemptionYears;
  const sme = f.size.sizeClass === null ? unknown(FIELD.sizeClass()) : known(isSme(f.size.sizeClass));
  const inc = isIsoDate(a.incorporatedOn) ? a.incorporatedOn : null;
  // "Less than N years before the evaluation date": the Nth anniversary is after that date.
  const young = inc === null ? unknown(FIELD.incorporatedOn()) : known(f.ctx.evaluationDate < addYears(inc, years));
  const exempt = and3(sme, young);
  const tri = and3(covered, loss, not3(exempt));
  if (tri.value === null) return { letter: 'a', tri, note: null };
  if (exempt.value === true && inc) {
    return {
      letter: 'a',
      tri,
      note: {
        nb: `(a) Mer enn halvparten av innskutt kapital er tapt: ${figures('nb')}. Søker er likevel unntatt som SMB stiftet ${formatDate('nb', inc)}, mindre enn ${years} år før vurderingsdatoen ${formatDate('nb', f.ctx.evaluationDate)}.`,
        en: `(a) More than half of the subscribed capital is lost: ${figures('en')}. The applicant is nevertheless exempt as an SME incorporated on ${formatDate('en', inc)}, less than ${years} years before the evaluation date ${formatDate('en', f.ctx.evaluationDate)}.`,
      },
    };
  }
  return {
    letter: 'a',
    tri,
    note: {
      nb: `(a) Tap av kapital: mer enn halvparten av innskutt kapital er tapt; ${figures('nb')}.`,
      en: `(a) Capital loss: more than half of the subscribed capital is lost; ${figures('en')}.`,
    },
  };
}

function groundC(f: CaseFacts): Ground {
  const tri = bool(f.snapshot.applicant?.insolvencyProceedings, FIELD.insolvencyProceedings());
  const note =
    tri.value === null
      ? null
      : tri.value
        ? {
            nb: '(c) Søker er under kollektiv insolvensbehandling.',
            en: '(c) The applicant is subject to collective insolvency proceedings.',
          }
        : { nb: '(c) Søker er ikke under insolvensbehandling.', en: '(c) The applicant is not subject to insolvency proceedings.' };
  return { letter: 'c', tri, note };
}

function groundD(f: CaseFacts): Ground {
  const tri = bool(f.snapshot.applicant?.outstandingRescueAid, FIELD.outstandingRescueAid());
  const note =
    tri.value === null
      ? null
      : tri.value
        ? {
            nb: '(d) Søker har redningsstøtte eller omstruktureringsstøtte som ikke er tilbakebetalt eller fortsatt er under en plan.',
            en: '(d) The applicant has rescue or restructuring aid not yet repaid or still under a plan.',
          }
        : {
            nb: '(d) Søker har ikke utestående redningsstøtte eller omstruktureringsstøtte.',
            en: '(d) The applicant has no outstanding rescue or restructuring aid.',
          };
  return { letter: 'd', tri, note };
}

interface LeverageYear {
  year: number | null;
  equityNok: number | null;
  debtToEquity: number | null;
  interestCover: number | null;
  tri: Tri;
  note: (l: Lang) => string;
}

/** One year of the (e) test: debt/equity above the limit and EBITDA/interest below the limit. */
function leverageYear(index: number, fin: FinancialYearSnapshot, f: CaseFacts): LeverageYear {
  const ref = yearRef(index, fin);
  const { debtToEquityAbove, interestCoverBelow } = f.params.leverage;
  const capital = num(fin.shareCapitalNok);
  const other = num(fin.otherEquityNok);
  const debt = num(fin.debtNok);
  const ebitda = num(fin.ebitdaNok);
  const interest = num(fin.interestExpenseNok);
  const equity = capital !== null && other !== null ? capital + other : null;
  const dte = equity !== null && equity > 0 && debt !== null ? clean(debt / equity) : null;
  // Equity at or below zero counts as leverage above the limit.
  let high: Tri;
  if (equity === null) {
    high = unknown(...(capital === null ? [ref('shareCapitalNok')] : []), ...(other === null ? [ref('otherEquityNok')] : []));
  } else if (equity <= 0) high = known(true);
  else if (dte === null) high = unknown(ref('debtNok'));
  else high = known(dte > debtToEquityAbove);
  // No interest expense counts as cover of at least the limit.
  let cover: number | null = null;
  let low: Tri;
  if (interest === null) low = unknown(ref('interestExpenseNok'));
  else if (interest <= 0) low = known(false);
  else if (ebitda === null) low = unknown(ref('ebitdaNok'));
  else {
    cover = clean(ebitda / interest);
    low = known(cover < interestCoverBelow);
  }
  const year = num(fin.year);
  return {
    year,
    equityNok: equity,
    debtToEquity: dte,
    interestCover: cover,
    tri: and3(high, low),
    note: (l) => {
      const u = l === 'nb' ? 'ukjent' : 'unknown';
      const d =
        equity !== null && equity <= 0
          ? l === 'nb'
            ? `egenkapital ${formatNok(l, equity)} (ikke positiv)`
            : `equity ${formatNok(l, equity)} (not positive)`
          : `${l === 'nb' ? 'gjeld/egenkapital' : 'debt/equity'} ${dte === null ? u : formatNumber(l, dte, 2)}`;
      const c =
        interest !== null && interest <= 0
          ? l === 'nb'
            ? 'ingen rentekostnader'
            : 'no interest expense'
          : `EBITDA/${l === 'nb' ? 'rentekostnader' : 'interest'} ${cover === null ? u : formatNumber(l, cover, 2)}`;
      return `${year ?? '?'}: ${d}, ${c}`;
    },
  };
}

/** (e) large enterprises only, both of the two latest years (GBER art. 2(18)(e)). */
function groundE(f: CaseFacts): { ground: Ground; years: LeverageYear[] } {
  const cls = f.size.sizeClass;
  const large = cls === null ? unknown(FIELD.sizeClass()) : known(cls === 'large');
  if (large.value === false) {
    return {
      ground: {
        letter: 'e',
        tri: large,
        note: { nb: '(e) Gjeldstesten gjelder bare store foretak.', en: '(e) The leverage test applies only to large enterprises.' },
      },
      years: [],
    };
  }
  const latest = f.latestYears;
  const years = latest.map(({ fin, index }) => leverageYear(index, fin, f));
  const tris = years.map((y) => y.tri);
  if (latest.length === 0) tris.push(unknown(FIELD.financials()));
  else if (latest.length === 1) {
    const y = num(latest[0].fin.year);
    // The test needs two years; it can only hold when the earlier year is known too.
    tris.push(y === null ? unknown(FIELD.financials()) : unknown(FIELD.financialYear(y - 1)));
  }
  const tri = and3(large, ...tris);
  const { debtToEquityAbove: dl, interestCoverBelow: cl } = f.params.leverage;
  const list = (l: Lang) => years.map((y) => y.note(l)).join('; ');
  const note: LocalizedText | null =
    tri.value === null
      ? null
      : tri.value
        ? {
            nb: `(e) Gjeld/egenkapital over ${formatNumber('nb', dl, 1, true)} og EBITDA/rentekostnader under ${formatNumber('nb', cl, 1, true)} begge de to siste årene: ${list('nb')}.`,
            en: `(e) Debt/equity above ${formatNumber('en', dl, 1, true)} and EBITDA/interest below ${formatNumber('en', cl, 1, true)} in both of the two latest years: ${list('en')}.`,
          }
        : {
            nb: `(e) Ikke både gjeld/egenkapital over ${formatNumber('nb', dl, 1, true)} og EBITDA/rentekostnader under ${formatNumber('nb', cl, 1, true)} begge de to siste årene: ${list('nb')}.`,
            en: `(e) Not both debt/equity above ${formatNumber('en', dl, 1, true)} and EBITDA/interest below ${formatNumber('en', cl, 1, true)} in both of the two latest years: ${list('en')}.`,
          };
  return { ground: { letter: 'e', tri, note }, years };
}

/** UID-01, undertaking in difficulty (GBER art. 1(4)(c), art. 2(18)); docs/rules.md (UID-01). */
export function uid01(f: CaseFacts): RuleResult {
  const e = groundE(f);
  const grounds = [groundA(f), groundC(f), groundD(f), e.ground];
  const verdict = or3(...grounds.map((g) => g.tri));
  const a = f.snapshot.applicant ?? {};
  const latest = f.latestYears[0];
  const inputs = {
    companyForm: a.companyForm ?? null,
    incorporatedOn: a.incorporatedOn ?? null,
    evaluationDate: f.ctx.evaluationDate,
    sizeClass: f.size.sizeClass,
    latestYear: latest ? num(latest.fin.year) : null,
    shareCapitalNok: latest ? num(latest.fin.shareCapitalNok) : null,
    otherEquityNok: latest ? num(latest.fin.otherEquityNok) : null,
    insolvencyProceedings: a.insolvencyProceedings ?? null,
    outstandingRescueAid: a.outstandingRescueAid ?? null,
    leverageYears: e.years.map((y) => ({
      year: y.year,
      equityNok: y.equityNok,
      debtToEquity: y.debtToEquity,
      interestCover: y.interestCover,
      inDifficulty: y.tri.value,
    })),
    grounds: Object.fromEntries(grounds.map((g) => [g.letter, g.tri.value])),
  };
  const notes = (filter: (g: Ground) => boolean, l: Lang) =>
    grounds
      .filter(filter)
      .map((g) => g.note?.[l])
      .filter((n): n is string => !!n)
      .join(' ');
  if (verdict.value === true) {
    const hit = (g: Ground) => g.tri.value === true;
    return ruleResult(
      'UID-01',
      'fail',
      {
        nb: `Søker er et foretak i vanskeligheter etter ${formatList(
          'nb',
          grounds.filter(hit).map((g) => `(${g.letter})`),
        )}. ${notes(hit, 'nb')}`,
        en: `The applicant is an undertaking in difficulty under ${formatList(
          'en',
          grounds.filter(hit).map((g) => `(${g.letter})`),
        )}. ${notes(hit, 'en')}`,
      },
      inputs,
    );
  }
  if (verdict.value === null) {
    const labels = (l: Lang) =>
      formatList(
        l,
        verdict.missing.map((m) => m.label[l]),
      );
    return ruleResult(
      'UID-01',
      'missing',
      {
        nb: `Det kan ikke avgjøres om søker er et foretak i vanskeligheter. Mangler: ${labels('nb')}.`,
        en: `Whether the applicant is an undertaking in difficulty cannot be decided. Missing: ${labels('en')}.`,
      },
      inputs,
      verdict.missing,
    );
  }
  return ruleResult(
    'UID-01',
    'pass',
    {
      nb: `Søker er ikke et foretak i vanskeligheter. ${notes(() => true, 'nb')}`,
      en: `The applicant is not an undertaking in difficulty. ${notes(() => true, 'en')}`,
    },
    inputs,
  );
}
