import { formatEur, formatList, formatNok, formatNokUnbroken, formatNumber, formatPct, quote, type Lang } from '../format';
import { FIELD, missingText, otherAidField, type MissingField } from '../missing';
import { maxAid, num } from '../money';
import type { AmountBasis, LocalizedText, RuleResult } from '../types';
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

/** How the explanations name the amount at each basis: "Søkt støtte 1 500 000 kr", "The requested aid of NOK 1,500,000". */
const AMOUNT_NAME: Record<AmountBasis, LocalizedText> = {
  requested: { nb: 'Søkt støtte', en: 'The requested aid of' },
  recommended: { nb: 'Anbefalt støtte', en: 'The recommended aid of' },
  granted: { nb: 'Innvilget støtte', en: 'The granted aid of' },
};

function amountNamed(f: CaseFacts, l: Lang, amount: string): string {
  return `${AMOUNT_NAME[f.aid.basis][l]} ${amount}`;
}

/**
 * An amount rule breached at basis `requested` is `assess`: the agency may grant less than was
 * asked for, and the results at the recommended and granted amounts decide (section 5).
 */
function breach(f: CaseFacts): 'assess' | 'fail' {
  return f.aid.basis === 'requested' ? 'assess' : 'fail';
}

// Every result of an amount rule says the amount it was evaluated at (amountBasis, aidAmountNok;
// docs/rules.md section 5). The inputs are written out as literals, not spread from a helper:
// object spread put a few microseconds on each of the four rules (measured with npm run bench).

/** INT-01 (GBER art. 29(4), art. 7): the aid amount at most intensity x eligible costs. */
export function int01(f: CaseFacts): RuleResult {
  const t = f.totals;
  const amount = f.aid.amountNok;
  const c = ceiling(f);
  const inputs = {
    amountBasis: f.aid.basis,
    aidAmountNok: f.aid.amountNok,
    sizeClass: f.size.sizeClass,
    requestedAidNok: t.requestedAidNok,
    eligibleCostsNok: t.eligibleCostsNok,
    pendingAssessmentNok: t.pendingAssessmentNok,
    maxIntensityPct: t.maxIntensityPct,
    maxAidNok: t.maxAidNok,
  };
  if (amount === null) {
    const missing = [FIELD.requestedAmount()];
    return ruleResult('INT-01', 'missing', missingText(missing), inputs, missing);
  }
  const over = amount > c.max;
  if (!c.known && !over) {
    const missing = [FIELD.sizeClass()];
    return ruleResult('INT-01', 'missing', missingText(missing), inputs, missing);
  }
  const atMost = over && f.aid.basis === 'requested';
  const text: LocalizedText = {
    nb:
      `${amountNamed(f, 'nb', formatNok('nb', amount))} er ${over ? 'over' : 'innenfor'} ${maxAidText('nb', c.max, c.pct, t.eligibleCostsNok)}` +
      (atMost ? `; tilskuddet kan høyst bli ${formatNokUnbroken('nb', c.max)}.` : '.') +
      (c.known ? '' : ' Størrelsesklassen er ukjent, men beløpet er over maksimum også med høyeste intensitet.') +
      pendingNote(f, 'nb'),
    en:
      `${amountNamed(f, 'en', formatNok('en', amount))} is ${over ? 'above' : 'within'} ${maxAidText('en', c.max, c.pct, t.eligibleCostsNok)}` +
      (atMost ? `; a grant can be at most ${formatNokUnbroken('en', c.max)}.` : '.') +
      (c.known ? '' : ' The size class is unknown, but the amount exceeds the maximum even at the highest intensity.') +
      pendingNote(f, 'en'),
  };
  return ruleResult('INT-01', over ? breach(f) : 'pass', text, inputs);
}

/** CUM-01 (GBER art. 8(3)): the aid amount plus other public aid for the same costs within the maximum. */
export function cum01(f: CaseFacts): RuleResult {
  const t = f.totals;
  const other = otherAidSameCosts(f.snapshot);
  const amount = f.aid.amountNok;
  const c = ceiling(f);
  const inputs = {
    amountBasis: f.aid.basis,
    aidAmountNok: f.aid.amountNok,
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
  const total = amount === null ? null : amount + other.sumNok;
  const over = total !== null && total > c.max;
  const grantors = (l: Lang) => {
    const named = other.entries.filter((e) => e.grantor).map((e) => quote(l, e.grantor as string));
    return named.length ? ` (${formatList(l, named)})` : '';
  };
  if (!over) {
    const missing = [...(amount === null ? [FIELD.requestedAmount()] : []), ...other.missing, ...(c.known ? [] : [FIELD.sizeClass()])];
    if (missing.length) return ruleResult('CUM-01', 'missing', missingText(missing), inputs, missing);
  }
  const sumNok = total as number;
  // What is left for a grant beside the other aid: the most that can be granted.
  const room = Math.max(0, c.max - other.sumNok);
  const atMost = over && f.aid.basis === 'requested';
  const atMostText: LocalizedText = !atMost
    ? { nb: '.', en: '.' }
    : room > 0
      ? {
          nb: `; med den andre støtten kan tilskuddet høyst bli ${formatNokUnbroken('nb', room)}.`,
          en: `; with the other aid a grant can be at most ${formatNokUnbroken('en', room)}.`,
        }
      : {
          nb: '; den andre støtten alene når maksimum, så det kan ikke gis tilskudd.',
          en: '; the other aid alone reaches the maximum, so no grant is possible.',
        };
  const text: LocalizedText = {
    nb:
      `${amountNamed(f, 'nb', formatNok('nb', amount as number))} og annen offentlig støtte til de samme kostnadene ${formatNok('nb', other.sumNok)}${grantors('nb')} ` +
      `er til sammen ${formatNok('nb', sumNok)}, ${over ? 'over' : 'innenfor'} ${maxAidText('nb', c.max, c.pct, t.eligibleCostsNok)}${atMostText.nb}`,
    en:
      `${amountNamed(f, 'en', formatNok('en', amount as number))} and other public aid for the same costs of ${formatNok('en', other.sumNok)}${grantors('en')} ` +
      `add up to ${formatNok('en', sumNok)}, ${over ? 'above' : 'within'} ${maxAidText('en', c.max, c.pct, t.eligibleCostsNok)}${atMostText.en}`,
  };
  return ruleResult('CUM-01', over ? breach(f) : 'pass', text, inputs);
}

/** "Søkt støtte 1 500 000 kr = 130 434,78 EUR (11,5 NOK/EUR)". */
function amountInEur(f: CaseFacts, l: Lang): string {
  const eur = `${formatNok(l, f.aid.amountNok as number)} = ${formatEur(l, f.aid.amountEur as number)} (${formatNumber(l, f.ctx.nokPerEur, 4)} NOK/EUR)`;
  return amountNamed(f, l, eur);
}

/** THR-01 (GBER art. 4(1)): aid above the notification threshold must be notified to ESA. */
export function thr01(f: CaseFacts): RuleResult {
  const threshold = f.params.notificationThresholdEur;
  const inputs = {
    amountBasis: f.aid.basis,
    aidAmountNok: f.aid.amountNok,
    aidAmountEur: f.aid.amountEur,
    requestedAidNok: f.totals.requestedAidNok,
    nokPerEur: f.ctx.nokPerEur,
    notificationThresholdEur: threshold,
  };
  if (f.aid.amountNok === null || f.aid.amountEur === null) {
    const missing = [FIELD.requestedAmount()];
    return ruleResult('THR-01', 'missing', missingText(missing), inputs, missing);
  }
  if (f.aid.amountEur > threshold) {
    // At basis `requested` THR-01 stays `refer`, and is decided again at the recommended amount.
    const again =
      f.aid.basis === 'requested'
        ? {
            nb: ' Støtte av denne størrelsen må meldes til ESA og kan ikke gis etter gruppeunntaket. Regelen vurderes på nytt for det anbefalte beløpet, som kan ligge under terskelen.',
            en: ' Aid of this size must be notified to ESA and cannot be block-exempted. The rule is decided again at the recommended amount, which may be below the threshold.',
          }
        : {
            nb: ' Støtten må meldes til ESA og kan ikke gis etter gruppeunntaket.',
            en: ' It must be notified to ESA and cannot be block-exempted.',
          };
    return ruleResult(
      'THR-01',
      'refer',
      {
        nb: `${amountInEur(f, 'nb')} er over meldeterskelen på ${formatEur('nb', threshold, true)} per foretak per prosjekt.${again.nb}`,
        en: `${amountInEur(f, 'en')} is above the notification threshold of ${formatEur('en', threshold, true)} per undertaking per project.${again.en}`,
      },
      inputs,
    );
  }
  return ruleResult(
    'THR-01',
    'pass',
    {
      nb: `${amountInEur(f, 'nb')} er ikke over meldeterskelen på ${formatEur('nb', threshold, true)}.`,
      en: `${amountInEur(f, 'en')} is not above the notification threshold of ${formatEur('en', threshold, true)}.`,
    },
    inputs,
  );
}

/**
 * TRN-01 (GBER art. 9(1)(c), støtteprosessloven § 7): publication in the register, for the amount
 * evaluated. GBER says "exceeding" the threshold; the rulebook says "at least", which publishes an
 * award of exactly the threshold as well: the stricter reading, and harmless. A decision's
 * obligation is the one of its evaluation at the granted amount (docs/rules.md section 5).
 */
export function registerObligation(f: CaseFacts): boolean {
  return f.aid.amountNok !== null && f.aid.amountEur !== null && f.aid.amountEur >= f.params.registerThresholdEur;
}

export function trn01(f: CaseFacts): RuleResult {
  const threshold = f.params.registerThresholdEur;
  const obligation = registerObligation(f);
  const inputs = {
    amountBasis: f.aid.basis,
    aidAmountNok: f.aid.amountNok,
    aidAmountEur: f.aid.amountEur,
    requestedAidNok: f.totals.requestedAidNok,
    nokPerEur: f.ctx.nokPerEur,
    registerThresholdEur: threshold,
    obligations: obligation ? ['register-report'] : [],
  };
  if (f.aid.amountNok === null || f.aid.amountEur === null) {
    const missing = [FIELD.requestedAmount()];
    return ruleResult('TRN-01', 'missing', missingText(missing), inputs, missing);
  }
  const requested = f.aid.basis === 'requested';
  // At basis `requested` the text speaks of an award of that amount: the decision's obligation follows from the granted amount.
  const award = requested ? { nb: 'en tildeling av dette beløpet', en: 'an award of this amount' } : { nb: 'tildelingen', en: 'the award' };
  const decidedLater = requested
    ? {
        nb: ' Om vedtaket skal publiseres, avgjøres av innvilget beløp.',
        en: ' Whether the decision is published follows from the granted amount.',
      }
    : { nb: '', en: '' };
  if (obligation) {
    return ruleResult(
      'TRN-01',
      'pass',
      {
        nb: `${amountInEur(f, 'nb')} er minst ${formatEur('nb', threshold, true)}: ${award.nb} skal publiseres i Registeret for offentlig støtte innen 6 måneder, og dokumentasjonen skal oppbevares i 10 år.${decidedLater.nb}`,
        en: `${amountInEur(f, 'en')} is at least ${formatEur('en', threshold, true)}: ${award.en} must be published in the Register for public support within 6 months, and records kept for 10 years.${decidedLater.en}`,
      },
      inputs,
    );
  }
  return ruleResult(
    'TRN-01',
    'pass',
    {
      nb: `${amountInEur(f, 'nb')} er under ${formatEur('nb', threshold, true)}; ${award.nb} skal ikke publiseres i Registeret for offentlig støtte.${decidedLater.nb}`,
      en: `${amountInEur(f, 'en')} is below ${formatEur('en', threshold, true)}; ${award.en} is not published in the Register for public support.${decidedLater.en}`,
    },
    inputs,
  );
}
