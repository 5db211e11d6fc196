import { isIsoDate, osloDate } from './dates';

/** Ceilings of one size class (GBER annex I art. 2): AWU below, turnover or balance sheet at most. */
export interface SizeLimits {
  awuBelow: number;
  turnoverEurAtMost: number;
  balanceSheetEurAtMost: number;
}

/** Every number of docs/rules.md section 4. Numbers live here, never as literals in the rules. */
export interface ParameterSet {
  id: string;
  /** First day the set applies (inclusive), or null for "since always". */
  effectiveFrom: string | null;
  /** Last day the set applies (inclusive), or null for "until further notice". */
  effectiveUntil: string | null;
  sizeLimits: { micro: SizeLimits; small: SizeLimits; medium: SizeLimits };
  /** Public bodies holding this share or more make the enterprise large (annex I art. 3(4)). */
  publicControlLimitPct: number;
  /**
   * A partner enterprise is held from `atLeast` to `atMost` per cent (annex I art. 3(2)-(3)). A
   * declared partner held above `atMost` counts as linked (100 %), one below `atLeast` is left out.
   */
  partnerSharePct: { atLeast: number; atMost: number };
  maxIntensityPct: { sme: number; large: number };
  /** Share of total eligible costs SMEs must carry when the applicant is large (art. 29(2)). */
  smeCostShareWithLargePct: number;
  /** Aid above this (EUR, per undertaking per project) must be notified (art. 4(1)). */
  notificationThresholdEur: number;
  /** Aid at or above this (EUR) is published in the register (art. 9(1)(c)). */
  registerThresholdEur: number;
  /** SMEs younger than this are exempt from the capital-loss test (art. 2(18)(a)-(b)). */
  startUpExemptionYears: number;
  /** Large-enterprise test of art. 2(18)(e). */
  leverage: { debtToEquityAbove: number; interestCoverBelow: number };
  eligibleCategories: readonly string[];
  defaultNokPerEur: number;
}

const SIZE_LIMITS: ParameterSet['sizeLimits'] = {
  micro: { awuBelow: 10, turnoverEurAtMost: 2_000_000, balanceSheetEurAtMost: 2_000_000 },
  small: { awuBelow: 50, turnoverEurAtMost: 10_000_000, balanceSheetEurAtMost: 10_000_000 },
  medium: { awuBelow: 250, turnoverEurAtMost: 50_000_000, balanceSheetEurAtMost: 43_000_000 },
};

const COMMON = {
  sizeLimits: SIZE_LIMITS,
  publicControlLimitPct: 25,
  partnerSharePct: { atLeast: 25, atMost: 50 },
  maxIntensityPct: { sme: 50, large: 15 },
  smeCostShareWithLargePct: 30,
  startUpExemptionYears: 3,
  leverage: { debtToEquityAbove: 7.5, interestCoverBelow: 1.0 },
  eligibleCategories: ['personnel', 'consultancy', 'equipment', 'ipr'],
  defaultNokPerEur: 11.5,
} as const;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const GBER_2014: ParameterSet = deepFreeze({
  ...structuredClone(COMMON),
  id: 'gber-2014',
  effectiveFrom: null,
  effectiveUntil: '2023-12-10',
  notificationThresholdEur: 7_500_000,
  registerThresholdEur: 500_000,
});

export const GBER_2023: ParameterSet = deepFreeze({
  ...structuredClone(COMMON),
  id: 'gber-2023',
  effectiveFrom: '2023-12-11',
  effectiveUntil: null,
  // To be confirmed against the consolidated GBER text (docs/rules.md section 4); kept a parameter.
  notificationThresholdEur: 10_000_000,
  registerThresholdEur: 100_000,
});

/** All parameter sets, oldest first. Their periods are contiguous and do not overlap. */
export const PARAMETER_SETS: readonly ParameterSet[] = Object.freeze([GBER_2014, GBER_2023]);

/**
 * The set in force on a date (YYYY-MM-DD; a timestamp counts by its date in Europe/Oslo).
 * Throws a RangeError for anything that is not a valid date.
 */
export function selectParameterSet(date: string): ParameterSet {
  const day = isIsoDate(date) ? date : osloDate(date);
  if (day === null) throw new RangeError(`Not a date: ${JSON.stringify(date)}`);
  const set = PARAMETER_SETS.find(
    (p) => (p.effectiveFrom === null || p.effectiveFrom <= day) && (p.effectiveUntil === null || day <= p.effectiveUntil),
  );
  if (!set) throw new RangeError(`No parameter set for ${day}`);
  return set;
}

export function parameterSetById(id: string): ParameterSet | undefined {
  return PARAMETER_SETS.find((p) => p.id === id);
}
