import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, LEDER, caseDetail, evaluation, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { User } from '../core/api/models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { CasePageComponent } from './case-page.component';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

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
  return { harness, el, http, settle, buttons };
}

function fact(el: HTMLElement, label: string): string {
  const item = Array.from(el.querySelectorAll('.facts > div')).find(
    (d) => visibleText(d.querySelector('dt')) === label,
  );
  return visibleText(item?.querySelector('dd'));
}

describe('Case page', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('shows the reference, applicant, status, assignee and deadline of the case', async () => {
    const { el, http, settle } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(caseDetail());
    await settle();

    expect(visibleText(el.querySelector('h1'))).toBe('PIO-2026-000001 Fjordplast AS');
    expect(fact(el, 'Status')).toBe('Mottatt');
    expect(fact(el, 'Saksbehandler')).toBe('Ikke tildelt');
    expect(fact(el, 'Frist')).toBe('1. apr. 2026 12 dager igjen');
    expect(fact(el, 'Omsøkt beløp')).toBe('1 500 000 kr');
  });

  it('shows the size data per year, newest first, in the overview', async () => {
    const { el, http, settle } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(caseDetail());
    await settle();

    const table = el.querySelector('#ov-size')!.parentElement!.querySelector('table')!;
    const headers = Array.from(table.querySelectorAll('thead th')).map((th) => visibleText(th));
    expect(headers).toEqual(['Tall', '2025', '2024']);
    const turnover = Array.from(table.querySelectorAll('tbody tr')).find(
      (tr) => visibleText(tr.querySelector('th')) === 'Omsetning',
    )!;
    expect(Array.from(turnover.querySelectorAll('td')).map((td) => visibleText(td))).toEqual([
      '98 000 000 kr',
      '91 000 000 kr',
    ]);
  });

  it('lists the cost lines with their basis, outcome and eligible amount in the Costs tab', async () => {
    const { el, http, settle } = await open(KARI, '/cases/id-1?tab=costs');
    http.expectOne('/api/applications/id-1').flush(caseDetail());
    http.expectOne('/api/applications/id-1/evaluations/latest').flush(evaluation());
    await settle();

    const rows = Array.from(el.querySelectorAll('table.costs-table tbody tr'));
    const cells = (tr: Element) => Array.from(tr.children).map((td) => visibleText(td));
    expect(rows.map(cells)).toEqual([
      [
        '1',
        'Personal',
        'Prosjektleder, 1 200 timer 1 200 timer à 850 kr',
        '1 020 000 kr',
        'Støtteberettiget',
        '1 020 000 kr',
        'Ikke satt',
        '',
      ],
      [
        '2',
        'Konsulenttjenester',
        'Prosessanalyse Leverandør: Prosessråd AS (uavhengig) COST-06 Vurder mot J-INNO-03.',
        '600 000 kr',
        'Må vurderes',
        '600 000 kr',
        'Ikke satt',
        '',
      ],
    ]);
    expect(cells(el.querySelector('tfoot tr')!)).toEqual([
      '',
      'Sum',
      '1 620 000 kr',
      '',
      '1 620 000 kr',
      '',
    ]);
  });

  it('lets a caseworker take an unassigned case, sending the version it was shown', async () => {
    const { el, http, settle, buttons } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(caseDetail({ version: 3 }));
    await settle();
    expect(buttons().map((b) => visibleText(b))).toEqual(['Ta saken', 'Skriv ut saken']);

    buttons()[0].click();
    const assign = http.expectOne('/api/applications/id-1/assign');
    expect(assign.request.body).toEqual({ assignee: 'kari', version: 3 });
    assign.flush(
      caseDetail({
        version: 4,
        status: 'in_review',
        assignee: { username: 'kari', displayName: 'Kari Nordmann' },
        allowedActions: ['request-information', 'withdraw', 'recommend', 'assess', 'note'],
      }),
    );
    await settle();

    expect(fact(el, 'Saksbehandler')).toBe('Kari Nordmann');
    expect(buttons().map((b) => visibleText(b))).toEqual([
      'Be om opplysninger',
      'Innstill',
      'Skriv ut saken',
      'Trekk saken',
    ]);
  });

  it('says someone else changed the case on 409, and reloads it on request', async () => {
    const { http, settle, buttons } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(caseDetail());
    await settle();

    buttons()[0].click();
    http
      .expectOne('/api/applications/id-1/assign')
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Stale version' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();

    const snack = document.querySelector('mat-snack-bar-container')!;
    expect(visibleText(snack)).toContain('Noen andre har endret saken.');
    Array.from(snack.querySelectorAll('button'))
      .find((b) => visibleText(b) === 'Last inn på nytt')!
      .click();
    http.expectOne('/api/applications/id-1').flush(caseDetail({ version: 5 }));
  });

  it('offers managers to assign or withdraw the case, and no Take', async () => {
    const { http, settle, buttons } = await open(LEDER);
    http
      .expectOne('/api/applications/id-1')
      .flush(caseDetail({ allowedActions: ['assign', 'withdraw', 'note'] }));
    await settle();
    expect(buttons().map((b) => visibleText(b))).toEqual([
      'Tildel',
      'Skriv ut saken',
      'Trekk saken',
    ]);
  });

  it('"Skriv ut saken" fetches the case report in the console\'s language and hands it over as a file', async () => {
    const { http, settle, buttons } = await open(KARI);
    http.expectOne('/api/applications/id-1').flush(caseDetail());
    await settle();
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });

    const print = buttons().find((b) => visibleText(b) === 'Skriv ut saken')!;
    print.click();
    await settle();
    expect(print.disabled).toBe(true);
    expect(visibleText(print)).toBe('Lager saksutskrift …');
    const report = http.expectOne('/api/applications/id-1/case-report.pdf?lang=nb');
    report.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await settle();

    expect(createObjectURL).toHaveBeenCalled();
    expect(clicked).toEqual(['PIO-2026-000001-saksutskrift-nb.pdf']);
    expect(visibleText(document.querySelector('mat-snack-bar-container'))).toContain(
      'Saksutskriften (PDF) er lastet ned.',
    );
    expect(print.disabled).toBe(false);
    click.mockRestore();
  });

  it('says so when the case does not exist', async () => {
    const { el, http, settle } = await open(KARI, '/cases/nope');
    http
      .expectOne('/api/applications/nope')
      .flush({ title: 'Not Found', status: 404 }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(visibleText(el.querySelector('[role="alert"] h1'))).toBe('Fant ikke saken');
  });
});
