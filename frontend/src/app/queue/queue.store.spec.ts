import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KARI, queueItem, session } from '../../testing/fixtures';
import { provideTestI18n } from '../../testing/i18n';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { PAGE_SIZE, QueueStore } from './queue.store';

const LATER = new Date(Date.now() + 30 * 60_000).toISOString();

function setup() {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER)));
  TestBed.configureTestingModule({
    providers: [
      QueueStore,
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestI18n(),
    ],
  });
  return { store: TestBed.inject(QueueStore), http: TestBed.inject(HttpTestingController) };
}

function expectList(http: HttpTestingController): TestRequest {
  return http.expectOne((r) => r.url === '/api/applications' && r.method === 'GET');
}

function page(ids: number[], nextCursor: string | null) {
  return { items: ids.map((n) => queueItem(n)), nextCursor };
}

describe('QueueStore', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('asks for the first 50 of my open cases, most urgent first', () => {
    const { store, http } = setup();
    store.init('mine');

    const req = expectList(http);
    const p = req.request.params;
    expect(p.get('queue')).toBe('mine');
    expect(p.has('assignee')).toBe(false);
    expect(p.get('status')).toBe('received,in_review,awaiting_applicant,recommended');
    expect(p.get('sort')).toBe('slaDueAt');
    expect(p.get('limit')).toBe(String(PAGE_SIZE));
    expect(p.has('cursor')).toBe(false);
    expect(store.loading()).toBe(true);

    req.flush(page([1, 2], 'c1'));
    expect(store.loading()).toBe(false);
    expect(store.items().map((i) => i.reference)).toEqual(['PIO-2026-000001', 'PIO-2026-000002']);
    expect(store.pageIndex()).toBe(0);
    expect(store.hasPrevious()).toBe(false);
    expect(store.hasNext()).toBe(true);
  });

  it('pages forward with the server cursor and back with the cursors it kept', () => {
    const { store, http } = setup();
    store.init('all');
    const first = expectList(http);
    expect(first.request.params.has('assignee')).toBe(false);
    first.flush(page([1, 2], 'c1'));

    store.next();
    const second = expectList(http);
    expect(second.request.params.get('cursor')).toBe('c1');
    second.flush(page([3, 4], 'c2'));
    expect(store.pageIndex()).toBe(1);
    expect(store.hasPrevious()).toBe(true);

    store.next();
    const third = expectList(http);
    expect(third.request.params.get('cursor')).toBe('c2');
    third.flush(page([5], null));
    expect(store.pageIndex()).toBe(2);
    expect(store.hasNext()).toBe(false);

    store.next();
    http.expectNone('/api/applications');

    store.previous();
    const backToSecond = expectList(http);
    expect(backToSecond.request.params.get('cursor')).toBe('c1');
    backToSecond.flush(page([3, 4], 'c2'));
    expect(store.items().map((i) => i.id)).toEqual(['id-3', 'id-4']);

    store.previous();
    const backToFirst = expectList(http);
    expect(backToFirst.request.params.has('cursor')).toBe(false);
    backToFirst.flush(page([1, 2], 'c1'));
    expect(store.pageIndex()).toBe(0);
    expect(store.hasPrevious()).toBe(false);

    store.previous();
    http.expectNone('/api/applications');
  });

  it('goes back to the first page when a filter or the sort changes', () => {
    const { store, http } = setup();
    store.init('all');
    expectList(http).flush(page([1], 'c1'));
    store.next();
    expectList(http).flush(page([2], 'c2'));
    expect(store.pageIndex()).toBe(1);

    store.setFilters({ sizeClass: 'small', overdue: true, statuses: ['received'] });
    const filtered = expectList(http);
    expect(filtered.request.params.has('cursor')).toBe(false);
    expect(filtered.request.params.get('sizeClass')).toBe('small');
    expect(filtered.request.params.get('overdue')).toBe('true');
    expect(filtered.request.params.get('status')).toBe('received');
    filtered.flush(page([9], 'c9'));
    expect(store.pageIndex()).toBe(0);

    store.next();
    expectList(http).flush(page([10], null));
    store.setSort({ active: 'requestedAmount', direction: 'desc' });
    const sorted = expectList(http);
    expect(sorted.request.params.get('sort')).toBe('-requestedAmount');
    expect(sorted.request.params.has('cursor')).toBe(false);
    sorted.flush(page([11], null));
    expect(store.pageIndex()).toBe(0);
  });

  it('asks for every status when no status chip is chosen', () => {
    const { store, http } = setup();
    store.init('all', { statuses: [] });
    expect(expectList(http).request.params.has('status')).toBe(false);
  });

  it('searches 300 ms after the last keystroke, once', () => {
    jest.useFakeTimers();
    try {
      const { store, http } = setup();
      store.init('all');
      expectList(http).flush(page([1], null));

      store.search('f');
      jest.advanceTimersByTime(100);
      store.search('fj');
      jest.advanceTimersByTime(100);
      store.search('fjord ');
      jest.advanceTimersByTime(299);
      http.expectNone('/api/applications');

      jest.advanceTimersByTime(1);
      const req = expectList(http);
      expect(req.request.params.get('q')).toBe('fjord');
      req.flush(page([2], null));
      expect(store.filters().q).toBe('fjord');
    } finally {
      jest.useRealTimers();
    }
  });

  it('asks the server for the cases whose reply-by date has passed (Svarfrist passert), and counts it as a filter', () => {
    const { store, http } = setup();
    store.init('awaitingApplicant');
    expect(expectList(http).request.params.has('replyOverdue')).toBe(false);
    expect(store.hasActiveFilters()).toBe(false);

    store.setFilters({ replyOverdue: true });
    const filtered = expectList(http);
    expect(filtered.request.params.get('replyOverdue')).toBe('true');
    expect(filtered.request.params.get('queue')).toBe('awaiting-applicant');
    expect(store.hasActiveFilters()).toBe(true);
  });

  it('shows only the answer to the newest query when answers would cross', () => {
    const { store, http } = setup();
    store.init('all');
    const stale = expectList(http);
    store.setFilters({ overdue: true });
    const fresh = expectList(http);

    expect(stale.cancelled).toBe(true);
    fresh.flush(page([7], null));
    expect(store.items().map((i) => i.id)).toEqual(['id-7']);
  });

  it('keeps the place in the stack after a failed page, so Retry and Previous still work', () => {
    const { store, http } = setup();
    store.init('all');
    expectList(http).flush(page([1], 'c1'));
    store.next();
    expectList(http).flush({ status: 500 }, { status: 500, statusText: 'Server Error' });
    expect(store.error()).toBeTruthy();
    expect(store.items()).toEqual([]);
    expect(store.pageIndex()).toBe(1);

    store.reload();
    const retry = expectList(http);
    expect(retry.request.params.get('cursor')).toBe('c1');
    retry.flush(page([2], null));
    expect(store.error()).toBeNull();
  });

  it('lets a caseworker take a case with its version, then reloads the page', () => {
    const { store, http } = setup();
    store.init('unassigned');
    expectList(http).flush(page([1], null));

    store.take(queueItem(1, { version: 4 })).subscribe();
    const assign = http.expectOne('/api/applications/id-1/assign');
    expect(assign.request.body).toEqual({ assignee: 'kari', version: 4 });
    assign.flush({});
    expectList(http).flush(page([], null));
    expect(store.items()).toEqual([]);
    // The navigation's counts change with it.
    http.expectOne('/api/queues/counts').flush({ mine: 1, unassigned: 0 });
  });

  it("asks for the approver's queue by name, oldest recommendation first, without status chips", () => {
    const { store, http } = setup();
    store.init('toApprove');
    const p = expectList(http).request.params;
    expect(p.get('queue')).toBe('to-approve');
    expect(p.get('sort')).toBe('recommendedAt');
    expect(p.has('status')).toBe(false);
    expect(p.has('assignee')).toBe(false);
  });

  it('keeps the total of the first page for the pager, and sends the returned filter', () => {
    const { store, http } = setup();
    store.init('all');
    expectList(http).flush({ ...page([1, 2], 'c1'), total: 120, totalIsEstimate: false });
    expect(store.total()).toBe(120);
    expect(store.pageCount()).toBe(3);
    store.next();
    expectList(http).flush(page([3, 4], 'c2'));
    expect([store.pageIndex(), store.pageCount()]).toEqual([1, 3]);

    store.setFilters({ returned: true });
    const filtered = expectList(http);
    expect(filtered.request.params.get('returned')).toBe('true');
    expect(store.total()).toBeNull();
    filtered.flush({ ...page([1], null), total: 52_000, totalIsEstimate: true });
    expect([store.pageCount(), store.totalIsEstimate()]).toEqual([1040, true]);
  });

  it('assigns the selected cases in one request', () => {
    const { store, http } = setup();
    store.init('all');
    expectList(http).flush(page([1, 2, 3], null));
    store.toggle('id-1');
    store.toggle('id-3');
    expect(store.selectedCount()).toBe(2);

    store.assignSelected('ola').subscribe();
    const bulk = http.expectOne('/api/applications/bulk-assign');
    expect(bulk.request.body).toEqual({ assignee: 'ola', ids: ['id-1', 'id-3'] });
    bulk.flush({
      results: [
        { id: 'id-1', ok: true, status: 200 },
        { id: 'id-3', ok: true, status: 200 },
      ],
    });
    expectList(http).flush(page([1, 2, 3], null));
    expect(store.selectedCount()).toBe(0);
    http.expectOne('/api/queues/counts').flush({});
  });

  it('says how many cases were assigned, in the singular for one', () => {
    const { store, http } = setup();
    const success = jest
      .spyOn(TestBed.inject(ErrorNotifier), 'success')
      .mockImplementation(() => undefined);
    store.init('all');
    expectList(http).flush(page([1, 2], null));

    // Assigns the selected cases; the server answers ok or 409 per case.
    const assign = (answers: Record<string, boolean>) => {
      for (const id of Object.keys(answers)) store.toggle(id);
      store.assignSelected('ola').subscribe();
      http.expectOne('/api/applications/bulk-assign').flush({
        results: Object.entries(answers).map(([id, ok]) =>
          ok ? { id, ok, status: 200 } : { id, ok, status: 409, error: 'The case is closed' },
        ),
      });
      expectList(http).flush(page([1, 2], null));
      http.match('/api/queues/counts').forEach((r) => r.flush({}));
    };
    assign({ 'id-1': true });
    expect(success).toHaveBeenLastCalledWith('1 sak tildelt.');
    assign({ 'id-1': true, 'id-2': false });
    expect(success).toHaveBeenLastCalledWith('1 sak tildelt, 1 kunne ikke tildeles.');
    assign({ 'id-1': true, 'id-2': true });
    expect(success).toHaveBeenLastCalledWith('2 saker tildelt.');
  });
});
