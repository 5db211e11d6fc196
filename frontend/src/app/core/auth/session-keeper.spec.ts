import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { KARI, session } from '../../../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthStore, SESSION_STORAGE_KEY } from './auth.store';
import { CLOCK } from './clock';
import { SessionKeeper } from './session-keeper.service';

const START = Date.parse('2026-03-10T12:00:00Z');
const MIN = 60_000;

function setup(expiresInMs: number) {
  let now = START;
  localStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify(session(KARI, new Date(START + expiresInMs).toISOString(), 'old')),
  );
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: CLOCK, useValue: () => now },
    ],
  });
  const keeper = TestBed.inject(SessionKeeper);
  return {
    keeper,
    auth: TestBed.inject(AuthStore),
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    advance: (ms: number) => (now += ms),
  };
}

describe('SessionKeeper', () => {
  beforeEach(() => localStorage.clear());

  it('refreshes the token of an active user when it has under five minutes left', async () => {
    const { keeper, auth, http, advance } = setup(30 * MIN);
    advance(26 * MIN);
    keeper.noteActivity();

    const req = http.expectOne('/api/auth/refresh');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get('Authorization')).toBe('Bearer old');
    req.flush(session(KARI, new Date(START + 60 * MIN).toISOString(), 'fresh'));
    await new Promise((resolve) => setTimeout(resolve));

    expect(auth.token()).toBe('fresh');
    keeper.check();
    http.expectNone('/api/auth/refresh');
  });

  it('does not refresh while the token has more than five minutes left', () => {
    const { keeper, http, advance } = setup(30 * MIN);
    advance(20 * MIN);
    keeper.noteActivity();
    keeper.check();
    http.expectNone('/api/auth/refresh');
  });

  it('lets the token of an idle user run out, then signs the user out', () => {
    const { keeper, auth, http, router, advance } = setup(30 * MIN);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    advance(27 * MIN);
    keeper.check();
    http.expectNone('/api/auth/refresh');

    advance(4 * MIN);
    keeper.check();
    expect(auth.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(
      ['/login'],
      expect.objectContaining({
        queryParams: expect.objectContaining({ reason: 'expired' }),
      }),
    );
  });
});
