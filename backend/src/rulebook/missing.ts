import { formatList, quote, type Lang } from './format';
import type { LocalizedText } from './types';

/** An input a rule needed and did not get: its JSON path in the snapshot and a label for people. */
export interface MissingField {
  path: string;
  label: LocalizedText;
}

export function missingField(path: string, nb: string, en: string): MissingField {
  return { path, label: { nb, en } };
}

export function uniqueMissing(fields: readonly MissingField[]): MissingField[] {
  const seen = new Set<string>();
  const out: MissingField[] = [];
  for (const f of fields) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    out.push(f);
  }
  return out;
}

export function missingText(fields: readonly MissingField[]): LocalizedText {
  const u = uniqueMissing(fields);
  return {
    nb: `Mangler: ${formatList(
      'nb',
      u.map((f) => f.label.nb),
    )}.`,
    en: `Missing: ${formatList(
      'en',
      u.map((f) => f.label.en),
    )}.`,
  };
}

export function missingPaths(fields: readonly MissingField[]): string[] {
  return uniqueMissing(fields).map((f) => f.path);
}

/**
 * A three-valued finding (Kleene logic): true, false, or unknown for want of the listed inputs.
 * Lets a rule decide whenever the inputs it has are enough, and otherwise name exactly the
 * inputs that would decide it.
 */
export interface Tri {
  value: boolean | null;
  missing: MissingField[];
}

export const TRUE: Tri = Object.freeze({ value: true, missing: [] }) as Tri;
export const FALSE: Tri = Object.freeze({ value: false, missing: [] }) as Tri;

export function known(value: boolean): Tri {
  return value ? TRUE : FALSE;
}

export function unknown(...missing: MissingField[]): Tri {
  return { value: null, missing };
}

export function and3(...xs: Tri[]): Tri {
  if (xs.some((x) => x.value === false)) return FALSE;
  const open = xs.filter((x) => x.value === null);
  return open.length === 0 ? TRUE : { value: null, missing: uniqueMissing(open.flatMap((x) => x.missing)) };
}

export function or3(...xs: Tri[]): Tri {
  if (xs.some((x) => x.value === true)) return TRUE;
  const open = xs.filter((x) => x.value === null);
  return open.length === 0 ? FALSE : { value: null, missing: uniqueMissing(open.flatMap((x) => x.missing)) };
}

/** Labels of the snapshot's fields, for `missing` explanations. */
export const FIELD = {
  receivedAt: () => missingField('receivedAt', 'mottakstidspunkt', 'time of receipt'),
  applicantName: () => missingField('applicant.name', 'søkers navn', 'applicant name'),
  sizeData: () =>
    missingField(
      'applicant.financials',
      'størrelsesdata (årsverk, omsetning og balansesum) for minst ett regnskapsår',
      'size data (annual work units, turnover and balance-sheet total) for at least one financial year',
    ),
  financials: () => missingField('applicant.financials', 'regnskapstall', 'financial figures'),
  financialYear: (year: number) =>
    missingField(`applicant.financials[year=${year}]`, `regnskapstall for ${year}`, `financial figures for ${year}`),
  companyForm: () => missingField('applicant.companyForm', 'organisasjonsform', 'company form'),
  incorporatedOn: () => missingField('applicant.incorporatedOn', 'stiftelsesdato', 'date of incorporation'),
  naceCode: () => missingField('applicant.naceCode', 'næringskode (NACE)', 'industry code (NACE)'),
  publicOwnershipPct: () => missingField('applicant.publicOwnershipPct', 'offentlige organers eierandel', 'share held by public bodies'),
  insolvencyProceedings: () =>
    missingField(
      'applicant.insolvencyProceedings',
      'opplysning om kollektiv insolvensbehandling',
      'whether collective insolvency proceedings are open',
    ),
  outstandingRescueAid: () =>
    missingField(
      'applicant.outstandingRescueAid',
      'opplysning om redningsstøtte eller omstruktureringsstøtte som ikke er tilbakebetalt',
      'whether rescue or restructuring aid is outstanding',
    ),
  outstandingRecoveryOrder: () =>
    missingField(
      'applicant.outstandingRecoveryOrder',
      'opplysning om utestående krav om tilbakebetaling av ulovlig støtte',
      'whether a recovery order for unlawful aid is outstanding',
    ),
  projectDescription: () => missingField('project.description', 'prosjektbeskrivelse', 'project description'),
  startDate: () => missingField('project.startDate', 'prosjektets startdato', 'project start date'),
  endDate: () => missingField('project.endDate', 'prosjektets sluttdato', 'project end date'),
  location: () => missingField('project.location', 'prosjektets sted', 'project location'),
  costLines: () => missingField('costLines', 'minst én kostnadslinje', 'at least one cost line'),
  aidInstrument: () => missingField('aid.instrument', 'støtteform', 'aid instrument'),
  requestedAmount: () => missingField('aid.requestedAmountNok', 'søkt beløp', 'requested amount'),
  sizeClass: () => missingField('sizeClass', 'størrelsesklasse (SME-01)', 'size class (SME-01)'),
};

const FIN_LABEL: Record<string, LocalizedText> = {
  annualWorkUnits: { nb: 'årsverk', en: 'annual work units' },
  turnoverNok: { nb: 'omsetning', en: 'turnover' },
  balanceSheetNok: { nb: 'balansesum', en: 'balance-sheet total' },
  shareCapitalNok: { nb: 'innskutt kapital (aksjekapital med overkurs)', en: 'subscribed capital (incl. share premium)' },
  otherEquityNok: { nb: 'annen egenkapital', en: 'other equity' },
  debtNok: { nb: 'gjeld', en: 'debt' },
  ebitdaNok: { nb: 'EBITDA', en: 'EBITDA' },
  interestExpenseNok: { nb: 'rentekostnader', en: 'interest expense' },
  relation: { nb: 'relasjon (tilknyttet eller partner)', en: 'relation (linked or partner)' },
  sharePct: { nb: 'eierandel', en: 'share held' },
  sizeClass: { nb: 'størrelsesklasse', en: 'size class' },
  eligibleCostsNok: { nb: 'støtteberettigede kostnader', en: 'eligible costs' },
  amountNok: { nb: 'beløp', en: 'amount' },
  coversSameCosts: { nb: 'om støtten gjelder de samme kostnadene', en: 'whether it covers the same costs' },
};

function fieldLabel(field: string): LocalizedText {
  return FIN_LABEL[field] ?? { nb: field, en: field };
}

export function financialField(index: number, year: number | null, field: string): MissingField {
  const l = fieldLabel(field);
  const y = year === null ? '' : ` (${year})`;
  return missingField(`applicant.financials[${index}].${field}`, l.nb + y, l.en + y);
}

function named(lang: Lang, kind: LocalizedText, name: string | null | undefined, index: number): string {
  const who = name ? quote(lang, name) : `${lang === 'nb' ? 'nr.' : 'no.'} ${index + 1}`;
  return `${kind[lang]} ${who}`;
}

export function relatedField(index: number, name: string | null | undefined, field: string): MissingField {
  const l = fieldLabel(field);
  const kind = { nb: 'for tilknyttet foretak/partnerforetak', en: 'of related enterprise' };
  return missingField(
    `applicant.relatedEnterprises[${index}].${field}`,
    `${l.nb} ${named('nb', kind, name, index)}`,
    `${l.en} ${named('en', kind, name, index)}`,
  );
}

export function partnerField(index: number, name: string | null | undefined, field: string): MissingField {
  const l = fieldLabel(field);
  const kind = { nb: 'for samarbeidspartner', en: 'of collaboration partner' };
  return missingField(
    `project.collaborationPartners[${index}].${field}`,
    `${l.nb} ${named('nb', kind, name, index)}`,
    `${l.en} ${named('en', kind, name, index)}`,
  );
}

export function otherAidField(index: number, grantor: string | null | undefined, field: string): MissingField {
  const l = fieldLabel(field);
  const kind = { nb: 'for annen offentlig støtte', en: 'of other public aid' };
  return missingField(
    `otherPublicAid[${index}].${field}`,
    `${l.nb} ${named('nb', kind, grantor, index)}`,
    `${l.en} ${named('en', kind, grantor, index)}`,
  );
}

export function not3(x: Tri): Tri {
  return x.value === null ? x : known(!x.value);
}
