import { Injectable, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { ApplicationsApi } from '../api/applications.api';
import { QueueCounts } from '../api/models';
import { AuthStore } from '../auth/auth.store';

/** How often the navigation's counts are fetched again while the console is open. */
export const COUNTS_REFRESH_MS = 60_000;

/**
 * How many cases each of the signed-in user's queues holds, for the navigation. The server
 * counts only the queues the user's roles may open; the numbers are fetched on every navigation,
 * every minute and after the user changes who has a case.
 */
@Injectable({ providedIn: 'root' })
export class QueueCountsStore {
  private readonly api = inject(ApplicationsApi);
  private readonly auth = inject(AuthStore);
  private inFlight: Subscription | null = null;

  readonly counts = signal<QueueCounts>({});

  refresh(): void {
    if (!this.auth.isAuthenticated() || !this.auth.canUseQueues()) return;
    // A newer question replaces one still unanswered.
    this.inFlight?.unsubscribe();
    this.inFlight = this.api.counts().subscribe({
      next: (counts) => this.counts.set(counts),
      // The counts are a help, not the work: a failure keeps the last ones (the queue itself says what went wrong).
      error: () => undefined,
    });
  }
}
