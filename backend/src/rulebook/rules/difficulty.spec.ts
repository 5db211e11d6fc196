import { context, rule, run } from '../testing';
import type { CaseSnapshot, FinancialYearSnapshot, RuleOutcome } from '../types';

const SIZE_LARGE = { annualWorkUnits: 300, turnoverNok: 1_000_000_000, balanceSheetNok: 1_000_000_000 };

/** Debt/equity 8 and EBITDA/interest 0.9: the (e) test holds for the year. */
const LEVERAGED: FinancialYearSnapshot = {
  shareCapitalNok: 2_000_000,
  otherEquityNok: 3_000_000,
  debtNok: 40_000_000,
  ebitdaNok: 900_000,
  interestExpenseNok: 1_000_000,
};
const SOUND: FinancialYearSnapshot = { ...LEVERAGED, debtNok: 10_000_000, ebitdaNok: 5_000_000 };

function largeYears(y2025: FinancialYearSnapshot, y2024?: FinancialYearSnapshot) {
  return (c: CaseSnapshot) => {
    c.applicant!.relatedEnterprises = [];
    c.applicant!.financials = [{ year: 2025, ...SIZE_LARGE, ...y2025 }];
    if (y2024) c.applicant!.financials.push({ year: 2024, ...SIZE_LARGE, ...y2024 });
  };
}

function latestEquity(otherEquityNok: number, shareCapitalNok = 2_000_000) {
  return (c: CaseSnapshot) => {
    Object.assign(c.applicant!.financials![0], { otherEquityNok, shareCapitalNok });
  };
}

const uid = (change: (c: CaseSnapshot) => void, date = '2026-03-02') => rule(run(change, context(date)), 'UID-01');

describe('UID-01 (a) capital loss (GBER art. 2(18)(a)-(b))', () => {
  it.each<[string, number, RuleOutcome]>([
    ['equity not negative', 0, 'pass'],
    ['loss of exactly half the subscribed capital', -1_000_000, 'pass'],
    ['loss one krone above half', -1_000_001, 'fail'],
  ])('%s', (_name, other, expected) => {
    expect(uid(latestEquity(other)).outcome).toBe(expected);
  });

  it('explains the figures', () => {
    const u = uid(latestEquity(-1_500_000));
    expect(u.explanation.nb).toBe(
      'Søker er et foretak i vanskeligheter etter (a). (a) Tap av kapital: mer enn halvparten av innskutt kapital er tapt; ' +
        'annen egenkapital (2025) er -1 500 000 kr og innskutt kapital 2 000 000 kr (halvparten: 1 000 000 kr).',
    );
    expect(u.inputs).toMatchObject({ grounds: { a: true, c: false, d: false, e: false }, otherEquityNok: -1_500_000 });
  });

  it.each<[string, RuleOutcome]>([
    ['AS', 'fail'],
    ['ASA', 'fail'],
    ['ANS', 'fail'],
    ['DA', 'fail'],
    ['ENK', 'pass'],
    ['SA', 'pass'],
    ['NUF', 'pass'],
  ])('applies to the company form %s: %s', (form, expected) => {
    expect(
      uid((c) => {
        latestEquity(-1_500_000)(c);
        c.applicant!.companyForm = form;
      }).outcome,
    ).toBe(expected);
  });

  it('needs the company form only when there is a loss', () => {
    const noForm = (c: CaseSnapshot) => (c.applicant!.companyForm = null);
    expect(uid(noForm).outcome).toBe('pass');
    const u = uid((c) => {
      noForm(c);
      latestEquity(-1_500_000)(c);
    });
    expect(u.outcome).toBe('missing');
    expect(u.inputs.missing).toEqual(['applicant.companyForm']);
  });

  it('tests the latest year only', () => {
    expect(uid((c) => (c.applicant!.financials![1].otherEquityNok = -5_000_000)).outcome).toBe('pass');
  });

  it('needs other equity, and the subscribed capital when other equity is negative', () => {
    expect(uid((c) => (c.applicant!.financials![0].otherEquityNok = null)).inputs.missing).toEqual([
      'applicant.financials[0].otherEquityNok',
    ]);
    const u = uid((c) => {
      latestEquity(-1)(c);
      c.applicant!.financials![0].shareCapitalNok = null;
    });
    expect(u.outcome).toBe('missing');
    expect(u.inputs.missing).toEqual(['applicant.financials[0].shareCapitalNok']);
    expect(u.explanation.nb).toContain('Mangler: innskutt kapital (aksjekapital med overkurs) (2025).');
  });
});

describe('UID-01 (a) start-up exemption for SMEs younger than 3 years', () => {
  const young = (incorporatedOn: string | null) => (c: CaseSnapshot) => {
    latestEquity(-1_500_000)(c);
    c.applicant!.incorporatedOn = incorporatedOn;
  };

  it.each<[string, string, RuleOutcome]>([
    ['incorporated 3 years less a day before', '2023-03-03', 'pass'],
    ['incorporated exactly 3 years before', '2023-03-02', 'fail'],
    ['incorporated more than 3 years before', '2020-01-01', 'fail'],
  ])('%s the evaluation date 2026-03-02', (_name, incorporatedOn, expected) => {
    expect(uid(young(incorporatedOn)).outcome).toBe(expected);
  });

  it('counts the anniversary of 29 February as 28 February (domstolloven § 148)', () => {
    expect(uid(young('2024-02-29'), '2027-02-27').outcome).toBe('pass');
    expect(uid(young('2024-02-29'), '2027-02-28').outcome).toBe('fail');
  });

  it('says why the young SME is exempt', () => {
    expect(uid(young('2024-05-01')).explanation.en).toContain(
      'The applicant is nevertheless exempt as an SME incorporated on 1 May 2024, less than 3 years before the evaluation date 2 March 2026.',
    );
  });

  it('does not exempt a large enterprise', () => {
    expect(
      uid((c) => {
        largeYears({ ...SOUND, otherEquityNok: -1_500_000 })(c);
        c.applicant!.incorporatedOn = '2025-01-01';
      }).outcome,
    ).toBe('fail');
  });

  it('needs the date of incorporation only for an SME with a loss', () => {
    const u = uid(young(null));
    expect(u.outcome).toBe('missing');
    expect(u.inputs.missing).toEqual(['applicant.incorporatedOn']);
    expect(uid((c) => (c.applicant!.incorporatedOn = null)).outcome).toBe('pass');
  });
});

describe('UID-01 (c) insolvency and (d) rescue aid', () => {
  it.each<[string, Partial<{ insolvencyProceedings: boolean | null; outstandingRescueAid: boolean | null }>, RuleOutcome, string[]]>([
    ['insolvency proceedings', { insolvencyProceedings: true }, 'fail', []],
    ['outstanding rescue aid', { outstandingRescueAid: true }, 'fail', []],
    ['unknown insolvency', { insolvencyProceedings: null }, 'missing', ['applicant.insolvencyProceedings']],
    ['unknown rescue aid', { outstandingRescueAid: undefined }, 'missing', ['applicant.outstandingRescueAid']],
    ['unknown, but another ground fails', { insolvencyProceedings: null, outstandingRescueAid: true }, 'fail', []],
  ])('%s', (_name, flags, expected, missing) => {
    const u = uid((c) => Object.assign(c.applicant!, flags));
    expect(u.outcome).toBe(expected);
    if (missing.length) expect(u.inputs.missing).toEqual(missing);
  });

  it('names every ground that holds', () => {
    const u = uid((c) => Object.assign(c.applicant!, { insolvencyProceedings: true, outstandingRescueAid: true }));
    expect(u.explanation.en).toMatch(/^The applicant is an undertaking in difficulty under \(c\) and \(d\)\./);
  });
});

describe('UID-01 (e) leverage of large enterprises (GBER art. 2(18)(e))', () => {
  it.each<[string, FinancialYearSnapshot, FinancialYearSnapshot | undefined, RuleOutcome]>([
    ['both years leveraged', LEVERAGED, LEVERAGED, 'fail'],
    ['only the latest year', LEVERAGED, SOUND, 'pass'],
    ['only the earlier year', SOUND, LEVERAGED, 'pass'],
    ['debt/equity exactly 7.5 is not above', { ...LEVERAGED, debtNok: 37_500_000 }, LEVERAGED, 'pass'],
    ['cover exactly 1.0 is not below', { ...LEVERAGED, ebitdaNok: 1_000_000 }, LEVERAGED, 'pass'],
    ['equity at zero counts as above 7.5', { ...LEVERAGED, otherEquityNok: -2_000_000, debtNok: 1 }, LEVERAGED, 'fail'],
    ['no interest expense counts as cover of at least 1.0', { ...LEVERAGED, interestExpenseNok: 0 }, LEVERAGED, 'pass'],
    ['one year given, sound', SOUND, undefined, 'pass'],
  ])('%s', (_name, y2025, y2024, expected) => {
    expect(uid(largeYears(y2025, y2024)).outcome).toBe(expected);
  });

  it('asks for the earlier year when the one year given is leveraged', () => {
    const u = uid(largeYears(LEVERAGED));
    expect(u.outcome).toBe('missing');
    expect(u.inputs.missing).toEqual(['applicant.financials[year=2024]']);
    expect(u.explanation.nb).toContain('Mangler: regnskapstall for 2024.');
  });

  it('explains the ratios of both years', () => {
    const u = uid(largeYears(LEVERAGED, LEVERAGED));
    expect(u.explanation.nb).toContain(
      '(e) Gjeld/egenkapital over 7,5 og EBITDA/rentekostnader under 1,0 begge de to siste årene: ' +
        '2025: gjeld/egenkapital 8, EBITDA/rentekostnader 0,9; 2024: gjeld/egenkapital 8, EBITDA/rentekostnader 0,9.',
    );
    expect(u.inputs.leverageYears).toEqual([
      { year: 2025, equityNok: 5_000_000, debtToEquity: 8, interestCover: 0.9, inDifficulty: true },
      { year: 2024, equityNok: 5_000_000, debtToEquity: 8, interestCover: 0.9, inDifficulty: true },
    ]);
  });

  it('names the missing figures that would decide', () => {
    const u = uid(largeYears({ ...LEVERAGED, debtNok: null }, { ...LEVERAGED, ebitdaNok: null }));
    expect(u.outcome).toBe('missing');
    expect(u.inputs.missing).toEqual(['applicant.financials[0].debtNok', 'applicant.financials[1].ebitdaNok']);
  });

  it('does not apply to an SME', () => {
    const u = uid((c) => Object.assign(c.applicant!.financials![0], { debtNok: 500_000_000, ebitdaNok: -1 }));
    expect(u.outcome).toBe('pass');
    expect(u.explanation.nb).toContain('(e) Gjeldstesten gjelder bare store foretak.');
  });
});
