import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KARI, LEDER, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { JobsOverviewResponse, User } from '../api/models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { JobsPageComponent } from './jobs-page.component';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();
const ADMIN: User = { username: 'admin', displayName: 'Administrator', roles: ['admin'] };

function overview(): JobsOverviewResponse {
  return {
    runningHere: true,
    queues: [
      {
        name: 'late-reply',
        description: 'Marks late replies',
        schedule: '* * * * *',
        pending: 0,
        active: 0,
        retrying: 0,
        failed: 1,
        backlog: null,
      },
      {
        name: 'portal-delivery',
        description: 'Delivers the outbox',
        schedule: '* * * * *',
        pending: 1,
        active: 0,
        retrying: 1,
        failed: 0,
        backlog: { waiting: 3, failing: 1, oldestWaitingAt: '2026-12-03T08:00:00.000Z' },
      },
    ],
    failures: [
      {
        subject: 'job',
        id: '42',
        name: 'late-reply',
        attempts: 10,
        maxAttempts: 10,
        lastError: 'connect ECONNREFUSED 10.0.0.5:5432',
        failedAt: '2026-12-03T09:00:00.000Z',
        nextAttemptAt: null,
      },
      {
        subject: 'item',
        id: '019ae3',
        name: 'portal-delivery',
        attempts: 3,
        maxAttempts: null,
        lastError: 'POST https://portal/tilsagn: 503 Service Unavailable',
        failedAt: null,
        nextAttemptAt: '2026-12-03T09:05:00.000Z',
      },
    ],
  };
}

async function open(user: User) {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(user, LATER)));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n('nb'),
    ],
  });
  const fixture = TestBed.createComponent(JobsPageComponent);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  return { el: fixture.nativeElement as HTMLElement, http, settle: () => fixture.whenStable() };
}

describe('Bakgrunnsjobber', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('shows a manager each job by name with its counts, the undelivered messages and the failures with their errors, and no retry', async () => {
    const { el, http, settle } = await open(LEDER);
    http.expectOne('/api/admin/jobs').flush(overview());
    await settle();

    const rows = Array.from(el.querySelectorAll('tbody tr')).map((tr) => visibleText(tr));
    expect(rows[0]).toContain('Påminnelse om passert svarfrist');
    expect(rows[1]).toContain('Levering til søknadsportalen');
    expect(rows[1]).toContain('3 meldinger venter, 1 feilet siste forsøk');
    expect(rows[1]).toContain('Den eldste ble skrevet');
    const failures = Array.from(el.querySelectorAll('li.failure')).map((li) => visibleText(li));
    expect(failures[0]).toContain('Feilet');
    expect(failures[0]).toContain('10 av 10');
    expect(failures[0]).toContain('Ingen flere forsøk');
    expect(failures[0]).toContain('connect ECONNREFUSED 10.0.0.5:5432');
    expect(failures[1]).toContain('Prøves igjen');
    expect(failures[1]).toContain('503 Service Unavailable');
    // Looking is for managers; running a job again is for administrators.
    expect(el.querySelectorAll('li.failure button').length).toBe(0);
    http.verify();
  });

  it('lets an administrator run a failed job again, and asks for the jobs once more', async () => {
    const { el, http, settle } = await open(ADMIN);
    http.expectOne('/api/admin/jobs').flush(overview());
    await settle();
    // Only a failed job, not a message of the outbox, can be run again.
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('li.failure button'));
    expect(buttons.map((b) => visibleText(b))).toEqual([
      'Prøv igjen nå: Påminnelse om passert svarfrist #42',
    ]);
    buttons[0].click();
    const retry = http.expectOne('/api/admin/jobs/42/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush({
      id: '42',
      name: 'late-reply',
      attempts: 0,
      maxAttempts: 10,
      runAt: '2026-12-03T09:10:00.000Z',
    });
    await settle();
    http.expectOne('/api/admin/jobs').flush(overview());
    await settle();
    http.verify();
  });

  it('tells a caseworker plainly that the page is not hers, and asks the server for nothing', async () => {
    const { el, http } = await open(KARI);
    expect(visibleText(el.querySelector('h1'))).toBe('Ingen tilgang til bakgrunnsjobbene');
    expect(visibleText(el.querySelector('[role="alert"]'))).toBe(
      'Bakgrunnsjobbene er bare for ledere og administratorer.',
    );
    http.expectNone('/api/admin/jobs');
    http.verify();
  });
});
