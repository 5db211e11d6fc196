import { evaluate } from './evaluate';
import { benchmarkCase } from './fixtures';
import { context, sampleWith } from './testing';
test('print', () => {
  const messy = sampleWith((c) => {
    c.receivedAt = '2026-04-01T06:00:00Z';
    c.applicant!.naceCode = '03.211';
    c.applicant!.companyForm = 'ANS';
    c.applicant!.incorporatedOn = '2024-01-01';
    c.applicant!.financials![0].otherEquityNok = -1_500_000;
    c.applicant!.outstandingRecoveryOrder = null;
    c.project!.circularTransition = true;
    c.aid!.requestedAmountNok = 200_000_000;
    c.costLines![0].approvedAmountNok = 900_000;
    c.costLines![0].approvalReason = 'Timer nedjustert.';
    c.costLines![1].supplierRelation = 'linked';
    c.costLines![2].monthsUsed = 30;
    c.costLines!.push({ id: 'line-6', category: 'overheads', description: 'Innføring av SAP og LEAN', amountNok: 10_000, incurredFrom: '2026-01-01' });
  });
  const large = sampleWith((c) => {
    c.applicant!.relatedEnterprises = [];
    c.applicant!.financials = [
      { year: 2025, annualWorkUnits: 300, turnoverNok: 9e8, balanceSheetNok: 9e8, shareCapitalNok: 2e6, otherEquityNok: 3e6, debtNok: 4e7, ebitdaNok: 9e5, interestExpenseNok: 1e6 },
      { year: 2024, annualWorkUnits: 280, turnoverNok: 8e8, balanceSheetNok: 8e8, shareCapitalNok: 2e6, otherEquityNok: 3e6, debtNok: 4e7, ebitdaNok: 9e5, interestExpenseNok: 1e6 },
    ];
  });
  for (const [name, s] of [['messy', messy], ['large', large], ['bench', benchmarkCase(12)], ['empty', {}]] as const) {
    const r = evaluate(s, context());
    console.log(name + '\n' + r.rules.map((x) => `${x.ruleId} ${x.outcome}\n  nb: ${x.explanation.nb}\n  en: ${x.explanation.en}`).join('\n') + '\n' +
      r.costLines.map((l) => `${l.costLineId} ${l.outcome} ${l.claimedNok}->${l.eligibleNok}\n` + l.reasons.map((x) => `  ${x.ruleId} ${x.outcome}\n    nb: ${x.explanation.nb}\n    en: ${x.explanation.en}`).join('\n')).join('\n'));
  }
});
