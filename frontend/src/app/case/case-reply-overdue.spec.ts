import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, caseDetail, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { CaseView } from '../core/api/models';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { CasePageComponent } from './case-page.component';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

/** The case header as a caseworker sees it, with the case the server answers. */
async function header(lang: 'nb' | 'en', view: CaseView): Promise<string> {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER)));
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        [{ path: 'cases/:id', component: CasePageComponent }],
        withComponentInputBinding(),
      ),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n(lang),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl('/cases/id-1');
  TestBed.inject(HttpTestingController).expectOne('/api/applications/id-1').flush(view);
  await harness.fixture.whenStable();
  return visibleText(harness.routeNativeElement!.querySelector('.awaiting'));
}

const waiting = (overdueAt: string | null) =>
  caseDetail({
    status: 'awaiting_applicant',
    informationRequest: {
      id: 'ir-1',
      message: 'Send oppdatert budsjett',
      requestedAt: '2026-03-02T10:15:00Z',
      replyBy: '2026-03-16',
      overdueAt,
    },
  });

describe('Case header: Svarfrist passert', () => {
  afterEach(() => sessionStorage.clear());

  it('says the reply is overdue once the late-reply job has found the reply-by date passed', async () => {
    expect(await header('nb', waiting('2026-03-17T06:00:00Z'))).toBe(
      'Venter på søker – svarfrist 16.03, fristen står stille Svarfrist passert',
    );
  });

  it('says nothing of it while the reply-by date has not passed', async () => {
    expect(await header('nb', waiting(null))).toBe(
      'Venter på søker – svarfrist 16.03, fristen står stille',
    );
  });

  it('says it in English too', async () => {
    expect(await header('en', waiting('2026-03-17T06:00:00Z'))).toContain('Reply overdue');
  });
});
