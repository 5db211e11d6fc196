import { SUMMARIES } from './timeline-summaries';

describe('timeline summaries', () => {
  it('write amounts as kroner in each language', () => {
    const d = { lineNo: 1, after: { approvedAmountNok: 1_250_000 } };
    expect(SUMMARIES.assessment(d)).toEqual({
      nb: 'Kostnadslinje 1: godkjent beløp 1 250 000 kr',
      en: 'Cost line 1: approved amount NOK 1,250,000',
    });
    expect(SUMMARIES.decision({ after: { outcome: 'granted', amountNok: 900_000 } }).nb).toBe('Vedtak: innvilget 900 000 kr');
    expect(SUMMARIES.recommendation({ after: { outcome: 'grant', amountNok: 900_000 } }).en).toBe('Recommendation: grant NOK 900,000');
  });

  it('say why the rulebook ran in words, not codes', () => {
    expect(SUMMARIES.evaluation({ reason: 'change' })).toEqual({
      nb: 'Regelsjekk kjørt etter en endring',
      en: 'Rulebook check run after a change',
    });
  });
});
