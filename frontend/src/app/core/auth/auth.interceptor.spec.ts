import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KARI, session } from '../../../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthStore, SESSION_STORAGE_KEY } from './auth.store';

@Component({ template: 'page' })
class Page {}

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

function setup(signedIn = true) {
  if (signedIn) {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER, 'tok')));
  }
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'cases/:id', component: Page },
        { path: 'login', component: Page },
      ]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
    ],
  });
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    auth: TestBed.inject(AuthStore),
    router: TestBed.inject(Router),
  };
}

describe('authInterceptor', () => {
  beforeEach(() => localStorage.clear());

  it('sends the bearer token with API calls', () => {
    const { http, backend } = setup();
    http.get('/api/applications').subscribe();
    expect(backend.expectOne('/api/applications').request.headers.get('Authorization')).toBe(
      'Bearer tok',
    );
  });

  it("sends the session's token with the logout, though the console forgets it at once", () => {
    const { auth, backend, router } = setup();
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    auth.logout();
    expect(auth.token()).toBeNull();
    const req = backend.expectOne('/api/auth/logout');
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok');
    // An already ended session answers 401: nothing more happens.
    req.flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('sends no token with the login itself or with static files', () => {
    const { http, backend } = setup();
    http.post('/api/auth/login', {}).subscribe();
    http.get('/i18n/nb.json').subscribe();
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
    expect(backend.expectOne('/i18n/nb.json').request.headers.has('Authorization')).toBe(false);
  });

  it('sends no token when nobody is signed in', () => {
    const { http, backend } = setup(false);
    http.get('/api/applications').subscribe();
    expect(backend.expectOne('/api/applications').request.headers.has('Authorization')).toBe(false);
  });

  it('on 401 ends the session and shows the login page, remembering where the user was', async () => {
    const { http, backend, auth, router } = setup();
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/cases/id-7');

    let failed = false;
    http.get('/api/applications/id-7').subscribe({ error: () => (failed = true) });
    backend
      .expectOne('/api/applications/id-7')
      .flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();

    expect(failed).toBe(true);
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(router.url).toBe('/login?reason=expired&returnUrl=%2Fcases%2Fid-7');
  });

  it('leaves a failed login to the login page (no redirect)', async () => {
    const { http, backend, router } = setup(false);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/login');
    http.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    backend
      .expectOne('/api/auth/login')
      .flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(router.url).toBe('/login');
  });
});
