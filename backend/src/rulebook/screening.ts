import type { LocalizedText } from './types';

/**
 * COST-06 exclusion screening: words in a cost line's description that suggest an item on the
 * scheme's exclusion list (J-INNO-03). A hit only asks a caseworker to look; it decides nothing.
 *
 * Matching is case-insensitive on whole words (Unicode letters, so "lagerstyring" is one word).
 * Norwegian stems carry `\p{L}*` to catch compounds and inflections ("lagerstyringssystemet").
 * The bare word "lager" is deliberately not a keyword: it is also the present tense of "lage"
 * (to make), which would flag most production lines.
 */
export interface ScreeningGroup {
  id: 'it-system' | 'routine-improvement' | 'inventory' | 'single-equipment';
  label: LocalizedText;
  pattern: RegExp;
}

const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}])(?:';
const BOUNDARY_AFTER = ')(?![\\p{L}\\p{N}])';

function words(alternatives: readonly string[]): RegExp {
  const body = alternatives.map((a) => a.replace(/ /g, '\\s+')).join('|');
  return new RegExp(BOUNDARY_BEFORE + body + BOUNDARY_AFTER, 'giu');
}

/** The keyword alternatives of each group, as written above (for tests and documentation). */
export const screeningAlternatives = () => GROUPS.map((g) => ({ id: g.id, alternatives: g.alternatives }));

const GROUPS: readonly (Omit<ScreeningGroup, 'pattern'> & { alternatives: readonly string[] })[] = [
  {
    id: 'it-system',
    label: { nb: 'frittstående IT-system', en: 'stand-alone IT system' },
    alternatives: [
      'SAP',
      'CRM',
      'ERP',
      'IT-system\\p{L}*',
      'IT system\\p{L}*',
      'datasystem\\p{L}*',
      'forretningssystem\\p{L}*',
      'økonomisystem\\p{L}*',
      'business system\\p{L}*',
    ],
  },
  {
    id: 'routine-improvement',
    label: { nb: 'LEAN eller rutinemessig forbedring', en: 'LEAN or routine improvement' },
    alternatives: [
      'lean',
      'kaizen',
      'six sigma',
      'kontinuerlig forbedring\\p{L}*',
      'continuous improvement\\p{L}*',
      'rutinemessig\\p{L}*',
      'routine improvement\\p{L}*',
    ],
  },
  {
    id: 'inventory',
    label: { nb: 'lagerstyring', en: 'inventory management' },
    alternatives: [
      'lagerstyring\\p{L}*',
      'lagersystem\\p{L}*',
      'varelager\\p{L}*',
      'lagerhold\\p{L}*',
      'inventory',
      'inventories',
      'warehouse management',
      'stock control',
      'WMS',
    ],
  },
  {
    id: 'single-equipment',
    label: {
      nb: 'ny eller utskiftet enkeltmaskin eller enkeltutstyr',
      en: 'new or replacement single machine or equipment',
    },
    alternatives: [
      '\\p{L}*utskift\\p{L}*',
      'skifte ut',
      'skifter ut',
      'bytte ut',
      'bytter ut',
      'erstatte',
      'erstatter',
      'enkeltmaskin\\p{L}*',
      'enkeltutstyr\\p{L}*',
      'ny maskin',
      'nye maskiner',
      'replacement',
      'replacing',
      'replace',
      'new machine',
      'single machine',
    ],
  },
];

export interface ScreeningHit {
  group: ScreeningGroup['id'];
  label: LocalizedText;
  /** The words as written in the description, first occurrence of each, in order. */
  terms: string[];
}

export const SCREENING_GROUPS: readonly ScreeningGroup[] = GROUPS.map(({ alternatives, ...g }) => ({
  ...g,
  pattern: words(alternatives),
}));

/**
 * A cheap first pass: every match of an alternative contains its longest literal run, so a
 * description containing none of these runs has no hit. Derived from the alternatives.
 */
const PREFILTER = (() => {
  const needles = new Set<string>();
  for (const g of GROUPS) {
    for (const alt of g.alternatives) {
      const runs = alt.split(/\\p\{L\}\*| /).filter(Boolean);
      runs.sort((a, b) => b.length - a.length);
      needles.add(runs[0].toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    }
  }
  // Without the u flag case-insensitive matching is twice as fast here; the only characters
  // that Unicode case folding (the patterns' iu) maps onto these ASCII needles and plain i does
  // not are the long s and the Kelvin sign, so their presence sends a text to the full patterns.
  return new RegExp([...needles].join('|'), 'i');
})();
const UNICODE_ONLY_FOLDS = /[\u017f\u212a]/;

const ANY = new RegExp(SCREENING_GROUPS.map((g) => g.pattern.source).join('|'), 'iu');

export function screenDescription(description: string | null | undefined): ScreeningHit[] {
  if (!description) return [];
  if (!PREFILTER.test(description) && !UNICODE_ONLY_FOLDS.test(description)) return [];
  if (!ANY.test(description)) return [];
  const hits: ScreeningHit[] = [];
  for (const g of SCREENING_GROUPS) {
    const terms: string[] = [];
    const seen = new Set<string>();
    // exec on the shared global pattern (matchAll would clone it for every call); lastIndex is
    // reset before and after, and nothing else runs in between.
    const re = g.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(description); m !== null; m = re.exec(description)) {
      const term = m[0].replace(/\s+/g, ' ');
      const key = term.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(term);
    }
    re.lastIndex = 0;
    if (terms.length) hits.push({ group: g.id, label: g.label, terms });
  }
  return hits;
}
