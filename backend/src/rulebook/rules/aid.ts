import { formatEur, formatList, formatNok, formatNumber, formatPct, quote, type Lang } from '../format';
import { FIELD, missingText, otherAidField, type MissingField } from '../missing';
import { maxAid, num } from '../money';
import type { LocalizedText, RuleResult } from '../types';
import type { CaseFacts } from './facts';
import { ruleResult } from './rule-result';

/** Other public aid declared for the same costs (CUM-01), with what is missing to know it. */
export function otherAidSameCosts(f: CaseFacts['snapshot']): {
  sumNok: number;
  entries: { grantor: string | null; amountNok: number }[];
  missing: MissingField[];
} {
  const entries: { grantor: string | null; amountNok: number }[] = [];
  const missing: MissingField[] = [];
  (f.otherPublicAid ?? []).forEach((o, i) => {
    const covers = o?.coversSameCosts;
    if (covers === false) return;
    if (covers !== true) {
      missing.push(otherAidField(i, o?.grantor, 'coversSameCosts'));
      return;
    }
    const amount = num(o?.amountNok);
    if (amount === null) missing.push(otherAidField(i, o?.grantor, 'amountNok'));
    else entries.push({ grantor: o?.grantor ?? null, amountNok: amount });
  });
  return { sumNok: entries.reduce((s, e) => s + e.amountNok, 0), entries, missing };
}

function pendingNote(f: CaseFacts, l: Lang): string {
  const p = f.totals.pendingAssessmentNok;
  if (p <= 0) return '';
  return l === 'nb'
    ? ` Av kostnadene er ${formatNok(l, p)} ennå til vurdering og regnet med krevd beløp.`
    : ` Of the costs, ${formatNok(l, p)} are still pending assessment and counted at their claimed amount.`;
}

function maxAidText(l: Lang, max: number, pct: number, eligible: number): string {
  return l === 'nb'
    ? `maksimal støtte ${formatNok(l, max)} (${formatPct(l, pct)} av støtteberettigede kostnader ${formatNok(l, eligible)}, rundet ned)`
    : `the maximum aid of ${formatNok(l, max)} (${formatPct(l, pct)} of eligible costs of ${formatNok(l, eligible)}, rounded down)`;
}

/**
 * The maximum aid to test against. With the size class unknown the intensity is unknown, but an
 * amount above the maximum at the highest intensity the set allows fails whatever the class.
 */
function ceiling(f: CaseFacts): { max: number; pct: number; known: boolean } {
  const t = f.totals;
  if (t.maxAidNok !== null && t.maxIntensityPct !== null) return { max: t.maxAidNok, pct: t.maxIntensityPct, known: true };
  const pct = Math.max(f.params.maxIntensityPct.sme, f.params.maxIntensityPct.large);
  return { max: maxAid(t.eligibleCostsNok, pct), pct, known: false };
}

function requested(f: CaseFacts): number | null {
  const r = f.totals.requestedAidNok;
  return r !== null && r > 0 ? r : null;
}

/** INT-01 (GBER art. 29(4), art. 7): requested aid at most intensity x eligible costs. */
export function int01(f: CaseFacts): RuleResult {
  const t = f.totals;
  const req = requested(f);
  const c = ceiling(f);
  const inputs = {
    sizeClass: f.size.sizeClass,
    requestedAidNok: t.requestedAidNok,
    eligibleCostsNok: t.eligibleCostsNok,
    pendingAssessmentNok: t.pendingAssessmentNok,
    maxIntensityPct: t.maxIntensityPct,
    maxAidNok: t.maxAidNok,
  };
  if (req === null) {
    const missing = [FIELD.requestedAmount()];
    return ruleResult('INT-01', 'missing', missingText(missing), inputs, missing);
  }
  const over = req > c.max;
  if (!c.known && !over) {
    const missing = [FIELD.sizeClass()];
    return ruleResult('INT-01', 'missing', missingText(missing), inputs, missing);
  }
  const text: LocalizedText = {
    nb:
      `Søkt støtte ${formatNok('nb', req)} er ${over ? 'over' : 'innenfor'} ${maxAidText('nb', c.max, c.pct, t.eligibleCostsNok)}.` +
      (c.known ? '' : ' Størrelsesklassen er ukjent, men beløpet er over maksimum også med høyeste intensitet.') +
      pendingNote(f, 'nb'),
    en:
      `The requested aid of ${formatNok('en', req)} is ${over ? 'above' : 'within'} ${maxAidText('en', c.max, c.pct, t.eligibleCostsNok)}.` +
      (c.known ? '' : ' The size class is unknown, but the amount exceeds the maximum even at the highest intensity.') +
      pendingNote(f, 'en'),
  };
  return ruleResult('INT-01', over ? 'fail' : 'pass', text, inputs);
}

/** CUM-01 (GBER art. 8(3)): requested aid plus other public aid for the same costs within the maximum. */
export function cum01(f: CaseFacts): RuleResult {
  const t = f.totals;
  const other = otherAidSameCosts(f.snapshot);
  const req = requested(f);
  const c = ceiling(f);
  const inputs = {
    requestedAidNok: t.requestedAidNok,
    otherAidSameCostsNok: other.sumNok,
    otherAid: other.entries,
    maxIntensityPct: t.maxIntensityPct,
    maxAidNok: t.maxAidNok,
    eligibleCostsNok: t.eligibleCostsNok,
  };
  if (other.entries.length === 0 && other.missing.length === 0) {
    return ruleResult(
      'CUM-01',
      'pass',
      {
        nb: 'Det er ikke oppgitt annen offentlig støtte til de samme kostnadene.',
        en: 'No other public aid for the same costs is declared.',
      },
      inputs,
    );
  }
  const total = req === null ? null : req + other.sumNok;
  const over = total !== null && total > c.max;
  const grantors = (l: Lang) => {
    const named = other.entries.filter((e) => e.grantor).map((e) => quote(l, e.grantor as string));
    return named.length ? ` (${formatList(l, named)})` : '';
  };
  if (!over) {
    const missing = [...(req === null ? [FIELD.requestedAmount()] : []), ...other.missing, ...(c.known ? [] : [FIELD.sizeClass()])];
    if (missing.length) return ruleResult('CUM-01', 'missing', missingText(missing), inputs, missing);
  }
  const sumNok = total as number;
  const text: LocalizedText = {
    nb:
      `Søkt støtte ${formatNok('nb', req as number)} og annen offentlig støtte til de samme kostnadene ${formatNok('nb', other.sumNok)}${grantors('nb')} ` +
      `er til sammen ${formatNok('nb', sumNok)}, ${over ? 'over' : 'innenfor'} ${maxAidText('nb', c.max, c.pct, t.eligibleCostsNok)}.`,
    en:
      `The requested aid of ${formatNok('en', req as number)} and other public aid for the same costs of ${formatNok('en', other.sumNok)}${grantors('en')} ` +
      `add up to ${formatNok('en', sumNok)}, ${over ? 'above' : 'within'} ${maxAidText('en', c.max, c.pct, t.eligibleCostsNok)}.`,
  };
  return ruleResult('CUM-01', over ? 'fail' : 'pass', text, inputs);
}

function eurOf(f: CaseFacts, l: Lang): string {
  const t = f.totals;
  return `${formatNok(l, t.requestedAidNok as number)} = ${formatEur(l, t.requestedAidEur as number)} (${formatNumber(l, f.ctx.nokPerEur, 4)} NOK/EUR)`;
}

/** THR-01 (GBER art. 4(1)): aid above the notification threshold must be notified to ESA. */
export function thr01(f: CaseFacts): RuleResult {
  const t = f.totals;
  const threshold = f.params.notificationThresholdEur;
  const inputs = {
    requestedAidNok: t.requestedAidNok,
    requestedAidEur: t.requestedAidEur,
    nokPerEur: f.ctx.nokPerEur,
    notificationThresholdEur: threshold,
  };
  if (requested(f) === null || t.requestedAidEur === null) {
    const missing = [FIELD.requestedAmount()];
    return ruleResult('THR-01', 'missing', missingText(missing), inputs, missing);
  }
  if (t.requestedAidEur > threshold) {
    return ruleResult(
      'THR-01',
      'refer',
      {
        nb: `Søkt støtte ${eurOf(f, 'nb')} er over meldeterskelen på ${formatEur('nb', threshold, true)} per foretak per prosjekt. Støtten må meldes til ESA og kan ikke gis etter gruppeunntaket.`,
        en: `The requested aid of ${eurOf(f, 'en')} is above the notification threshold of ${formatEur('en', threshold, true)} per undertaking per project. It must be notified to ESA and cannot be block-exempted.`,
      },
      inputs,
    );
  }
  return ruleResult(
    'THR-01',
    'pass',
    {
      nb: `Søkt støtte ${eurOf(f, 'nb')} er ikke over meldeterskelen på ${formatEur('nb', threshold, true)}.`,
      en: `The requested aid of ${eurOf(f, 'en')} is not above the notification threshold of ${formatEur('en', threshold, true)}.`,
    },
    inputs,
  );
}

/**
 * TRN-01 (GBER art. 9(1)(c), støtteprosessloven § 7): publication in the register. GBER says
 * "exceeding" the threshold; the rulebook says "at least", which publishes an award of exactly
 * the threshold as well: the stricter reading, and harmless. The amount is the requested aid, the
 * only amount an evaluation knows; a decision for less should be checked against the threshold.
 */
export function registerObligation(f: CaseFacts): boolean {
  const eur = f.totals.requestedAidEur;
  return requested(f) !== null && eur !== null && eur >= f.params.registerThresholdEur;
}

export function trn01(f: CaseFacts): RuleResult {
  const t = f.totals;
  const threshold = f.params.registerThresholdEur;
  const obligation = registerObligation(f);
  const inputs = {
    requestedAidNok: t.requestedAidNok,
    requestedAidEur: t.requestedAidEur,
    nokPerEur: f.ctx.nokPerEur,
    registerThresholdEur: threshold,
    obligations: obligation ? ['register-report'] : [],
  };
  if (requested(f) === null || t.requestedAidEur === null) {
    const missing = [FIELD.requestedAmount()];
    return ruleResult('TRN-01', 'missing', missingText(missing), inputs, missing);
  }
  if (obligation) {
    return ruleResult(
      'TRN-01',
      'pass',
      {
        nb: `Søkt støtte ${eurOf(f, 'nb')} er minst ${formatEur('nb', threshold, true)}: tildelingen skal publiseres i Registeret for offentlig støtte innen 6 måneder, og dokumentasjonen skal oppbevares i 10 år.`,
        en: `The requested aid of ${eurOf(f, 'en')} is at least ${formatEur('en', threshold, true)}: the award must be published in the Register for public support within 6 months, and records kept for 10 years.`,
      },
      inputs,
    );
  }
  return ruleResult(
    'TRN-01',
    'pass',
    {
      nb: `Søkt støtte ${eurOf(f, 'nb')} er under ${formatEur('nb', threshold, true)}; tildelingen skal ikke publiseres i Registeret for offentlig støtte.`,
      en: `The requested aid of ${eurOf(f, 'en')} is below ${formatEur('en', threshold, true)}; the award is not published in the Register for public support.`,
    },
    inputs,
  );
}
