import { Problem } from '../common/problem';
import { conditionDates, grantConditions, letterConditions, STANDARD_CONDITIONS } from './conditions';

const MANDATORY = ['ACCEPT', 'PAYMENT', 'REPORT-FINAL', 'RECORDS-CONTROL', 'RECOVERY', 'LAPSE'];

describe('the conditions of a grant', () => {
  it('are the six mandatory ones first, always, then the optional standard ones named, then free text', () => {
    expect(grantConditions([]).map((c) => c.code)).toEqual(MANDATORY);
    const conditions = grantConditions([{ text: '  Presenter prosjektet på fagdagen. ' }, { code: 'CHANGES' }, { code: 'LAPSE' }]);
    expect(conditions.map((c) => c.code ?? c.text.nb)).toEqual([...MANDATORY, 'CHANGES', 'Presenter prosjektet på fagdagen.']);
    expect(conditions.at(-1)!.text).toEqual({ nb: 'Presenter prosjektet på fagdagen.', en: 'Presenter prosjektet på fagdagen.' });
  });

  it('refuse an unknown code and a code named twice, naming each', () => {
    let errors: unknown;
    try {
      grantConditions([{ code: 'AUDITOR' }, { code: 'AUDITOR' }, { code: 'SOMETHING' }]);
    } catch (e) {
      errors = (e as Problem).extensions.errors;
    }
    expect(errors).toEqual([
      { path: '$.conditions[1].code', message: 'AUDITOR is named twice' },
      { path: '$.conditions[2].code', message: expect.stringContaining('unknown condition SOMETHING') },
    ]);
  });

  it('reach the letter with the mandatory ones even from a recommendation stored before they were mandatory', () => {
    const old = [
      { code: 'REPORT-FINAL', text: { nb: 'Sluttrapport …', en: 'Final report …' } },
      { code: 'PAYMENT-SCHEDULE', text: { nb: 'Inntil 75 % før sluttrapport.', en: 'Up to 75% before the final report.' } },
      { text: { nb: 'Egen tekst.', en: 'Egen tekst.' } },
    ];
    expect(letterConditions(old)).toEqual([
      ...MANDATORY.map((code) => ({ code })),
      { text: 'Inntil 75 % før sluttrapport.' },
      { text: 'Egen tekst.' },
    ]);
  });

  it('are listed for the console, mandatory ones marked', () => {
    expect(STANDARD_CONDITIONS.filter((c) => c.mandatory).map((c) => c.code)).toEqual(MANDATORY);
    expect(STANDARD_CONDITIONS.filter((c) => !c.mandatory).map((c) => c.code)).toEqual(['AUDITOR', 'CHANGES']);
  });
});

describe('the dates of the conditions', () => {
  it.each([
    // decision date, project end, accept by (4 weeks), final report by (3 months), lapses on (6 months)
    ['2026-12-03', '2027-12-17', '2026-12-31', '2028-03-17', '2028-06-17'],
    // Across a year end, and a month end that does not exist three or six months on.
    ['2026-12-20', '2027-11-30', '2027-01-17', '2028-02-29', '2028-05-30'],
    ['2027-02-01', '2027-08-31', '2027-03-01', '2027-11-30', '2028-02-29'],
    ['2028-02-01', '2028-05-31', '2028-02-29', '2028-08-31', '2028-11-30'],
  ])('decided %s, project ending %s: accept by %s, report by %s, lapses %s', (decided, end, accept, report, lapse) => {
    expect(conditionDates(decided, end)).toEqual({ acceptBy: accept, finalReportBy: report, lapsesOn: lapse });
  });
});
