import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { KARI, session } from '../../../testing/fixtures';
import { provideTestI18n } from '../../../testing/i18n';
import { Notification } from '../../api/models';
import { AuthStore, SESSION_STORAGE_KEY } from '../auth/auth.store';
import { notificationTexts, relativeTime } from './notification-bell.component';
import { BACKOFF_MS, NotificationsStore, STREAM_URL, backoffDelay } from './notifications.store';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

function notification(n: number, overrides: Partial<Notification> = {}): Notification {
  return {
    id: `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'assigned',
    applicationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    reference: `TS-2026-00000${n}`,
    actor: 'leder',
    actorName: 'Lene Leder',
    data: {},
    createdAt: '2026-12-03T10:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

describe('notification texts', () => {
  let t: (key: string, params?: Record<string, unknown>) => string;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
    const transloco = TestBed.inject(TranslocoService);
    t = (key, params) => transloco.translate(key, params);
  });

  it('says who acted by display name, and the reason of a return', () => {
    expect(notificationTexts(notification(1), t, (d) => d)).toEqual({
      title: 'Ny sak tildelt deg',
      text: 'Lene Leder har tildelt deg TS-2026-000001.',
    });
    const returned = notification(2, {
      kind: 'returned',
      actorName: 'Ingrid Berg',
      data: { reasonCode: 'wrong-result' },
    });
    expect(notificationTexts(returned, t, (d) => d).text).toBe(
      'Ingrid Berg returnerte TS-2026-000002 til deg: Feil resultat.',
    );
  });

  it('counts days and documents as Norwegian does', () => {
    const due = notification(3, {
      kind: 'deadline-soon',
      actor: null,
      actorName: null,
      data: { dueOn: '2026-12-10', daysLeft: 5 },
    });
    expect(notificationTexts(due, t, () => '10. des. 2026')).toEqual({
      title: 'Frist om 5 dager',
      text: 'TS-2026-000003 skal være avgjort innen 10. des. 2026.',
    });
    const reply = notification(4, {
      kind: 'reply-received',
      actor: 'portal',
      data: { documents: 1 },
    });
    expect(notificationTexts(reply, t, (d) => d)).toEqual({
      title: 'Søker har svart',
      text: 'Søkeren har svart på forespørselen i TS-2026-000004, med 1 dokument.',
    });
  });

  it('tells the time relatively, in the language', () => {
    const now = Date.parse('2026-12-03T10:05:00Z');
    expect(relativeTime('2026-12-03T10:00:00Z', now, 'nb')).toBe('for 5 minutter siden');
    expect(relativeTime('2026-12-03T10:00:00Z', now, 'en-GB')).toBe('5 minutes ago');
  });
});

describe('reconnecting', () => {
  it('waits longer after each failure, at most 30 seconds', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, mid))).toEqual([
      1000, 2000, 4000, 8000, 30_000,
    ]);
    expect(backoffDelay(20, () => 0.999)).toBeLessThanOrEqual(BACKOFF_MS.max * 1.2);
  });
});

describe('NotificationsStore', () => {
  afterEach(() => sessionStorage.clear());

  function setUp() {
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER)));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestI18n('nb'),
      ],
    });
    const store = TestBed.inject(NotificationsStore);
    const opened: { url: string; init: RequestInit }[] = [];
    const retries: { ms: number; run: () => void }[] = [];
    // A stream that the server refuses (503), so the store has to try again.
    store.fetcher = async (url, init) => {
      opened.push({ url, init });
      return new Response(null, { status: 503 });
    };
    store.schedule = (run, ms) => {
      retries.push({ ms, run });
      return () => undefined;
    };
    TestBed.tick();
    return {
      store,
      opened,
      retries,
      http: TestBed.inject(HttpTestingController),
      auth: TestBed.inject(AuthStore),
    };
  }

  it('loads the newest with the unread count, opens the stream with the token in a header, and backs off', async () => {
    const { store, opened, retries, http } = setUp();
    http
      .expectOne((r) => r.url === '/api/notifications')
      .flush({ items: [notification(1)], unreadCount: 1, nextCursor: null });
    expect(store.unreadCount()).toBe(1);
    await new Promise((r) => setTimeout(r));
    expect(opened[0].url).toBe(STREAM_URL);
    expect((opened[0].init.headers as Record<string, string>)['Authorization']).toBe(
      'Bearer token-1',
    );
    expect(opened[0].url).not.toContain('token');
    expect(retries[0].ms).toBeGreaterThanOrEqual(BACKOFF_MS.first * 2 * 0.8);
    retries[0].run();
    await new Promise((r) => setTimeout(r));
    // Again, naming the last one it has.
    expect((opened[1].init.headers as Record<string, string>)['Last-Event-ID']).toBe(
      notification(1).id,
    );
  });

  it('counts a pushed notification once, marks read, and forgets everything at logout', async () => {
    const { store, opened, http, auth } = setUp();
    http
      .expectOne((r) => r.url === '/api/notifications')
      .flush({ items: [], unreadCount: 0, nextCursor: null });
    const pushed = notification(7, { kind: 'returned' });
    store.receive(pushed);
    store.receive(pushed);
    expect(store.unreadCount()).toBe(1);
    expect(store.arrived()?.id).toBe(pushed.id);
    store.markRead(store.items()[0])?.subscribe();
    expect(store.unreadCount()).toBe(0);
    http
      .expectOne(`/api/notifications/${pushed.id}/read`)
      .flush({ ...pushed, readAt: '2026-12-03T10:01:00.000Z' });
    expect(store.items()[0].readAt).toBe('2026-12-03T10:01:00.000Z');
    await new Promise((r) => setTimeout(r));
    auth.clear();
    TestBed.tick();
    expect(store.items()).toEqual([]);
    expect(opened[opened.length - 1].init.signal?.aborted).toBe(true);
  });
});
