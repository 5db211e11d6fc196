import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KARI, evaluation, myCase, session, totals } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { Evaluation, EvaluationTotals, GrantBlocker } from '../core/api/evaluation.models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { CaseStore } from './case.store';
import { RecommendationFormComponent } from './recommendation-form.component';
import { grantAmountErrors } from './recommendation.logic';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

const CONDITIONS = [
  { code: 'REPORT-FINAL', text: { nb: 'Sluttrapport innen tre måneder.', en: 'Final report.' } },
  { code: 'RECORDS', text: { nb: 'Oppbevar dokumentasjon i ti år.', en: 'Keep records.' } },
];

async function setup(
  limits: Partial<EvaluationTotals> = {},
  blockers: GrantBlocker[] = [],
  overrides: Partial<Evaluation> = {},
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
  store.detail.set(myCase());
  store.evaluation.set(
    evaluation({ totals: totals(limits), grantBlockers: blockers, ...overrides }),
  );
  const fixture = TestBed.createComponent(RecommendationFormComponent);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/conditions').flush(CONDITIONS);
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
  return { el, http, choose, type, errors, submit, check, settle };
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

  it('sends a grant with the amount, the chosen and own conditions, and the justification', async () => {
    const { el, http, choose, type, submit, check, settle } = await setup();
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '750000');
    await check('Sluttrapport innen tre måneder.');
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
      amountNok: 750_000,
      justification: 'Godt prosjekt.',
      conditions: [{ code: 'REPORT-FINAL' }, { text: 'Egen milepæl' }],
      grounds: [],
      version: 3,
    });
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
      'Velg minst én regel eller vurdering.',
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
    expect(visibleText(el.querySelector('fieldset [role="alert"]'))).toBe(
      'INT-01 is pass; a rejection rests only on a rule at fail, missing or refer',
    );
  });

  it("puts the server's field messages on the fields", async () => {
    const { http, choose, type, submit, errors, settle } = await setup();
    await choose('grant');
    await type('input[formcontrolname="amountNok"]', '500000');
    await type('textarea[formcontrolname="justification"]', 'Kort.');
    await submit();
    http.expectOne('/api/applications/id-1/recommendation').flush(
      {
        type: 'urn:tilsagn:problem:validation-failed',
        status: 400,
        title: 'The request is not valid',
        errors: [{ path: '$.justification', message: 'Begrunnelsen er for kort.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(errors()).toContain('Begrunnelsen er for kort.');
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
