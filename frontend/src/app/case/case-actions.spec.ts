import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, evaluation, myCase, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { User } from '../core/api/models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { CasePageComponent } from './case-page.component';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();
const OLA: User = { username: 'ola', displayName: 'Ola Nordmann', roles: ['caseworker'] };

async function open(user: User, url = '/cases/id-1') {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(user, LATER)));
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        [{ path: 'cases/:id', component: CasePageComponent }],
        withComponentInputBinding(),
      ),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const el = harness.routeNativeElement!;
  const http = TestBed.inject(HttpTestingController);
  const settle = () => harness.fixture.whenStable();
  const buttons = () => Array.from(el.querySelectorAll<HTMLButtonElement>('.actions button'));
  const button = (label: string, root: ParentNode = el) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => visibleText(b) === label,
    );
  return { harness, el, http, settle, buttons, button };
}

const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
const snack = () => visibleText(document.querySelector('mat-snack-bar-container'));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('Case header actions', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('show only the actions the server allows now, and start the review on request', async () => {
    const { http, settle, buttons, el } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(
      myCase({
        status: 'received',
        version: 4,
        allowedActions: ['start-review', 'withdraw', 'note'],
      }),
    );
    await settle();
    expect(buttons().map((b) => visibleText(b))).toEqual([
      'Start behandling',
      'Skriv ut saken',
      'Trekk saken',
    ]);

    buttons()[0].click();
    const req = http.expectOne('/api/applications/id-1/status');
    expect(req.request.body).toEqual({ status: 'in_review', version: 4 });
    req.flush(
      myCase({
        status: 'in_review',
        version: 5,
        allowedActions: ['request-information', 'recommend', 'withdraw'],
      }),
    );
    await settle();

    const status = Array.from(el.querySelectorAll('.facts > div')).find(
      (d) => visibleText(d.querySelector('dt')) === 'Status',
    );
    expect(visibleText(status?.querySelector('dd'))).toBe('Under behandling');
    expect(snack()).toBe('PIO-2026-000001 har nå status «Under behandling».');
    expect(buttons().map((b) => visibleText(b))).toEqual([
      'Be om opplysninger',
      'Innstill',
      'Skriv ut saken',
      'Trekk saken',
    ]);
  });

  it('asks the applicant for information with a message and a reply-by date', async () => {
    const { http, settle, button } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(myCase({ version: 7 }));
    await settle();

    button('Be om opplysninger')!.click();
    await settle();
    const d = dialog()!;
    expect(visibleText(d.querySelector('h2'))).toBe('Be om opplysninger – PIO-2026-000001');

    // The message is required.
    button('Send forespørsel', d)!.click();
    await settle();
    http.expectNone('/api/applications/id-1/status');
    expect(visibleText(d.querySelector('mat-error'))).toBe('Skriv hva søkeren må sende inn.');

    await type(
      d.querySelector('textarea[formcontrolname="message"]')!,
      'Send årsregnskapet for 2025.',
    );
    await type(d.querySelector('input[formcontrolname="replyBy"]')!, '2099-05-01');
    await settle();
    button('Send forespørsel', d)!.click();
    const req = http.expectOne('/api/applications/id-1/status');
    expect(req.request.body).toEqual({
      status: 'awaiting_applicant',
      version: 7,
      message: 'Send årsregnskapet for 2025.',
      replyBy: '2099-05-01',
    });
    req.flush(myCase({ status: 'awaiting_applicant', version: 8 }));
    await settle();
    await wait(200);
    expect(dialog()).toBeNull();
  });

  it('says plainly when the case can no longer make that move', async () => {
    const { http, settle, button } = await open(KARI);
    http
      .expectOne('/api/applications/id-1')
      .flush(myCase({ status: 'received', allowedActions: ['start-review'] }));
    await settle();
    button('Start behandling')!.click();
    http.expectOne('/api/applications/id-1/status').flush(
      {
        type: 'urn:tilsagn:problem:illegal-transition',
        title: 'Not allowed now',
        status: 409,
        currentStatus: 'withdrawn',
        requestedStatus: 'in_review',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(snack()).toContain('Saken kan ikke gå fra «Trukket» til «Under behandling».');
  });
});

describe('Rules tab', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('shows each rule with its outcome in words, the explanation and the legal reference', async () => {
    const { el, http, settle } = await open(KARI, '/cases/id-1?tab=rules');
    http.expectOne('/api/applications/id-1').flush(myCase());
    http.expectOne('/api/applications/id-1/evaluations/latest').flush(evaluation());
    await settle();

    const rows = Array.from(el.querySelectorAll('table.rules tbody tr')).map((tr) =>
      Array.from(tr.children)
        .slice(0, 4)
        .map((c) =>
          c.children.length > 1 && c.tagName === 'TH'
            ? Array.from(c.children)
                .map((part) => visibleText(part))
                .join(' ')
            : visibleText(c),
        ),
    );
    // What fails comes first.
    expect(rows).toEqual([
      [
        'INT-01 Støtteintensitet',
        'Ikke oppfylt',
        'Omsøkt støtte er over maksimal støtte 810 000 kr.',
        'GBER art. 29(4), art. 7',
      ],
      ['INC-01 Insentiveffekt', 'Oppfylt', 'Søknaden kom før prosjektstart.', 'GBER art. 6(2)'],
    ]);
    expect(el.querySelector('table.rules .outcome--fail mat-icon')?.textContent).toBe('cancel');
    expect(visibleText(el.querySelector('#rules-shown'))).toBe('Viser 2 av 2 regler, 1 med avvik.');

    // "Bare avvik": only the rule not met.
    el.querySelector<HTMLButtonElement>('.rules-tools mat-slide-toggle button')!.click();
    await settle();
    expect(
      Array.from(el.querySelectorAll('table.rules tbody tr th .rule-id')).map((c) =>
        visibleText(c),
      ),
    ).toEqual(['INT-01']);
    expect(visibleText(el.querySelector('#rules-shown'))).toBe('Viser 1 av 2 regler, 1 med avvik.');
  });

  it('lets the caseworker record a judgment with a rationale', async () => {
    const { el, http, settle, button } = await open(KARI, '/cases/id-1?tab=rules');
    http.expectOne('/api/applications/id-1').flush(myCase({ version: 5 }));
    http.expectOne('/api/applications/id-1/evaluations/latest').flush(evaluation());
    await settle();

    const form = el.querySelector<HTMLFormElement>('form.judgment')!;
    expect(visibleText(form.querySelector('h3'))).toBe('J-INNO-01 Innovasjon');
    form.querySelector<HTMLInputElement>('mat-radio-button[value="pass"] input')!.click();
    await type(form.querySelector('textarea')!, 'Ny robotcelle endrer produksjonsprosessen.');
    await settle();
    button('Lagre skjønnsvurdering', form)!.click();

    const req = http.expectOne('/api/applications/id-1/judgments/J-INNO-01');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({
      outcome: 'pass',
      rationale: 'Ny robotcelle endrer produksjonsprosessen.',
      version: 5,
    });
    req.flush({
      criterionId: 'J-INNO-01',
      outcome: 'pass',
      rationale: 'x',
      recordedBy: 'kari',
      version: 6,
      revision: 1,
    });
    // The case (and with it the evaluation) is fetched again.
    http.expectOne('/api/applications/id-1');
  });

  it("keeps the judgments read-only, and says why, for someone who is not the case's caseworker", async () => {
    const { el, http, settle } = await open(OLA, '/cases/id-1?tab=rules');
    http.expectOne('/api/applications/id-1').flush(myCase({ allowedActions: ['note'] }));
    http.expectOne('/api/applications/id-1/evaluations/latest').flush(evaluation());
    await settle();

    expect(visibleText(el.querySelector('#judgments-hint'))).toBe(
      'Bare saksbehandleren som har saken kan endre skjønnsvurderinger og godkjente beløp.',
    );
    const textarea = el.querySelector<HTMLTextAreaElement>('form.judgment textarea')!;
    expect(textarea.disabled).toBe(true);
    expect(textarea.getAttribute('aria-describedby')).toContain('judgments-hint');
    expect(el.querySelector('form.judgment button[type="submit"]')).toBeNull();
  });
});

describe('Costs tab', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('recalculates the totals as an approved amount is typed, and saves each changed line', async () => {
    const { el, http, settle, button } = await open(KARI, '/cases/id-1?tab=costs');
    http.expectOne('/api/applications/id-1').flush(myCase({ version: 3 }));
    http.expectOne('/api/applications/id-1/evaluations/latest').flush(evaluation());
    await settle();

    const amount = el.querySelector<HTMLInputElement>(
      'input[aria-label="Godkjent beløp, linje 2"]',
    )!;
    await type(amount, '400000');
    await settle();
    await wait(350);
    const whatIf = http.expectOne('/api/applications/id-1/what-if');
    expect(whatIf.request.body).toEqual({
      costLines: [{ id: 'cl-2', approvedAmountNok: 400_000 }],
    });
    whatIf.flush({
      evaluation: {
        ...evaluation(),
        totals: {
          ...evaluation().totals,
          eligibleCostsNok: 1_420_000,
          pendingAssessmentNok: 0,
          maxAidNok: 710_000,
        },
      },
      changes: [],
    });
    await settle();

    const changed = Array.from(el.querySelectorAll('.totals .changed')).map(
      (d) => `${visibleText(d.querySelector('dt'))} ${visibleText(d.querySelector('dd'))}`,
    );
    expect(changed).toEqual([
      'Støtteberettigede kostnader 1 420 000 kr var 1 620 000 kr',
      'Uten godkjent beløp ennå 0 kr var 600 000 kr',
      'Maksimal støtte 710 000 kr var 810 000 kr',
    ]);
    expect(visibleText(el.querySelector('.totals [role="status"]'))).toBe(
      'Ny beregning: Støtteberettigede kostnader 1 420 000 kr, var 1 620 000 kr; ' +
        'Uten godkjent beløp ennå 0 kr, var 600 000 kr; Maksimal støtte 710 000 kr, var 810 000 kr.',
    );

    // A reason is required with an amount.
    button('Lagre godkjente beløp (1)')!.click();
    await settle();
    http.expectNone('/api/applications/id-1/cost-lines/cl-2/assessment');

    await type(
      el.querySelector<HTMLTextAreaElement>(
        'textarea[aria-label="Begrunnelse for godkjent beløp, linje 2"]',
      )!,
      'Bare analysedelen er nødvendig.',
    );
    await settle();
    button('Lagre godkjente beløp (1)')!.click();
    const save = http.expectOne('/api/applications/id-1/cost-lines/cl-2/assessment');
    expect(save.request.method).toBe('PUT');
    expect(save.request.body).toEqual({
      approvedAmountNok: 400_000,
      reason: 'Bare analysedelen er nødvendig.',
      version: 3,
    });
  });
});

describe('Notes tab', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('starts a note from a cost line, anchored to that line', async () => {
    const { harness, el, http, settle } = await open(KARI, '/cases/id-1?tab=costs');
    http.expectOne('/api/applications/id-1').flush(myCase());
    http.expectOne('/api/applications/id-1/evaluations/latest').flush(evaluation());
    await settle();

    el.querySelector<HTMLButtonElement>('button[aria-label="Skriv notat om linje 2"]')!.click();
    await settle();
    await harness.fixture.whenStable();
    http.expectOne('/api/applications/id-1/notes').flush([]);
    await settle();

    const composer = el.querySelector<HTMLFormElement>('form.composer')!;
    expect(visibleText(composer.querySelector('mat-select'))).toBe(
      'Kostnadslinje 2: Prosessanalyse',
    );
    await type(composer.querySelector('textarea')!, 'Sjekk timeprisen.');
    composer.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const req = http.expectOne(
      (r) => r.url === '/api/applications/id-1/notes' && r.method === 'POST',
    );
    expect(req.request.body).toEqual({
      body: 'Sjekk timeprisen.',
      anchor: { type: 'costLine', ref: 'cl-2' },
    });
  });
});

describe('Decision tab', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  const APPROVER: User = {
    username: 'ingrid',
    displayName: 'Ingrid Berg',
    roles: ['caseworker', 'approver'],
  };

  it('shows the approver the open recommendation and lets them return it with a reason', async () => {
    const { el, http, settle, button } = await open(APPROVER, '/cases/id-1?tab=decision');
    http
      .expectOne('/api/applications/id-1')
      .flush(myCase({ status: 'recommended', version: 9, allowedActions: ['decide', 'note'] }));
    await settle();
    http.match('/api/conditions').forEach((r) =>
      r.flush([
        {
          code: 'REPORT-FINAL',
          text: { nb: 'Sluttrapport innen tre måneder.', en: 'Final report.' },
        },
      ]),
    );
    http
      .expectOne('/api/applications/id-1/changes-since-return')
      .flush({ returned: null, changes: [] });
    http.expectOne('/api/applications/id-1/recommendations').flush([
      {
        id: 'r-1',
        outcome: 'grant',
        amountNok: 750_000,
        justification: 'Godt prosjekt.',
        conditions: [
          {
            code: 'REPORT-FINAL',
            text: { nb: 'Sluttrapport innen tre måneder.', en: 'Final report.' },
          },
        ],
        grounds: [],
        recommendedBy: 'kari',
        recommendedAt: '2026-03-10T09:00:00Z',
        returned: null,
      },
    ]);
    await settle();

    const summary = el.querySelector('section[aria-labelledby="rec-summary-title"]')!;
    expect(visibleText(summary)).toContain('Innvilge');
    expect(visibleText(summary)).toContain('750 000 kr');
    expect(visibleText(summary)).toContain('Sluttrapport innen tre måneder.');

    const form = el.querySelector<HTMLFormElement>('app-decision-form form')!;
    form.querySelector<HTMLInputElement>('mat-radio-button[value="return"] input')!.click();
    await settle();
    // A return needs a reason and a comment.
    button('Returner saken', form)!.click();
    await settle();
    http.expectNone('/api/applications/id-1/decision');
    expect(Array.from(form.querySelectorAll('mat-error')).map((e) => visibleText(e))).toEqual([
      'Velg en årsak.',
      'Skriv hva som må gjøres.',
    ]);

    form.querySelector<HTMLElement>('mat-select')!.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => visibleText(o) === 'Mangelfull begrunnelse')!
      .click();
    await type(form.querySelector('textarea')!, 'Begrunn beløpet.');
    await settle();
    button('Returner saken', form)!.click();
    const req = http.expectOne('/api/applications/id-1/decision');
    expect(req.request.body).toEqual({
      action: 'return',
      reasonCode: 'missing-justification',
      comment: 'Begrunn beløpet.',
      version: 9,
    });
  });

  it('shows what changed since the case was returned', async () => {
    const { el, http, settle } = await open(KARI, '/cases/id-1?tab=decision');
    http.expectOne('/api/applications/id-1').flush(myCase({ allowedActions: ['recommend'] }));
    await settle();
    http.match('/api/conditions').forEach((r) => r.flush([]));
    http.expectOne('/api/applications/id-1/changes-since-return').flush({
      returned: {
        at: '2026-03-11T10:00:00Z',
        by: 'ingrid',
        reasonCode: 'wrong-result',
        comment: 'Sjekk INT-01.',
      },
      changes: [
        {
          kind: 'assessment',
          actor: 'kari',
          at: '2026-03-11T12:00:00Z',
          ref: 'cl-2',
          before: { approvedAmountNok: null },
          after: { approvedAmountNok: 400000, reason: 'Bare analysen' },
        },
      ],
    });
    await settle();

    const changes = el.querySelector('section[aria-labelledby="part-changes"]')!;
    expect(visibleText(changes)).toContain('Feil resultat');
    expect(visibleText(changes)).toContain('Sjekk INT-01.');
    const row = Array.from(changes.querySelectorAll('tbody td')).map((td) => visibleText(td));
    // Formatted values with their labels, never the raw fields.
    expect(row.slice(0, 3)).toEqual([
      'Godkjent beløp Kostnadslinje 2: Prosessanalyse',
      'Som beregnet (ikke satt)',
      '400 000 kr (Bare analysen)',
    ]);
    expect(visibleText(changes)).not.toContain('approvedAmountNok');
  });

  it("offers the decided case's letters in both languages and downloads the chosen one", async () => {
    const { el, http, settle, button } = await open(KARI, '/cases/id-1?tab=decision');
    http
      .expectOne('/api/applications/id-1')
      .flush(myCase({ status: 'decided', decision: { outcome: 'granted' }, allowedActions: [] }));
    await settle();
    http.match('/api/conditions').forEach((r) => r.flush([]));
    http.expectOne('/api/applications/id-1/decision').flush({
      outcome: 'granted',
      amountNok: 750_000,
      decidedBy: 'ingrid',
      decidedByName: 'Ingrid Berg',
      decidedAt: '2026-03-12T10:00:00Z',
      recommendedBy: 'kari',
      recommendedByName: 'Kari Nordmann',
      conditions: [
        {
          code: 'REPORT-FINAL',
          text: { nb: 'Sluttrapport innen tre måneder.', en: 'Final report.' },
        },
      ],
      justification: 'Godt prosjekt.',
    });
    await settle();
    const decided = visibleText(el.querySelector('section[aria-labelledby="decided-title"]'));
    expect(decided).toContain('Innvilget');
    // People by name, not by username.
    expect(decided).toContain('Ingrid Berg');
    expect(decided).toContain('Kari Nordmann');

    const createObjectURL = jest.fn(() => 'blob:letter');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);

    expect(button('Last ned vedtaksbrevet (bokmål)')).toBeDefined();
    button('Last ned vedtaksbrevet (engelsk)')!.click();
    const req = http.expectOne((r) => r.url === '/api/applications/id-1/decision/letter.pdf');
    expect(req.request.params.get('lang')).toBe('en');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await settle();
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });
});

describe('Timeline tab', () => {
  afterEach(() => sessionStorage.clear());

  afterEach(() => localStorage.clear());

  it('lists the events newest first, in words, with the re-run folded in, and filters them by kind', async () => {
    const { el, http, settle } = await open(KARI, '/cases/id-1?tab=timeline');
    http.expectOne('/api/applications/id-1').flush(myCase());
    await settle();
    http.expectOne('/api/applications/id-1/timeline').flush([
      {
        id: 1,
        occurredAt: '2026-03-02T10:15:00Z',
        actor: 'portal',
        kind: 'intake',
        summary: { nb: 'Søknad mottatt', en: 'Application received' },
        data: {},
      },
      {
        id: 2,
        occurredAt: '2026-03-03T08:00:00Z',
        actor: 'kari',
        kind: 'status',
        summary: { nb: 'Status: received → in_review', en: 'x' },
        data: { before: { status: 'received' }, after: { status: 'in_review' } },
      },
      {
        id: 3,
        occurredAt: '2026-03-03T08:00:00Z',
        actor: 'kari',
        kind: 'evaluation',
        summary: { nb: 'Regelsjekk kjørt etter en endring', en: 'x' },
        data: { reason: 'change', after: { maxAidNok: 1250000, flags: { fail: 0 } } },
      },
    ]);
    await settle();

    const items = () =>
      Array.from(el.querySelectorAll('ol.timeline > li')).map((li) =>
        visibleText(li.querySelector('.summary')),
      );
    expect(items()).toEqual(['Status: Mottatt → Under behandling', 'Søknad mottatt']);
    expect(visibleText(el.querySelector('ol.timeline > li .rerun'))).toBe(
      'Regelsjekk kjørt på nytt: Maksimal støtte: 1 250 000 kr',
    );

    el.querySelector<HTMLElement>('mat-select')!.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => visibleText(o) === 'Statusendring')!
      .click();
    await settle();
    expect(items()).toEqual(['Status: Mottatt → Under behandling']);
    expect(visibleText(el.querySelector('[role="status"]'))).toBe('Viser 1 av 2 hendelser.');
  });
});

describe('Correcting a fact', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('corrects a figure with a reason, showing the value the rules use now', async () => {
    const { el, http, settle, button } = await open(KARI);
    http
      .expectOne('/api/applications/id-1')
      .flush(myCase({ version: 7, allowedActions: ['assess', 'note'] }));
    await settle();
    const form = el.querySelector<HTMLFormElement>('app-fact-correction-form form')!;
    expect(visibleText(el.querySelector('#ov-correct'))).toBe('Rett en opplysning');

    // Nothing is sent without a fact, a value and a reason.
    button('Lagre rettelsen', form)!.click();
    await settle();
    http.expectNone('/api/applications/id-1/corrections');
    expect(Array.from(form.querySelectorAll('mat-error')).map((e) => visibleText(e))).toEqual([
      'Velg opplysningen som skal rettes.',
      'Skriv inn riktig verdi.',
      'Skriv en begrunnelse.',
    ]);

    form.querySelector<HTMLElement>('mat-select')!.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => visibleText(o) === 'Årsverk (2025)')!
      .click();
    await settle();
    expect(visibleText(form.querySelector('mat-hint'))).toBe('Nå: 42');
    const [value, reason] = Array.from(form.querySelectorAll<HTMLInputElement>('input'));
    expect(value.type).toBe('number');
    await type(value, '260');
    await type(reason, 'Årsregnskapet 2025 viser 260 årsverk.');
    await settle();
    button('Lagre rettelsen', form)!.click();

    const req = http.expectOne('/api/applications/id-1/corrections');
    expect(req.request.body).toEqual({
      path: 'applicant.financials[1].annualWorkUnits',
      value: 260,
      reason: 'Årsregnskapet 2025 viser 260 årsverk.',
      version: 7,
    });
    req.flush(myCase({ version: 8, allowedActions: ['assess', 'note'] }));
    await settle();
    expect(snack()).toBe('Årsverk (2025) er rettet. Regelsjekken er kjørt på nytt.');
  });

  it('says when a value does not fit the fact, and starts afresh when another fact is chosen', async () => {
    const { el, http, settle, button } = await open(KARI);
    http
      .expectOne('/api/applications/id-1')
      .flush(myCase({ version: 7, allowedActions: ['assess', 'note'] }));
    await settle();
    const form = el.querySelector<HTMLFormElement>('app-fact-correction-form form')!;
    const choose = async (label: string) => {
      form.querySelector<HTMLElement>('mat-select')!.click();
      await settle();
      Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
        .find((o) => visibleText(o) === label)!
        .click();
      await settle();
    };
    await choose('Omsetning (2025)');
    const inputs = () => Array.from(form.querySelectorAll<HTMLInputElement>('input'));
    await type(inputs()[0], '12.5');
    await type(inputs()[1], 'Årsregnskapet.');
    await settle();
    button('Lagre rettelsen', form)!.click();
    await settle();
    http.expectNone('/api/applications/id-1/corrections');
    expect(Array.from(form.querySelectorAll('mat-error')).map((e) => visibleText(e))).toEqual([
      'Verdien passer ikke til opplysningen.',
    ]);

    await choose('Årsverk (2025)');
    expect(inputs()[0].value).toBe('');
    await type(inputs()[0], '12.5');
    await settle();
    button('Lagre rettelsen', form)!.click();
    const req = http.expectOne('/api/applications/id-1/corrections');
    expect(req.request.body).toMatchObject({
      path: 'applicant.financials[1].annualWorkUnits',
      value: 12.5,
    });
    req.flush(myCase({ version: 8, allowedActions: ['assess', 'note'] }));
    await settle();
  });

  it('is not offered to someone who may not assess the case', async () => {
    const { el, http, settle } = await open(OLA);
    http.expectOne('/api/applications/id-1').flush(myCase({ allowedActions: ['note'] }));
    await settle();
    expect(el.querySelector('app-fact-correction-form form')).toBeNull();
  });
});
