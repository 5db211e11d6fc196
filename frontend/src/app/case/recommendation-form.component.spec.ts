import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  KARI,
  evaluation,
  myCase,
  session,
  standardConditions,
  totals,
} from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { Evaluation, EvaluationTotals, GrantBlocker } from '../core/api/evaluation.models';
import { CaseView } from '../core/api/models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { CaseStore } from './case.store';
import { RecommendationFormComponent } from './recommendation-form.component';
import { grantAmountErrors } from './recommendation.logic';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

const PREVIEW = '/api/applications/id-1/letter-preview.pdf';

async function setup(
  limits: Partial<EvaluationTotals> = {},
  blockers: GrantBlocker[] = [],
  overrides: Partial<Evaluation> = {},
  detail: Partial<CaseView> = {},
) {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER)));
  TestBed.configureTestingModule({
    providers: [
      CaseStore,
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const store = TestBed.inject(CaseStore);
  store.detail.set(myCase(detail));
  store.evaluation.set(
    evaluation({ totals: totals(limits), grantBlockers: blockers, ...overrides }),
  );
  const fixture = TestBed.createComponent(RecommendationFormComponent);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/conditions').flush(standardConditions());
  const el = fixture.nativeElement as HTMLElement;
  const settle = () => fixture.whenStable();
  await settle();

  const choose = async (value: 'grant' | 'reject') => {
    el.querySelector<HTMLInputElement>(`mat-radio-button[value="${value}"] input`)!.click();
    await settle();
  };
  const type = async (selector: string, value: string) => {
    const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  const errors = () => Array.from(el.querySelectorAll('mat-error')).map((e) => visibleText(e));
  const submit = async () => {
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
  };
  const check = async (label: string) => {
    const box = Array.from(el.querySelectorAll('mat-checkbox')).find((c) =>
      visibleText(c).includes(label),
    );
    box!.querySelector('input')!.click();
    await settle();
  };
  const button = (label: string) =>
    Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => visibleText(b) === label,
    );
  return { el, http, choose, type, errors, submit, check, settle, button };
}

/** A problem+json answer to a request for a file: the body comes as a Blob. */
function problemBlob(body: object): Blob {
  return new Blob([JSON.stringify(body)], { type: 'application/problem+json' });
}

/** Lets a Blob be read and the view catch up. */
async function afterBlobRead(settle: () => Promise<unknown>) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await settle();
}

/** The evaluation of a case whose cost lines were cut: one by the caseworker, one by a rule. */
const CUT_LINES: Partial<Evaluation> = {
  costLines: [
    {
      costLineId: 'cl-1',
      category: 'personnel',
      outcome: 'partly',
      claimedNok: 1_020_000,
      eligibleNok: 920_000,
      computedEligibleNok: 1_020_000,
      approvedAmountNok: 920_000,
      reasons: [],
    },
    {
      costLineId: 'cl-2',
      category: 'consultancy',
      outcome: 'partly',
      claimedNok: 600_000,
      eligibleNok: 450_000,
      computedEligibleNok: 450_000,
      approvedAmountNok: null,
      reasons: [
        {
          ruleId: 'COST-04',
          outcome: 'partly',
          explanation: { nb: 'Påløpt før søknaden.', en: 'Incurred before.' },
        },
        {
          ruleId: 'COST-06',
          outcome: 'eligible',
          explanation: { nb: 'Ikke utelukket.', en: 'Not excluded.' },
        },
      ],
    },
  ],
} as Partial<Evaluation>;

function withAssessedLine(): Partial<CaseView> {
  const lines = myCase().costLines;
  return {
    costLines: [
      {
        ...lines[0],
        assessment: {
          approvedAmountNok: 920_000,
          reason: 'Timeprisen er over bransjesnittet.',
          assessedAt: '2026-03-05T10:00:00Z',
          assessedBy: 'kari',
          assessedByName: 'Kari Nordmann',
        },
      },
      lines[1],
    ],
  };
}

describe('Recommendation form', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('checks a grant against the maximum aid as the amount is typed', async () => {
    const { choose, type, errors } = await setup({
      maxAidNok: 810_000,
      requestedAidNok: 1_500_000,
    });
    await choose('grant');

    await type('input[formcontrolname="amountNok"]', '900000');
    expect(errors()).toEqual(['Beløpet er over maksimal støtte (810 000 kr).']);

    await type('input[formcontrolname="amountNok"]', '1600000');
    expect(errors()).toEqual([
      'Beløpet er over maksimal støtte (810 000 kr).',
      'Beløpet er over omsøkt støtte (1 500 000 kr).',
    ]);

    await type('input[formcontrolname="amountNok"]', '810000');
    expect(errors()).toEqual([]);
  });

  it('checks a grant against the requested aid when that is the lower limit', async () => {
    const { choose, type, errors } = await setup({
      maxAidNok: 2_000_000,
      requestedAidNok: 1_500_000,
    });
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '1500001');
    expect(errors()).toEqual(['Beløpet er over omsøkt støtte (1 500 000 kr).']);
  });

  it('shows what the server says stands in the way of a grant, and the limits', async () => {
    const { el, choose } = await setup({}, [
      {
        ref: 'INT-01',
        kind: 'rule',
        reason: { nb: 'Omsøkt støtte er over maksimal støtte 810 000 kr.', en: 'Above.' },
      },
      {
        ref: 'J-INNO-01',
        kind: 'judgment',
        reason: { nb: 'Innovasjon: ikke vurdert ennå.', en: 'Not judged.' },
      },
      {
        ref: 'line-3',
        kind: 'cost-line',
        reason: { nb: 'Kostnadslinjen (450 000 kr) er ikke vurdert ennå.', en: 'Not assessed.' },
      },
    ]);
    await choose('grant');
    expect(visibleText(el.querySelector('.limits'))).toBe(
      'Maksimal støtte: 810 000 kr · Omsøkt: 1 500 000 kr',
    );
    const blockers = Array.from(el.querySelectorAll('.blockers li')).map((li) => visibleText(li));
    expect(blockers).toEqual([
      'INT-01 Omsøkt støtte er over maksimal støtte 810 000 kr.',
      'J-INNO-01 Innovasjon: ikke vurdert ennå.',
      'Kostnadslinjen (450 000 kr) er ikke vurdert ennå.',
    ]);
  });

  it('lists the blockers as links to their items, and will not send a grant while any remain, saying why', async () => {
    const { el, http, choose, submit } = await setup({}, [
      {
        ref: 'J-INNO-01',
        kind: 'judgment',
        reason: { nb: 'Innovasjon: ikke vurdert ennå.', en: 'Not judged.' },
      },
      {
        ref: 'INT-01',
        kind: 'rule',
        reason: { nb: 'Omsøkt støtte er over maksimal støtte 810 000 kr.', en: 'Above.' },
      },
    ]);
    const store = TestBed.inject(CaseStore);
    await choose('grant');
    const links = Array.from(el.querySelectorAll<HTMLButtonElement>('.blockers li button.link'));
    expect(links.map((b) => visibleText(b))).toEqual([
      'J-INNO-01 Innovasjon: ikke vurdert ennå.',
      'INT-01 Omsøkt støtte er over maksimal støtte 810 000 kr.',
    ]);
    links[0].click();
    expect(store.focusRequest()).toEqual({ tab: 'rules', targetId: 'judgment-J-INNO-01' });

    const button = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-describedby')).toBe('submit-blocked');
    expect(visibleText(el.querySelector('#submit-blocked'))).toBe(
      'Innvilgelse kan ikke sendes før de 2 punktene over er på plass. Avslag kan sendes.',
    );
    await submit();
    http.expectNone('/api/applications/id-1/recommendation');

    // A rejection is not held back by them.
    await choose('reject');
    expect(el.querySelector('button[type="submit"]')!.getAttribute('aria-disabled')).not.toBe(
      'true',
    );
  });

  it('starts a returned case from the returned recommendation, and says so', async () => {
    const { el, settle } = await setup();
    const store = TestBed.inject(CaseStore);
    const auditor = standardConditions().find((c) => c.code === 'AUDITOR')!;
    store.recommendations.set([
      {
        id: 'r-1',
        outcome: 'grant',
        amountNok: 700_000,
        justification: 'Godt prosjekt.',
        conditions: [
          ...standardConditions()
            .filter((c) => c.mandatory)
            .map((c) => ({ code: c.code, text: c.text })),
          { code: 'AUDITOR', text: auditor.text },
          { text: { nb: 'Milepælsrapport etter ett år.', en: 'Milepælsrapport etter ett år.' } },
        ],
        grounds: [],
        partial: null,
        evaluationId: 'ev-1',
        recommendedAt: '2026-03-10T09:00:00Z',
        recommendedBy: 'kari',
        recommendedByName: 'Kari Nordmann',
        returned: {
          at: '2026-03-11T10:00:00Z',
          by: 'ingrid',
          byName: 'Ingrid Berg',
          reasonCode: 'missing-justification',
          comment: 'Begrunn beløpet.',
        },
      },
    ]);
    await settle();
    expect(visibleText(el.querySelector('.prefilled'))).toContain(
      'Skjemaet er fylt ut fra innstillingen som ble returnert',
    );
    expect(
      el.querySelector<HTMLInputElement>('mat-radio-button[value="grant"] input')!.checked,
    ).toBe(true);
    expect(
      el.querySelector<HTMLTextAreaElement>('textarea[formcontrolname="justification"]')!.value,
    ).toBe('Godt prosjekt.');
    const chosen = Array.from(el.querySelectorAll('mat-checkbox'))
      .filter((c) => c.querySelector('input')!.checked)
      .map((c) => visibleText(c));
    expect(chosen).toEqual([auditor.text.nb]);
    const free = Array.from(el.querySelectorAll<HTMLTextAreaElement>('.free textarea')).map(
      (t) => t.value,
    );
    expect(free).toEqual(['Milepælsrapport etter ett år.']);
  });

  it('lists the mandatory conditions as always part of a grant, and offers only the others to choose', async () => {
    const { el, choose } = await setup();
    await choose('grant');

    const mandatory = el.querySelector<HTMLElement>('ul.mandatory')!;
    const name = el.querySelector(`#${mandatory.getAttribute('aria-labelledby')}`);
    expect(visibleText(name)).toBe('Alltid med i et tilskudd');
    expect(visibleText(el.querySelector(`#${mandatory.getAttribute('aria-describedby')}`))).toBe(
      'Disse vilkårene gjelder for alle tilskudd og kan ikke tas bort. Vedtaksbrevet skriver dem ut i sin helhet, med datoer.',
    );
    expect(Array.from(mandatory.querySelectorAll('li')).map((li) => visibleText(li))).toEqual([
      'Søkeren aksepterer tilskuddet innen fire uker.',
      'Utbetaling etter dokumenterte kostnader.',
      'Sluttrapport innen tre måneder.',
      'Dokumentasjon oppbevares i ti år.',
      'Tilskuddet kan kreves tilbake.',
      'Tilsagnet faller bort uten sluttrapport.',
    ]);
    // Each marked with a lock, and none of them a control that could take it away.
    expect(mandatory.querySelectorAll('mat-icon').length).toBe(6);
    expect(mandatory.querySelectorAll('input, button').length).toBe(0);

    const offered = Array.from(el.querySelectorAll('mat-checkbox')).map((c) => visibleText(c));
    expect(offered).toEqual([
      'Prosjektregnskapet bekreftes av revisor.',
      'Vesentlige endringer meldes.',
    ]);
  });

  it('sends a grant with the amount, the chosen and own conditions, and the justification', async () => {
    const { el, http, choose, type, submit, check, settle } = await setup();
    await choose('grant');
    // The maximum aid: below the request, but the most the rules allow, so no reason is asked.
    await type('input[formcontrolname="amountNok"]', '810000');
    expect(el.querySelector('textarea[formcontrolname="reductionReason"]')).toBeNull();
    await check('Prosjektregnskapet bekreftes av revisor.');
    Array.from(el.querySelectorAll('button'))
      .find((b) => visibleText(b) === 'Legg til eget vilkår')!
      .click();
    await settle();
    await type('.free textarea', ' Egen milepæl ');
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');
    await submit();

    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body).toEqual({
      outcome: 'grant',
      amountNok: 810_000,
      justification: 'Godt prosjekt.',
      conditions: [{ code: 'AUDITOR' }, { text: 'Egen milepæl' }],
      grounds: [],
      version: 3,
    });
  });

  it('shows a grant below the requested aid as the partial grant the letter states, with the costs not approved in full', async () => {
    const { el, choose, type } = await setup(
      { maxAidNok: 2_000_000, requestedAidNok: 1_500_000 },
      [],
      CUT_LINES,
      withAssessedLine(),
    );
    await choose('grant');
    expect(el.querySelector('app-partial-grant')).toBeNull();

    await type('input[formcontrolname="amountNok"]', '1045000');
    const partial = el.querySelector('#partial-summary')!;
    expect(visibleText(partial.querySelector('.headline'))).toBe(
      'Delvis innvilgelse: 1 045 000 kr av 1 500 000 kr søkt',
    );
    const table = partial.querySelector('table')!;
    expect(visibleText(table.querySelector('caption'))).toBe(
      'Kostnader som ikke er godkjent fullt ut',
    );
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((c) => visibleText(c)),
    );
    expect(rows).toEqual([
      [
        'Prosjektleder, 1 200 timer Personal',
        '1 020 000 kr',
        '920 000 kr',
        '100 000 kr',
        'Godkjent beløp satt av saksbehandler: Timeprisen er over bransjesnittet.',
      ],
      [
        'Prosessanalyse Konsulenttjenester',
        '600 000 kr',
        '450 000 kr',
        '150 000 kr',
        'COST-04 Kostnader før søknad',
      ],
    ]);

    // The whole request is no partial grant.
    await type('input[formcontrolname="amountNok"]', '1500000');
    expect(el.querySelector('#partial-summary')).toBeNull();
  });

  it('asks for the reason of a grant below the most the rules allow, and sends it only then', async () => {
    const { el, http, choose, type, submit, errors } = await setup({
      maxAidNok: 2_000_000,
      requestedAidNok: 1_500_000,
    });
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '1045000');
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');

    const reason = el.querySelector<HTMLTextAreaElement>(
      'textarea[formcontrolname="reductionReason"]',
    )!;
    expect(visibleText(el.querySelector(`label[for="${reason.id}"]`))).toContain(
      'Begrunnelse for lavere tilskudd (J-NEED-01)',
    );
    expect(reason.required).toBe(true);
    expect(visibleText(el.querySelector('mat-hint'))).toContain(
      'Beløpet er under det høyeste regelverket tillater (1 500 000 kr).',
    );
    await submit();
    http.expectNone('/api/applications/id-1/recommendation');
    expect(errors()).toEqual(['Skriv hvorfor tilskuddet er lavere enn regelverket tillater.']);

    await type(
      'textarea[formcontrolname="reductionReason"]',
      ' Foretaket bærer selv en større del. ',
    );
    await submit();
    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body).toEqual({
      outcome: 'grant',
      amountNok: 1_045_000,
      justification: 'Godt prosjekt.',
      conditions: [],
      grounds: [],
      reductionReason: 'Foretaket bærer selv en større del.',
      version: 3,
    });
  });

  it('counts other aid on the same costs in the most the rules allow', async () => {
    const { el, http, choose, type, submit } = await setup({
      maxAidNok: 1_200_000,
      requestedAidNok: 1_500_000,
      otherAidSameCostsNok: 200_000,
    });
    await choose('grant');
    expect(visibleText(el.querySelector('#amount-other-aid'))).toBe(
      'Annen offentlig støtte til de samme kostnadene: 200 000 kr, så høyst 1 000 000 kr kan innvilges.',
    );
    await type('input[formcontrolname="amountNok"]', '999999');
    expect(el.querySelector('textarea[formcontrolname="reductionReason"]')).not.toBeNull();
    await type('input[formcontrolname="amountNok"]', '1000000');
    expect(el.querySelector('textarea[formcontrolname="reductionReason"]')).toBeNull();
    expect(visibleText(el.querySelector('#partial-summary .headline'))).toBe(
      'Delvis innvilgelse: 1 000 000 kr av 1 500 000 kr søkt',
    );
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');
    await submit();
    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body.reductionReason).toBeUndefined();
  });

  it('refuses a word of more than 200 characters as it is typed, in the words of the console', async () => {
    const { http, choose, type, submit, errors } = await setup();
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '810000');
    await type('textarea[formcontrolname="justification"]', `Se ${'x'.repeat(201)}`);
    expect(errors()).toEqual(['Et ord kan ha høyst 200 tegn. Del opp lange ord og lenker.']);
    await submit();
    http.expectNone('/api/applications/id-1/recommendation');
    await type('textarea[formcontrolname="justification"]', `Se ${'x'.repeat(200)}`);
    expect(errors()).toEqual([]);
  });

  it("puts the server's refusal of the reason on the reason, in the console's words", async () => {
    const { el, http, choose, type, submit, errors, settle } = await setup({
      maxAidNok: 2_000_000,
      requestedAidNok: 1_500_000,
    });
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '1045000');
    await type('textarea[formcontrolname="reductionReason"]', 'Mindre behov.');
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');
    await submit();
    http.expectOne('/api/applications/id-1/recommendation').flush(
      {
        type: 'urn:tilsagn:problem:validation-failed',
        status: 400,
        title: 'The request is not valid',
        errors: [{ path: '$.reductionReason', message: 'a word may be at most 200 characters' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(errors()).toEqual(['Et ord kan ha høyst 200 tegn. Del opp lange ord og lenker.']);
    const field = el.querySelector('textarea[formcontrolname="reductionReason"]')!;
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('asks for the reason when the server, on a newer evaluation, says the grant is below what the rules allow', async () => {
    const { el, http, choose, type, submit, errors, settle } = await setup();
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '810000');
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');
    await submit();
    expect(el.querySelector('textarea[formcontrolname="reductionReason"]')).toBeNull();
    http.expectOne('/api/applications/id-1/recommendation').flush(
      {
        type: 'urn:tilsagn:problem:validation-failed',
        status: 400,
        title: 'The request is not valid',
        errors: [
          {
            path: '$.reductionReason',
            message:
              'NOK 810,000 is below the most the rules allow, NOK 900,000: say why the aid need not be larger (J-NEED-01); the reason goes into the letter',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.querySelector('textarea[formcontrolname="reductionReason"]')).not.toBeNull();
    expect(errors()).toEqual(['Skriv hvorfor tilskuddet er lavere enn regelverket tillater.']);
    await type('textarea[formcontrolname="reductionReason"]', 'Mindre behov.');
    await submit();
    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body.reductionReason).toBe('Mindre behov.');
  });

  it('will not send a grant above the maximum aid', async () => {
    const { http, choose, type, submit } = await setup();
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '900000');
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');
    await submit();
    http.expectNone('/api/applications/id-1/recommendation');
  });

  it('requires the grounds of a rejection, and sends them', async () => {
    const { el, http, choose, type, submit, check } = await setup();
    await choose('reject');
    expect(el.querySelector('input[formcontrolname="amountNok"]')).toBeNull();
    await type('textarea[formcontrolname="justification"]', 'Overstiger maksimal støtte.');
    await submit();
    http.expectNone('/api/applications/id-1/recommendation');
    expect(visibleText(el.querySelector('[role="alert"]'))).toBe(
      'Velg minst én regel eller skjønnsvurdering.',
    );

    // The failed rule is offered first.
    const first = el.querySelector('mat-checkbox');
    expect(visibleText(first)).toBe('INT-01 Støtteintensitet');
    await check('INT-01');
    await submit();
    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body).toEqual({
      outcome: 'reject',
      justification: 'Overstiger maksimal støtte.',
      conditions: [],
      grounds: ['INT-01'],
      version: 3,
    });
  });

  it('offers as grounds only rules at fail, missing or refer, judgments recorded fail, and PRIORITY', async () => {
    const rule = (ruleId: string, outcome: string) => ({
      ruleId,
      outcome,
      legalReference: 'GBER',
      explanation: { nb: `${ruleId} ${outcome}`, en: `${ruleId} ${outcome}` },
      inputs: {},
    });
    const judgment = (criterionId: string, outcome: string, applies = true) => ({
      criterionId,
      outcome,
      applies,
      title: { nb: `Tittel ${criterionId}`, en: `Title ${criterionId}` },
      criterion: { nb: 'Kriteriet.', en: 'The criterion.' },
    });
    const { el, choose } = await setup({}, [], {
      rules: [
        rule('INC-01', 'pass'),
        rule('SME-01', 'missing'),
        rule('INT-01', 'assess'),
        rule('SEC-01', 'refer'),
        rule('UID-01', 'fail'),
        rule('LRG-01', 'na'),
      ],
      judgments: [
        judgment('J-INNO-01', 'pass'),
        judgment('J-INNO-02', 'fail'),
        judgment('J-INNO-03', 'assess'),
        judgment('J-LRG-01', 'na', false),
      ],
    } as Partial<Evaluation>);
    await choose('reject');
    const offered = Array.from(el.querySelectorAll('fieldset .checks li')).map((li) =>
      visibleText(li),
    );
    expect(offered).toEqual([
      'SME-01 Foretaksstørrelse Mangler opplysninger',
      'SEC-01 Sektor Henvises',
      'UID-01 Foretak i vanskeligheter Ikke oppfylt',
      'J-INNO-02 Tittel J-INNO-02 Ikke oppfylt',
      'PRIORITY Prioritering innenfor årets budsjett Søknaden er rangert lavere enn andre innenfor årets budsjett.',
    ]);
  });

  it('asks for the reason when PRIORITY is chosen, and sends it with the grounds', async () => {
    const { el, http, choose, type, submit, check, errors } = await setup();
    await choose('reject');
    expect(el.querySelector('textarea[formcontrolname="priorityReason"]')).toBeNull();

    // A labelled checkbox, reached with the keyboard like any native input.
    const box = Array.from(el.querySelectorAll('mat-checkbox')).find((c) =>
      visibleText(c).startsWith('PRIORITY'),
    )!;
    const input = box.querySelector('input')!;
    expect(input.type).toBe('checkbox');
    expect(input.tabIndex).toBe(0);
    expect(input.getAttribute('aria-describedby')).toBe('priority-hint');
    await check('PRIORITY');

    const reason = el.querySelector<HTMLTextAreaElement>(
      'textarea[formcontrolname="priorityReason"]',
    )!;
    expect(reason).not.toBeNull();
    const label = el.querySelector(`label[for="${reason.id}"]`);
    expect(visibleText(label)).toContain('Begrunnelse for prioriteringen');

    await type('textarea[formcontrolname="justification"]', 'Når ikke opp i konkurransen.');
    await submit();
    http.expectNone('/api/applications/id-1/recommendation');
    expect(errors()).toEqual(['Skriv begrunnelsen for prioriteringen.']);

    await type('textarea[formcontrolname="priorityReason"]', ' Lavere effekt enn de innvilgede. ');
    await submit();
    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body).toEqual({
      outcome: 'reject',
      justification: 'Når ikke opp i konkurransen.',
      conditions: [],
      grounds: ['PRIORITY'],
      priorityReason: 'Lavere effekt enn de innvilgede.',
      version: 3,
    });
  });

  it('puts a ground the server refuses on the grounds, and hides the reason when PRIORITY is unchosen', async () => {
    const { el, http, choose, type, submit, check, settle } = await setup();
    await choose('reject');
    await check('PRIORITY');
    await check('PRIORITY');
    expect(el.querySelector('textarea[formcontrolname="priorityReason"]')).toBeNull();
    await check('INT-01');
    await type('textarea[formcontrolname="justification"]', 'Over maksimal støtte.');
    await submit();
    const req = http.expectOne('/api/applications/id-1/recommendation');
    expect(req.request.body.priorityReason).toBeUndefined();
    req.flush(
      {
        type: 'urn:tilsagn:problem:validation-failed',
        status: 400,
        title: 'The request is not valid',
        errors: [
          {
            path: '$.grounds[0]',
            message: 'INT-01 is pass; a rejection rests only on a rule at fail, missing or refer',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    // The server's English message is said in the console's words, never shown as it is.
    expect(visibleText(el.querySelector('fieldset [role="alert"]'))).toBe('Er ikke gyldig.');
  });

  it("puts the server's field messages on the fields", async () => {
    const { http, choose, type, submit, errors, settle } = await setup();
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '810000');
    await type('textarea[formcontrolname="justification"]', 'Kort.');
    await submit();
    http.expectOne('/api/applications/id-1/recommendation').flush(
      {
        type: 'urn:tilsagn:problem:validation-failed',
        status: 400,
        title: 'The request is not valid',
        errors: [{ path: '$.justification', message: 'justification must not be empty' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(errors()).toContain('Må fylles ut.');
  });
});

describe('Letter preview in the recommendation form', () => {
  let open: jest.SpyInstance;
  const createObjectURL = jest.fn(() => 'blob:draft-1');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    open = jest.spyOn(window, 'open').mockImplementation(() => ({}) as Window);
  });

  afterEach(() => {
    open.mockRestore();
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  async function filledGrant() {
    const t = await setup({ maxAidNok: 2_000_000, requestedAidNok: 1_500_000 });
    await t.choose('grant');
    await t.type('input[formcontrolname="amountNok"]', '1045000');
    await t.type('textarea[formcontrolname="reductionReason"]', 'Mindre behov.');
    await t.type('textarea[formcontrolname="justification"]', 'Godt prosjekt.');
    return t;
  }

  const previewStatus = (el: HTMLElement) =>
    visibleText(el.querySelector('app-letter-preview [role="status"]'));
  const previewAlert = (el: HTMLElement) =>
    visibleText(el.querySelector('app-letter-preview [role="alert"]'));

  it("drafts the letter of the form's values in the language chosen and opens it in a new tab", async () => {
    const { el, http, settle, button, type } = await filledGrant();
    const english = el.querySelector<HTMLInputElement>(
      'app-letter-preview mat-radio-button[value="en"] input',
    )!;
    const group = english.closest('mat-radio-group')!;
    expect(visibleText(el.querySelector(`#${group.getAttribute('aria-labelledby')}`))).toBe(
      'Språk i brevet',
    );
    english.click();
    await settle();

    button('Forhåndsvis brev')!.click();
    await settle();
    const req = http.expectOne((r) => r.url === PREVIEW && r.method === 'POST');
    expect(req.request.params.get('lang')).toBe('en');
    expect(req.request.responseType).toBe('blob');
    expect(req.request.body).toEqual({
      outcome: 'grant',
      amountNok: 1_045_000,
      justification: 'Godt prosjekt.',
      conditions: [],
      grounds: [],
      reductionReason: 'Mindre behov.',
      version: 3,
    });
    // While the server drafts it.
    expect(button('Forhåndsvis brev')!.disabled).toBe(true);
    expect(previewStatus(el)).toBe('Lager utkast til brevet …');
    expect(el.querySelector('app-letter-preview mat-progress-bar')).not.toBeNull();

    req.flush(new Blob(['%PDF-1.7 draft'], { type: 'application/pdf' }));
    await settle();
    expect(open).toHaveBeenCalledWith('blob:draft-1', '_blank');
    expect(previewStatus(el)).toContain('Utkastet på engelsk er åpnet i en ny fane.');
    const link = Array.from(el.querySelectorAll<HTMLAnchorElement>('app-letter-preview a')).find(
      (a) => visibleText(a) === 'Åpne utkastet på engelsk (PDF, ny fane)',
    )!;
    expect(link.getAttribute('href')).toBe('blob:draft-1');
    expect(link.target).toBe('_blank');
    expect(button('Forhåndsvis brev')!.disabled).toBe(false);

    // A change of the form makes the draft out of date: it goes.
    await type('textarea[formcontrolname="justification"]', 'Godt prosjekt, med endring.');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:draft-1');
    expect(previewStatus(el)).toBe('');
  });

  it('asks for the marked fields before drafting, and sends nothing', async () => {
    const { el, http, choose, button, settle, errors } = await setup();
    await choose('grant');
    button('Forhåndsvis brev')!.click();
    await settle();
    http.expectNone(PREVIEW);
    expect(previewAlert(el)).toBe('Rett feltene som er markert, så kan du forhåndsvise brevet.');
    expect(errors()).toEqual(['Skriv inn beløpet.', 'Skriv en begrunnelse.']);
  });

  it('says in the words of the console why a draft could not be made, and puts field messages on the fields', async () => {
    const { el, http, settle, button, errors } = await filledGrant();
    button('Forhåndsvis brev')!.click();
    http
      .expectOne((r) => r.url === PREVIEW)
      .flush(
        problemBlob({
          type: 'urn:tilsagn:problem:validation-failed',
          status: 400,
          title: 'The request is not valid',
          errors: [{ path: '$.justification', message: 'a word may be at most 200 characters' }],
        }),
        { status: 400, statusText: 'Bad Request' },
      );
    await afterBlobRead(settle);
    expect(previewAlert(el)).toBe(
      'Brevet kan ikke lages slik skjemaet er fylt ut. Rett feltene som er markert, og prøv igjen.',
    );
    expect(errors()).toEqual(['Et ord kan ha høyst 200 tegn. Del opp lange ord og lenker.']);
    expect(el.textContent).not.toMatch(/urn:tilsagn|not valid|\{/);
  });

  it('says so when the case has no open recommendation any more', async () => {
    const { el, http, settle, button } = await filledGrant();
    button('Forhåndsvis brev')!.click();
    http
      .expectOne((r) => r.url === PREVIEW)
      .flush(
        problemBlob({
          type: 'urn:tilsagn:problem:no-recommendation',
          status: 409,
          title: 'The case has no open recommendation to decide on',
          detail: 'The case is decided: it has no letter to draft',
        }),
        { status: 409, statusText: 'Conflict' },
      );
    await afterBlobRead(settle);
    expect(previewAlert(el)).toBe(
      'Saken har ingen åpen innstilling å lage et utkast fra. Den kan være endret av noen andre – last inn saken på nytt.',
    );
    expect(el.textContent).not.toContain('The case');
  });

  it('leads to the draft, with the focus, when the browser blocks the new tab', async () => {
    open.mockImplementation(() => null);
    const { el, http, settle, button } = await filledGrant();
    button('Forhåndsvis brev')!.click();
    http
      .expectOne((r) => r.url === PREVIEW)
      .flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await settle();
    expect(previewStatus(el)).toContain('Utkastet på bokmål er klart.');
    const focused = document.activeElement as HTMLAnchorElement;
    expect(visibleText(focused)).toBe('Åpne utkastet på bokmål (PDF, ny fane)');
    expect(focused.getAttribute('href')).toBe('blob:draft-1');
    const download = Array.from(el.querySelectorAll('app-letter-preview a')).find(
      (a) => visibleText(a) === 'Last ned utkastet',
    )!;
    expect(download.getAttribute('download')).toBe('PIO-2026-000001-draft-nb.pdf');
  });
});

describe('grantAmountErrors', () => {
  const limits = { maxAidNok: 810_000, requestedAidNok: 1_500_000 };

  it('accepts whole kroner above zero within both limits', () => {
    expect(grantAmountErrors(810_000, limits)).toBeNull();
    expect(grantAmountErrors(1, limits)).toBeNull();
  });

  it('names every limit the amount breaks', () => {
    expect(grantAmountErrors(null, limits)).toEqual({ required: true });
    expect(grantAmountErrors(0, limits)).toEqual({ positive: true });
    expect(grantAmountErrors(10.5, limits)).toEqual({ whole: true });
    expect(grantAmountErrors(810_001, limits)).toEqual({ aboveMaxAid: { max: 810_000 } });
    expect(grantAmountErrors(1_600_000, limits)).toEqual({
      aboveMaxAid: { max: 810_000 },
      aboveRequested: { requested: 1_500_000 },
    });
  });

  it('refuses any amount while the maximum aid is unknown', () => {
    expect(grantAmountErrors(100, { maxAidNok: null, requestedAidNok: 1_000 })).toEqual({
      maxAidUnknown: true,
    });
  });
});
