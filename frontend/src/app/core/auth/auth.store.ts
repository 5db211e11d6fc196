import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, finalize, map, shareReplay, tap } from 'rxjs';
import { Api } from '../../api/api';
import { login, logout as endSession, refreshSession } from '../../api/functions';
import { Role, User } from '../api/models';
import { Session } from './auth.models';
import { CLOCK } from './clock';

export const SESSION_STORAGE_KEY = 'tilsagn.session';
/** Refresh the token when it has less than this left. */
export const REFRESH_WINDOW_MS = 5 * 60_000;

const QUEUE_ROLES: readonly Role[] = ['caseworker', 'approver', 'manager'];

/**
 * The signed-in user and their token. The session lives in sessionStorage so
 * it survives a reload but not the closing of the tab.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly now = inject(CLOCK);

  private readonly state = signal<Session | null>(this.restore());
  private refreshInFlight: Observable<Session> | null = null;

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

  /** Where a user lands after login: their own cases, or the whole queue. */
  homeUrl(): string {
    if (this.isCaseworker()) return '/queue/mine';
    if (this.canUseQueues()) return '/queue/all';
    return '/no-access';
  }

  login(username: string, password: string): Observable<User> {
    return this.api.invoke(login, { body: { username, password } }).pipe(
      tap((response) => this.store(response)),
      map((response) => response.user),
    );
  }

  /** Exchanges the current token for a fresh one; concurrent callers share one request. */
  refresh(): Observable<Session> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = this.api.invoke(refreshSession).pipe(
        tap((response) => this.store(response)),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshInFlight;
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
    this.clear();
    void this.router.navigate(['/login']);
  }

  /**
   * Ends a session the server no longer accepts, and sends the user to the
   * login page with a way back to where they were.
   */
  expire(): void {
    if (!this.isAuthenticated()) return;
    const returnUrl = this.router.url;
    this.clear();
    void this.router.navigate(['/login'], {
      queryParams: {
        reason: 'expired',
        returnUrl: returnUrl && !returnUrl.startsWith('/login') ? returnUrl : null,
      },
    });
  }

  clear(): void {
    this.state.set(null);
    sessionStorage.removeItem(SESSION_STORAGE_KEY);
  }

  private store(session: Session): void {
    const clean: Session = {
      accessToken: session.accessToken,
      expiresAt: session.expiresAt,
      user: session.user,
    };
    this.state.set(clean);
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(clean));
  }

  private restore(): Session | null {
    try {
      const raw = sessionStorage.getItem(SESSION_STORAGE_KEY);
      if (!raw) return null;
      const session = JSON.parse(raw) as Session;
      if (!session?.accessToken || !session.user || !session.expiresAt) return null;
      if (Date.parse(session.expiresAt) <= this.now()) {
        sessionStorage.removeItem(SESSION_STORAGE_KEY);
        return null;
      }
      return session;
    } catch {
      return null;
    }
  }
}
