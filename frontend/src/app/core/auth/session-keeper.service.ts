import { DOCUMENT, Injectable, OnDestroy, inject } from '@angular/core';
import { AuthStore, REFRESH_WINDOW_MS } from './auth.store';
import { CLOCK } from './clock';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
const TICK_MS = 30_000;
/** A user who did something within this time counts as active. */
export const ACTIVE_WINDOW_MS = REFRESH_WINDOW_MS;

/**
 * Keeps an active user's session alive: when the token is within five minutes
 * of expiry and the user has recently used the page, it asks for a new token.
 * An idle user's token is left to run out, and the user is then signed out.
 */
@Injectable({ providedIn: 'root' })
export class SessionKeeper implements OnDestroy {
  private readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);
  private readonly now = inject(CLOCK);
  private lastActivity = this.now();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onActivity = () => this.noteActivity();

  start(): void {
    if (this.timer) return;
    for (const type of ACTIVITY_EVENTS) {
      this.document.addEventListener(type, this.onActivity, { passive: true, capture: true });
    }
    this.timer = setInterval(() => this.check(), TICK_MS);
  }

  stop(): void {
    for (const type of ACTIVITY_EVENTS) {
      this.document.removeEventListener(type, this.onActivity, { capture: true });
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  noteActivity(): void {
    this.lastActivity = this.now();
    if (this.auth.needsRefresh()) this.check();
  }

  isActive(): boolean {
    return this.now() - this.lastActivity <= ACTIVE_WINDOW_MS;
  }

  check(): void {
    if (!this.auth.isAuthenticated()) return;
    if (this.auth.isExpired()) {
      this.auth.expire();
      return;
    }
    if (this.auth.needsRefresh() && this.isActive() && !this.auth.isRefreshing()) {
      // A failed refresh is answered by the interceptor (401) or retried on the next tick.
      this.auth.refresh().subscribe({ error: () => undefined });
    }
  }

  ngOnDestroy(): void {
    this.stop();
  }
}
