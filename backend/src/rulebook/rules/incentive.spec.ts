import { context, rule, run } from '../testing';
import type { RuleOutcome } from '../types';

describe('INC-01 incentive effect (GBER art. 6(2))', () => {
  it.each<[string, string, string, string | null, RuleOutcome]>([
    ['received the day before the start', '2026-03-31T12:00:00+02:00', '2026-04-01', null, 'pass'],
    ['received on the start date', '2026-04-01T08:00:00+02:00', '2026-04-01', null, 'fail'],
    ['received after the start', '2026-04-02T08:00:00Z', '2026-04-01', null, 'fail'],
    // 22:30Z on 31 March is 00:30 on 1 April in Oslo (CEST): the start date itself.
    ['received at Oslo midnight, the UTC day before', '2026-03-31T22:30:00Z', '2026-04-01', null, 'fail'],
    ['received 21:59Z, still 31 March in Oslo', '2026-03-31T21:59:59Z', '2026-04-01', null, 'pass'],
    ['winter time: 23:30Z on 31 Jan is 1 Feb in Oslo', '2026-01-31T23:30:00Z', '2026-02-01', null, 'fail'],
    ['before start and before the commitment', '2026-03-02T10:15:00Z', '2026-04-01', '2026-03-15', 'pass'],
    ['commitment on the day received', '2026-03-02T10:15:00Z', '2026-04-01', '2026-03-02', 'fail'],
    ['commitment before received', '2026-03-02T10:15:00Z', '2026-04-01', '2026-02-01', 'fail'],
  ])('%s', (_name, receivedAt, startDate, commitment, expected) => {
    const r = run((c) => {
      c.receivedAt = receivedAt;
      c.project!.startDate = startDate;
      c.project!.firstBindingCommitmentDate = commitment;
    });
    expect(rule(r, 'INC-01').outcome).toBe(expected);
  });

  it('states the dates it compared', () => {
    const r = run((c) => (c.receivedAt = '2026-04-01T08:00:00+02:00'));
    expect(rule(r, 'INC-01').explanation).toEqual({
      nb: 'Søknaden kom inn 1. april 2026, ikke før prosjektstart 1. april 2026. Støtten har da ingen insentivvirkning.',
      en: 'The application was received on 1 April 2026, not before the project start on 1 April 2026. The aid therefore has no incentive effect.',
    });
    expect(rule(r, 'INC-01').inputs).toEqual({
      receivedAt: '2026-04-01T08:00:00+02:00',
      receivedDate: '2026-04-01',
      startDate: '2026-04-01',
      firstBindingCommitmentDate: null,
    });
    const ok = run((c) => (c.project!.firstBindingCommitmentDate = '2026-03-15'));
    expect(rule(ok, 'INC-01').explanation.nb).toBe(
      'Søknaden kom inn 2. mars 2026, før prosjektstart 1. april 2026 og før første bindende forpliktelse 15. mars 2026.',
    );
  });

  it('is missing without a time of receipt or a start date', () => {
    const r = run((c) => {
      c.receivedAt = null;
      c.project!.startDate = undefined;
    });
    expect(rule(r, 'INC-01').outcome).toBe('missing');
    expect(rule(r, 'INC-01').inputs.missing).toEqual(['receivedAt', 'project.startDate']);
    expect(rule(r, 'INC-01').explanation.nb).toBe('Mangler: mottakstidspunkt og prosjektets startdato.');
  });

  it('fails on a late commitment even when the start date is missing', () => {
    const r = run((c) => {
      c.project!.startDate = null;
      c.project!.firstBindingCommitmentDate = '2026-01-01';
    });
    expect(rule(r, 'INC-01').outcome).toBe('fail');
  });

  it('does not depend on the evaluation date', () => {
    expect(rule(run(undefined, context('2030-01-01')), 'INC-01').outcome).toBe('pass');
  });
});

describe('INC-02 complete application (GBER art. 6(2)(a)-(e))', () => {
  it('passes the complete sample', () => {
    expect(rule(run(), 'INC-02').outcome).toBe('pass');
  });

  it('lists everything that is missing', () => {
    const r = run((c) => {
      c.applicant!.name = '  ';
      c.applicant!.financials = [{ year: 2025, annualWorkUnits: 10, turnoverNok: 1 }];
      c.project!.description = '';
      c.project!.startDate = null;
      c.project!.endDate = 'soon';
      c.project!.location = null;
      c.costLines = [];
      c.aid = { instrument: null, requestedAmountNok: null };
    });
    const inc = rule(r, 'INC-02');
    expect(inc.outcome).toBe('missing');
    expect(inc.inputs.missing).toEqual([
      'applicant.name',
      'applicant.financials',
      'project.description',
      'project.startDate',
      'project.endDate',
      'project.location',
      'costLines',
      'aid.instrument',
      'aid.requestedAmountNok',
    ]);
    expect(inc.explanation.nb).toBe(
      'Søknaden er ikke komplett. Mangler: søkers navn, størrelsesdata (årsverk, omsetning og balansesum) for minst ett regnskapsår, ' +
        'prosjektbeskrivelse, prosjektets startdato, prosjektets sluttdato, prosjektets sted, minst én kostnadslinje, støtteform og søkt beløp.',
    );
    expect(inc.explanation.en).toContain('Missing: applicant name, size data');
  });

  it('accepts size data from one of two years', () => {
    const r = run((c) => (c.applicant!.financials![0].balanceSheetNok = null));
    expect(rule(r, 'INC-02').outcome).toBe('pass');
  });
});
