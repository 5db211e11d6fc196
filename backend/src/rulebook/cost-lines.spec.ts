import { lineResult, run, withLines } from './testing';
import type { CaseSnapshot, CostLineOutcome, CostLineSnapshot } from './types';

/** Evaluates one line in the sample case (received 2026-03-02, project 2026-04-01..2027-09-30, 18 months). */
function line(l: Partial<CostLineSnapshot>, change: (c: CaseSnapshot) => void = () => undefined) {
  const full: CostLineSnapshot = { id: 'x', incurredFrom: '2026-04-01', ...l };
  const r = run((c) => {
    withLines(full)(c);
    change(c);
  });
  return { result: r, line: lineResult(r, 'x') };
}

const reasonIds = (l: { reasons: { ruleId: string }[] }) => l.reasons.map((r) => r.ruleId);

describe('COST-01 category', () => {
  it.each<[string, CostLineOutcome]>([
    ['consultancy', 'eligible'],
    ['ipr', 'eligible'],
    ['overheads', 'ineligible'],
    ['materials', 'ineligible'],
    ['other', 'ineligible'],
    ['travel', 'ineligible'],
  ])('%s: %s', (category, expected) => {
    const { line: l } = line({ category, amountNok: 100_000, supplierRelation: 'independent' });
    expect(l.outcome).toBe(expected);
    expect(l.eligibleNok).toBe(expected === 'eligible' ? 100_000 : 0);
  });

  it('explains that GBER allows overheads but this scheme does not', () => {
    const { line: l } = line({ category: 'overheads', amountNok: 100_000 });
    expect(l.reasons[0]).toEqual({
      ruleId: 'COST-01',
      outcome: 'ineligible',
      explanation: {
        nb: 'Kategorien indirekte kostnader er tillatt etter GBER art. 29(3)(d), men dekkes ikke av denne ordningen.',
        en: 'The category overheads is allowed by GBER art. 29(3)(d) but not funded by this scheme.',
      },
    });
  });

  it('asks for an assessment when the category or the amount is missing', () => {
    expect(line({ category: null, amountNok: 1 }).line.outcome).toBe('assess');
    const noAmount = line({ category: 'ipr', supplierRelation: 'independent' }).line;
    expect(noAmount).toMatchObject({ outcome: 'assess', claimedNok: 0, eligibleNok: 0 });
  });
});

describe('COST-02 personnel', () => {
  const personnel = (hours: number | null, hourlyRateNok: number | null, amountNok: number) =>
    line({ category: 'personnel', hours, hourlyRateNok, amountNok }).line;

  it.each<[number | null, number | null, number, CostLineOutcome, number]>([
    [1200, 850, 1_020_000, 'eligible', 1_020_000],
    [1200, 850, 1_000_000, 'eligible', 1_000_000],
    [1200, 850, 1_100_000, 'partly', 1_020_000],
    [10.5, 101, 1_100, 'partly', 1_061], // 1 060.5 rounded half up
    [null, 850, 1_020_000, 'assess', 1_020_000],
    [1200, null, 1_020_000, 'assess', 1_020_000],
  ])('%s h x %s kr, claimed %s: %s %s', (hours, rate, amount, outcome, eligible) => {
    const l = personnel(hours, rate, amount);
    expect(l.outcome).toBe(outcome);
    expect(l.eligibleNok).toBe(eligible);
  });

  it('states the computation', () => {
    expect(personnel(1200, 850, 1_100_000).reasons[0].explanation).toEqual({
      nb: '1 200 timer × 850 kr = 1 020 000 kr. Krevd 1 100 000 kr er mer; støtteberettiget er 1 020 000 kr.',
      en: '1,200 hours × NOK 850 = NOK 1,020,000. The claim of NOK 1,100,000 is higher; NOK 1,020,000 is eligible.',
    });
    expect(personnel(null, null, 1).reasons[0].explanation.nb).toBe(
      'Personalkostnader kan ikke kontrolleres mot timer × timesats. Mangler: timer og timesats.',
    );
  });
});

describe('COST-03 equipment', () => {
  const depreciation = (monthsUsed: number, amountNok: number, extra: Partial<CostLineSnapshot> = {}) =>
    line({
      category: 'equipment',
      basis: 'depreciation',
      acquisitionCostNok: 2_400_000,
      usefulLifeMonths: 60,
      monthsUsed,
      projectUseSharePct: 50,
      amountNok,
      ...extra,
    });

  it('computes depreciation for the months and share used', () => {
    // 2 400 000 x 18/60 x 50 % = 360 000.
    expect(depreciation(18, 360_000).line).toMatchObject({ outcome: 'eligible', eligibleNok: 360_000 });
    // 2 400 000 x 12/60 x 50 % = 240 000 < 360 000 claimed.
    expect(depreciation(12, 360_000).line).toMatchObject({ outcome: 'partly', eligibleNok: 240_000, computedEligibleNok: 240_000 });
  });

  it('caps months used at the project length (18 months)', () => {
    // 24 months claimed, project 18: 2 400 000 x 18/60 x 50 % = 360 000.
    const { line: l } = depreciation(24, 480_000);
    expect(l).toMatchObject({ outcome: 'partly', eligibleNok: 360_000 });
    expect(l.reasons[0].explanation.nb).toBe(
      'Avskrivning: 2 400 000 kr × 18/60 måneder × 50 % = 360 000 kr. Brukte måneder (24) er begrenset til prosjektets lengde, 18 måneder. ' +
        'Krevd 480 000 kr er mer; støtteberettiget er 360 000 kr.',
    );
  });

  it('rounds the project length up to whole months', () => {
    // 2026-04-01..2027-10-01 is 18 months and a day: 19 months. 2 400 000 x 19/60 x 50 % = 380 000.
    const longer = line(
      {
        category: 'equipment',
        basis: 'depreciation',
        acquisitionCostNok: 2_400_000,
        usefulLifeMonths: 60,
        monthsUsed: 24,
        projectUseSharePct: 50,
        amountNok: 480_000,
      },
      (c) => (c.project!.endDate = '2027-10-01'),
    ).line;
    expect(longer.eligibleNok).toBe(380_000);
  });

  it('never depreciates more than the useful life', () => {
    // Life 12 months, used 18: 2 400 000 x 12/12 x 50 % = 1 200 000.
    expect(depreciation(18, 1_500_000, { usefulLifeMonths: 12 }).line.eligibleNok).toBe(1_200_000);
  });

  it('computes rental for the months and share used', () => {
    const rental = (monthsUsed: number, share: number, amountNok: number) =>
      line({ category: 'equipment', basis: 'rental', monthlyRentNok: 10_000, monthsUsed, projectUseSharePct: share, amountNok }).line;
    expect(rental(6, 100, 60_000)).toMatchObject({ outcome: 'eligible', eligibleNok: 60_000 });
    expect(rental(6, 75, 60_000)).toMatchObject({ outcome: 'partly', eligibleNok: 45_000 });
    expect(rental(30, 100, 300_000)).toMatchObject({ outcome: 'partly', eligibleNok: 180_000 }); // capped at 18
  });

  it('asks for an assessment and names what is missing', () => {
    const { line: l } = line({ category: 'equipment', basis: 'depreciation', monthsUsed: 6, amountNok: 1 });
    expect(l.outcome).toBe('assess');
    expect(l.reasons[0].explanation.nb).toBe(
      'Utstyrskostnaden kan ikke beregnes. Mangler: anskaffelseskost, økonomisk levetid i måneder og prosjektets bruksandel.',
    );
    expect(line({ category: 'equipment', amountNok: 1 }).line.outcome).toBe('assess');
    const noEnd = line(
      { category: 'equipment', basis: 'rental', monthlyRentNok: 1, monthsUsed: 1, projectUseSharePct: 100, amountNok: 1 },
      (c) => (c.project!.endDate = null),
    ).line;
    expect(noEnd.outcome).toBe('assess');
    expect(noEnd.reasons[0].explanation.en).toBe('The equipment cost cannot be computed. Missing: project end date.');
  });
});

describe('COST-04 cost incurred before the application', () => {
  it.each<[string | null, CostLineOutcome]>([
    ['2026-03-01', 'ineligible'],
    ['2026-03-02', 'eligible'], // the day received
    ['2026-03-03', 'eligible'],
    [null, 'assess'],
  ])('incurred from %s: %s', (incurredFrom, expected) => {
    const { line: l } = line({ category: 'ipr', supplierRelation: 'independent', amountNok: 100_000, incurredFrom });
    expect(l.outcome).toBe(expected);
    if (expected === 'ineligible') {
      expect(l.eligibleNok).toBe(0);
      expect(l.reasons[0].explanation.nb).toBe(
        'Kostnaden påløper fra 1. mars 2026, før søknaden kom inn 2. mars 2026, og er ikke støtteberettiget.',
      );
    }
  });

  it('compares with the date of receipt in Norwegian time', () => {
    // Received 23:30Z on 1 March = 00:30 on 2 March in Oslo.
    const { line: l } = line(
      { category: 'ipr', supplierRelation: 'independent', amountNok: 1, incurredFrom: '2026-03-01' },
      (c) => (c.receivedAt = '2026-03-01T23:30:00Z'),
    );
    expect(l.outcome).toBe('ineligible');
  });
});

describe('COST-05 purchases from related parties', () => {
  it.each<[string, string | null, string | null, CostLineOutcome]>([
    ['consultancy', 'independent', 'Prosessråd AS', 'eligible'],
    ['consultancy', 'partner', 'Prosessråd AS', 'assess'],
    ['ipr', 'linked', 'Algo AS', 'assess'],
    ['ipr', null, 'Algo AS', 'assess'],
    // Declared independent, but named like the applicant's partner enterprise or the collaboration partner.
    ['consultancy', 'independent', 'fjord  holding as', 'assess'],
    ['ipr', 'independent', 'Sorteringsteknikk AS', 'assess'],
  ])('%s from a %s supplier %s: %s', (category, supplierRelation, supplierName, expected) => {
    expect(line({ category, supplierRelation, supplierName, amountNok: 100_000 }).line.outcome).toBe(expected);
  });

  it('does not apply to personnel or equipment', () => {
    expect(line({ category: 'personnel', hours: 1, hourlyRateNok: 1, amountNok: 1, supplierRelation: 'linked' }).line.outcome).toBe(
      'eligible',
    );
  });

  it('says what to assess', () => {
    expect(
      line({ category: 'ipr', supplierRelation: 'linked', supplierName: 'Algo AS', amountNok: 1 }).line.reasons[0].explanation,
    ).toEqual({
      nb: 'Leverandøren «Algo AS» er et foretak tilknyttet søkeren. Vurder om prisen er på markedsvilkår (armlengdes avstand).',
      en: 'The supplier "Algo AS" is a linked enterprise of the applicant. Assess whether the price is at arm\'s length.',
    });
  });
});

describe('COST-06 exclusion screening', () => {
  it.each<[string, boolean]>([
    ['Innføring av SAP', true],
    ['Nytt CRM-system for salg', true],
    ['ERP-integrasjon', true],
    ['sap s/4hana', true],
    ['LEAN-opplæring av operatører', true],
    ['Kontinuerlig forbedringsarbeid', true],
    ['Nytt lagerstyringssystem', true],
    ['Inventory management software', true],
    ['Utskifting av pakkemaskin', true],
    ['Maskinutskiftning på linje 2', true],
    ['Replacement of the old press', true],
    ['Sapphire-belegg', false],
    ['Robot som lager deler til ny linje', false],
    ['Prosessanalyse', false],
    ['Sorteringsrobot, avskrivning', false],
    ['Clean room', false],
  ])('%s: %s', (description, flagged) => {
    const { line: l } = line({ category: 'ipr', supplierRelation: 'independent', amountNok: 1, description });
    expect(l.outcome).toBe(flagged ? 'assess' : 'eligible');
    expect(reasonIds(l).includes('COST-06')).toBe(flagged);
  });

  it('points to J-INNO-03 and quotes the words found', () => {
    const { line: l } = line({
      category: 'consultancy',
      supplierRelation: 'independent',
      amountNok: 1,
      description: 'Innføring av SAP og LEAN',
    });
    expect(l.reasons[0].explanation).toEqual({
      nb: 'Beskrivelsen nevner «SAP» (frittstående IT-system) og «LEAN» (LEAN eller rutinemessig forbedring), som kan falle under ordningens unntak. Vurder J-INNO-03.',
      en: 'The description mentions "SAP" (stand-alone IT system) and "LEAN" (LEAN or routine improvement), which may fall under the scheme\'s exclusions. Assess J-INNO-03.',
    });
  });
});

describe('worst-of outcome ordering', () => {
  it('ranks partly above assess', () => {
    // COST-02 partly and COST-06 assess: partly, at the computed amount.
    const { line: l } = line({ category: 'personnel', hours: 10, hourlyRateNok: 100, amountNok: 2_000, description: 'ERP-opplæring' });
    expect(l.outcome).toBe('partly');
    expect(l.eligibleNok).toBe(1_000);
    expect(reasonIds(l)).toEqual(['COST-02', 'COST-06']);
  });

  it('ranks ineligible above partly', () => {
    const { line: l } = line({ category: 'personnel', hours: 10, hourlyRateNok: 100, amountNok: 2_000, incurredFrom: '2026-01-01' });
    expect(l).toMatchObject({ outcome: 'ineligible', eligibleNok: 0, computedEligibleNok: 0 });
    expect(reasonIds(l)).toEqual(['COST-02', 'COST-04']);
  });

  it('ranks assess above eligible and counts the claim as pending', () => {
    const { line: l, result } = line({ category: 'consultancy', supplierRelation: 'partner', amountNok: 50_000 });
    expect(l).toMatchObject({ outcome: 'assess', eligibleNok: 50_000 });
    expect(result.totals.pendingAssessmentNok).toBe(50_000);
    expect(result.totals.eligibleCostsNok).toBe(50_000);
  });
});

describe('approved amounts', () => {
  const assessed = (approvedAmountNok: number | null, extra: Partial<CostLineSnapshot> = {}) =>
    line({
      category: 'consultancy',
      supplierRelation: 'partner',
      supplierName: 'P AS',
      amountNok: 100_000,
      approvedAmountNok,
      approvalReason: 'Markedspris dokumentert.',
      ...extra,
    });

  it.each<[number, CostLineOutcome]>([
    [100_000, 'eligible'],
    [80_000, 'partly'],
    [0, 'ineligible'],
  ])('approved %s of 100 000: %s', (approved, outcome) => {
    const { line: l, result } = assessed(approved);
    expect(l).toMatchObject({ outcome, eligibleNok: approved, computedEligibleNok: 100_000, approvedAmountNok: approved });
    expect(result.totals.pendingAssessmentNok).toBe(0);
    expect(result.totals.eligibleCostsNok).toBe(approved);
    expect(l.reasons.at(-1)).toEqual({
      ruleId: 'ASSESSMENT',
      outcome,
      explanation: {
        nb: `Saksbehandler har godkjent ${approved === 0 ? '0' : approved === 80_000 ? '80 000' : '100 000'} kr av krevd 100 000 kr. Markedspris dokumentert.`,
        en: `The caseworker approved NOK ${approved === 0 ? '0' : approved === 80_000 ? '80,000' : '100,000'} of the claimed NOK 100,000. Markedspris dokumentert.`,
      },
    });
  });

  it('leaves a line pending until an amount is set', () => {
    expect(assessed(null).line).toMatchObject({ outcome: 'assess', approvedAmountNok: null, eligibleNok: 100_000 });
  });

  it('replaces a computed partly amount, within the claim', () => {
    const { line: l } = line({ category: 'personnel', hours: 10, hourlyRateNok: 100, amountNok: 2_000, approvedAmountNok: 1_500 });
    expect(l).toMatchObject({ outcome: 'partly', eligibleNok: 1_500, computedEligibleNok: 1_000 });
  });

  it('does not apply an amount above the claim or below zero', () => {
    for (const bad of [100_001, -1]) {
      const { line: l } = assessed(bad);
      expect(l).toMatchObject({ outcome: 'assess', eligibleNok: 100_000, approvedAmountNok: bad });
      expect(l.reasons.at(-1)?.explanation.en).toContain('is not applied');
    }
  });

  it('cannot make a cost incurred before the application eligible', () => {
    const { line: l } = assessed(50_000, { incurredFrom: '2026-01-01' });
    expect(l).toMatchObject({ outcome: 'ineligible', eligibleNok: 0, approvedAmountNok: 50_000 });
    expect(l.reasons.at(-1)?.explanation.nb).toContain('er ikke brukt: kostnaden er utelukket etter COST-04');
  });

  it('cannot make a category the scheme never funds eligible', () => {
    const { line: l } = line({ category: 'other', amountNok: 1_000, approvedAmountNok: 1_000 });
    expect(l).toMatchObject({ outcome: 'ineligible', eligibleNok: 0 });
  });
});
