import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { Observable, Subject, catchError, debounceTime, map, of, switchMap, tap } from 'rxjs';
import { ApplicationsApi } from '../core/api/applications.api';
import {
  CaseStatus,
  OPEN_STATUSES,
  QueueItem,
  QueueName,
  QueuePage,
  QueueQuery,
  QueueSort,
  QueueSortKey,
  SizeClass,
} from '../core/api/models';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { QueueCountsStore } from '../core/shell/queue-counts.store';

export type QueueView =
  'mine' | 'unassigned' | 'toApprove' | 'awaitingApplicant' | 'returnedToMe' | 'all';

/** The server's named queue of each view (`queue=` in API.md); All cases has none. */
export const SERVER_QUEUE: Record<QueueView, QueueName | undefined> = {
  mine: 'mine',
  unassigned: 'unassigned',
  toApprove: 'to-approve',
  awaitingApplicant: 'awaiting-applicant',
  returnedToMe: 'returned-to-me',
  all: undefined,
};

/** The views whose cases are of any status, so the status chips narrow them. */
export const VIEWS_WITH_STATUS_FILTER: readonly QueueView[] = ['mine', 'unassigned', 'all'];
export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 300;

export interface QueueFilters {
  statuses: CaseStatus[];
  sizeClass: SizeClass | null;
  overdue: boolean;
  /** Only cases waiting for the applicant past the reply-by date ("Svarfrist passert"). */
  replyOverdue: boolean;
  /** Only cases whose latest evaluation has a rule at this outcome. */
  flag: RuleFlag | null;
  /** Only cases an approver has returned. */
  returned: boolean;
  q: string;
  /** Only this caseworker's cases (a username), as the dashboard's workload links ask. */
  assignee: string | null;
}

export const RULE_FLAGS = ['fail', 'missing', 'refer', 'assess'] as const;
export type RuleFlag = (typeof RULE_FLAGS)[number];

export interface QueueSortState {
  active: QueueSortKey;
  direction: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: QueueFilters = {
  statuses: [...OPEN_STATUSES],
  sizeClass: null,
  overdue: false,
  replyOverdue: false,
  flag: null,
  returned: false,
  q: '',
  assignee: null,
};

/** The most urgent first. */
export const DEFAULT_SORT: QueueSortState = { active: 'slaDueAt', direction: 'asc' };

/** Each view's own order: the approver's queue the oldest recommendation first, the others the most urgent. */
export function defaultSort(view: QueueView): QueueSortState {
  return view === 'toApprove' ? { active: 'recommendedAt', direction: 'asc' } : DEFAULT_SORT;
}

export function toSortParam(sort: QueueSortState): QueueSort {
  return sort.direction === 'desc' ? `-${sort.active}` : sort.active;
}

type LoadResult = { ok: true; page: QueuePage } | { ok: false; error: unknown };

/**
 * One queue (a named queue of the server's, or all cases) with its filters, sort and keyset paging.
 * The server pages by opaque cursor; going back is done with a stack of the
 * cursors that led to each page shown so far.
 */
@Injectable()
export class QueueStore {
  private readonly api = inject(ApplicationsApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly counts = inject(QueueCountsStore);

  readonly view = signal<QueueView>('all');
  readonly filters = signal<QueueFilters>(DEFAULT_FILTERS);
  readonly sort = signal<QueueSortState>(DEFAULT_SORT);

  /** cursors[i] fetched page i; the last one is the page on screen (page 0 has none). */
  private readonly cursors = signal<(string | null)[]>([null]);
  readonly items = signal<QueueItem[]>([]);
  readonly nextCursor = signal<string | null>(null);
  /** How many cases the view holds, from its first page (later pages keep it). */
  readonly total = signal<number | null>(null);
  readonly totalIsEstimate = signal(false);
  /** Pages in all, when the total is known. */
  readonly pageCount = computed(() => {
    const total = this.total();
    return total === null ? null : Math.max(1, Math.ceil(total / PAGE_SIZE));
  });
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<unknown>(null);
  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly busy = signal(false);

  readonly pageIndex = computed(() => this.cursors().length - 1);
  readonly hasPrevious = computed(() => this.pageIndex() > 0);
  readonly hasNext = computed(() => this.nextCursor() !== null);
  readonly selectedCount = computed(() => this.selected().size);
  readonly allSelected = computed(() => {
    const items = this.items();
    const selected = this.selected();
    return items.length > 0 && items.every((i) => selected.has(i.id));
  });
  readonly hasActiveFilters = computed(() => {
    const f = this.filters();
    return (
      f.sizeClass !== null ||
      f.overdue ||
      f.replyOverdue ||
      f.flag !== null ||
      f.returned ||
      f.q !== '' ||
      f.assignee !== null
    );
  });

  private readonly requests = new Subject<QueueQuery>();
  private readonly searchTerms = new Subject<string>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.requests
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        // A newer query wins; the answer to an older one is dropped.
        switchMap((query) => this.fetch(query)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.loaded.set(true);
        if (result.ok) {
          this.items.set(result.page.items);
          this.nextCursor.set(result.page.nextCursor);
          if (result.page.total !== undefined) {
            this.total.set(result.page.total);
            this.totalIsEstimate.set(result.page.totalIsEstimate ?? false);
          }
          this.selected.set(new Set());
        } else {
          this.items.set([]);
          this.nextCursor.set(null);
          this.total.set(null);
          this.selected.set(new Set());
          this.error.set(result.error);
        }
      });

    this.searchTerms
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed(destroyRef))
      .subscribe((q) => {
        if (q !== this.filters().q) this.setFilters({ q });
      });
  }

  init(
    view: QueueView,
    filters: Partial<QueueFilters> = {},
    sort: QueueSortState = defaultSort(view),
  ): void {
    this.view.set(view);
    this.filters.set({ ...DEFAULT_FILTERS, ...filters });
    this.sort.set(sort);
    this.firstPage();
  }

  setFilters(patch: Partial<QueueFilters>): void {
    this.filters.update((f) => ({ ...f, ...patch }));
    this.firstPage();
  }

  clearFilters(): void {
    this.filters.set({ ...DEFAULT_FILTERS });
    this.firstPage();
  }

  setSort(sort: QueueSortState): void {
    this.sort.set(sort);
    this.firstPage();
  }

  /** Search as the user types; the query goes out 300 ms after the last keystroke. */
  search(term: string): void {
    this.searchTerms.next(term.trim());
  }

  next(): void {
    const cursor = this.nextCursor();
    if (cursor === null || this.loading()) return;
    this.cursors.update((stack) => [...stack, cursor]);
    this.load();
  }

  previous(): void {
    if (!this.hasPrevious() || this.loading()) return;
    this.cursors.update((stack) => stack.slice(0, -1));
    this.load();
  }

  /** Fetches the page on screen again. */
  reload(): void {
    this.load();
  }

  toggle(id: string): void {
    this.selected.update((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  clearSelection(): void {
    this.selected.set(new Set());
  }

  toggleAll(): void {
    this.selected.set(this.allSelected() ? new Set() : new Set(this.items().map((i) => i.id)));
  }

  /** The signed-in caseworker takes an unassigned case. */
  take(item: QueueItem): Observable<boolean> {
    const me = this.auth.user()?.username;
    if (!me) return of(false);
    this.busy.set(true);
    return this.api.assign(item.id, me, item.version).pipe(
      map(() => {
        this.busy.set(false);
        this.notifier.success(
          this.transloco.translate('queue.taken', { reference: item.reference }),
        );
        this.reload();
        this.counts.refresh();
        return true;
      }),
      catchError((err: unknown) => {
        this.busy.set(false);
        this.notifier.notify(err, { onReload: () => this.reload() });
        return of(false);
      }),
    );
  }

  /** Assigns every selected case to one caseworker (or to nobody), and reports how it went. */
  assignSelected(assignee: string | null): Observable<boolean> {
    const ids = [...this.selected()];
    if (!ids.length) return of(false);
    this.busy.set(true);
    return this.api.bulkAssign(assignee, ids).pipe(
      map(({ results }) => {
        this.busy.set(false);
        const failed = results.filter((r) => !r.ok).length;
        const ok = results.length - failed;
        this.notifier.success(
          failed
            ? this.transloco.translate(ok === 1 ? 'queue.bulk.partialOne' : 'queue.bulk.partial', {
                ok,
                failed,
              })
            : this.transloco.translate(ok === 1 ? 'queue.bulk.doneOne' : 'queue.bulk.done', { ok }),
        );
        this.reload();
        this.counts.refresh();
        return failed === 0;
      }),
      catchError((err: unknown) => {
        this.busy.set(false);
        this.notifier.notify(err, { onReload: () => this.reload() });
        return of(false);
      }),
    );
  }

  private firstPage(): void {
    this.cursors.set([null]);
    this.total.set(null);
    this.load();
  }

  /** The view's filters and sort as the server's query, without paging (what the export takes). */
  viewQuery(): QueueQuery {
    const filters = this.filters();
    const view = this.view();
    return {
      queue: SERVER_QUEUE[view],
      status: VIEWS_WITH_STATUS_FILTER.includes(view) ? filters.statuses : undefined,
      sizeClass: filters.sizeClass,
      overdue: filters.overdue,
      replyOverdue: filters.replyOverdue || undefined,
      flag: filters.flag,
      returned: filters.returned || undefined,
      assignee: filters.assignee ?? undefined,
      q: filters.q,
      sort: toSortParam(this.sort()),
    };
  }

  private load(): void {
    const stack = this.cursors();
    this.requests.next({ ...this.viewQuery(), limit: PAGE_SIZE, cursor: stack[stack.length - 1] });
  }

  private fetch(query: QueueQuery): Observable<LoadResult> {
    return this.api.list(query).pipe(
      map((page): LoadResult => ({ ok: true, page })),
      catchError((error: unknown) => of<LoadResult>({ ok: false, error })),
    );
  }
}
