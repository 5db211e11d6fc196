import { formatNok, formatPct } from '../format';
import { FIELD, missingText, partnerField, type MissingField } from '../missing';
import { num, roundHalfUp, sum } from '../money';
import { explainSize, isSme, SIZE_CLASS_NAME } from '../size-class';
import { SIZE_CLASSES, type RuleResult, type SizeClass } from '../types';
import type { CaseFacts } from './facts';
import { ruleResult } from './rule-result';

/** SME-01, size class from aggregated figures (GBER annex I art. 2-6), see size-class.ts. */
export function sme01(f: CaseFacts): RuleResult {
  const s = f.size;
  return ruleResult(
    'SME-01',
    s.sizeClass ? 'pass' : 'missing',
    explainSize(s, f.params, f.ctx.nokPerEur),
    {
      sizeClass: s.sizeClass,
      basis: s.basis,
      nokPerEur: f.ctx.nokPerEur,
      publicOwnershipPct: s.publicOwnershipPct,
      years: s.years.map((y) => ({
        year: y.year,
        annualWorkUnits: y.annualWorkUnits,
        turnoverNok: y.turnoverNok,
        balanceSheetNok: y.balanceSheetNok,
        turnoverEur: y.turnoverEur,
        balanceSheetEur: y.balanceSheetEur,
        sizeClass: y.sizeClass,
      })),
      relatedEnterprises: s.related,
    },
    s.sizeClass ? [] : s.missing,
  );
}

/**
 * LRG-01 (GBER art. 29(2)): a large applicant must collaborate with SMEs that carry at least the
 * required share of the project's total eligible costs: the applicant's eligible costs (this
 * evaluation's total, lines pending assessment included at their claim) plus every partner's.
 */
export function lrg01(f: CaseFacts): RuleResult {
  const sizeClass = f.size.sizeClass;
  if (sizeClass === null) {
    const missing = [FIELD.sizeClass()];
    return ruleResult('LRG-01', 'missing', missingText(missing), { sizeClass }, missing);
  }
  if (isSme(sizeClass)) {
    return ruleResult(
      'LRG-01',
      'na',
      {
        nb: `Søker er et ${SIZE_CLASS_NAME[sizeClass].nb} (SMB); kravet om samarbeid med SMB-er gjelder bare store foretak.`,
        en: `The applicant is a ${SIZE_CLASS_NAME[sizeClass].en} (SME); the SME collaboration requirement applies only to large applicants.`,
      },
      { sizeClass },
    );
  }
  const required = f.params.smeCostShareWithLargePct;
  const missing: MissingField[] = [];
  const partners = (f.snapshot.project?.collaborationPartners ?? []).map((p, i) => {
    const cls = SIZE_CLASSES.includes(p?.sizeClass as SizeClass) ? (p?.sizeClass as SizeClass) : null;
    const costs = num(p?.eligibleCostsNok);
    if (cls === null) missing.push(partnerField(i, p?.name, 'sizeClass'));
    if (costs === null || costs < 0) missing.push(partnerField(i, p?.name, 'eligibleCostsNok'));
    return { name: p?.name ?? null, sizeClass: cls, eligibleCostsNok: costs };
  });
  const applicantCosts = f.totals.eligibleCostsNok;
  const partnerCosts = sum(partners.map((p) => p.eligibleCostsNok ?? 0));
  const smeCosts = sum(partners.filter((p) => isSme(p.sizeClass)).map((p) => p.eligibleCostsNok ?? 0));
  const total = applicantCosts + partnerCosts;
  const sharePct = total > 0 ? roundHalfUp((smeCosts / total) * 100, 2) : 0;
  const inputs = {
    sizeClass,
    applicantEligibleCostsNok: applicantCosts,
    partnersEligibleCostsNok: partnerCosts,
    smeEligibleCostsNok: smeCosts,
    totalEligibleCostsNok: total,
    smeSharePct: sharePct,
    requiredSmeSharePct: required,
    partners,
  };
  if (missing.length) return ruleResult('LRG-01', 'missing', missingText(missing), inputs, missing);
  // Compared on whole kroner (smeCosts x 100 >= required x total), not on the rounded percentage.
  const ok = total > 0 && smeCosts * 100 >= required * total;
  const explanation = {
    nb:
      `Søker er et stort foretak. SMB-partnernes støtteberettigede kostnader er ${formatNok('nb', smeCosts)} av prosjektets samlede ${formatNok('nb', total)} ` +
      `(søkers ${formatNok('nb', applicantCosts)} og partnernes ${formatNok('nb', partnerCosts)}), altså ${formatPct('nb', sharePct)}. ` +
      (ok
        ? `Kravet om minst ${formatPct('nb', required)} er oppfylt.`
        : `Kravet er minst ${formatPct('nb', required)}, og det er ikke oppfylt.`),
    en:
      `The applicant is a large enterprise. The SME partners' eligible costs are ${formatNok('en', smeCosts)} of the project's total ${formatNok('en', total)} ` +
      `(the applicant's ${formatNok('en', applicantCosts)} and the partners' ${formatNok('en', partnerCosts)}), that is ${formatPct('en', sharePct)}. ` +
      (ok
        ? `The requirement of at least ${formatPct('en', required)} is met.`
        : `At least ${formatPct('en', required)} is required, so the requirement is not met.`),
  };
  return ruleResult('LRG-01', ok ? 'pass' : 'fail', explanation, inputs);
}
