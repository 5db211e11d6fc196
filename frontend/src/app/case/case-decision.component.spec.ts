import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { INGRID, evaluation, myCase, session, standardConditions } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { CaseView } from '../core/api/models';
import { Decision, PartialGrant, RecommendationRecord } from '../core/api/workflow.models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { CaseDecisionComponent } from './case-decision.component';
import { CaseStore } from './case.store';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();
const PREVIEW = '/api/applications/id-1/letter-preview.pdf';
const text = (nb: string, en = nb) => ({ nb, en });
const mandatory = standardConditions().filter((c) => c.mandatory);
const auditor = standardConditions().find((c) => c.code === 'AUDITOR')!;

const PARTIAL: PartialGrant = {
  requestedNok: 1_500_000,
  grantedNok: 1_045_000,
  allowedNok: 1_500_000,
  refusedCosts: [
    {
      description: 'Prosjektleder, 1 200 timer',
      category: 'personnel',
      claimedNok: 1_020_000,
      approvedNok: 920_000,
      reasons: ['ASSESSMENT'],
      caseworkerReason: 'Timeprisen er over bransjesnittet.',
    },
    {
      description: 'Prosessanalyse',
      category: 'consultancy',
      claimedNok: 600_000,
      approvedNok: 450_000,
      reasons: ['COST-04'],
      caseworkerReason: null,
    },
  ],
  reductionReason: 'Foretaket bærer selv en større del av risikoen.',
};

/** The server keeps the mandatory conditions first; an older record may not, and the tab puts them first. */
const CONDITIONS_AS_STORED = [
  { code: 'AUDITOR', text: auditor.text },
  ...mandatory.map((c) => ({ code: c.code, text: c.text })),
  { text: text('Milepælsrapport etter ett år.') },
];

function recommendation(overrides: Partial<RecommendationRecord> = {}): RecommendationRecord {
  return {
    id: 'r-1',
    outcome: 'grant',
    amountNok: 1_045_000,
    justification: 'Godt prosjekt.',
    conditions: CONDITIONS_AS_STORED,
    grounds: [],
    partial: PARTIAL,
    evaluationId: 'ev-2',
    recommendedBy: 'kari',
    recommendedByName: 'Kari Nordmann',
    recommendedAt: '2026-03-10T09:00:00Z',
    returned: null,
    ...overrides,
  };
}

function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'd-1',
    decidedAt: '2026-03-12T10:00:00Z',
    decisionDate: '2026-03-12',
    outcome: 'granted',
    amountNok: 1_045_000,
    amountEur: 90_869.57,
    requestedAmountNok: 1_500_000,
    partial: PARTIAL,
    eligibleCostsNok: 2_090_000,
    eligibleCostsByCategory: [],
    intensityPct: 50,
    maxIntensityPct: 50,
    legalBasis: 'GBER art. 29',
    conditions: CONDITIONS_AS_STORED,
    conditionDates: { acceptBy: '2026-04-09', finalReportBy: '2027-12-31', lapsesOn: '2028-03-31' },
    grounds: [],
    justification: 'Godt prosjekt.',
    evaluation: {
      id: 'ev-3',
      inputHash: 'abc',
      rulebookVersion: '1.0.0',
      parameterSet: 'gber-2023',
      amountBasis: 'granted',
      aidAmountNok: 1_045_000,
    },
    recommendedBy: 'kari',
    recommendedByName: 'Kari Nordmann',
    decidedBy: 'ingrid',
    decidedByName: 'Ingrid Godkjenner',
    appeal: { weeks: 3, text: text('Klage innen tre uker.', 'Appeal within three weeks.') },
    registerObligation: true,
    letters: { nb: 'aa', en: 'bb' },
    ...overrides,
  } as Decision;
}

async function setup(detail: Partial<CaseView>) {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(INGRID, LATER)));
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
  store.evaluation.set(evaluation());
  const fixture = TestBed.createComponent(CaseDecisionComponent);
  const http = TestBed.inject(HttpTestingController);
  const el = fixture.nativeElement as HTMLElement;
  const settle = () => fixture.whenStable();
  await settle();
  http.match('/api/conditions').forEach((r) => r.flush(standardConditions()));
  const button = (label: string) =>
    Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => visibleText(b) === label,
    );
  return { el, http, settle, button };
}

async function recommended(rec: RecommendationRecord = recommendation()) {
  const t = await setup({ status: 'recommended', version: 9, allowedActions: ['decide', 'note'] });
  t.http
    .expectOne('/api/applications/id-1/changes-since-return')
    .flush({ returned: null, changes: [] });
  t.http.expectOne('/api/applications/id-1/recommendations').flush([rec]);
  await t.settle();
  const summary = t.el.querySelector<HTMLElement>('section[aria-labelledby="rec-summary-title"]')!;
  return { ...t, summary };
}

const rows = (table: Element | null) =>
  Array.from(table?.querySelectorAll('tbody tr') ?? []).map((tr) =>
    Array.from(tr.querySelectorAll('th, td')).map((c) => visibleText(c)),
  );

/** A description list as pairs of term and description. */
const pairs = (dl: Element | null | undefined) =>
  Array.from(dl?.querySelectorAll(':scope > div') ?? []).map((d) => [
    visibleText(d.querySelector('dt')),
    visibleText(d.querySelector('dd')),
  ]);

const conditionItems = (root: Element) =>
  Array.from(root.querySelectorAll('ul.conditions li')).map((li) => visibleText(li));

describe('Decision tab: the recommendation before the approver', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it("shows a partial grant's amounts, the costs not approved with their reasons, and why it is lower", async () => {
    const { summary } = await recommended();
    const facts = pairs(summary.querySelector('dl.kv'));
    expect(facts).toContainEqual(['Beløp', '1 045 000 kr']);
    expect(facts).toContainEqual(['Omsøkt støtte', '1 500 000 kr']);
    expect(visibleText(summary.querySelector('app-partial-grant .headline'))).toBe(
      'Delvis innvilgelse: 1 045 000 kr av 1 500 000 kr søkt',
    );
    expect(visibleText(summary.querySelector('app-partial-grant'))).toContain(
      'Regelverket tillater høyst 1 500 000 kr.',
    );
    expect(rows(summary.querySelector('app-partial-grant table'))).toEqual([
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
    const reason = summary.querySelector('app-partial-grant dl')!;
    expect(visibleText(reason.querySelector('dt'))).toBe(
      'Begrunnelse for lavere tilskudd (J-NEED-01)',
    );
    expect(visibleText(reason.querySelector('dd'))).toBe(
      'Foretaket bærer selv en større del av risikoen.',
    );
  });

  it('lists the conditions with the mandatory ones first, marked as such', async () => {
    const { summary } = await recommended();
    expect(conditionItems(summary)).toEqual([
      'Søkeren aksepterer tilskuddet innen fire uker. (obligatorisk)',
      'Utbetaling etter dokumenterte kostnader. (obligatorisk)',
      'Sluttrapport innen tre måneder. (obligatorisk)',
      'Dokumentasjon oppbevares i ti år. (obligatorisk)',
      'Tilskuddet kan kreves tilbake. (obligatorisk)',
      'Tilsagnet faller bort uten sluttrapport. (obligatorisk)',
      'Prosjektregnskapet bekreftes av revisor.',
      'Milepælsrapport etter ett år.',
    ]);
  });

  it("shows the approver's control in parts, each to mark as seen, and approves only when all are seen, after a confirmation", async () => {
    localStorage.clear();
    const { el, summary, settle, button } = await recommended();
    const parts = Array.from(summary.querySelectorAll('section.part h4')).map((h) =>
      visibleText(h),
    );
    expect(parts).toEqual([
      'Beløp og begrunnelse',
      'Regler ved innstilt beløp',
      'Skjønnsvurderinger med begrunnelse',
      'Kostnadslinjer, kutt og begrunnelser',
      'Faktarettinger',
      'Vilkår',
      'Utkast til vedtaksbrev',
    ]);
    // The conditions' dates as they would be if decided today.
    expect(visibleText(summary.querySelector('#dates-if-today'))).toBe(
      'Datoene i vilkårene om vedtaket fattes i dag:',
    );
    expect(summary.querySelectorAll('dl.dates dt')).toHaveLength(3);
    const progress = () => visibleText(summary.querySelector('.progress'));
    expect(progress()).toBe('0 av 7 deler sett');
    // The rules with what deviates first.
    expect(
      visibleText(summary.querySelector('section[aria-labelledby="part-rules"] tbody tr th')),
    ).toContain('INT-01');

    const form = el.querySelector<HTMLElement>('app-decision-form form')!;
    form.querySelector<HTMLInputElement>('mat-radio-button[value="approve"] input')!.click();
    await settle();
    const approve = button('Fatt vedtak')!;
    expect(approve.getAttribute('aria-disabled')).toBe('true');
    expect(visibleText(form.querySelector('#approve-blocked'))).toBe(
      'Merk alle delene av kontrollen som sett før du fatter vedtak (7 gjenstår).',
    );

    const boxes = Array.from(summary.querySelectorAll<HTMLInputElement>('mat-checkbox.seen input'));
    expect(boxes).toHaveLength(7);
    for (const box of boxes) box.click();
    await settle();
    expect(progress()).toBe('7 av 7 deler sett');
    // Kept per recommendation, for a reload.
    expect(JSON.parse(localStorage.getItem('tilsagn.control-seen.r-1')!)).toHaveLength(7);
    expect(approve.getAttribute('aria-disabled')).not.toBe('true');
    expect(form.querySelector('#approve-blocked')).toBeNull();

    approve.click();
    await settle();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container')!;
    expect(visibleText(dialog.querySelector('h2'))).toBe('Fatte vedtak?');
    expect(visibleText(dialog)).toContain('PIO-2026-000001');
    expect(visibleText(dialog)).toContain('Delvis innvilget');
    expect(visibleText(dialog)).toContain('1 045 000 kr');
    expect(visibleText(dialog)).toContain('Vedtaket kan ikke angres.');
    localStorage.clear();
  });

  it('shows no partial grant for a grant of the whole request', async () => {
    const { summary } = await recommended(recommendation({ amountNok: 1_500_000, partial: null }));
    expect(summary.querySelector('app-partial-grant')).toBeNull();
    expect(pairs(summary.querySelector('dl.kv')).map(([term]) => term)).not.toContain(
      'Omsøkt støtte',
    );
  });

  it('drafts the letter of the open recommendation and opens it in a new tab', async () => {
    const createObjectURL = jest.fn(() => 'blob:draft-2');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const open = jest.spyOn(window, 'open').mockImplementation(() => ({}) as Window);
    const { summary, http, settle, button } = await recommended();

    const preview = summary.querySelector('app-letter-preview')!;
    expect(visibleText(preview.querySelector('legend'))).toBe('Utkast til vedtaksbrev');
    button('Forhåndsvis brev')!.click();
    await settle();
    const req = http.expectOne((r) => r.url === PREVIEW);
    expect(req.request.method).toBe('GET');
    expect(req.request.params.get('lang')).toBe('nb');
    expect(visibleText(preview.querySelector('[role="status"]'))).toBe('Lager utkast til brevet …');
    req.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await settle();
    expect(open).toHaveBeenCalledWith('blob:draft-2', '_blank');
    expect(visibleText(preview.querySelector('[role="status"]'))).toContain(
      'Utkastet på bokmål er åpnet i en ny fane.',
    );
    open.mockRestore();
  });

  it('says in the language of the console why there is no draft, never the raw answer', async () => {
    const { summary, http, settle, button } = await recommended();
    TestBed.inject(TranslocoService).setActiveLang('en');
    await settle();
    button('Preview letter')!.click();
    http
      .expectOne((r) => r.url === PREVIEW)
      .flush(
        new Blob(
          [
            JSON.stringify({
              type: 'urn:tilsagn:problem:no-recommendation',
              status: 409,
              title: 'The case has no open recommendation to decide on',
            }),
          ],
          { type: 'application/problem+json' },
        ),
        { status: 409, statusText: 'Conflict' },
      );
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(visibleText(summary.querySelector('app-letter-preview [role="alert"]'))).toBe(
      'The case has no open recommendation to draft a letter from. Someone else may have changed it – reload the case.',
    );
    expect(summary.textContent).not.toContain('urn:tilsagn');
  });
});

describe('Decision tab: the decided case', () => {
  afterEach(() => {
    sessionStorage.clear();
    TestBed.inject(TranslocoService).setActiveLang('nb');
  });

  async function decided(d: Decision = decision()) {
    const t = await setup({
      status: 'decided',
      decision: { outcome: 'granted' },
      allowedActions: ['note'],
    } as Partial<CaseView>);
    t.http.expectOne('/api/applications/id-1/decision').flush(d);
    await t.settle();
    const section = t.el.querySelector<HTMLElement>('section[aria-labelledby="decided-title"]')!;
    return { ...t, section };
  }

  it('shows a partial grant as partly granted, with both amounts and the costs not approved', async () => {
    const { section } = await decided();
    const facts = pairs(section.querySelector('dl.kv'));
    expect(facts).toContainEqual(['Utfall', 'Delvis innvilget']);
    expect(facts).toContainEqual(['Beløp', '1 045 000 kr']);
    expect(facts).toContainEqual(['Omsøkt støtte', '1 500 000 kr']);
    expect(rows(section.querySelector('app-partial-grant table'))).toHaveLength(2);
    expect(conditionItems(section).slice(0, 2)).toEqual([
      'Søkeren aksepterer tilskuddet innen fire uker. (obligatorisk)',
      'Utbetaling etter dokumenterte kostnader. (obligatorisk)',
    ]);
  });

  it("gives the conditions' dates as dates in the language of the console", async () => {
    const { section, settle } = await decided();
    const dates = () => pairs(section.querySelectorAll('dl.kv')[1]);
    expect(dates()).toEqual([
      ['Frist for å akseptere tilskuddet', '9. april 2026'],
      ['Frist for sluttrapport med prosjektregnskap', '31. desember 2027'],
      ['Tilsagnet faller bort om sluttrapporten ikke er kommet', '31. mars 2028'],
    ]);
    TestBed.inject(TranslocoService).setActiveLang('en');
    await settle();
    expect(dates()).toEqual([
      ['Deadline for accepting the grant', '9 April 2026'],
      ['Deadline for the final report with project accounts', '31 December 2027'],
      ['The grant lapses if no final report has come by', '31 March 2028'],
    ]);
  });

  it('shows a grant of the whole request as granted, without a partial grant', async () => {
    const { section } = await decided(decision({ amountNok: 1_500_000, partial: null }));
    expect(pairs(section.querySelector('dl.kv'))).toContainEqual(['Utfall', 'Innvilget']);
    expect(section.querySelector('app-partial-grant')).toBeNull();
  });
});
