import { Evaluation, EvaluationTotals } from '../app/core/api/evaluation.models';
import { CaseView, QueueItem, User } from '../app/core/api/models';
import { Session } from '../app/core/auth/auth.models';

export const KARI: User = { username: 'kari', displayName: 'Kari Nordmann', roles: ['caseworker'] };
export const LEDER: User = {
  username: 'leder',
  displayName: 'Lena Leder',
  roles: ['manager', 'approver'],
};

export function session(user: User, expiresAt: string, accessToken = 'token-1'): Session {
  return { accessToken, expiresAt, user };
}

export function queueItem(n: number, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: `id-${n}`,
    reference: `PIO-2026-${String(n).padStart(6, '0')}`,
    externalRef: `P-2026-${n}`,
    status: 'received',
    assignee: null,
    receivedAt: '2026-03-02T10:15:00Z',
    slaDueAt: '2026-04-01T00:00:00Z',
    slaDaysLeft: 12,
    applicant: { name: `Søker ${n} AS`, orgNumber: '923609016', county: 'Vestland' },
    project: { title: `Prosjekt ${n}` },
    requestedAmountNok: 1_500_000,
    sizeClass: 'medium',
    version: 1,
    flags: null,
    returned: false,
    replyBy: null,
    recommendedAt: null,
    decisionOutcome: null,
    maxAidNok: null,
    ...overrides,
  };
}

export function caseDetail(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 'id-1',
    reference: 'PIO-2026-000001',
    externalRef: 'P-2026-004211',
    status: 'received',
    assignee: null,
    corrections: [],
    judgments: [],
    decision: null,
    evaluation: null,
    exchangeRate: null,
    sizeClass: null,
    createdAt: '2026-03-02T10:15:00Z',
    updatedAt: '2026-03-02T10:15:00Z',
    // What the server offers a caseworker on an unassigned case.
    allowedActions: ['take', 'note'],
    version: 3,
    receivedAt: '2026-03-02T10:15:00Z',
    slaDueAt: '2026-04-01T00:00:00Z',
    slaDaysLeft: 12,
    applicant: {
      orgNumber: '923609016',
      name: 'Fjordplast AS',
      companyForm: 'AS',
      incorporatedOn: '2011-05-01',
      naceCode: '22.220',
      county: 'Vestland',
      publicOwnershipPct: 0,
      financials: [
        {
          index: 0,
          year: 2024,
          annualWorkUnits: 39,
          turnoverNok: 91_000_000,
          balanceSheetNok: 58_000_000,
        },
        {
          index: 1,
          year: 2025,
          annualWorkUnits: 42,
          turnoverNok: 98_000_000,
          balanceSheetNok: 61_000_000,
        },
      ],
      relatedEnterprises: [
        { name: 'Fjord Holding AS', orgNumber: '974760673', relation: 'partner', sharePct: 30 },
      ],
      insolvencyProceedings: false,
      outstandingRescueAid: false,
      outstandingRecoveryOrder: false,
    },
    project: {
      title: 'Robotisert sortering og ny skiftordning',
      description: 'Beskrivelse',
      innovationTypes: ['process', 'organisational'],
      startDate: '2026-04-01',
      endDate: '2027-09-30',
      firstBindingCommitmentDate: null,
      location: 'Bergen',
      circularTransition: false,
      collaborationPartners: [],
    },
    aid: { instrument: 'grant', requestedAmountNok: 1_500_000 },
    otherPublicAid: [],
    costLines: [
      {
        id: 'cl-1',
        lineNo: 1,
        category: 'personnel',
        description: 'Prosjektleder, 1 200 timer',
        hours: 1200,
        hourlyRateNok: 850,
        amountNok: 1_020_000,
        assessment: null,
      },
      {
        id: 'cl-2',
        lineNo: 2,
        category: 'consultancy',
        description: 'Prosessanalyse',
        supplierName: 'Prosessråd AS',
        supplierRelation: 'independent',
        assessment: null,
        amountNok: 600_000,
      },
    ],
    ...overrides,
  };
}

export const INGRID: User = {
  username: 'ingrid',
  displayName: 'Ingrid Godkjenner',
  roles: ['caseworker', 'approver'],
};

/** Kari's case under review: assigned to her, in review. */
export function myCase(overrides: Partial<CaseView> = {}): CaseView {
  return caseDetail({
    status: 'in_review',
    assignee: { username: 'kari', displayName: 'Kari Nordmann' },
    // What the server offers Kari on her case in review.
    allowedActions: ['request-information', 'withdraw', 'recommend', 'assess', 'note'],
    ...overrides,
  });
}

export function totals(overrides: Partial<EvaluationTotals> = {}): EvaluationTotals {
  return {
    appliedCostsNok: 1_620_000,
    eligibleCostsNok: 1_620_000,
    pendingAssessmentNok: 600_000,
    maxIntensityPct: 50,
    maxAidNok: 810_000,
    requestedAidNok: 1_500_000,
    requestedAidEur: 130_434.78,
    otherAidSameCostsNok: 0,
    ...overrides,
  };
}

export function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 'ev-1',
    applicationId: 'id-1',
    evaluationDate: '2026-03-02',
    grantBlockers: [],
    evaluatedAt: '2026-03-02T10:16:00Z',
    evaluatedBy: 'system',
    reason: 'intake',
    rulebookVersion: '1.0.0',
    parameterSet: 'gber-2023',
    nokPerEur: 11.5,
    fxSource: 'Norges Bank',
    fxDate: '2026-01-02',
    inputHash: 'abcdef0123456789',
    sizeClass: 'medium',
    rules: [
      {
        ruleId: 'INC-01',
        outcome: 'pass',
        legalReference: 'GBER art. 6(2)',
        explanation: { nb: 'Søknaden kom før prosjektstart.', en: 'Received before the start.' },
        inputs: {},
      },
      {
        ruleId: 'INT-01',
        outcome: 'fail',
        legalReference: 'GBER art. 29(4), art. 7',
        explanation: {
          nb: 'Omsøkt støtte er over maksimal støtte 810 000 kr.',
          en: 'Requested aid is above the maximum aid of NOK 810,000.',
        },
        inputs: {},
      },
    ],
    judgments: [
      {
        criterionId: 'J-INNO-01',
        outcome: 'assess',
        applies: true,
        title: { nb: 'Innovasjon', en: 'Innovation' },
        criterion: {
          nb: 'Prosjektet er prosessinnovasjon.',
          en: 'The project is process innovation.',
        },
      },
      {
        criterionId: 'J-LRG-01',
        outcome: 'na',
        applies: false,
        title: { nb: 'Store foretak', en: 'Large enterprises' },
        criterion: { nb: 'Bare unntaksvis.', en: 'Only exceptionally.' },
      },
    ],
    costLines: [
      {
        costLineId: 'cl-1',
        category: 'personnel',
        outcome: 'eligible',
        claimedNok: 1_020_000,
        eligibleNok: 1_020_000,
        computedEligibleNok: 1_020_000,
        approvedAmountNok: null,
        reasons: [],
      },
      {
        costLineId: 'cl-2',
        category: 'consultancy',
        outcome: 'assess',
        claimedNok: 600_000,
        eligibleNok: 600_000,
        computedEligibleNok: 600_000,
        approvedAmountNok: null,
        reasons: [
          {
            ruleId: 'COST-06',
            outcome: 'assess',
            explanation: { nb: 'Vurder mot J-INNO-03.', en: 'Assess against J-INNO-03.' },
          },
        ],
      },
    ],
    totals: totals(),
    obligations: ['register-report'],
    ...overrides,
  };
}

/** The standard conditions as GET /api/conditions gives them: the mandatory ones, then the optional. */
export function standardConditions() {
  const condition = (code: string, mandatory: boolean, nb: string, en: string) => ({
    code,
    mandatory,
    text: { nb, en },
  });
  return [
    condition(
      'ACCEPT',
      true,
      'Søkeren aksepterer tilskuddet innen fire uker.',
      'Accept within four weeks.',
    ),
    condition(
      'PAYMENT',
      true,
      'Utbetaling etter dokumenterte kostnader.',
      'Payment on documented costs.',
    ),
    condition(
      'REPORT-FINAL',
      true,
      'Sluttrapport innen tre måneder.',
      'Final report within three months.',
    ),
    condition(
      'RECORDS-CONTROL',
      true,
      'Dokumentasjon oppbevares i ti år.',
      'Records kept for ten years.',
    ),
    condition('RECOVERY', true, 'Tilskuddet kan kreves tilbake.', 'The grant may be reclaimed.'),
    condition(
      'LAPSE',
      true,
      'Tilsagnet faller bort uten sluttrapport.',
      'The grant lapses without a report.',
    ),
    condition(
      'AUDITOR',
      false,
      'Prosjektregnskapet bekreftes av revisor.',
      'Accounts confirmed by an auditor.',
    ),
    condition(
      'CHANGES',
      false,
      'Vesentlige endringer meldes.',
      'Significant changes are reported.',
    ),
  ];
}
