import { conditionDatesIfDecidedOn } from './control.logic';

describe("the conditions' dates the approver is shown before deciding", () => {
  it('counts acceptance from the decision and the report and lapse from the end of the project', () => {
    expect(conditionDatesIfDecidedOn('2026-03-12', '2027-09-30')).toEqual({
      acceptBy: '2026-04-09',
      finalReportBy: '2027-12-30',
      lapsesOn: '2028-03-30',
    });
  });

  it('takes the last day of a month that lacks the day, and crosses the year', () => {
    expect(conditionDatesIfDecidedOn('2026-12-10', '2027-08-31')).toEqual({
      acceptBy: '2027-01-07',
      finalReportBy: '2027-11-30',
      lapsesOn: '2028-02-29',
    });
  });

  it('gives none without an end date', () => {
    expect(conditionDatesIfDecidedOn('2026-03-12', null)).toBeNull();
  });
});
