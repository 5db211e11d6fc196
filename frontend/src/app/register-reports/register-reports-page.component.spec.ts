import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { RegisterReport } from '../core/api/workflow.models';
import { RegisterReportsPageComponent } from './register-reports-page.component';

function report(n: number, overrides: Partial<RegisterReport> = {}): RegisterReport {
  return {
    decisionId: `d-${n}`,
    applicationId: `id-${n}`,
    reference: `PIO-2026-00000${n}`,
    applicant: { name: `Søker ${n} AS`, orgNumber: '923609016', county: null, naceCode: null },
    amountNok: 1_633_000,
    amountEur: 142_000,
    decidedAt: '2026-03-12T10:00:00Z',
    dueOn: '2099-09-12',
    aidInstrument: 'grant',
    legalBasis: 'GBER art. 29',
    decisionDate: '2026-03-12',
    // As the server says it: past the due date and not reported.
    overdue: (overrides.dueOn ?? '2099-09-12') < new Date().toISOString().slice(0, 10),
    reportedAt: null,
    reportedBy: null,
    registerReference: null,
    ...overrides,
  };
}

async function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const fixture = TestBed.createComponent(RegisterReportsPageComponent);
  const http = TestBed.inject(HttpTestingController);
  const settle = () => fixture.whenStable();
  return { el: fixture.nativeElement as HTMLElement, http, settle };
}

describe('Register reports', () => {
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove()));

  it('lists the awards to report with their deadline, the overdue ones marked in words', async () => {
    const { el, http, settle } = await setup();
    const req = http.expectOne((r) => r.url === '/api/register-reports');
    expect(req.request.params.get('status')).toBe('due');
    req.flush({
      items: [report(1), report(2, { dueOn: '2020-01-01' })],
      nextCursor: null,
      total: 2,
    });
    await settle();

    const rows = Array.from(el.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.children).map((cell) =>
        cell.children.length > 1
          ? Array.from(cell.children)
              .map((part) => visibleText(part))
              .join(' ')
          : visibleText(cell),
      ),
    );
    expect(rows[0].slice(0, 3)).toEqual([
      'PIO-2026-000001',
      'Søker 1 AS 923609016',
      '1 633 000 kr EUR 142 000,00',
    ]);
    expect(rows[1][4]).toBe('1. jan. 2020 Over frist');
    expect(visibleText(el.querySelector('[role="status"]'))).toBe(
      '2 tildelinger skal rapporteres.',
    );
  });

  it("marks an award as reported with the register's reference", async () => {
    const { el, http, settle } = await setup();
    http
      .expectOne((r) => r.url === '/api/register-reports')
      .flush({ items: [report(1)], nextCursor: null, total: 1 });
    await settle();

    el.querySelector<HTMLButtonElement>('tbody button')!.click();
    await settle();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container')!;
    const submit = dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.click();
    await settle();
    expect(visibleText(dialog.querySelector('mat-error'))).toBe(
      'Skriv inn referansen fra registeret.',
    );

    const input = dialog.querySelector<HTMLInputElement>('input')!;
    input.value = 'RFOS-2026-0042';
    input.dispatchEvent(new Event('input'));
    submit.click();
    const req = http.expectOne('/api/register-reports/d-1/reported');
    expect(req.request.body).toEqual({ registerReference: 'RFOS-2026-0042' });
    req.flush(
      report(1, { reportedAt: '2026-03-20T10:00:00Z', registerReference: 'RFOS-2026-0042' }),
    );
    await settle();
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(el.querySelectorAll('tbody tr')).toHaveLength(0);
    expect(visibleText(document.querySelector('mat-snack-bar-container'))).toContain(
      'PIO-2026-000001 er markert som rapportert.',
    );
  });

  it('counts every award due, shows the first hundred, and the next ones on "Vis flere"', async () => {
    const { el, http, settle } = await setup();
    const first = http.expectOne((r) => r.url === '/api/register-reports');
    expect(first.request.params.get('cursor')).toBeNull();
    first.flush({ items: [report(1), report(2)], nextCursor: 'c2', total: 3 });
    await settle();
    expect(visibleText(el.querySelector('[role="status"]'))).toBe(
      '3 tildelinger skal rapporteres. Viser 2 av 3.',
    );

    const more = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => visibleText(b) === 'Vis flere',
    )!;
    more.click();
    const next = http.expectOne((r) => r.url === '/api/register-reports');
    expect(next.request.params.get('cursor')).toBe('c2');
    expect(next.request.params.get('status')).toBe('due');
    next.flush({ items: [report(3)], nextCursor: null });
    await settle();
    expect(el.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(visibleText(el.querySelector('[role="status"]'))).toBe(
      '3 tildelinger skal rapporteres.',
    );
    expect(
      Array.from(el.querySelectorAll('button')).some((b) => visibleText(b) === 'Vis flere'),
    ).toBe(false);
  });
});
