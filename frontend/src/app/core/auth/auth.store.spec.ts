import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { KARI, LEDER, session } from '../../../testing/fixtures';
import { AuthStore, SESSION_STORAGE_KEY } from './auth.store';
import { CLOCK } from './clock';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const IN_30_MIN = new Date(NOW + 30 * 60_000).toISOString();

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: CLOCK, useValue: () => NOW },
    ],
  });
  return {
    auth: TestBed.inject(AuthStore),
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
  };
}

describe('AuthStore', () => {
  beforeEach(() => localStorage.clear());

  it('signs the user in and keeps the session for every tab', async () => {
    const { auth, http } = setup();
    const login = firstValueFrom(auth.login(' kari '.trim(), 'demo'));

    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ username: 'kari', password: 'demo' });
    req.flush(session(KARI, IN_30_MIN, 'abc'));

    expect(await login).toEqual(KARI);
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.user()?.displayName).toBe('Kari Nordmann');
    expect(auth.token()).toBe('abc');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!).accessToken).toBe('abc');
  });

  it('stays signed out after wrong credentials', async () => {
    const { auth, http } = setup();
    const login = firstValueFrom(auth.login('kari', 'wrong'));
    http
      .expectOne('/api/auth/login')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401 },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(login).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('is still signed in after a page reload', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'kept')));
    const { auth } = setup();
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.token()).toBe('kept');
  });

  it('forgets a stored session whose token has expired', () => {
    const past = new Date(NOW - 1000).toISOString();
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, past)));
    const { auth } = setup();
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('wants a refresh only within five minutes of expiry', () => {
    const at = (ms: number) => {
      localStorage.setItem(
        SESSION_STORAGE_KEY,
        JSON.stringify(session(KARI, new Date(NOW + ms).toISOString())),
      );
      TestBed.resetTestingModule();
      return setup().auth;
    };
    expect(at(6 * 60_000).needsRefresh()).toBe(false);
    expect(at(5 * 60_000).needsRefresh()).toBe(true);
    expect(at(60_000).needsRefresh()).toBe(true);
  });

  it('replaces the token with the one a refresh returns, and asks only once at a time', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'old')));
    const { auth, http } = setup();
    const first = firstValueFrom(auth.refresh());
    const second = firstValueFrom(auth.refresh());

    http.expectOne('/api/auth/refresh').flush(session(KARI, IN_30_MIN, 'new'));
    await Promise.all([first, second]);

    expect(auth.token()).toBe('new');
    expect(auth.isRefreshing()).toBe(false);
  });

  it('ends the session on the server, signs out and goes to the login page', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'abc')));
    const { auth, http, router } = setup();
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);

    auth.logout();

    const req = http.expectOne('/api/auth/logout');
    expect(req.request.method).toBe('POST');
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login']);
    req.flush(null, { status: 204, statusText: 'No Content' });
    http.verify();
  });

  it('signs out even when the server cannot be reached to end the session', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'abc')));
    const { auth, http, router } = setup();
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);

    auth.logout();
    http.expectOne('/api/auth/logout').error(new ProgressEvent('error'));

    expect(auth.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });

  it('lands caseworkers on their own cases, managers on the dashboard and approvers on the cases to approve', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN)));
    expect(setup().auth.homeUrl()).toBe('/queue/mine');

    TestBed.resetTestingModule();
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(LEDER, IN_30_MIN)));
    expect(setup().auth.homeUrl()).toBe('/dashboard');

    TestBed.resetTestingModule();
    const approver = {
      username: 'godkjenner',
      displayName: 'Godkjenner',
      roles: ['approver' as const],
    };
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(approver, IN_30_MIN)));
    expect(setup().auth.homeUrl()).toBe('/queue/to-approve');

    TestBed.resetTestingModule();
    const portal = { username: 'portal', displayName: 'Portal', roles: ['intake' as const] };
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(portal, IN_30_MIN)));
    expect(setup().auth.homeUrl()).toBe('/no-access');

    TestBed.resetTestingModule();
    const admin = { username: 'admin', displayName: 'Administrator', roles: ['admin' as const] };
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(admin, IN_30_MIN)));
    expect(setup().auth.homeUrl()).toBe('/jobs');
  });
});
