import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Observable, tap } from 'rxjs';
import { Api } from '../../api/api';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../api/functions';
import { Notification, NotificationsReadResponse } from '../../api/models';
import { AuthStore } from '../auth/auth.store';

/** The stream's path (GET /api/notifications/stream). */
export const STREAM_URL = '/api/notifications/stream';
/** How many notifications the panel lists. */
export const NOTIFICATIONS_SHOWN = 20;
/** Reconnecting after a failure: 1 s, 2 s, 4 s … at most 30 s, a little jitter; back to 1 s once a stream opened. */
export const BACKOFF_MS = { first: 1000, max: 30_000 } as const;

export function backoffDelay(attempt: number, random = Math.random): number {
  const base = Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The fetch() the stream is read with (a test gives its own). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The signed-in person's notifications (docs/notifications.md): the newest ones and the unread
 * count from GET /api/notifications, then each new one as the server pushes it on its event
 * stream. EventSource cannot send the bearer token, so the stream is read with fetch() and parsed
 * with eventsource-parser; the token is sent as a header as on every other request, never in the
 * URL. When the token changes (a refresh, another tab) the stream is opened again with the new
 * one; when the stream ends or fails it is opened again with backoff, naming the last event it
 * had (Last-Event-ID) so nothing is missed; at logout it stops and everything is forgotten.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);
  /** Overridable for tests. */
  fetcher: FetchLike = (input, init) => fetch(input, init);
  /** Overridable for tests. */
  schedule: (fn: () => void, ms: number) => () => void = (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  };

  private readonly state = signal<Notification[]>([]);
  private readonly unread = signal(0);
  /** The newest notification that arrived while the console was open (for an announcement). */
  readonly arrived = signal<Notification | null>(null);
  readonly items = this.state.asReadonly();
  readonly unreadCount = this.unread.asReadonly();
  readonly hasUnread = computed(() => this.unread() > 0);
  /** Whether the stream is open now. */
  readonly live = signal(false);

  private abort: AbortController | null = null;
  private cancelRetry: (() => void) | null = null;
  private attempt = 0;
  private lastEventId: string | null = null;
  private user: string | null = null;

  constructor() {
    effect(() => {
      const token = this.auth.token();
      const user = this.auth.user()?.username ?? null;
      const allowed = this.auth.canUseQueues();
      untracked(() => this.onSession(allowed ? token : null, user));
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Marks one read (when it is not already) and counts it off. */
  markRead(n: Notification): Observable<Notification> | null {
    if (n.readAt) return null;
    this.replace({ ...n, readAt: new Date().toISOString() });
    this.unread.update((c) => Math.max(0, c - 1));
    return this.api
      .invoke(markNotificationRead, { id: n.id })
      .pipe(tap((read) => this.replace(read)));
  }

  markAllRead(): Observable<NotificationsReadResponse> {
    const now = new Date().toISOString();
    this.state.update((list) => list.map((n) => (n.readAt ? n : { ...n, readAt: now })));
    this.unread.set(0);
    return this.api
      .invoke(markAllNotificationsRead)
      .pipe(tap((r) => this.unread.set(r.unreadCount)));
  }

  /** The list and count again from the server. */
  reload(): void {
    if (!this.user) return;
    const user = this.user;
    this.api.invoke(listNotifications, { limit: NOTIFICATIONS_SHOWN }).subscribe({
      next: (page) => {
        if (this.user !== user) return;
        // What the stream brought meanwhile stays; the page fills in the rest.
        const known = new Map(this.state().map((n) => [n.id, n]));
        for (const n of page.items) known.set(n.id, n);
        this.state.set(newestFirst([...known.values()]));
        this.unread.set(page.unreadCount);
        if (!this.lastEventId && page.items[0]) this.lastEventId = page.items[0].id;
      },
      error: () => undefined,
    });
  }

  /** Takes a notification the stream brought: new ones are added and counted. */
  receive(n: Notification): void {
    if (this.state().some((x) => x.id === n.id)) return;
    this.state.update((list) => newestFirst([n, ...list]).slice(0, NOTIFICATIONS_SHOWN * 2));
    if (!n.readAt) this.unread.update((c) => c + 1);
    if (!this.lastEventId || n.id > this.lastEventId) this.lastEventId = n.id;
    this.arrived.set(n);
  }

  private onSession(token: string | null, user: string | null): void {
    if (!token || !user) {
      this.stop();
      this.user = null;
      this.lastEventId = null;
      this.state.set([]);
      this.unread.set(0);
      this.arrived.set(null);
      return;
    }
    if (user !== this.user) {
      this.stop();
      this.user = user;
      this.lastEventId = null;
      this.state.set([]);
      this.unread.set(0);
      this.reload();
    }
    // A new token: the open stream was opened with the old one; open it again with this one.
    this.open(token);
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = null;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.live.set(false);
  }

  private open(token: string): void {
    this.stop();
    const controller = new AbortController();
    this.abort = controller;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'text/event-stream',
    };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    void this.read(controller, headers).then((opened) => {
      if (controller.signal.aborted || this.abort !== controller) return;
      this.live.set(false);
      this.attempt = opened ? 0 : this.attempt + 1;
      const delay = opened ? BACKOFF_MS.first : backoffDelay(this.attempt);
      this.cancelRetry = this.schedule(() => {
        const current = this.auth.token();
        if (current && this.abort === controller) this.open(current);
      }, delay);
    });
  }

  /** Reads one stream to its end; whether it opened. */
  private async read(
    controller: AbortController,
    headers: Record<string, string>,
  ): Promise<boolean> {
    let response: Response;
    try {
      response = await this.fetcher(STREAM_URL, {
        headers,
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch {
      return false;
    }
    if (!response.ok || !response.body) return false;
    this.live.set(true);
    const parser = createParser({
      onEvent: (event: EventSourceMessage) => {
        if (event.event !== 'notification') return;
        try {
          this.receive(JSON.parse(event.data) as Notification);
        } catch {
          // Not a notification: skipped.
        }
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // The connection broke (or was aborted).
    }
    return true;
  }

  private replace(n: Notification): void {
    this.state.update((list) => list.map((x) => (x.id === n.id ? n : x)));
  }
}

function newestFirst(list: Notification[]): Notification[] {
  return [...list].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
