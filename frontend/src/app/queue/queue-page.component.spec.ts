import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, LEDER, queueItem, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { User } from '../core/api/models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { QueuePageComponent } from './queue-page.component';

@Component({ template: 'case page' })
class CaseStub {}

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

async function open(user: User, url = '/queue/all') {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(user, LATER)));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'queue/all', component: QueuePageComponent, data: { view: 'all' } },
        { path: 'queue/unassigned', component: QueuePageComponent, data: { view: 'unassigned' } },
        {
          path: 'queue/awaiting-applicant',
          component: QueuePageComponent,
          data: { view: 'awaitingApplicant' },
        },
        { path: 'cases/:id', component: CaseStub },
      ]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const http = TestBed.inject(HttpTestingController);
  const el = harness.routeNativeElement!;
  const settle = () => harness.fixture.whenStable();
  const list = (): TestRequest =>
    http.expectOne((r) => r.url === '/api/applications' && r.method === 'GET');
  const button = (label: string) =>
    Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => visibleText(b) === label,
    )!;
  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('tr.queue-row'));
  return { harness, http, el, settle, list, button, rows };
}

describe('Queue page', () => {
  afterEach(() => sessionStorage.clear());

  it('lists the cases, tells how many are shown, and pages with Next and Previous', async () => {
    const { el, settle, list, button, rows } = await open(KARI);
    const status = el.querySelector('[role="status"]')!;
    expect(visibleText(status)).toBe('Henter saker …');

    list().flush({ items: [queueItem(1), queueItem(2, { slaDaysLeft: -3 })], nextCursor: 'c1' });
    await settle();

    expect(visibleText(status)).toBe('Viser 2 saker, side 1.');
    expect(rows().map((r) => visibleText(r.querySelector('a')))).toEqual([
      'PIO-2026-000001',
      'PIO-2026-000002',
    ]);
    expect(visibleText(rows()[0])).toContain('1 500 000 kr');
    expect(visibleText(rows()[0])).toContain('Mottatt');
    expect(visibleText(rows()[1])).toContain('3 dager over frist');
    expect(button('Forrige').disabled).toBe(true);
    expect(button('Neste').disabled).toBe(false);

    button('Neste').click();
    await settle();
    const second = list();
    expect(second.request.params.get('cursor')).toBe('c1');
    second.flush({ items: [queueItem(3)], nextCursor: null });
    await settle();

    expect(visibleText(status)).toBe('Viser 1 sak, side 2.');
    expect(visibleText(el.querySelector('.page-no'))).toBe('Side 2');
    expect(button('Neste').disabled).toBe(true);
    expect(button('Forrige').disabled).toBe(false);

    button('Forrige').click();
    await settle();
    expect(list().request.params.has('cursor')).toBe(false);
  });

  it('sorts on the server when a column header is clicked, and marks the column with aria-sort', async () => {
    const { el, settle, list } = await open(KARI);
    list().flush({ items: [queueItem(1)], nextCursor: null });
    await settle();

    const header = Array.from(el.querySelectorAll<HTMLElement>('th')).find(
      (th) => visibleText(th) === 'Søker',
    )!;
    expect(header.getAttribute('aria-sort')).toBe('none');
    (header.querySelector('.mat-sort-header-container') as HTMLElement).click();
    await settle();

    expect(list().request.params.get('sort')).toBe('applicantName');
    expect(header.getAttribute('aria-sort')).toBe('ascending');
  });

  it('moves between rows with the arrow keys and opens a case with Enter', async () => {
    const { harness, settle, list, rows } = await open(KARI);
    list().flush({ items: [queueItem(1), queueItem(2)], nextCursor: null });
    await settle();

    const [first, second] = rows();
    expect(first.tabIndex).toBe(0);
    expect(second.tabIndex).toBe(-1);

    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(second);
    expect(second.tabIndex).toBe(0);

    second.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/cases/id-2');
    expect(visibleText(harness.routeNativeElement)).toBe('case page');
  });

  it('lets a caseworker take an unassigned case', async () => {
    const { http, settle, list, button } = await open(KARI, '/queue/unassigned');
    const first = list();
    expect(first.request.params.get('queue')).toBe('unassigned');
    first.flush({ items: [queueItem(1, { version: 2 })], nextCursor: null });
    await settle();

    expect(button('Ta saken').getAttribute('aria-label')).toBe('Ta saken PIO-2026-000001');
    button('Ta saken').click();
    const assign = http.expectOne('/api/applications/id-1/assign');
    expect(assign.request.body).toEqual({ assignee: 'kari', version: 2 });
    assign.flush({});
    list().flush({ items: [], nextCursor: null });
    await settle();
    expect(document.body.textContent).toContain('Du har tatt PIO-2026-000001.');
  });

  it('shows the reply-by dates of the cases waiting for the applicant, a Returnert badge, and the pager total', async () => {
    const { el, settle, list, rows } = await open(KARI, '/queue/awaiting-applicant');
    const first = list();
    expect(first.request.params.get('queue')).toBe('awaiting-applicant');
    first.flush({
      items: [
        queueItem(1, { status: 'awaiting_applicant', replyBy: '2026-04-15', returned: true }),
        queueItem(2, { status: 'awaiting_applicant', replyBy: '2026-04-20' }),
      ],
      nextCursor: 'c1',
      total: 120,
      totalIsEstimate: false,
    });
    await settle();

    const headers = Array.from(el.querySelectorAll('th')).map((th) => visibleText(th));
    expect(headers).toContain('Svarfrist');
    expect(el.querySelector('td.mat-column-replyBy')!.textContent).toContain('15. apr. 2026');
    expect(rows()[0].querySelector('.badge--returned')?.textContent).toContain('Returnert');
    expect(rows()[1].querySelector('.badge--returned')).toBeNull();
    expect(visibleText(el.querySelector('.page-no'))).toBe('Side 1 av 3');
    expect(visibleText(el.querySelector('[role="status"]'))).toBe(
      'Viser 2 av 120 saker, side 1 av 3.',
    );
    // The status chips belong to the views of every status.
    expect(el.querySelector('#status-filter-label')).toBeNull();
  });

  it('offers row selection and bulk assignment to managers only', async () => {
    const worker = await open(KARI);
    worker.list().flush({ items: [queueItem(1)], nextCursor: null });
    await worker.settle();
    expect(worker.el.querySelector('mat-checkbox')).toBeNull();
    TestBed.resetTestingModule();

    const { el, settle, list, button } = await open(LEDER);
    list().flush({ items: [queueItem(1), queueItem(2)], nextCursor: null });
    await settle();

    const boxes = el.querySelectorAll<HTMLInputElement>('mat-checkbox input');
    expect(boxes).toHaveLength(3);
    boxes[1].click();
    await settle();
    expect(visibleText(el.querySelector('.bulk-bar'))).toContain('1 valgt');
    expect(button('Tildel valgte')).toBeTruthy();
  });
});
