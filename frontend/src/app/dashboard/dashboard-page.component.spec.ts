import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { StatsOverview } from '../core/api/workflow.models';
import { DashboardPageComponent, weekLabel } from './dashboard-page.component';

const STATS: StatsOverview = {
  countsByStatus: {
    received: 4,
    in_review: 10,
    awaiting_applicant: 2,
    recommended: 3,
    decided: 20,
    withdrawn: 1,
  },
  ageing: [
    { bucket: '0-10', count: 6 },
    { bucket: '11-20', count: 5 },
    { bucket: '21-40', count: 5 },
    { bucket: '>40', count: 3 },
  ],
  workload: [
    { username: 'kari', displayName: 'Kari Nordmann', open: 9, overdue: 2 },
    { username: 'ola', displayName: 'Ola Hansen', open: 7, overdue: 0 },
  ],
  decisionsPerWeek: [
    { week: '2026-W10', granted: 3, rejected: 1 },
    { week: '2026-W11', granted: 2, rejected: 2 },
  ],
  grantedThisYear: { count: 12, amountNok: 14_500_000 },
  overdue: 4,
};

async function setup() {
  // jsdom has no canvas; the charts are skipped and the tables carry the numbers.
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const fixture = TestBed.createComponent(DashboardPageComponent);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/stats/overview').flush(STATS);
  await fixture.whenStable();
  return { el: fixture.nativeElement as HTMLElement, fixture };
}

function table(el: HTMLElement, heading: string): string[][] {
  const figure = Array.from(el.querySelectorAll('figure')).find(
    (f) => visibleText(f.querySelector('h2')) === heading,
  )!;
  return Array.from(figure.querySelectorAll('table tr')).map((tr) =>
    Array.from(tr.children).map((c) => visibleText(c)),
  );
}

describe('Dashboard', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the amount granted this year and the overdue cases', async () => {
    const { el } = await setup();
    const cards = Array.from(el.querySelectorAll('.card')).map((c) =>
      Array.from(c.children).map((part) => visibleText(part)),
    );
    expect(cards).toEqual([
      ['Innvilget i år', '14 500 000 kr', '12 saker'],
      ['Saker over frist', '4', 'Se sakene over frist'],
      ['Åpne saker', '19'],
    ]);
  });

  it('gives every chart a table with the same numbers, with headers', async () => {
    const { el } = await setup();
    expect(table(el, 'Saker per status')).toEqual([
      ['Status', 'Saker'],
      ['Mottatt', '4'],
      ['Under behandling', '10'],
      ['Venter på søker', '2'],
      ['Innstilt', '3'],
      ['Avgjort', '20'],
      ['Trukket', '1'],
    ]);
    expect(table(el, 'Arbeidsmengde per saksbehandler')).toEqual([
      ['Saksbehandler', 'Åpne saker', 'Over frist'],
      ['Kari Nordmann', '9', '2'],
      ['Ola Hansen', '7', '0'],
    ]);
    expect(table(el, 'Vedtak per uke')[1]).toEqual(['uke 10, 2026', '3', '1']);
    expect(table(el, 'Alder på åpne saker')[1]).toEqual(['0–10 dager', '6']);
  });

  it('hides the tables visually until asked, and says whether they are shown', async () => {
    const { el, fixture } = await setup();
    const figure = el.querySelector('figure')!;
    const toggle = figure.querySelector('button')!;
    const wrapper = () => figure.querySelector('table')!.parentElement!;
    expect(wrapper().classList).toContain('visually-hidden');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    toggle.click();
    await fixture.whenStable();
    expect(wrapper().classList).not.toContain('visually-hidden');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(visibleText(toggle)).toBe('Vis som diagram');
  });

  it('writes ISO weeks as words', () => {
    expect(weekLabel('2026-W07', (_k, p) => JSON.stringify(p))).toBe('{"week":7,"year":"2026"}');
    expect(weekLabel('odd', () => 'x')).toBe('odd');
  });
});
