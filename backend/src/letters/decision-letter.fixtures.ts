import type { CriterionId } from '../rulebook/types';
import { MANDATORY_CONDITIONS, type DecisionLetterInput, type LetterCondition, type LetterGround } from './decision-letter.types';

/**
 * Sample decisions for the letter's tests and sample PDFs: a grant in full, a partial grant with
 * refused costs and a reduction, a rejection, and (in the tests) a draft. The rule grounds carry
 * `inputs` as the rulebook's rules give them (rulebook/rules/).
 */

const AGENCY: DecisionLetterInput['agency'] = {
  name: 'Innovasjonsbyrået',
  address: ['Postboks 448 Sentrum', '0104 Oslo'],
  orgNumber: '986399445',
};

/** The criteria that apply to every case (RULEBOOK 4), all recorded `pass`. */
const ALWAYS: CriterionId[] = ['J-INNO-01', 'J-INNO-02', 'J-INNO-03', 'J-COMP-01', 'J-COMP-02', 'J-NEED-01', 'J-FEAS-01', 'J-COST-01'];
const judgmentsPassed = (): LetterGround[] => ALWAYS.map((criterionId) => ({ kind: 'judgment', criterionId, outcome: 'pass' }));

const mandatory = (): LetterCondition[] => MANDATORY_CONDITIONS.map((code) => ({ code }));

interface AmountFacts {
  receivedDate: string;
  startDate: string;
  amountNok: number;
  requestedNok: number;
  eligibleNok: number;
  maxAidNok: number;
  otherAidNok: number;
  registerReport: boolean;
}

/** Every rule of a grant at the granted amount, as the evaluation gives them (LRG-01 `na`: an SME). */
function rulesPassed(f: AmountFacts): LetterGround[] {
  const amount = { amountBasis: 'granted', aidAmountNok: f.amountNok, requestedAidNok: f.requestedNok };
  const eur = Math.round((f.amountNok / 11.5) * 100) / 100;
  return [
    {
      kind: 'rule',
      ruleId: 'INC-01',
      outcome: 'pass',
      inputs: {
        receivedAt: `${f.receivedDate}T08:15:00Z`,
        receivedDate: f.receivedDate,
        startDate: f.startDate,
        firstBindingCommitmentDate: null,
      },
    },
    { kind: 'rule', ruleId: 'INC-02', outcome: 'pass', inputs: { costLineCount: 6, financialYears: 2 } },
    { kind: 'rule', ruleId: 'SME-01', outcome: 'pass', inputs: { sizeClass: 'small', basis: 'one-year', nokPerEur: 11.5 } },
    { kind: 'rule', ruleId: 'LRG-01', outcome: 'na', inputs: { sizeClass: 'small' } },
    {
      kind: 'rule',
      ruleId: 'UID-01',
      outcome: 'pass',
      inputs: { companyForm: 'AS', sizeClass: 'small', grounds: { a: false, c: false, d: false, e: false } },
    },
    { kind: 'rule', ruleId: 'REC-01', outcome: 'pass', inputs: { outstandingRecoveryOrder: false } },
    { kind: 'rule', ruleId: 'SEC-01', outcome: 'pass', inputs: { naceCode: '31.010', division: '31' } },
    {
      kind: 'rule',
      ruleId: 'INT-01',
      outcome: 'pass',
      inputs: {
        ...amount,
        sizeClass: 'small',
        eligibleCostsNok: f.eligibleNok,
        pendingAssessmentNok: 0,
        maxIntensityPct: 50,
        maxAidNok: f.maxAidNok,
      },
    },
    {
      kind: 'rule',
      ruleId: 'CUM-01',
      outcome: 'pass',
      inputs: {
        ...amount,
        otherAidSameCostsNok: f.otherAidNok,
        otherAid: f.otherAidNok ? [{ grantor: 'Agder fylkeskommune', amountNok: f.otherAidNok }] : [],
        maxIntensityPct: 50,
        maxAidNok: f.maxAidNok,
        eligibleCostsNok: f.eligibleNok,
      },
    },
    {
      kind: 'rule',
      ruleId: 'THR-01',
      outcome: 'pass',
      inputs: { ...amount, aidAmountEur: eur, nokPerEur: 11.5, notificationThresholdEur: 10_000_000 },
    },
    {
      kind: 'rule',
      ruleId: 'TRN-01',
      outcome: 'pass',
      inputs: {
        ...amount,
        aidAmountEur: eur,
        nokPerEur: 11.5,
        registerThresholdEur: 100_000,
        obligations: f.registerReport ? ['register-report'] : [],
      },
    },
  ];
}

/** A grant in full: NOK 1 150 000 of NOK 1 150 000, 50 % of NOK 2 300 000, published in the register (EUR 100 000). */
export function grantedDecision(): DecisionLetterInput {
  return {
    agency: AGENCY,
    reference: '2026/01187',
    decisionDate: '2026-11-27',
    applicant: {
      name: 'Sørlandet Skjærgårdsmøbler AS',
      orgNumber: '923456789',
      address: ['Åsgårdveien 14', '4612 Kristiansand S'],
    },
    project: {
      title: 'Ny produksjonslinje med digital ordrestyring og omstilling av arbeidsprosesser i verkstedet',
      startDate: '2027-01-04',
      endDate: '2027-12-17',
    },
    outcome: 'granted',
    amountNok: 1_150_000,
    requestedAmountNok: 1_150_000,
    justification:
      'Prosjektet legger om hele produksjonen fra manuell ordrestyring til en digital linje der bestillingene styrer kapp, kanting og montering direkte. ' +
      'Det endrer både utstyret, programvaren og hvordan arbeidet i verkstedet er fordelt.\n\n' +
      'Dere har vist at dere har økonomi og folk til å gjennomføre prosjektet, og kostnadene er godt dokumentert. Vi gir derfor det høyeste tilskuddet regelverket tillater.',
    eligibleCosts: [
      { category: 'personnel', amountNok: 1_294_000 },
      { category: 'consultancy', amountNok: 640_000 },
      { category: 'equipment', amountNok: 316_000 },
      { category: 'ipr', amountNok: 50_000 },
    ],
    eligibleCostsTotalNok: 2_300_000,
    intensityPct: 50,
    grounds: [
      ...rulesPassed({
        receivedDate: '2026-09-02',
        startDate: '2027-01-04',
        amountNok: 1_150_000,
        requestedNok: 1_150_000,
        eligibleNok: 2_300_000,
        maxAidNok: 1_150_000,
        otherAidNok: 0,
        registerReport: true,
      }),
      ...judgmentsPassed(),
    ],
    refusedCosts: [],
    conditions: [
      ...mandatory(),
      { code: 'AUDITOR' },
      { text: 'Dere skal holde oss orientert om fremdriften med en kort statusrapport hvert halvår.' },
    ],
    conditionDates: { acceptBy: '2026-12-25', finalReportBy: '2028-03-17', lapsesOn: '2028-06-17' },
    registerNotice: true,
    caseworker: { name: 'Ingrid Ødegård' },
    approver: { name: 'Håkon Aamodt' },
    appealDeadlineWeeks: 3,
  };
}

/**
 * The rulebook's worked example (Fjordplast, docs/rules.md sections 10 and 11): NOK 900 000 of the
 * NOK 1 500 000 applied for. The rules allow NOK 945 000 (NOK 1 145 000 less NOK 200 000 of other
 * aid on the same costs); five cost lines were cut; decided 4 May 2026, the project ends 30 September 2027.
 */
export function partialGrant(): DecisionLetterInput {
  return {
    agency: AGENCY,
    reference: 'PIO-2026-000123',
    decisionDate: '2026-05-04',
    applicant: { name: 'Fjordplast AS', orgNumber: '912345678', address: ['Industrivegen 7', '6100 Volda'] },
    project: { title: 'Automatisert sprøytestøping og ny arbeidsdeling i produksjonen', startDate: '2026-06-01', endDate: '2027-09-30' },
    outcome: 'partly-granted',
    amountNok: 900_000,
    requestedAmountNok: 1_500_000,
    justification:
      'Prosjektet er en reell omlegging av produksjonen, og vi støtter det. Vi har likevel satt ned flere kostnader, og vi mener 900 000 kr er nok til å gjennomføre prosjektet.',
    eligibleCosts: [
      { category: 'personnel', amountNok: 1_284_000 },
      { category: 'consultancy', amountNok: 640_000 },
      { category: 'equipment', amountNok: 316_000 },
      { category: 'ipr', amountNok: 50_000 },
    ],
    eligibleCostsTotalNok: 2_290_000,
    intensityPct: 39.3,
    grounds: [
      ...rulesPassed({
        receivedDate: '2026-03-02',
        startDate: '2026-06-01',
        amountNok: 900_000,
        requestedNok: 1_500_000,
        eligibleNok: 2_290_000,
        maxAidNok: 1_145_000,
        otherAidNok: 200_000,
        registerReport: false,
      }),
      ...judgmentsPassed(),
      {
        kind: 'reduction',
        reason: 'Dere har egne midler til en del av prosjektet, og 900 000 kr dekker det dere ikke kan finansiere selv.',
        maxAidNok: 945_000,
      },
    ],
    refusedCosts: [
      {
        description: 'Lisens og innføring av nytt ERP-system',
        category: 'consultancy',
        claimedNok: 180_000,
        approvedNok: 0,
        reasons: ['COST-06', 'ASSESSMENT'],
        caseworkerReason: 'ERP-systemet er et vanlig forretningssystem og ikke en del av den nye produksjonsprosessen.',
      },
      {
        description: 'Prosjektleder, 1 200 timer à 800 kr',
        category: 'personnel',
        claimedNok: 1_020_000,
        approvedNok: 960_000,
        reasons: ['COST-02'],
      },
      { description: 'Administrasjonspåslag 10 %', category: 'overheads', claimedNok: 150_000, approvedNok: 0, reasons: ['COST-01'] },
      { description: 'Forstudie januar 2026', category: 'consultancy', claimedNok: 60_000, approvedNok: 0, reasons: ['COST-04'] },
      { description: 'Leie av sprøytestøpemaskin', category: 'equipment', claimedNok: 240_000, approvedNok: 160_000, reasons: ['COST-03'] },
    ],
    conditions: [...mandatory(), { code: 'CHANGES' }],
    conditionDates: { acceptBy: '2026-06-01', finalReportBy: '2027-12-30', lapsesOn: '2028-03-30' },
    registerNotice: false,
    caseworker: { name: 'Ola Nordmann' },
    approver: { name: 'Kari Leder' },
    appealDeadlineWeeks: 3,
  };
}

/** Rejected: received two days after the project started (INC-01), an ERP system (J-INNO-03), and PRIORITY. */
export function rejectedDecision(): DecisionLetterInput {
  return {
    ...grantedDecision(),
    reference: '2026/01342',
    applicant: { name: 'Blåbærdalen Smie og Mekanikk ANS', orgNumber: '998877665', address: ['Fjellvegen 3', '2640 Vinstra'] },
    project: { title: 'Nytt ERP-system for lagerstyring', startDate: '2027-02-01', endDate: '2027-09-30' },
    outcome: 'rejected',
    amountNok: null,
    requestedAmountNok: 800_000,
    justification:
      'Prosjektet hadde allerede startet da vi fikk søknaden, og et nytt ERP-system for lagerstyring er ikke prosessinnovasjon slik ordningen krever.',
    eligibleCosts: [],
    eligibleCostsTotalNok: 0,
    intensityPct: null,
    grounds: [
      {
        kind: 'rule',
        ruleId: 'INC-01',
        outcome: 'fail',
        inputs: {
          receivedAt: '2027-02-03T09:40:00Z',
          receivedDate: '2027-02-03',
          startDate: '2027-02-01',
          firstBindingCommitmentDate: null,
        },
      },
      { kind: 'judgment', criterionId: 'J-INNO-03', outcome: 'fail' },
      { kind: 'priority', reason: 'Søknader med større virkning for omstillingen i regionen er prioritert foran denne.' },
    ],
    refusedCosts: [],
    conditions: [],
    conditionDates: null,
    registerNotice: false,
  };
}

/** The partial grant's letter previewed before the decision. */
export function draftLetter(): DecisionLetterInput {
  return { ...partialGrant(), draft: true, approver: null };
}
