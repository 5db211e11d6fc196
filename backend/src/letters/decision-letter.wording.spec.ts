import { grantedDecision, partialGrant, rejectedDecision } from './decision-letter.fixtures';
import type { DecisionLetterInput } from './decision-letter.types';
import { conditionDatesFor, costReason, groundFigures, paymentHeldBackNok, wordConditions, wordGrounds } from './decision-letter.wording';
import { TEXTS } from './texts';

describe('the dates and amounts the conditions name (RULEBOOK 5)', () => {
  it('works out the worked example: decided 4 May 2026, the project ends 30 September 2027', () => {
    expect(conditionDatesFor('2026-05-04', '2027-09-30')).toEqual({
      acceptBy: '2026-06-01',
      finalReportBy: '2027-12-30',
      lapsesOn: '2028-03-30',
    });
  });

  it('ends a deadline on the last day of a shorter month', () => {
    expect(conditionDatesFor('2026-02-01', '2027-08-31')).toEqual({
      acceptBy: '2026-03-01',
      finalReportBy: '2027-11-30',
      lapsesOn: '2028-02-29',
    });
  });

  it('holds back 20 % of the grant in whole kroner, rounded half up', () => {
    expect(paymentHeldBackNok(900_000)).toBe(180_000);
    expect(paymentHeldBackNok(1_145_003)).toBe(229_001);
    expect(paymentHeldBackNok(1_145_002)).toBe(229_000);
    expect(paymentHeldBackNok(0)).toBe(0);
  });
});

describe('the figures a ground is worded with', () => {
  it('reads what the rule gave, and leaves out what it did not', () => {
    expect(groundFigures('INT-01', { sizeClass: 'medium', maxIntensityPct: 50, maxAidNok: 1_145_000, eligibleCostsNok: null })).toEqual({
      sizeClass: 'medium',
      maxIntensityPct: 50,
      maxAidNok: 1_145_000,
      difficulty: [],
      missing: [],
    });
    expect(groundFigures('SEC-01', { naceCode: '03.211', division: '03' }).sector).toBe('fishing');
  });

  it('tells which date came first when INC-01 failed', () => {
    const f = groundFigures('INC-01', { receivedDate: '2026-03-03', startDate: '2026-03-03', firstBindingCommitmentDate: '2026-04-01' });
    expect(f).toMatchObject({ startedBeforeReceipt: true, committedBeforeReceipt: false });
  });

  it('names the tests that found an undertaking in difficulty', () => {
    expect(groundFigures('UID-01', { grounds: { a: true, c: false, d: null, e: true } }).difficulty).toEqual(['capital-loss', 'leverage']);
  });

  it('names missing information in words, once each, and skips paths it does not know', () => {
    const paths = [
      'project.description',
      'applicant.financials',
      'applicant.financials[0].otherEquityNok',
      'aid.requestedAmountNok',
      'x.y',
    ];
    expect(groundFigures('INC-02', { missing: paths }).missing).toEqual(['description', 'size-figures', 'requested-amount']);
    expect(groundFigures('UID-01', { missing: paths }).missing).toEqual(['description', 'financial-figures', 'requested-amount']);
  });
});

describe('the grounds in words', () => {
  it('leaves out a rule that does not apply and TRN-01 at pass, and groups a grant', () => {
    const w = wordGrounds(grantedDecision(), TEXTS.nb);
    expect(w.rules.map((r) => r.title)).not.toContain(TEXTS.nb.rules['LRG-01'].title);
    expect(w.rules.map((r) => r.title)).not.toContain(TEXTS.nb.rules['TRN-01'].title);
    expect(w.rules).toHaveLength(9);
    expect(w.rulesAllPass).toBe(true);
    expect(w.judgments).toHaveLength(8);
    expect(w.reduction).toBeNull();
  });

  it('keeps a rejection in the order given, with the PRIORITY reason as written', () => {
    const w = wordGrounds(rejectedDecision(), TEXTS.en);
    expect(w.all.map((g) => g.title)).toEqual([
      TEXTS.en.rules['INC-01'].title,
      TEXTS.en.criteria['J-INNO-03'].title,
      TEXTS.en.priority.title,
    ]);
    expect(w.all[2].note).toEqual({
      label: 'Our assessment:',
      text: 'Søknader med større virkning for omstillingen i regionen er prioritert foran denne.',
    });
  });

  it('words a ground named twice once', () => {
    const input = rejectedDecision();
    const twice: DecisionLetterInput = { ...input, grounds: [...input.grounds, input.grounds[0], input.grounds[1]] };
    expect(wordGrounds(twice, TEXTS.nb).all).toHaveLength(3);
  });

  it('falls back to a sentence about the outcome, never the ID, for an outcome the letter does not word', () => {
    const input: DecisionLetterInput = {
      ...rejectedDecision(),
      grounds: [{ kind: 'rule', ruleId: 'LRG-01', outcome: 'refer', inputs: {} }],
    };
    expect(wordGrounds(input, TEXTS.nb).all).toEqual([{ title: TEXTS.nb.rules['LRG-01'].title, text: TEXTS.nb.ruleAtOutcome.refer }]);
  });

  it('says the reduction with the most allowed and the amount granted', () => {
    expect(wordGrounds(partialGrant(), TEXTS.en).reduction?.text).toBe(
      'Under the rules we could have given up to NOK\u00a0945,000. We do not give more aid than the project needs, and in our view NOK\u00a0900,000 is enough.',
    );
  });
});

describe('the refused costs and the conditions in words', () => {
  it('gives each reason once, then the caseworker’s own', () => {
    const [erp] = partialGrant().refusedCosts;
    expect(costReason({ ...erp, reasons: ['COST-06', 'COST-06', 'ASSESSMENT'] }, TEXTS.nb)).toBe(
      `Begrunnelse: ${TEXTS.nb.costReasons['COST-06']} ${TEXTS.nb.costReasons.ASSESSMENT} ${erp.caseworkerReason}`,
    );
    expect(costReason({ ...erp, reasons: [], caseworkerReason: null }, TEXTS.en)).toBe('Reason: We have not approved the full amount.');
  });

  it('puts the standard conditions first, each once, and the caseworker’s own after, as written', () => {
    const input = grantedDecision();
    const shuffled: DecisionLetterInput = { ...input, conditions: [{ text: 'Eget vilkår.' }, ...input.conditions, { code: 'ACCEPT' }] };
    const items = wordConditions(shuffled, TEXTS.nb);
    expect(items.map((c) => c.title)).toEqual([
      'Dere må akseptere tilskuddet',
      'Utbetaling',
      'Sluttrapport',
      'Dokumentasjon og kontroll',
      'Reduksjon og tilbakebetaling',
      'Når tilskuddet faller bort',
      'Revisorbekreftelse',
      '',
      '',
    ]);
    expect(items[7].text).toBe('Eget vilkår.');
  });
});
