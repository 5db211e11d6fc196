import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { KARI, session } from '../../../testing/fixtures';
import { AuthStore, DRAFT_KEY_PREFIX, SESSION_STORAGE_KEY } from './auth.store';
import { CLOCK } from './clock';
import { SESSION_CHANNEL, SessionChannel, SessionMessage } from './session-channel';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const IN_30_MIN = new Date(NOW + 30 * 60_000).toISOString();

/** BroadcastChannel between tabs in one test: a message reaches every other tab, not the sender. */
class Bus {
  private readonly tabs: SessionChannel[] = [];
  tab(): SessionChannel {
    const channel: SessionChannel = {
      onmessage: null,
      postMessage: (message: SessionMessage) => {
        for (const other of this.tabs) {
          if (other !== channel)
            other.onmessage?.(
              new MessageEvent('message', { data: JSON.parse(JSON.stringify(message)) }),
            );
        }
      },
    };
    this.tabs.push(channel);
    return channel;
  }
}

function setup() {
  const bus = new Bus();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: CLOCK, useValue: () => NOW },
      { provide: SESSION_CHANNEL, useValue: bus.tab() },
    ],
  });
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
  const navigateByUrl = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  /** Another tab of the console: its own AuthStore on the same storage, its own end of the channel. */
  const openTab = () =>
    createEnvironmentInjector(
      [{ provide: SESSION_CHANNEL, useValue: bus.tab() }, AuthStore],
      TestBed.inject(EnvironmentInjector),
    ).get(AuthStore);
  return {
    first: TestBed.inject(AuthStore),
    openTab,
    http: TestBed.inject(HttpTestingController),
    router,
    navigate,
    navigateByUrl,
  };
}

describe('The session across tabs', () => {
  beforeEach(() => localStorage.clear());

  it('a tab opened after the login is signed in without asking again', async () => {
    const { first, openTab, http } = setup();
    const login = firstValueFrom(first.login('kari', 'demo'));
    http.expectOne('/api/auth/login').flush(session(KARI, IN_30_MIN, 'abc'));
    await login;

    const second = openTab();
    expect(second.isAuthenticated()).toBe(true);
    expect(second.user()?.displayName).toBe('Kari Nordmann');
    expect(second.token()).toBe('abc');
  });

  it('a login in one tab signs in a tab that shows the login page, and takes it where it was', async () => {
    const { first, openTab, http, router, navigateByUrl } = setup();
    const waiting = openTab();
    jest.spyOn(router, 'url', 'get').mockReturnValue('/login?returnUrl=%2Fcases%2Fid-1');
    const login = firstValueFrom(first.login('kari', 'demo'));
    http.expectOne('/api/auth/login').flush(session(KARI, IN_30_MIN, 'abc'));
    await login;

    expect(waiting.token()).toBe('abc');
    expect(navigateByUrl).toHaveBeenCalledWith('/cases/id-1');
  });

  it('a logout in one tab signs out every tab and forgets the user’s drafts', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'abc')));
    localStorage.setItem(`${DRAFT_KEY_PREFIX}kari.id-1.note`, '{"value":{"body":"x"}}');
    localStorage.setItem(`${DRAFT_KEY_PREFIX}ola.id-1.note`, '{"value":{"body":"y"}}');
    const { first, openTab, http, navigate } = setup();
    const second = openTab();
    expect(second.isAuthenticated()).toBe(true);

    first.logout();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });

    expect(second.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledTimes(2);
    expect(navigate).toHaveBeenLastCalledWith(['/login']);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(localStorage.getItem(`${DRAFT_KEY_PREFIX}kari.id-1.note`)).toBeNull();
    expect(localStorage.getItem(`${DRAFT_KEY_PREFIX}ola.id-1.note`)).not.toBeNull();
  });

  it('a new token in one tab is the token of every tab', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'old')));
    const { first, openTab, http } = setup();
    const second = openTab();
    const refreshed = firstValueFrom(first.refresh());
    http.expectOne('/api/auth/refresh').flush(session(KARI, IN_30_MIN, 'new'));
    await refreshed;
    expect(second.token()).toBe('new');

    // A tab that refreshes after another did takes the newer token instead of asking again.
    const third = openTab();
    (third as unknown as { state: { set(v: unknown): void } }).state.set(
      session(KARI, IN_30_MIN, 'old'),
    );
    expect(await firstValueFrom(third.refresh())).toMatchObject({ accessToken: 'new' });
    http.expectNone('/api/auth/refresh');
  });

  it('a request refused for a token another tab replaced is not the end of the session', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'new')));
    const { first } = setup();
    expect(first.newerToken('old')).toBe('new');
    expect(first.newerToken('new')).toBeNull();
  });

  it('an expired session in one tab takes every tab to the login page, drafts kept', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, IN_30_MIN, 'abc')));
    localStorage.setItem(`${DRAFT_KEY_PREFIX}kari.id-1.note`, '{"value":{"body":"x"}}');
    const { first, openTab, navigate } = setup();
    const second = openTab();

    first.expire();

    expect(second.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenLastCalledWith(
      ['/login'],
      expect.objectContaining({
        queryParams: expect.objectContaining({ reason: 'expired' }),
      }),
    );
    expect(localStorage.getItem(`${DRAFT_KEY_PREFIX}kari.id-1.note`)).not.toBeNull();
  });
});
