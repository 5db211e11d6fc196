import { GBER_2023 } from './parameters';
import { assessSize } from './size-class';
import { context, rule, run, sampleWith, sizeFigures } from './testing';
import type { CaseSnapshot, SizeClass } from './types';

const RATE = 11.5;
/** NOK for an EUR amount at 11.50: exact, since 11.5 x an integer is a multiple of 0.5. */
const eur = (x: number) => x * RATE;

function sizeOf(change: (c: CaseSnapshot) => void): SizeClass | null {
  return assessSize(sampleWith(change), GBER_2023, RATE).sizeClass;
}

describe('SME-01 size class of one year (annex I art. 2)', () => {
  it.each<[string, number, number, number, SizeClass]>([
    ['AWU 9, small money', 9, eur(1_000_000), eur(1_000_000), 'micro'],
    ['AWU 10 reaches the micro limit', 10, eur(1_000_000), eur(1_000_000), 'small'],
    ['AWU 49', 49, eur(5_000_000), eur(5_000_000), 'small'],
    ['AWU 50 reaches the small limit', 50, eur(5_000_000), eur(5_000_000), 'medium'],
    ['AWU 249', 249, eur(5_000_000), eur(5_000_000), 'medium'],
    ['AWU 250', 250, eur(5_000_000), eur(5_000_000), 'large'],
    ['turnover exactly at the micro ceiling', 5, eur(2_000_000), eur(99_000_000), 'micro'],
    ['turnover one krone above the micro ceiling, balance above', 5, eur(2_000_000) + 1, eur(99_000_000), 'small'],
    ['turnover exactly at the small ceiling', 20, eur(10_000_000), eur(99_000_000), 'small'],
    ['turnover exactly at the medium ceiling', 100, eur(50_000_000), eur(99_000_000), 'medium'],
    ['turnover above the medium ceiling but balance at 43 M', 100, eur(60_000_000), eur(43_000_000), 'medium'],
    ['both above the medium ceilings', 100, eur(60_000_000), eur(43_000_000) + 12, 'large'],
    ['balance alone holds the small ceiling', 20, eur(40_000_000), eur(10_000_000), 'small'],
  ])('%s: %s', (_name, awu, turnover, balance, expected) => {
    expect(sizeOf(sizeFigures(awu, turnover, balance))).toBe(expected);
  });

  it('rounds the EUR figure to cents before comparing with the ceiling', () => {
    // 115 000 000.05 NOK / 11.5 = 10 000 000.004 EUR, which is 10 000 000.00: at the ceiling.
    expect(sizeOf(sizeFigures(20, 115_000_000.05, eur(99_000_000)))).toBe('small');
    // 115 000 000.06 NOK = 10 000 000.0052 EUR = 10 000 000.01: above.
    expect(sizeOf(sizeFigures(20, 115_000_000.06, eur(99_000_000)))).toBe('medium');
  });

  it('converts with the given rate', () => {
    const c = sampleWith(sizeFigures(20, 110_000_000, 110_000_000));
    expect(assessSize(c, GBER_2023, 11.5).sizeClass).toBe('small'); // 9.57 M EUR
    expect(assessSize(c, GBER_2023, 10).sizeClass).toBe('medium'); // 11 M EUR
  });
});

describe('SME-01 related enterprises (annex I art. 3 and 6)', () => {
  const related = (relation: 'linked' | 'partner', sharePct: number | null, awu: number) => (c: CaseSnapshot) => {
    sizeFigures(40, eur(5_000_000), eur(5_000_000))(c);
    c.applicant!.relatedEnterprises = [
      { name: 'Eier AS', relation, sharePct, annualWorkUnits: awu, turnoverNok: eur(1_000_000), balanceSheetNok: eur(1_000_000) },
    ];
  };

  it('adds 100 % of a linked enterprise whatever its share', () => {
    // 40 + 100 % x 10 = 50: medium.
    expect(sizeOf(related('linked', 30, 10))).toBe('medium');
  });

  it('adds the share held of a partner enterprise', () => {
    // 40 + 30 % x 10 = 43: small. With 100 %: 50, medium.
    expect(sizeOf(related('partner', 30, 10))).toBe('small');
    expect(sizeOf(related('partner', 50, 20))).toBe('medium'); // 40 + 10 = 50
    expect(sizeOf(related('partner', 50, 19.98))).toBe('small'); // 40 + 9.99 = 49.99
  });

  it('needs the share of a partner and the relation of a related enterprise', () => {
    const s = assessSize(sampleWith(related('partner', null, 10)), GBER_2023, RATE);
    expect(s.sizeClass).toBeNull();
    expect(s.missing.map((m) => m.path)).toEqual(['applicant.relatedEnterprises[0].sharePct']);
  });

  it('reports the related enterprises and the weight used', () => {
    const r = run(related('partner', 30, 10));
    expect(rule(r, 'SME-01').inputs.relatedEnterprises).toEqual([
      { name: 'Eier AS', relation: 'partner', sharePct: 30, countedAs: 'partner', weightPct: 30 },
    ]);
    expect(rule(r, 'SME-01').explanation.nb).toContain('«Eier AS» 30 %');
  });
});

describe('SME-01 a declared partner: the share decides (docs/rules.md, SME-01 step 2)', () => {
  // The applicant: 40 AWU, EUR 5 M. "Eier AS": 20 AWU, EUR 1 M. 40 + 20 = 60 AWU is medium;
  // 40 + 25 % x 20 = 45 and 40 + 50 % x 20 = 50 show where the share is used as it is.
  const partner = (sharePct: number) => (c: CaseSnapshot) => {
    sizeFigures(40, eur(5_000_000), eur(5_000_000))(c);
    c.applicant!.relatedEnterprises = [
      { name: 'Eier AS', relation: 'partner', sharePct, annualWorkUnits: 20, turnoverNok: eur(1_000_000), balanceSheetNok: eur(1_000_000) },
    ];
  };

  it.each<[number, 'linked' | 'partner' | 'left-out', number, number, SizeClass]>([
    [24.99, 'left-out', 0, 40, 'small'],
    [25, 'partner', 25, 45, 'small'],
    [40, 'partner', 40, 48, 'small'],
    [50, 'partner', 50, 50, 'medium'],
    [50.01, 'linked', 100, 60, 'medium'],
    [60, 'linked', 100, 60, 'medium'],
    [0, 'left-out', 0, 40, 'small'],
  ])('held %s %%: counted as %s (%s %% of its figures), %s AWU, %s', (share, countedAs, weightPct, awu, sizeClass) => {
    const s = assessSize(sampleWith(partner(share)), GBER_2023, RATE);
    expect(s.related).toEqual([{ name: 'Eier AS', relation: 'partner', sharePct: share, countedAs, weightPct }]);
    expect(s.years[0].annualWorkUnits).toBe(awu);
    expect(s.sizeClass).toBe(sizeClass);
  });

  it('says in the explanation that a partner held above 50 % counts as linked', () => {
    const r = rule(run(partner(60)), 'SME-01');
    expect(r.outcome).toBe('pass');
    expect(r.explanation.nb).toContain('«Eier AS» 100 %');
    expect(r.explanation.nb).toContain(
      '«Eier AS» er oppgitt som partnerforetak, men eierandelen er 60 %, over 50 %: foretaket regnes som tilknyttet (100 %).',
    );
    expect(r.explanation.en).toContain(
      '"Eier AS" is declared a partner enterprise, but the share held is 60%, above 50%: it counts as linked (100%).',
    );
    expect(r.explanation.en).toContain('Size class: medium-sized enterprise.');
  });

  it('says in the explanation that a partner held below 25 % is left out, and does not need its figures', () => {
    const r = rule(
      run((c) => {
        partner(10)(c);
        c.applicant!.relatedEnterprises![0].annualWorkUnits = null;
      }),
      'SME-01',
    );
    expect(r.outcome).toBe('pass');
    expect(r.explanation.nb).toContain('Tallene er søkerens egne, omregnet med 11,5 NOK/EUR.');
    expect(r.explanation.nb).toContain(
      '«Eier AS» er oppgitt som partnerforetak, men eierandelen er 10 %, under 25 %: foretaket holdes utenfor.',
    );
    expect(r.explanation.en).toContain('"Eier AS" is declared a partner enterprise, but the share held is 10%, below 25%: it is left out.');
    expect(r.explanation.en).toContain('Size class: small enterprise.');
  });

  it('says nothing of the kind for a partner held within 25 % to 50 %', () => {
    const r = rule(run(partner(40)), 'SME-01');
    expect(r.explanation.en).toContain('"Eier AS" 40%');
    expect(r.explanation.en).not.toContain('is declared a partner enterprise');
  });
});

describe('SME-01 two-year rule (annex I art. 4(2))', () => {
  const years = (latestAwu: number, earlierAwu: number) => (c: CaseSnapshot) => {
    c.applicant!.relatedEnterprises = [];
    const base = { turnoverNok: eur(5_000_000), balanceSheetNok: eur(5_000_000) };
    c.applicant!.financials = [
      { ...c.applicant!.financials![0], year: 2025, annualWorkUnits: latestAwu, ...base },
      { ...c.applicant!.financials![1], year: 2024, annualWorkUnits: earlierAwu, ...base },
    ];
  };

  it('keeps the earlier year’s class when the classes differ, and says so', () => {
    const grew = run(years(55, 45));
    expect(grew.sizeClass).toBe('small');
    expect(rule(grew, 'SME-01').inputs.basis).toBe('two-years-earlier-stands');
    expect(rule(grew, 'SME-01').explanation.nb).toContain(
      'Klassen for 2024 (lite foretak) står selv om 2025 gir en annen klasse, fordi status først endres etter to regnskapsår på rad.',
    );
    expect(rule(grew, 'SME-01').explanation.en).toContain('The class of 2024 (small enterprise) stands');
    expect(run(years(45, 55)).sizeClass).toBe('medium');
  });

  it('uses the class both years give when they agree', () => {
    const r = run(years(55, 60));
    expect(r.sizeClass).toBe('medium');
    expect(rule(r, 'SME-01').inputs.basis).toBe('two-years-same-class');
  });

  it('orders years by year, not by their position in the document', () => {
    const r = run((c) => {
      years(55, 45)(c);
      c.applicant!.financials!.reverse();
    });
    expect(r.sizeClass).toBe('small');
  });

  it('uses a single year’s class', () => {
    const r = run(sizeFigures(55, eur(5_000_000), eur(5_000_000)));
    expect(r.sizeClass).toBe('medium');
    expect(rule(r, 'SME-01').inputs.basis).toBe('single-year');
  });

  it('decides by the earlier year even when the latest year lacks figures', () => {
    const r = run((c) => {
      years(55, 45)(c);
      c.applicant!.financials![0].annualWorkUnits = null;
    });
    expect(r.sizeClass).toBe('small');
    expect(rule(r, 'SME-01').outcome).toBe('pass');
  });
});

describe('SME-01 public control (annex I art. 3(4))', () => {
  it.each<[number, SizeClass]>([
    [24.99, 'micro'],
    [25, 'large'],
    [60, 'large'],
  ])('public bodies hold %s %%: %s', (pct, expected) => {
    const r = run((c) => {
      sizeFigures(5, eur(1_000_000), eur(1_000_000))(c);
      c.applicant!.publicOwnershipPct = pct;
    });
    expect(r.sizeClass).toBe(expected);
    if (expected === 'large') expect(rule(r, 'SME-01').explanation.nb).toContain('foretaket er et stort foretak uansett tallene');
  });

  it('cannot call an enterprise an SME without knowing the public share', () => {
    const r = run((c) => {
      sizeFigures(5, eur(1_000_000), eur(1_000_000))(c);
      c.applicant!.publicOwnershipPct = null;
    });
    expect(r.sizeClass).toBeNull();
    expect(rule(r, 'SME-01').inputs.missing).toEqual(['applicant.publicOwnershipPct']);
  });

  it('does not need the public share of an enterprise large by its figures', () => {
    const r = run((c) => {
      sizeFigures(300, eur(1_000_000), eur(1_000_000))(c);
      c.applicant!.publicOwnershipPct = null;
    });
    expect(r.sizeClass).toBe('large');
  });
});

describe('SME-01 missing figures', () => {
  it('decides with one money figure when it holds the ceiling', () => {
    expect(sizeOf(sizeFigures(5, null, eur(1_000_000)))).toBe('micro');
  });

  it('names the figure that would decide', () => {
    const r = run(sizeFigures(5, null, eur(3_000_000)));
    expect(rule(r, 'SME-01').outcome).toBe('missing');
    expect(rule(r, 'SME-01').inputs.missing).toEqual(['applicant.financials[0].turnoverNok']);
    expect(rule(r, 'SME-01').explanation.nb).toContain('Mangler: omsetning (2025).');
    expect(rule(r, 'SME-01').explanation.en).toContain('Missing: turnover (2025).');
  });

  it('needs AWU', () => {
    const r = run(sizeFigures(null, eur(1_000_000), eur(1_000_000)));
    expect(rule(r, 'SME-01').inputs.missing).toEqual(['applicant.financials[0].annualWorkUnits']);
  });

  it('needs financial figures at all', () => {
    const r = run((c) => (c.applicant!.financials = []));
    expect(rule(r, 'SME-01').outcome).toBe('missing');
    expect(rule(r, 'SME-01').inputs.missing).toEqual(['applicant.financials']);
  });

  it('stays deterministic at another evaluation date', () => {
    expect(run(undefined, context('2024-01-01')).sizeClass).toBe('small');
  });
});
