import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, finalize, firstValueFrom, from, map, shareReplay, tap } from 'rxjs';
import { Api } from '../../api/api';
import { login, logout as endSession, refreshSession } from '../../api/functions';
import { Role, User } from '../api/models';
import { Session } from './auth.models';
import { CLOCK } from './clock';
import { SESSION_CHANNEL, SessionMessage } from './session-channel';

/** Where the session is kept: localStorage, shared by every tab of the console. */
export const SESSION_STORAGE_KEY = 'tilsagn.session';
/** Drafts of a user's unsent texts (shared/drafts.ts): `tilsagn.draft.<username>.…`. */
export const DRAFT_KEY_PREFIX = 'tilsagn.draft.';
const REFRESH_LOCK = 'tilsagn.session.refresh';
/** Refresh the token when it has less than this left. */
export const REFRESH_WINDOW_MS = 5 * 60_000;

const QUEUE_ROLES: readonly Role[] = ['caseworker', 'approver', 'manager'];

/**
 * The signed-in user and their token, shared by every tab of the console: the session lives in
 * localStorage, and a BroadcastChannel tells the other tabs at once of a login, a new token, a
 * logout or an expired session (docs/security.md, "Sessions across tabs"). Only one tab refreshes
 * the token at a time (a Web Lock), since a refresh makes the old token invalid for every tab.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly now = inject(CLOCK);
  private readonly channel = inject(SESSION_CHANNEL);
  private readonly document = inject(DOCUMENT);

  private readonly state = signal<Session | null>(this.restore());
  private refreshInFlight: Observable<Session> | null = null;

  constructor() {
    if (this.channel) {
      this.channel.onmessage = (event) => this.receive(event.data);
    } else {
      // Without BroadcastChannel, another tab's change of the session shows as a storage event.
      this.document.defaultView?.addEventListener('storage', (event) => {
        if (event.key !== SESSION_STORAGE_KEY) return;
        const next = this.readStored();
        this.receive(next ? { type: 'session', session: next } : { type: 'logout' });
      });
    }
  }

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly isAuthenticated = computed(() => this.state() !== null);
  readonly roles = computed(() => new Set<Role>(this.user()?.roles ?? []));
  readonly isManager = computed(() => this.roles().has('manager'));
  readonly isCaseworker = computed(() => this.roles().has('caseworker'));
  readonly canUseQueues = computed(() => QUEUE_ROLES.some((r) => this.roles().has(r)));

  token(): string | null {
    return this.state()?.accessToken ?? null;
  }

  hasAnyRole(...roles: Role[]): boolean {
    const mine = this.roles();
    return roles.some((r) => mine.has(r));
  }

  /**
   * Where a user lands after login: a manager on the dashboard, a caseworker on their own cases,
   * an approver on the cases waiting for approval, anyone else with queues on all cases, an
   * administrator without them on the background jobs.
   */
  homeUrl(): string {
    if (this.isManager()) return '/dashboard';
    if (this.isCaseworker()) return '/queue/mine';
    if (this.roles().has('approver')) return '/queue/to-approve';
    if (this.canUseQueues()) return '/queue/all';
    if (this.roles().has('admin')) return '/jobs';
    return '/no-access';
  }

  login(username: string, password: string): Observable<User> {
    return this.api.invoke(login, { body: { username, password } }).pipe(
      tap((response) => this.store(response, true)),
      map((response) => response.user),
    );
  }

  /**
   * Exchanges the current token for a fresh one; concurrent callers share one request, and the
   * tabs take turns (a Web Lock): a tab that finds a newer token than its own in the shared
   * storage (another tab refreshed first) takes that one instead of asking again.
   */
  refresh(): Observable<Session> {
    if (!this.refreshInFlight) {
      const mine = this.token();
      this.refreshInFlight = from(
        this.exclusively(async () => {
          const stored = this.readStored();
          if (stored && stored.accessToken !== mine) return stored;
          return firstValueFrom(this.api.invoke(refreshSession));
        }),
      ).pipe(
        tap((response) => this.store(response, true)),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshInFlight;
  }

  /**
   * After a 401 for a request sent with `sentWith`: the token another tab has put in the shared
   * storage since, if there is a newer one (the request can be sent again with it), else null.
   */
  newerToken(sentWith: string | null): string | null {
    const stored = this.readStored();
    if (!stored || stored.accessToken === sentWith) return null;
    this.state.set(stored);
    return stored.accessToken;
  }

  isRefreshing(): boolean {
    return this.refreshInFlight !== null;
  }

  msUntilExpiry(): number {
    const session = this.state();
    if (!session) return 0;
    return Date.parse(session.expiresAt) - this.now();
  }

  isExpired(): boolean {
    return this.isAuthenticated() && this.msUntilExpiry() <= 0;
  }

  needsRefresh(): boolean {
    const left = this.msUntilExpiry();
    return this.isAuthenticated() && left > 0 && left <= REFRESH_WINDOW_MS;
  }

  /**
   * Signs out on the user's request: the server ends the session first (its token is refused
   * from then on), then the console forgets it. The call takes the token with it as it is sent,
   * so the console need not wait for the answer, and a failure (offline, already ended) changes
   * nothing for the user.
   */
  logout(): void {
    if (this.token()) this.api.invoke(endSession).subscribe({ error: () => undefined });
    // A logout on purpose leaves nothing of the user's behind on a shared machine; drafts are
    // kept only through an expired session (shared/drafts.ts).
    const username = this.user()?.username;
    if (username) this.forgetDrafts(username);
    this.clear();
    this.post({ type: 'logout' });
    void this.router.navigate(['/login']);
  }

  /**
   * Ends a session the server no longer accepts, and sends the user to the
   * login page with a way back to where they were.
   */
  expire(): void {
    if (!this.isAuthenticated()) return;
    // Another tab may have refreshed the token meanwhile: then the session goes on.
    if (this.newerToken(this.token()) && !this.isExpired()) return;
    this.clear();
    this.post({ type: 'expired' });
    this.toLogin('expired');
  }

  private toLogin(reason: 'expired' | null): void {
    const returnUrl = this.router.url;
    void this.router.navigate(['/login'], {
      queryParams: {
        reason,
        returnUrl: returnUrl && !returnUrl.startsWith('/login') ? returnUrl : null,
      },
    });
  }

  clear(): void {
    this.state.set(null);
    try {
      localStorage.removeItem(SESSION_STORAGE_KEY);
      sessionStorage.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // Storage unavailable: the session lived in memory only.
    }
  }

  /** Another tab's news of the session. */
  private receive(message: SessionMessage): void {
    const onLogin = this.router.url.startsWith('/login');
    if (message.type === 'session') {
      const wasSignedIn = this.isAuthenticated();
      this.state.set(message.session);
      if (!wasSignedIn && onLogin) {
        const returnUrl = this.router.parseUrl(this.router.url).queryParams['returnUrl'];
        void this.router.navigateByUrl(
          typeof returnUrl === 'string' && returnUrl.startsWith('/') ? returnUrl : this.homeUrl(),
        );
      }
      return;
    }
    if (!this.isAuthenticated()) return;
    this.state.set(null);
    if (message.type === 'logout') void this.router.navigate(['/login']);
    else this.toLogin('expired');
  }

  private post(message: SessionMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (the page is going away): the storage still says it.
    }
  }

  private store(session: Session, announce = false): void {
    const clean: Session = {
      accessToken: session.accessToken,
      expiresAt: session.expiresAt,
      user: session.user,
    };
    this.state.set(clean);
    try {
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(clean));
    } catch {
      // Storage unavailable (private mode): the session lasts for this page only.
    }
    if (announce) this.post({ type: 'session', session: clean });
  }

  /** Runs `task` while no other tab of the console runs one under the same lock. */
  private exclusively<T>(task: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? (locks.request(REFRESH_LOCK, task) as Promise<T>) : task();
  }

  private forgetDrafts(username: string): void {
    try {
      const prefix = `${DRAFT_KEY_PREFIX}${username}.`;
      const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
      for (const key of keys) if (key?.startsWith(prefix)) localStorage.removeItem(key);
    } catch {
      // Nothing stored.
    }
  }

  /** The session in the shared storage, if it is whole and not expired. */
  private readStored(): Session | null {
    try {
      const raw = localStorage.getItem(SESSION_STORAGE_KEY);
      return raw ? this.valid(JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  }

  private valid(session: Session | null): Session | null {
    if (!session?.accessToken || !session.user || !session.expiresAt) return null;
    return Date.parse(session.expiresAt) > this.now() ? session : null;
  }

  private restore(): Session | null {
    try {
      // A session an earlier console kept for its tab alone (sessionStorage) moves to the shared one.
      const legacy = sessionStorage.getItem(SESSION_STORAGE_KEY);
      if (legacy) {
        sessionStorage.removeItem(SESSION_STORAGE_KEY);
        const session = this.valid(JSON.parse(legacy) as Session);
        if (session) localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
        return session;
      }
      const session = this.readStored();
      if (!session) localStorage.removeItem(SESSION_STORAGE_KEY);
      return session;
    } catch {
      return null;
    }
  }
}
